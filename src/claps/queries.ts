// Every statement on claps, and the story totals they keep up to date.
import type { Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Engine } from '../db/database.ts'
import { least } from '../db/sql.ts'

export const MAX_CLAPS = 50

/**
 * The story a clap is for, locked until the transaction ends on PostgreSQL, so concurrent claps
 * on one story take turns at recounting its totals (SQLite has one writer at a time anyway).
 */
export function lockStory(trx: Transaction<Database>, engine: Engine, shortId: string) {
  const query = trx.selectFrom('stories').select(['id', 'author_id', 'status']).where('short_id', '=', shortId)
  return (engine === 'postgres' ? query.forUpdate() : query).executeTakeFirst()
}

/** The reader's claps on the story so far (0 when none), read inside the caller's lock. */
export async function clapsOf(trx: Transaction<Database>, storyId: number, userId: number): Promise<number> {
  const row = await trx.selectFrom('claps').select('count').where('story_id', '=', storyId).where('user_id', '=', userId).executeTakeFirst()
  return row?.count ?? 0
}

/**
 * Adds claps with the cap applied in SQL: concurrent requests from one reader can never push
 * the count past fifty, whatever order they commit in. Returns the reader's new count.
 */
export async function addClaps(trx: Transaction<Database>, engine: Engine, storyId: number, userId: number, count: number, now: Date): Promise<number> {
  const row = await trx
    .insertInto('claps')
    .values({ story_id: storyId, user_id: userId, count: Math.min(count, MAX_CLAPS), created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['story_id', 'user_id']).doUpdateSet((eb) => ({
        count: least(engine, eb('claps.count', '+', eb.ref('excluded.count')), eb.val(MAX_CLAPS)),
        updated_at: eb.ref('excluded.updated_at'),
      })))
    .returning('count')
    .executeTakeFirstOrThrow()
  return row.count
}

/** Removes the reader's claps; returns how many there were. */
export async function removeClaps(trx: Transaction<Database>, storyId: number, userId: number): Promise<number> {
  const row = await trx.deleteFrom('claps').where('story_id', '=', storyId).where('user_id', '=', userId).returning('count').executeTakeFirst()
  return row?.count ?? 0
}

/**
 * Moves a story's totals by what one reader's change did. Exact because the caller holds the
 * story's lock (PostgreSQL) or the write lock (SQLite) from reading the reader's count to here;
 * a recount would cost a scan of every clap of a story that many are clapping for.
 */
export async function adjustTotals(trx: Transaction<Database>, storyId: number, claps: number, fans: number): Promise<void> {
  if (claps === 0 && fans === 0) return
  await trx
    .updateTable('stories')
    .set((eb) => ({ clap_total: eb('clap_total', '+', claps), fan_count: eb('fan_count', '+', fans) }))
    .where('id', '=', storyId)
    .execute()
}
