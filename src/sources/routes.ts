// GET /api/articles/:slug/sources (anyone who may read the story), adding and removing sources
// (those who may edit it) over the API and on the plain sources page (/edit/<slug>/sources), and
// GET /api/articles/:slug/check: the editorial check's warnings.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer, type Viewer } from '../http/auth.ts'
import { SlugParams } from '../stories/schemas.ts'
import { AppError } from '../http/errors.ts'
import { sendPage } from '../web/render.ts'
import { addSource, checkStory, removeSource, sourcesForEditing, sourcesOfStory } from './service.ts'
import { SourcesPage, type SourcesPageProps } from './views.tsx'

const Optional = Type.Optional

const SourceSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  author: Optional(Type.String({ description: 'Author or publisher' })),
  url: Optional(Type.String({ description: 'http(s) only' })),
  date: Optional(Type.String({ description: 'YYYY, YYYY-MM or YYYY-MM-DD' })),
  excerpt: Optional(Type.String({ description: 'A quoted excerpt' })),
  notes: Type.Array(Type.Integer(), { description: 'Numbers of the footnotes citing it' }),
})

const WarningSchema = Type.Object({
  kind: Type.Union([Type.Literal('unsourced_quote'), Type.Literal('insecure_link')]),
  blockId: Type.Union([Type.String(), Type.Null()]),
  quote: Optional(Type.String()),
  url: Optional(Type.String()),
  message: Type.String(),
})

const NewSourceBody = Type.Object({
  source: Type.Object({
    title: Type.String({ maxLength: 10_000 }),
    author: Optional(Type.String({ maxLength: 10_000 })),
    url: Optional(Type.String({ maxLength: 10_000 })),
    date: Optional(Type.String({ maxLength: 100 })),
    excerpt: Optional(Type.String({ maxLength: 100_000 })),
  }, { additionalProperties: false }),
  version: Optional(Type.Integer({ minimum: 1, description: "The story's version this change was made to" })),
}, { additionalProperties: false })
type NewSourceBody = Static<typeof NewSourceBody>

const SourceParams = Type.Object({ slug: Type.String({ maxLength: 300 }), id: Type.String({ maxLength: 32 }) })
type SourceParams = Static<typeof SourceParams>

const SourceForm = Type.Object({
  title: Optional(Type.String({ maxLength: 10_000 })),
  author: Optional(Type.String({ maxLength: 10_000 })),
  url: Optional(Type.String({ maxLength: 10_000 })),
  date: Optional(Type.String({ maxLength: 100 })),
  excerpt: Optional(Type.String({ maxLength: 100_000 })),
})
type SourceForm = Static<typeof SourceForm>

const tags = ['Sources']

export const sourceRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  app.get<{ Params: SlugParams }>('/api/articles/:slug/sources', {
    schema: { tags, summary: "A story's sources", params: SlugParams, response: { 200: Type.Object({ sources: Type.Array(SourceSchema) }) } },
  }, async (request) => ({ sources: await sourcesOfStory(db, request.params.slug, request.viewer?.id ?? null) }))

  app.get<{ Params: SlugParams }>('/api/articles/:slug/check', {
    schema: {
      tags,
      summary: 'The editorial check: quotations without a source and links that are not https (warnings only)',
      security: [{ Token: [] }],
      params: SlugParams,
      response: { 200: Type.Object({ check: Type.Object({ warnings: Type.Array(WarningSchema) }) }) },
    },
  }, async (request) => {
    const viewer = requireViewer(request)
    const warnings = await checkStory(db, request.params.slug, viewer.id)
    return { check: { warnings: warnings.map((warning) => ({ ...warning, blockId: warning.blockId ?? null })) } }
  })

  app.post<{ Params: SlugParams; Body: NewSourceBody }>('/api/articles/:slug/sources', {
    schema: {
      tags,
      summary: "Add a source to a story's list (the editor attaches it to passages as footnotes)",
      security: [{ Token: [] }],
      params: SlugParams,
      body: NewSourceBody,
      response: { 201: Type.Object({ source: SourceSchema }) },
    },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const source = await addSource(db, viewer.id, request.params.slug, request.body.source, request.body.version)
    return reply.code(201).send({ source })
  })

  app.delete<{ Params: SourceParams }>('/api/articles/:slug/sources/:id', {
    schema: { tags, summary: 'Remove a source (notes citing it keep their text)', security: [{ Token: [] }], params: SourceParams },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await removeSource(db, viewer.id, request.params.slug, request.params.id)
    return reply.code(204).send()
  })

  // The sources page: plain forms, for writing without the editor.
  const page = async (viewer: Viewer, slug: string, values: SourcesPageProps['values'], errors: SourcesPageProps['errors']) => {
    const { story, sources } = await sourcesForEditing(db, viewer.id, slug)
    return SourcesPage({ viewer, slug, title: story.row.title, sources, values, errors })
  }
  const blank = { title: '', author: '', url: '', date: '', excerpt: '' }

  app.get<{ Params: SlugParams }>('/edit/:slug/sources', { schema: { params: SlugParams } }, async (request, reply) => {
    if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(request.url)}`, 303)
    sendPage(reply, await page(request.viewer, request.params.slug, blank, {}))
  })

  app.post<{ Params: SlugParams; Body: SourceForm }>('/edit/:slug/sources', { schema: { params: SlugParams, body: SourceForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const values = { ...blank, ...request.body }
    try {
      await addSource(db, viewer.id, request.params.slug, values)
      reply.redirect(`/edit/${request.params.slug}/sources`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error
      sendPage(reply, await page(viewer, request.params.slug, values, error.fields), 422)
    }
  })

  app.post<{ Params: SourceParams }>('/edit/:slug/sources/:id/delete', { schema: { params: SourceParams } }, async (request, reply) => {
    const viewer = requireViewer(request)
    await removeSource(db, viewer.id, request.params.slug, request.params.id)
    reply.redirect(`/edit/${request.params.slug}/sources`, 303)
  })
}
