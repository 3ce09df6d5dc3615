// A publication's public pages at /<slug>: home (featured, latest, sections by tag, masthead),
// about (its description and full masthead), its accent colour as a tiny stylesheet (pages
// allow no inline styles), and the forms a reader answers an invitation or leaves with.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { sendPage } from '../web/render.ts'
import { publicationHead } from '../seo/page-heads.tsx'
import { pageContext } from './page-context.ts'
import * as publications from './service.ts'
import { PublicationAboutPage, PublicationHomePage } from './views.tsx'

const PER_PAGE = 10
const Params = Type.Object({ slug: Type.String({ maxLength: 200 }) })
type Params = Static<typeof Params>
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) })
type PageQuery = Static<typeof PageQuery>

export const publicationPageRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.get<{ Params: Params; Querystring: PageQuery }>('/:slug', { schema: { params: Params, querystring: PageQuery } }, async (request, reply) => {
    const context = await pageContext(db, request, request.params.slug)
    const { publication, shown } = context
    const page = request.query.page ?? 1
    const viewerId = request.viewer?.id ?? null
    const [home, { members }] = await Promise.all([
      publications.publicationHome(db, publication, viewerId, { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }),
      publications.publicationWithMasthead(db, publication.slug),
    ])
    const olderHref = page * PER_PAGE < home.latestCount ? `/${publication.slug}?page=${page + 1}` : undefined
    const head = publicationHead({ baseUrl: config.baseUrl, publication: shown, description: shown.tagline ?? `${shown.name} on Ovation.`, page })
    sendPage(reply, PublicationHomePage({ publication: shown, state: context.state, featured: home.pinned, latest: home.latest, sections: home.sections, olderHref, page, members, head }))
  })

  app.get<{ Params: Params }>('/:slug/about', { schema: { params: Params } }, async (request, reply) => {
    const context = await pageContext(db, request, request.params.slug)
    const { members } = await publications.publicationWithMasthead(db, context.publication.slug)
    const owners = members.filter((member) => member.role === 'owner').length
    const canLeave = context.standing.role !== undefined && !(context.standing.owner && owners <= 1)
    sendPage(reply, PublicationAboutPage({ publication: context.shown, state: context.state, members, canLeave }))
  })

  app.get<{ Params: Params }>('/:slug/theme.css', { schema: { params: Params } }, async (request, reply) => {
    const publication = await publications.publicationOrNotFound(db, request.params.slug)
    // accent_color is checked against #rrggbb on the way in, so it is safe to write out.
    const color = publication.accent_color ?? '#157a13'
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400')
      .send(`.publication{--color-accent:${color};--color-accent-hover:${color};--color-focus:${color};--publication-accent:${color}}\n`)
  })

  for (const answer of ['accept', 'decline'] as const) {
    app.post<{ Params: Params }>(`/:slug/invitation/${answer}`, { schema: { params: Params } }, async (request, reply) => {
      const viewer = requireViewer(request)
      await publications.answerInvitation(db, viewer.id, request.params.slug, answer === 'accept')
      reply.redirect(answer === 'accept' ? `/${request.params.slug}/about` : `/${request.params.slug}`, 303)
    })
  }

  app.post<{ Params: Params }>('/:slug/leave', { schema: { params: Params } }, async (request, reply) => {
    const viewer = requireViewer(request)
    await publications.removeMember(db, viewer.id, request.params.slug, viewer.username)
    reply.redirect(`/${request.params.slug}`, 303)
  })
}
