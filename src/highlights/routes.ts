// The highlights API (create, list a story's, delete) and a reader's highlights page.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { notFound } from '../http/errors.ts'
import { sendPage } from '../web/render.ts'
import * as highlights from './service.ts'
import { HighlightsPage } from './views.tsx'

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 300 }) })
type SlugParams = Static<typeof SlugParams>
const IdParams = Type.Object({ id: Type.String({ maxLength: 20 }) })
type IdParams = Static<typeof IdParams>
const Offset = Type.Integer({ minimum: 0, maximum: 1_000_000 })
const CreateHighlightBody = Type.Object({
  highlight: Type.Object({
    blockId: Type.String({ minLength: 1, maxLength: 64, description: "The block's (or list item's) id: the `id` of its element on the story page" }),
    start: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: "Character offset into the block's text where the passage begins" }),
    end: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'Offset just past its end' }),
  }, { additionalProperties: false }),
}, { additionalProperties: false })
type CreateHighlightBody = Static<typeof CreateHighlightBody>
const HighlightJson = Type.Object({
  id: Type.Integer(), blockId: Type.String(), start: Offset, end: Offset, quote: Type.String(),
  detached: Type.Boolean({ description: 'The passage is no longer in the story (its block was deleted)' }),
  createdAt: Type.String({ format: 'date-time' }),
})
const TopHighlightJson = Type.Object({ blockId: Type.String(), start: Offset, end: Offset, quote: Type.String(), readers: Type.Integer() })
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) })
type PageQuery = Static<typeof PageQuery>
const PER_PAGE = 30
const tags = ['Highlights']

function present(h: highlights.Highlight) {
  return { id: h.id, blockId: h.blockId, start: h.start, end: h.end, quote: h.quote, detached: h.detached, createdAt: h.createdAt.toISOString() }
}

export const highlightRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  app.post<{ Params: SlugParams; Body: CreateHighlightBody }>('/api/articles/:slug/highlights', {
    schema: {
      tags, summary: 'Highlight a passage (422 for a range that is empty, inverted or outside the block)', security: [{ Token: [] }],
      params: SlugParams, body: CreateHighlightBody, response: { 201: Type.Object({ highlight: HighlightJson }) },
    },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const created = await highlights.highlight(db, viewer.id, request.params.slug, request.body.highlight)
    reply.code(201)
    return { highlight: present(created) }
  })

  app.get<{ Params: SlugParams }>('/api/articles/:slug/highlights', {
    schema: {
      tags, summary: "The reader's highlights on an article (none signed out) and its top highlight", params: SlugParams,
      response: { 200: Type.Object({ highlights: Type.Array(HighlightJson), topHighlight: Type.Union([TopHighlightJson, Type.Null()]) }) },
    },
  }, async (request, reply) => {
    const { mine, top } = await highlights.highlightsOf(db, request.params.slug, request.viewer?.id ?? null)
    // Per reader: the story page stays cacheable, and this small answer carries what differs.
    reply.header('cache-control', 'private, no-store')
    return { highlights: mine.map(present), topHighlight: top }
  })

  app.delete<{ Params: IdParams }>('/api/highlights/:id', {
    schema: { tags, summary: 'Remove one of your highlights', security: [{ Token: [] }], params: IdParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const id = /^[1-9][0-9]{0,9}$/.test(request.params.id) ? Number(request.params.id) : 0
    if (!id || id > 2_147_483_647) throw notFound('highlight', 'highlight_not_found')
    await highlights.deleteHighlight(db, viewer.id, id)
    reply.code(204).send()
  })

  app.post<{ Params: IdParams }>('/me/highlights/:id/delete', { schema: { params: IdParams } }, async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fme%2Fhighlights', 303)
    const id = /^[1-9][0-9]{0,9}$/.test(request.params.id) ? Number(request.params.id) : 0
    if (!id || id > 2_147_483_647) throw notFound('highlight', 'highlight_not_found')
    await highlights.deleteHighlight(db, request.viewer.id, id)
    reply.redirect('/me/highlights', 303)
  })

  app.get<{ Querystring: PageQuery }>('/me/highlights', { schema: { querystring: PageQuery } }, async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fme%2Fhighlights', 303)
    const page = request.query.page ?? 1
    const list = await highlights.readerHighlights(db, request.viewer.id, PER_PAGE + 1, (page - 1) * PER_PAGE)
    reply.header('cache-control', 'private, no-cache')
    sendPage(reply, HighlightsPage({ viewer: request.viewer, highlights: list.slice(0, PER_PAGE), olderHref: list.length > PER_PAGE ? `/me/highlights?page=${page + 1}` : undefined }))
  })
}
