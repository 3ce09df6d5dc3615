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

export async function removeClaps(trx: Transaction<Database>, storyId: number, userId: number): Promise<void> {
  await trx.deleteFrom('claps').where('story_id', '=', storyId).where('user_id', '=', userId).execute()
}

/** Recounts a story's clap total and fans from its claps, in SQL, inside the caller's lock. */
export async function recountStory(trx: Transaction<Database>, storyId: number): Promise<void> {
  await trx
    .updateTable('stories')
    .set((eb) => ({
      clap_total: eb.selectFrom('claps').select((c) => c.fn.coalesce(c.fn.sum<number>('count'), c.lit(0)).as('total')).where('story_id', '=', storyId),
      fan_count: eb.selectFrom('claps').select((c) => c.fn.countAll<number>().as('fans')).where('story_id', '=', storyId),
    }))
    .where('id', '=', storyId)
    .execute()
}
