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

const PER_PAGE = 10
const TRENDING = 6
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) })
type PageQuery = Static<typeof PageQuery>

export const homeRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.get<{ Querystring: PageQuery }>('/', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const page = request.query.page ?? 1
    const [{ cards, count }, tags, trending] = await Promise.all([
      listStoryCards(db, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }, request.viewer?.id ?? null),
      popularTags(db, 12),
      page === 1 ? trendingCards(db, TRENDING) : [],
    ])
    const olderHref = page * PER_PAGE < count ? `/?page=${page + 1}` : undefined
    const head = homeHead({ baseUrl: config.baseUrl, title: HOME_TITLE, description: HOME_DESCRIPTION, page })
    sendPage(reply, HomePage({ viewer: request.viewer, stories: cards, trending, tags, olderHref, page, head }))
  })
}
