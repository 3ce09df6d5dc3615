// Following publications (API and plain forms), the feeds as JSON, and followers lists.
// The home page itself (src/home) renders the feeds for a signed-in reader.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { safeNext, sendPage } from '../web/render.ts'
import { ArticleListItemSchema } from '../stories/schemas.ts'
import { presentArticle } from '../stories/service.ts'
import { profileOf } from '../profiles/service.ts'
import * as feed from './service.ts'
import { PeoplePage } from './views.tsx'

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 200 }) })
type SlugParams = Static<typeof SlugParams>
const NextForm = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) })
type NextForm = Static<typeof NextForm>
const PublicationFollowResponse = Type.Object({
  publication: Type.Object({ slug: Type.String(), name: Type.String(), followersCount: Type.Integer(), following: Type.Boolean() }),
})
const FeedQuery = Type.Object({
  tab: Type.Optional(Type.Union([Type.Literal('for-you'), Type.Literal('following')], { default: 'for-you' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
})
type FeedQuery = Static<typeof FeedQuery>
const FeedResponse = Type.Object({
  articles: Type.Array(ArticleListItemSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page; null at the end' }),
})
const PeopleParams = Type.Object({ username: Type.String({ maxLength: 200 }) })
type PeopleParams = Static<typeof PeopleParams>
const PeopleQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) })
type PeopleQuery = Static<typeof PeopleQuery>
const PEOPLE_PER_PAGE = 30

export const feedHomeRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.post<{ Params: SlugParams }>('/api/publications/:slug/follow', {
    schema: { tags: ['Publications'], summary: 'Follow a publication', security: [{ Token: [] }], params: SlugParams, response: { 200: PublicationFollowResponse } },
  }, async (request) => ({ publication: await feed.followPublication(db, requireViewer(request).id, request.params.slug) }))

  app.delete<{ Params: SlugParams }>('/api/publications/:slug/follow', {
    schema: { tags: ['Publications'], summary: 'Stop following a publication', security: [{ Token: [] }], params: SlugParams, response: { 200: PublicationFollowResponse } },
  }, async (request) => ({ publication: await feed.unfollowPublication(db, requireViewer(request).id, request.params.slug) }))

  app.get<{ Querystring: FeedQuery }>('/api/feed', {
    schema: {
      tags: ['Articles'],
      summary: 'The home feeds: "for-you" (ranked, see the README) or "following" (newest first), by cursor',
      security: [{ Token: [] }], querystring: FeedQuery, response: { 200: FeedResponse },
    },
  }, async (request) => {
    const viewer = requireViewer(request)
    const { tab = 'for-you', cursor, limit = 20 } = request.query
    const page = tab === 'following' ? await feed.followingFeed(db, viewer.id, cursor, limit) : await feed.forYouFeed(db, viewer.id, cursor, limit)
    return { articles: page.items.map((story) => presentArticle(story, config.baseUrl, false)), nextCursor: page.nextCursor ?? null }
  })

  for (const action of ['follow', 'unfollow'] as const) {
    app.post<{ Params: SlugParams; Body: NextForm }>(`/publications/:slug/${action}`, { schema: { params: SlugParams, body: NextForm } }, async (request, reply) => {
      const back = request.body.next === undefined ? `/${request.params.slug}` : safeNext(request.body.next)
      if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(back)}`, 303)
      if (action === 'follow') await feed.followPublication(db, request.viewer.id, request.params.slug)
      else await feed.unfollowPublication(db, request.viewer.id, request.params.slug)
      reply.redirect(back, 303)
    })
  }

  for (const which of ['followers', 'following'] as const) {
    app.get<{ Params: PeopleParams; Querystring: PeopleQuery }>(`/@:username/${which}`, { schema: { params: PeopleParams, querystring: PeopleQuery } }, async (request, reply) => {
      const profile = await profileOf(db, request.params.username, request.viewer?.id ?? null)
      const page = request.query.page ?? 1
      const people = await feed.peopleOf(db, profile.user.id, which, PEOPLE_PER_PAGE + 1, (page - 1) * PEOPLE_PER_PAGE)
      const olderHref = people.length > PEOPLE_PER_PAGE ? `/@${profile.user.username}/${which}?page=${page + 1}` : undefined
      sendPage(reply, PeoplePage({
        viewer: request.viewer,
        person: { username: profile.user.username, name: profile.user.name },
        which,
        people: people.slice(0, PEOPLE_PER_PAGE),
        olderHref,
      }))
    })
  }
}
