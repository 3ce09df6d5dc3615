// The front page (latest stories) and tag pages. Lists page with ?page=N so "Older stories"
// works without JavaScript.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { sendPage } from '../web/render.ts'
import { listStoryCards, popularTags } from '../stories/service.ts'
import { tagKey } from '../stories/tags.ts'
import { HOME_DESCRIPTION, HOME_TITLE, HomePage, TagPage } from './views.tsx'
import { homeHead, tagHead } from '../seo/page-heads.tsx'

const PER_PAGE = 10
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) })
type PageQuery = Static<typeof PageQuery>
const TagParams = Type.Object({ tag: Type.String({ maxLength: 200 }) })
type TagParams = Static<typeof TagParams>

export const homeRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.get<{ Querystring: PageQuery }>('/', { schema: { querystring: PageQuery } }, async (request, reply) => {
    const page = request.query.page ?? 1
    const [{ cards, count }, tags] = await Promise.all([
      listStoryCards(db, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }, request.viewer?.id ?? null),
      popularTags(db, 12),
    ])
    const olderHref = page * PER_PAGE < count ? `/?page=${page + 1}` : undefined
    const head = homeHead({ baseUrl: config.baseUrl, title: HOME_TITLE, description: HOME_DESCRIPTION, page })
    sendPage(reply, HomePage({ viewer: request.viewer, stories: cards, tags, olderHref, page, head }))
  })

  app.get<{ Params: TagParams; Querystring: PageQuery }>('/tag/:tag', { schema: { params: TagParams, querystring: PageQuery } }, async (request, reply) => {
    const key = tagKey(request.params.tag)
    if (key !== request.params.tag) return reply.redirect(`/tag/${encodeURIComponent(key)}`, 301)
    const page = request.query.page ?? 1
    const { cards, count } = await listStoryCards(db, { tagKey: key, limit: PER_PAGE, offset: (page - 1) * PER_PAGE }, request.viewer?.id ?? null)
    const name = cards[0]?.tags.find((tag) => tagKey(tag) === key) ?? key
    const olderHref = page * PER_PAGE < count ? `/tag/${encodeURIComponent(key)}?page=${page + 1}` : undefined
    const head = tagHead({ baseUrl: config.baseUrl, key, name, description: `Stories about ${name} on Ovation.`, page })
    sendPage(reply, TagPage({ viewer: request.viewer, tag: name, count, stories: cards, olderHref, head }), cards.length || page === 1 ? 200 : 404)
  })
}
