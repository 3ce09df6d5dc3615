// Read-only joins the home page needs on claps and stories (which the claps and stories
// features write).
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export type RecentClap = { story_id: number; count: number; updated_at: Date | string }

/**
 * Claps rows on published stories updated since `since` (one per reader and story: updated_at
 * is when the reader last clapped), newest first, at most `limit`: the newest carry the most
 * weight, so a cut-off drops the rows that would count least. A writer's own claps (the
 * RealWorld favorite) are left out.
 */
export function recentClaps(db: Q, since: Date, limit: number): Promise<RecentClap[]> {
  return db.selectFrom('claps')
    .innerJoin('stories', 'stories.id', 'claps.story_id')
    .where('claps.updated_at', '>=', since)
    .where('stories.status', '=', 'published')
    .whereRef('claps.user_id', '<>', 'stories.author_id')
    .select(['claps.story_id', 'claps.count', 'claps.updated_at'])
    .orderBy('claps.updated_at', 'desc')
    .limit(limit)
    .execute()
}
