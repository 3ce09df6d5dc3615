// The profile page (/@username) and following as plain forms.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { safeNext, sendPage } from '../web/render.ts'
import { listStoryCards } from '../stories/service.ts'
import * as profiles from './service.ts'
import { publicListsOf } from '../lists/service.ts'
import { ProfilePage } from './views.tsx'
import { profileHead } from '../seo/page-heads.tsx'

const PER_PAGE = 10
const ProfileParams = Type.Object({ username: Type.String({ maxLength: 200 }) })
type ProfileParams = Static<typeof ProfileParams>
const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })) })
type PageQuery = Static<typeof PageQuery>
const NextForm = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) })
type NextForm = Static<typeof NextForm>

export const profilePageRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.get<{ Params: ProfileParams; Querystring: PageQuery }>('/@:username', { schema: { params: ProfileParams, querystring: PageQuery } }, async (request, reply) => {
    const viewerId = request.viewer?.id ?? null
    const profile = await profiles.profileOf(db, request.params.username, viewerId)
    if (profile.user.username !== request.params.username) return reply.redirect(`/@${profile.user.username}`, 301)
    const page = request.query.page ?? 1
    const isSelf = viewerId === profile.user.id
    const [published, drafts, counts] = await Promise.all([
      listStoryCards(db, { authorUsername: profile.user.username, limit: PER_PAGE, offset: (page - 1) * PER_PAGE }, viewerId),
      isSelf && page === 1 ? listStoryCards(db, { authorUsername: profile.user.username, statuses: ['draft', 'unlisted'], limit: 50, offset: 0 }, viewerId) : undefined,
      profiles.followCounts(db, profile.user.id),
    ])
    const lists = page === 1 ? await publicListsOf(db, profile.user.id) : []
    const olderHref = page * PER_PAGE < published.count ? `/@${profile.user.username}?page=${page + 1}` : undefined
    const person = { username: profile.user.username, name: profile.user.name, bio: profile.user.bio, image: profile.user.image }
    sendPage(reply, ProfilePage({
      viewer: request.viewer,
      person,
      head: profileHead({ baseUrl: config.baseUrl, person, description: person.bio ?? `Stories by ${person.name} on Ovation.`, page }),
      following: profile.following,
      isSelf,
      counts: { ...counts, stories: published.count },
      stories: published.cards,
      drafts: drafts?.cards ?? [],
      olderHref,
      lists,
    }))
  })

  app.post<{ Params: ProfileParams; Body: NextForm }>('/@:username/follow', { schema: { params: ProfileParams, body: NextForm } }, async (request, reply) => {
    if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(safeNext(request.body.next) === '/' ? `/@${request.params.username}` : safeNext(request.body.next))}`, 303)
    await profiles.follow(db, request.viewer.id, request.params.username)
    reply.redirect(safeNext(request.body.next ?? `/@${request.params.username}`), 303)
  })

  app.post<{ Params: ProfileParams; Body: NextForm }>('/@:username/unfollow', { schema: { params: ProfileParams, body: NextForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    await profiles.unfollow(db, viewer.id, request.params.username)
    reply.redirect(safeNext(request.body.next ?? `/@${request.params.username}`), 303)
  })
}
