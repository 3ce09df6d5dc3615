// The publication page at /<slug>: its stories and its masthead.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { sendPage } from '../web/render.ts'
import { listStoryCards } from '../stories/service.ts'
import { publicationWithMasthead } from './service.ts'
import { PublicationPage } from './views.tsx'
import { publicationHead } from '../seo/page-heads.tsx'

const PER_PAGE = 10
const Params = Type.Object({ slug: Type.String({ maxLength: 200 }) })
type Params = Static<typeof Params>
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) })
type PageQuery = Static<typeof PageQuery>

export const publicationPageRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.get<{ Params: Params; Querystring: PageQuery }>('/:slug', { schema: { params: Params, querystring: PageQuery } }, async (request, reply) => {
    const { publication, members } = await publicationWithMasthead(db, request.params.slug)
    const page = request.query.page ?? 1
    const { cards, count } = await listStoryCards(db, { publicationSlug: publication.slug, limit: PER_PAGE, offset: (page - 1) * PER_PAGE }, request.viewer?.id ?? null)
    const olderHref = page * PER_PAGE < count ? `/${publication.slug}?page=${page + 1}` : undefined
    const shown = { slug: publication.slug, name: publication.name, tagline: publication.tagline }
    const head = publicationHead({ baseUrl: config.baseUrl, publication: shown, description: shown.tagline ?? `${shown.name} on Ovation.`, page })
    sendPage(reply, PublicationPage({ viewer: request.viewer, publication: shown, members, stories: cards, olderHref, head }))
  })
}
