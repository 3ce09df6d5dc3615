// Every statement on highlights, with the read-only story joins a reader's list needs.
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export type NewHighlight = { userId: number; storyId: number; blockId: string; start: number; end: number; quote: string; now: Date }

export async function insertHighlight(db: Q, h: NewHighlight): Promise<number> {
  const row = await db.insertInto('highlights').values({
    user_id: h.userId, story_id: h.storyId, block_id: h.blockId, start_offset: h.start, end_offset: h.end, quote: h.quote, created_at: h.now,
  }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

export function highlightById(db: Q, id: number) {
  return db.selectFrom('highlights').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function deleteHighlight(db: Q, id: number): Promise<void> {
  await db.deleteFrom('highlights').where('id', '=', id).execute()
}

/** A reader's highlights on one story, in reading order within each block. */
export function highlightsOnStory(db: Q, userId: number, storyId: number) {
  return db.selectFrom('highlights').selectAll().where('user_id', '=', userId).where('story_id', '=', storyId)
    .orderBy('created_at').orderBy('id').execute()
}

/**
 * The passages of a story most readers highlighted, as stored (block, offsets, text), most
 * first; the service relocates them in the current document and keeps the first still there.
 */
export function popularPassages(db: Q, storyId: number, limit: number) {
  return db.selectFrom('highlights')
    .select(['block_id', 'start_offset', 'end_offset', 'quote', (eb) => eb.fn.countAll<number | string>().as('readers')])
    .where('story_id', '=', storyId)
    .groupBy(['block_id', 'start_offset', 'end_offset', 'quote'])
    .orderBy('readers', 'desc').orderBy('block_id').orderBy('start_offset')
    .limit(limit).execute()
}

/** A reader's highlights across stories, newest first, with each story's current body. */
export function highlightsOfReader(db: Q, userId: number, limit: number, offset: number) {
  return db.selectFrom('highlights')
    .innerJoin('stories', 'stories.id', 'highlights.story_id')
    .innerJoin('users as author', 'author.id', 'stories.author_id')
    .leftJoin('publications', 'publications.id', 'stories.publication_id')
    .select([
      'highlights.id', 'highlights.block_id', 'highlights.start_offset', 'highlights.end_offset', 'highlights.quote', 'highlights.created_at',
      'stories.id as story_id', 'stories.title', 'stories.slug', 'stories.short_id', 'stories.body', 'stories.status', 'stories.author_id',
      'author.username as author_username', 'author.name as author_name', 'publications.slug as publication_slug',
    ])
    .where('highlights.user_id', '=', userId)
    // A story taken back to draft (or into review) is no longer the reader's to see.
    .where((eb) => eb.or([eb('stories.status', 'in', ['published', 'unlisted']), eb('stories.author_id', '=', userId)]))
    .orderBy('highlights.created_at', 'desc').orderBy('highlights.id', 'desc')
    .limit(limit).offset(offset).execute()
}
