// The front page: what is trending, the latest stories and the popular topics. Lists page with
// ?page=N so "Older stories" works without JavaScript. Tag pages live in src/tags.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { sendPage } from '../web/render.ts'
import { listStoryCards, popularTags } from '../stories/service.ts'
import { HOME_DESCRIPTION, HOME_TITLE, HomePage } from './views.tsx'
import { homeHead } from '../seo/page-heads.tsx'
import { trendingCards } from './service.ts'
import { asCards, followingFeed, followsAnything, forYouFeed } from '../feed/service.ts'

const PER_PAGE = 10
const TRENDING = 6
const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  // A signed-in reader's feeds (src/feed): which one, and where the previous page ended.
  tab: Type.Optional(Type.Union([Type.Literal('for-you'), Type.Literal('following')])),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
})
type PageQuery = Static<typeof PageQuery>

export const homeRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.get<{ Querystring: PageQuery }>('/', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const page = request.query.page ?? 1
    if (request.viewer) {
      const viewerId = request.viewer.id
      const tab = request.query.tab ?? 'for-you'
      const { cursor } = request.query
      const [feed, tags, follows] = await Promise.all([
        tab === 'following' ? followingFeed(db, viewerId, cursor, PER_PAGE) : forYouFeed(db, viewerId, cursor, PER_PAGE),
        popularTags(db, 12),
        followsAnything(db, viewerId),
      ])
      const { items, nextCursor } = asCards(feed)
      const olderHref = nextCursor && `/?${new URLSearchParams({ ...(tab === 'following' ? { tab } : {}), cursor: nextCursor })}`
      const head = homeHead({ baseUrl: config.baseUrl, title: HOME_TITLE, description: HOME_DESCRIPTION, page })
      reply.header('cache-control', 'private, no-cache')
      return sendPage(reply, HomePage({ viewer: request.viewer, stories: [], trending: [], tags, olderHref: undefined, page, head, feed: { tab, stories: items, olderHref, followsAnything: follows } }))
    }
    const [{ cards, count }, tags, trending] = await Promise.all([
      listStoryCards(db, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }, null),
      popularTags(db, 12),
      page === 1 ? trendingCards(db, TRENDING) : [],
    ])
    const olderHref = page * PER_PAGE < count ? `/?page=${page + 1}` : undefined
    const head = homeHead({ baseUrl: config.baseUrl, title: HOME_TITLE, description: HOME_DESCRIPTION, page })
    sendPage(reply, HomePage({ viewer: request.viewer, stories: cards, trending, tags, olderHref, page, head }))
  })
}
