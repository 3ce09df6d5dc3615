// Notifications: news for a reader of what happened to them and their stories. Any feature
// calls notify() inside its own transaction, so an event and its notice commit together.
//
// Claps and highlights gather: while a story's clap (or highlight) notification is unread, each
// new clapper joins it ("Ana and 12 others applauded …") rather than adding a row; once read,
// the next one starts a new notification. Every other event is a notification of its own.
import { randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Db } from '../db/database.ts'
import type { Database, NotificationType } from '../db/schema.ts'
import { toDate } from '../db/codecs.ts'
import { enqueueJob } from '../jobs/service.ts'
import { invalid } from '../http/errors.ts'
import * as q from './queries.ts'

export type { NotificationType } from '../db/schema.ts'

/** Events that gather on one unread notification per story: "Ana and 12 others …". */
const GATHERED = new Set<NotificationType>(['clap', 'highlight'])

export type NotificationEvent = {
  type: NotificationType
  /** Who is told. Nobody is told of their own doing: recipient === actor is a no-op. */
  recipientId: number
  /** Who did it (absent for events with no person behind them). */
  actorId?: number | null
  storyId?: number | null
  publicationId?: number | null
  /** Words for a publication event: "accepted your story", "invited you to write". */
  message?: string | null
}

/** Records an event for its recipient, inside the caller's transaction, and queues its e-mail. */
export async function notify(db: Kysely<Database> | Transaction<Database>, event: NotificationEvent): Promise<void> {
  const actorId = event.actorId ?? null
  if (actorId !== null && actorId === event.recipientId) return
  const now = new Date()
  let id: number | undefined
  if (GATHERED.has(event.type) && event.storyId) id = (await q.unreadGathering(db, event.recipientId, event.type, event.storyId))?.id
  if (id === undefined) {
    id = await q.insertNotification(db, {
      userId: event.recipientId, type: event.type, storyId: event.storyId ?? null, publicationId: event.publicationId ?? null, message: event.message ?? null, now,
    })
  }
  if (actorId !== null) await q.addActor(db, id, actorId, now)
  await q.touchNotification(db, id, now)
  await scheduleEmail(db, event.recipientId, id, now)
}

/** Tells a story's author; a no-op for a story that is gone. */
export async function notifyStoryAuthor(db: Kysely<Database> | Transaction<Database>, storyId: number, event: Omit<NotificationEvent, 'recipientId' | 'storyId'>): Promise<void> {
  const story = await q.storyOwner(db, storyId)
  if (story) await notify(db, { ...event, recipientId: story.author_id, storyId })
}

/** A notification as the API and the page show it. */
export type NotificationItem = {
  id: number
  type: NotificationType
  actors: { username: string; name: string; bio: string | null; image: string | null; following: boolean }[]
  count: number
  article: { slug: string; title: string; path: string } | null
  publication: { slug: string; name: string } | null
  message: string | null
  createdAt: Date
  read: boolean
}

const ACTORS_SHOWN = 3
const LIST_LIMIT = 50

export async function notificationsFor(db: Db, userId: number): Promise<{ items: NotificationItem[]; unreadCount: number }> {
  const [rows, unreadCount] = await Promise.all([q.notificationsOf(db.kysely, userId, LIST_LIMIT), q.unreadCount(db.kysely, userId)])
  const actors = await q.actorsOf(db.kysely, rows.map((row) => row.id), ACTORS_SHOWN)
  const followed = await q.followedAmong(db.kysely, userId, [...new Set([...actors.values()].flat().map((actor) => actor.id))])
  return { items: rows.map((row) => present(row, actors.get(row.id) ?? [], followed)), unreadCount }
}

export function unreadCount(db: Db, userId: number): Promise<number> {
  return q.unreadCount(db.kysely, userId)
}

/** Marks the given notifications (all, when no ids) read. */
export async function markRead(db: Db, userId: number, ids?: number[]): Promise<void> {
  await db.kysely.transaction().execute((trx) => q.markRead(trx, userId, ids, new Date()))
}

export type EmailSettings = { immediate: boolean; digest: boolean }

export async function emailSettings(db: Db, userId: number): Promise<EmailSettings> {
  const row = await q.settingsOf(db.kysely, userId)
  return { immediate: row?.email_immediate === 1, digest: row?.email_digest === 1 }
}

export async function setEmailSettings(db: Db, userId: number, settings: EmailSettings): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const existing = await q.settingsOf(trx, userId)
    await q.upsertSettings(trx, userId, settings.immediate, settings.digest, existing?.unsubscribe_token ?? newToken())
  })
}

/** One-click unsubscribe: turns every e-mail off for the token's owner. */
export async function unsubscribe(db: Db, token: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const row = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await q.settingsByToken(trx, token) : undefined
    if (!row) throw invalid({ token: ['is not a valid unsubscribe link'] })
    await q.upsertSettings(trx, row.user_id, false, false, row.unsubscribe_token)
  })
}

export function parseIds(ids: unknown): number[] | undefined {
  return Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id) && id > 0 && id <= 2_147_483_647) : undefined
}

function newToken(): string {
  return randomBytes(24).toString('base64url')
}

function present(row: q.NotificationListRow, actors: q.ActorRow[], followed: Set<number>): NotificationItem {
  const slug = row.story_slug && row.story_short_id ? `${row.story_slug}-${row.story_short_id}` : null
  const owner = row.story_publication_slug ?? (row.story_author_username ? `@${row.story_author_username}` : null)
  return {
    id: row.id,
    type: row.type,
    actors: actors.map((a) => ({ username: a.username, name: a.name, bio: a.bio, image: a.image, following: followed.has(a.id) })),
    count: row.count,
    article: slug && row.story_title !== null && owner ? { slug, title: row.story_title, path: `/${owner}/${slug}` } : null,
    publication: row.publication_slug && row.publication_name ? { slug: row.publication_slug, name: row.publication_name } : null,
    message: row.message,
    createdAt: toDate(row.updated_at),
    read: row.read_at !== null,
  }
}

// E-mail: an immediate notice a minute after the event (so a burst of claps is one mail), and
// a digest the next morning at 08:00 UTC. Jobs keyed per notification and per reader collapse
// repeats. See email-jobs.ts for the sending.
export const NOTICE_DELAY_MS = 60_000
export const DIGEST_HOUR_UTC = 8

async function scheduleEmail(db: Kysely<Database> | Transaction<Database>, userId: number, notificationId: number, now: Date): Promise<void> {
  const settings = await q.settingsOf(db, userId)
  if (!settings) return
  if (settings.email_immediate === 1) {
    await enqueueJob(db, 'notifications.notice', { notificationId }, { runAt: new Date(now.getTime() + NOTICE_DELAY_MS), key: `notice:${notificationId}` })
  }
  if (settings.email_digest === 1) {
    await enqueueJob(db, 'notifications.digest', { userId }, { runAt: nextDigestTime(now), key: `digest:${userId}` })
  }
}

export function nextDigestTime(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), DIGEST_HOUR_UTC))
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1)
  return next
}
