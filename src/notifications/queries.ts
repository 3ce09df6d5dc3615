// Every statement on notifications, their actors and e-mail settings, with the read-only joins
// a list needs (actors' profiles, the story's title and address).
import type { Kysely, Transaction } from 'kysely'
import type { Database, NotificationType } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export type NewNotification = { userId: number; type: NotificationType; storyId: number | null; publicationId: number | null; message: string | null; now: Date }

export async function insertNotification(db: Q, n: NewNotification): Promise<number> {
  const row = await db.insertInto('notifications').values({
    user_id: n.userId, type: n.type, story_id: n.storyId, publication_id: n.publicationId, message: n.message, count: 1, created_at: n.now, updated_at: n.now,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/** The recipient's unread notification of this type for a story, which new actors join. */
export function unreadGathering(db: Q, userId: number, type: NotificationType, storyId: number) {
  return db.selectFrom('notifications').select(['id']).where('user_id', '=', userId).where('type', '=', type)
    .where('story_id', '=', storyId).where('read_at', 'is', null).executeTakeFirst()
}

/** Adds an actor; true when they were not already among the notification's actors. */
export async function addActor(db: Q, notificationId: number, actorId: number, now: Date): Promise<boolean> {
  const rows = await db.insertInto('notification_actors').values({ notification_id: notificationId, actor_id: actorId, created_at: now })
    .onConflict((oc) => oc.columns(['notification_id', 'actor_id']).doNothing()).returning('actor_id').execute()
  return rows.length > 0
}

/** Recounts a notification's actors and brings it to the top of the list. */
export async function touchNotification(db: Q, id: number, now: Date): Promise<void> {
  await db.updateTable('notifications')
    .set((eb) => ({
      count: eb.selectFrom('notification_actors').select((a) => a.fn.countAll<number>().as('n')).where('notification_actors.notification_id', '=', id),
      updated_at: now,
    }))
    .where('id', '=', id).execute()
}

export function notificationsOf(db: Q, userId: number, limit: number) {
  return db.selectFrom('notifications')
    .leftJoin('stories', 'stories.id', 'notifications.story_id')
    .leftJoin('users as story_author', 'story_author.id', 'stories.author_id')
    .leftJoin('publications as story_publication', 'story_publication.id', 'stories.publication_id')
    .leftJoin('publications', 'publications.id', 'notifications.publication_id')
    .select([
      'notifications.id', 'notifications.type', 'notifications.count', 'notifications.message', 'notifications.read_at',
      'notifications.emailed_at', 'notifications.created_at', 'notifications.updated_at',
      'stories.title as story_title', 'stories.slug as story_slug', 'stories.short_id as story_short_id',
      'story_author.username as story_author_username', 'story_publication.slug as story_publication_slug',
      'publications.slug as publication_slug', 'publications.name as publication_name',
    ])
    .where('notifications.user_id', '=', userId)
    .orderBy('notifications.updated_at', 'desc').orderBy('notifications.id', 'desc')
    .limit(limit).execute()
}

export type NotificationListRow = Awaited<ReturnType<typeof notificationsOf>>[number]

/** The most recent actors of each notification, newest first. */
export async function actorsOf(db: Q, notificationIds: number[], perNotification: number) {
  if (!notificationIds.length) return new Map<number, ActorRow[]>()
  const rows = await db.selectFrom('notification_actors').innerJoin('users', 'users.id', 'notification_actors.actor_id')
    .select(['notification_actors.notification_id', 'users.id', 'users.username', 'users.name', 'users.bio', 'users.image'])
    .where('notification_actors.notification_id', 'in', notificationIds)
    .orderBy('notification_actors.created_at', 'desc').orderBy('users.id', 'desc').execute()
  const byNotification = new Map<number, ActorRow[]>()
  for (const row of rows) {
    const list = byNotification.get(row.notification_id) ?? []
    if (list.length < perNotification) list.push(row)
    byNotification.set(row.notification_id, list)
  }
  return byNotification
}
export type ActorRow = { notification_id: number; id: number; username: string; name: string; bio: string | null; image: string | null }

/** Which of these people the user follows (read-only: follows belong to profiles). */
export async function followedAmong(db: Q, userId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set()
  const rows = await db.selectFrom('follows').select('followee_id').where('follower_id', '=', userId).where('followee_id', 'in', ids).execute()
  return new Set(rows.map((row) => row.followee_id))
}

export async function unreadCount(db: Q, userId: number): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function markRead(db: Q, userId: number, ids: number[] | undefined, now: Date): Promise<void> {
  let query = db.updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null)
  if (ids) {
    if (!ids.length) return
    query = query.where('id', 'in', ids)
  }
  await query.execute()
}

export function settingsOf(db: Q, userId: number) {
  return db.selectFrom('notification_settings').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

export function settingsByToken(db: Q, token: string) {
  return db.selectFrom('notification_settings').selectAll().where('unsubscribe_token', '=', token).executeTakeFirst()
}

export async function upsertSettings(db: Q, userId: number, immediate: boolean, digest: boolean, token: string): Promise<void> {
  await db.insertInto('notification_settings')
    .values({ user_id: userId, email_immediate: immediate ? 1 : 0, email_digest: digest ? 1 : 0, unsubscribe_token: token })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ email_immediate: immediate ? 1 : 0, email_digest: digest ? 1 : 0 }))
    .execute()
}

export async function setLastDigest(db: Q, userId: number, at: Date): Promise<void> {
  await db.updateTable('notification_settings').set({ last_digest_at: at }).where('user_id', '=', userId).execute()
}

export async function markEmailed(db: Q, ids: number[], now: Date): Promise<void> {
  if (!ids.length) return
  await db.updateTable('notifications').set({ emailed_at: now }).where('id', 'in', ids).execute()
}

export function recipient(db: Q, userId: number) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'username']).where('id', '=', userId).executeTakeFirst()
}

/** Unread notifications updated since a time, not yet e-mailed (the digest's content). */
export function unsentSince(db: Q, userId: number, since: Date) {
  return db.selectFrom('notifications').select('id').where('user_id', '=', userId).where('read_at', 'is', null)
    .where('emailed_at', 'is', null).where('updated_at', '>=', since).execute()
}

export function storyOwner(db: Q, storyId: number) {
  return db.selectFrom('stories').select(['author_id']).where('id', '=', storyId).executeTakeFirst()
}
