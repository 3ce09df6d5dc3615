// Tag pages (/tag/<key>, in four orders) and following a tag, as a plain form and through the
// API. GET /api/tags itself (RealWorld's list) stays with the stories API.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { safeNext, sendPage } from '../web/render.ts'
import { tagKey } from '../stories/tags.ts'
import { tagHead } from '../seo/page-heads.tsx'
import * as tags from './service.ts'
import { TagPage, tagHref } from './views.tsx'

const PER_PAGE = 10

const TagParams = Type.Object({ tag: Type.String({ maxLength: 200 }) })
type TagParams = Static<typeof TagParams>
const TagPageQuery = Type.Object({
  sort: Type.Optional(Type.Union(tags.TAG_SORTS.map((sort) => Type.Literal(sort)), { default: 'latest' })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
})
type TagPageQuery = Static<typeof TagPageQuery>
const NextForm = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) })
type NextForm = Static<typeof NextForm>

const TagSchema = Type.Object({
  name: Type.String({ description: 'As first written ("Machine Learning")' }),
  key: Type.String({ description: 'How addresses name it ("machine-learning")' }),
  followersCount: Type.Integer(),
  following: Type.Boolean({ description: 'The reader follows the tag' }),
})
const TagResponse = Type.Object({ tag: TagSchema })
const apiTags = ['Tags']

export const tagRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.get<{ Params: TagParams; Querystring: TagPageQuery }>('/tag/:tag', { schema: { params: TagParams, querystring: TagPageQuery } }, async (request, reply) => {
    const key = tagKey(request.params.tag)
    const sort = request.query.sort ?? 'latest'
    const page = request.query.page ?? 1
    if (key !== request.params.tag) return reply.redirect(tagHref(key, sort, page), 301)
    const tag = await tags.tagPage(db, key, { sort, limit: PER_PAGE, offset: (page - 1) * PER_PAGE }, request.viewer?.id ?? null)
    const moreHref = page * PER_PAGE < tag.count ? tagHref(key, sort, page + 1) : undefined
    const head = tagHead({ baseUrl: config.baseUrl, key, name: tag.name, description: `Stories about ${tag.name} on Ovation.`, page })
    // A later page past the end is no page at all; the first page of an unknown tag says so.
    sendPage(reply, TagPage({ viewer: request.viewer, tag, sort, page, moreHref, head }), tag.cards.length || page === 1 ? 200 : 404)
  })

  app.post<{ Params: TagParams; Body: NextForm }>('/tag/:tag/follow', { schema: { params: TagParams, body: NextForm } }, async (request, reply) => {
    const back = backTo(request.params.tag, request.body.next)
    if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(back)}`, 303)
    await tags.followTag(db, request.viewer.id, request.params.tag)
    reply.redirect(back, 303)
  })

  app.post<{ Params: TagParams; Body: NextForm }>('/tag/:tag/unfollow', { schema: { params: TagParams, body: NextForm } }, async (request, reply) => {
    const back = backTo(request.params.tag, request.body.next)
    if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(back)}`, 303)
    await tags.unfollowTag(db, request.viewer.id, request.params.tag)
    reply.redirect(back, 303)
  })

  app.post<{ Params: TagParams }>('/api/tags/:tag/follow', {
    schema: { tags: apiTags, summary: 'Follow a tag', security: [{ Token: [] }], params: TagParams, response: { 200: TagResponse } },
  }, async (request) => ({ tag: await tags.followTag(db, requireViewer(request).id, request.params.tag) }))

  app.delete<{ Params: TagParams }>('/api/tags/:tag/follow', {
    schema: { tags: apiTags, summary: 'Stop following a tag', security: [{ Token: [] }], params: TagParams, response: { 200: TagResponse } },
  }, async (request) => ({ tag: await tags.unfollowTag(db, requireViewer(request).id, request.params.tag) }))
}

/** Where a follow form returns: the page it was pressed on, else the tag page. */
function backTo(tag: string, next: string | undefined): string {
  return next === undefined ? tagHref(tagKey(tag), 'latest') : safeNext(next)
}
