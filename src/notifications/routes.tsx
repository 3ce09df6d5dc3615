// Notifications: the API (list, unread count, mark read), the page with its e-mail settings,
// and the one-click unsubscribe every e-mail links to.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { sendPage } from '../web/render.ts'
import * as notifications from './service.ts'
import { NotificationsPage, UnsubscribePage } from './views.tsx'
import './email-jobs.ts'

const ProfileJson = Type.Object({ username: Type.String(), bio: Type.Union([Type.String(), Type.Null()]), image: Type.Union([Type.String(), Type.Null()]), following: Type.Boolean() })
const NotificationJson = Type.Object({
  id: Type.Integer(),
  type: Type.Union(['follow', 'clap', 'response', 'highlight', 'mention', 'publication'].map((t) => Type.Literal(t))),
  actors: Type.Array(ProfileJson, { description: 'The latest few, newest first; `count` says how many in all' }),
  count: Type.Integer(),
  article: Type.Union([Type.Object({ slug: Type.String(), title: Type.String() }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  read: Type.Boolean(),
})
const NotificationsResponse = Type.Object({ notifications: Type.Array(NotificationJson), unreadCount: Type.Integer() })
const ReadBody = Type.Union([
  Type.Object({ ids: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), { maxItems: 500 })) }, { additionalProperties: false }),
  Type.Null(),
])
type ReadBody = Static<typeof ReadBody>
const SettingsForm = Type.Object({ immediate: Type.Optional(Type.String({ maxLength: 10 })), digest: Type.Optional(Type.String({ maxLength: 10 })) })
type SettingsForm = Static<typeof SettingsForm>
const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) })
type TokenParams = Static<typeof TokenParams>
const tags = ['Notifications']

export const notificationRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  async function list(userId: number) {
    const { items, unreadCount } = await notifications.notificationsFor(db, userId)
    return {
      notifications: items.map((item) => ({
        id: item.id,
        type: item.type,
        actors: item.actors.map((actor) => ({ username: actor.username, bio: actor.bio, image: actor.image, following: actor.following })),
        count: item.count,
        article: item.article && { slug: item.article.slug, title: item.article.title },
        createdAt: item.createdAt.toISOString(),
        read: item.read,
      })),
      unreadCount,
    }
  }

  app.get('/api/notifications', {
    schema: { tags, summary: "The reader's notifications, newest first (the latest 50)", security: [{ Token: [] }], response: { 200: NotificationsResponse } },
  }, async (request) => list(requireViewer(request).id))

  app.get('/api/notifications/unread', {
    schema: { tags, summary: 'How many notifications are unread (the header badge)', security: [{ Token: [] }], response: { 200: Type.Object({ unreadCount: Type.Integer() }) } },
  }, async (request, reply) => {
    reply.header('cache-control', 'private, no-store')
    return { unreadCount: await notifications.unreadCount(db, requireViewer(request).id) }
  })

  app.post<{ Body: ReadBody }>('/api/notifications/read', {
    schema: { tags, summary: 'Mark notifications read: those in `ids`, or all of them', security: [{ Token: [] }], body: ReadBody, response: { 200: NotificationsResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    await notifications.markRead(db, viewer.id, request.body?.ids)
    return list(viewer.id)
  })

  app.get<{ Querystring: { saved?: string } }>('/notifications', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fnotifications', 303)
    const [{ items, unreadCount }, settings] = await Promise.all([
      notifications.notificationsFor(db, request.viewer.id),
      notifications.emailSettings(db, request.viewer.id),
    ])
    reply.header('cache-control', 'private, no-cache')
    sendPage(reply, NotificationsPage({ viewer: request.viewer, items, unreadCount, settings, saved: request.query.saved === '1' }))
  })

  app.post('/notifications/read', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fnotifications', 303)
    await notifications.markRead(db, request.viewer.id)
    reply.redirect('/notifications', 303)
  })

  app.post<{ Body: SettingsForm }>('/notifications/settings', { schema: { body: SettingsForm } }, async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fnotifications', 303)
    await notifications.setEmailSettings(db, request.viewer.id, { immediate: request.body.immediate === '1', digest: request.body.digest === '1' })
    reply.redirect('/notifications?saved=1', 303)
  })

  app.get<{ Params: TokenParams }>('/notifications/unsubscribe/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    sendPage(reply, UnsubscribePage({ viewer: request.viewer, token: request.params.token, done: false }))
  })

  // One click: mail clients post here (RFC 8058) without a session, so the token is the proof.
  app.post<{ Params: TokenParams }>('/notifications/unsubscribe/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    await notifications.unsubscribe(db, request.params.token)
    sendPage(reply, UnsubscribePage({ viewer: request.viewer, token: request.params.token, done: true }))
  })
}
