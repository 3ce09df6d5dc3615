// Deleting an account, in one transaction. Totals other people see stay exact: the person's
// claps come off the stories and responses they applauded, responses they wrote come off their
// stories' counts, and notifications they appear in lose them (or go, when they were the only
// actor). Stories and responses are removed, or kept under the shared "deleted user" account.
// Everything else that is theirs (sessions, follows, highlights, lists, notifications for them,
// memberships) goes with the user row, by the foreign keys' ON DELETE CASCADE.
import { randomBytes } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { Db } from '../../db/database.ts'
import type { Database } from '../../db/schema.ts'
import { AppError } from '../../http/errors.ts'
import { confirmPassword } from './service.ts'

type Trx = Transaction<Database>

/** Stories that stay readable under "deleted user"; drafts and the submission queue go. */
const KEPT_STATUSES = ['published', 'unlisted'] as const

export const DELETED_USER = {
  username: 'deleted',
  name: 'Deleted user',
  // Shown on the placeholder's profile page, which every kept story links to.
  bio: 'This account was deleted. Its stories are kept here.',
}

export async function deleteAccount(db: Db, userId: number, password: string | null | undefined, keepStories: boolean): Promise<void> {
  await confirmPassword(db, userId, password, 'password')
  await db.kysely.transaction().execute(async (trx) => {
    await refuseSoleOwnership(trx, userId)
    await takeBackClaps(trx, userId)
    await takeOutOfNotifications(trx, userId)
    if (keepStories) {
      const placeholderId = await placeholderUser(trx)
      await trx.deleteFrom('stories').where('author_id', '=', userId).where('status', 'not in', KEPT_STATUSES).execute()
      await trx.updateTable('stories').set({ author_id: placeholderId }).where('author_id', '=', userId).execute()
      await trx.updateTable('responses').set({ author_id: placeholderId }).where('author_id', '=', userId).execute()
    } else {
      await trx.deleteFrom('stories').where('author_id', '=', userId).execute()
      await removeResponses(trx, userId)
    }
    await trx.deleteFrom('users').where('id', '=', userId).execute()
  })
}

async function refuseSoleOwnership(trx: Trx, userId: number): Promise<void> {
  const owned = await trx.selectFrom('memberships as mine')
    .innerJoin('publications', 'publications.id', 'mine.publication_id')
    .select(['publications.name'])
    .where('mine.user_id', '=', userId).where('mine.role', '=', 'owner')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('memberships as other').select('other.user_id')
      .whereRef('other.publication_id', '=', 'mine.publication_id')
      .where('other.role', '=', 'owner').where('other.user_id', '!=', userId))))
    .orderBy('publications.name')
    .execute()
  if (!owned.length) return
  const names = owned.map((row) => row.name).join(', ')
  throw new AppError(409, 'sole_owner', {
    publications: [`you are the only owner of ${names}; make another member an owner (publication settings) before deleting your account`],
  })
}

/** Claps come off the totals of what they applauded, fans by one each. */
async function takeBackClaps(trx: Trx, userId: number): Promise<void> {
  await trx.updateTable('stories')
    .set((eb) => ({
      clap_total: eb('clap_total', '-', eb.selectFrom('claps').select('claps.count').whereRef('claps.story_id', '=', 'stories.id').where('claps.user_id', '=', userId)),
      fan_count: eb('fan_count', '-', 1),
    }))
    .where('id', 'in', (eb) => eb.selectFrom('claps').select('claps.story_id').where('claps.user_id', '=', userId))
    .execute()
  await trx.deleteFrom('claps').where('user_id', '=', userId).execute()
  await trx.updateTable('responses')
    .set((eb) => ({
      clap_total: eb('clap_total', '-', eb.selectFrom('response_claps').select('response_claps.count').whereRef('response_claps.response_id', '=', 'responses.id').where('response_claps.user_id', '=', userId)),
    }))
    .where('id', 'in', (eb) => eb.selectFrom('response_claps').select('response_claps.response_id').where('response_claps.user_id', '=', userId))
    .execute()
  await trx.deleteFrom('response_claps').where('user_id', '=', userId).execute()
}

/** "Ana and 3 others clapped": Ana leaves the count; a notice that was only about her goes. */
async function takeOutOfNotifications(trx: Trx, userId: number): Promise<void> {
  const rows = await trx.selectFrom('notification_actors').select('notification_id').where('actor_id', '=', userId).execute()
  const ids = rows.map((row) => row.notification_id)
  if (!ids.length) return
  await trx.deleteFrom('notification_actors').where('actor_id', '=', userId).execute()
  await trx.updateTable('notifications')
    .set((eb) => ({ count: eb.selectFrom('notification_actors').select((a) => a.fn.countAll<number>().as('n')).whereRef('notification_actors.notification_id', '=', 'notifications.id') }))
    .where('id', 'in', ids)
    .execute()
  await trx.deleteFrom('notifications').where('id', 'in', ids).where('count', '=', 0).execute()
}

/** Their responses (and replies to them) go; the stories they were on are recounted. */
async function removeResponses(trx: Trx, userId: number): Promise<void> {
  const rows = await trx.selectFrom('responses').select('story_id').distinct().where('author_id', '=', userId).execute()
  if (!rows.length) return
  await trx.deleteFrom('responses').where('author_id', '=', userId).execute()
  await trx.updateTable('stories')
    .set((eb) => ({ response_count: eb.selectFrom('responses').select((r) => r.fn.countAll<number>().as('n')).whereRef('responses.story_id', '=', 'stories.id') }))
    .where('id', 'in', rows.map((row) => row.story_id))
    .execute()
}

/** The one shared "deleted user", made when first needed. It has no password anyone can type. */
async function placeholderUser(trx: Trx): Promise<number> {
  const existing = await trx.selectFrom('users').select('id').where('is_placeholder', '=', 1).executeTakeFirst()
  if (existing) return existing.id
  const taken = await trx.selectFrom('users').select('id').where('username_key', '=', DELETED_USER.username).executeTakeFirst()
  // 'deleted' is reserved for sign-ups, but an account from before the reservation may hold it.
  const username = taken ? `deleted-${randomBytes(3).toString('hex')}` : DELETED_USER.username
  const now = new Date()
  const row = await trx.insertInto('users').values({
    username,
    username_key: username,
    email: `${username}@deleted.invalid`,
    // Not a scrypt hash: verifyPassword refuses it, whatever is typed.
    password_hash: `!deleted-${randomBytes(16).toString('hex')}`,
    name: DELETED_USER.name,
    bio: DELETED_USER.bio,
    image: null,
    created_at: now,
    updated_at: now,
    email_verified_at: null,
    is_placeholder: 1,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

