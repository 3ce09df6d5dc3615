// Every statement on responses, the story's response count they keep exact, and the read-only
// joins a list of responses needs (authors, the reader's follows).
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Engine } from '../db/database.ts'
import type { Database } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

/** A response row with its author and the author of the story it answers. */
function responsesWithAuthor(db: Q) {
  return db
    .selectFrom('responses')
    .innerJoin('users as author', 'author.id', 'responses.author_id')
    .innerJoin('stories', 'stories.id', 'responses.story_id')
    .selectAll('responses')
    .select([
      'author.username as author_username',
      'author.name as author_name',
      'author.bio as author_bio',
      'author.image as author_image',
      'stories.author_id as story_author_id',
    ])
}

export type ResponseWithAuthorRow = Awaited<ReturnType<ReturnType<typeof responsesWithAuthor>['executeTakeFirstOrThrow']>>

/** A story's responses, oldest first (the conversation reads top to bottom). */
export function responsesOfStory(db: Q, storyId: number): Promise<ResponseWithAuthorRow[]> {
  return responsesWithAuthor(db)
    .where('responses.story_id', '=', storyId)
    // id breaks ties: two responses written in the same millisecond keep the order they were made.
    .orderBy('responses.created_at', 'asc')
    .orderBy('responses.id', 'asc')
    .execute()
}

/** The response with this id on this story; undefined when it is on another story or gone. */
export function responseOnStory(db: Q, storyId: number, id: number): Promise<ResponseWithAuthorRow | undefined> {
  return responsesWithAuthor(db).where('responses.story_id', '=', storyId).where('responses.id', '=', id).executeTakeFirst()
}

/** Which of these people the reader follows (read-only: follows belong to profiles). */
export async function followedAmong(db: Q, followerId: number, userIds: number[]): Promise<Set<number>> {
  if (userIds.length === 0) return new Set()
  const rows = await db.selectFrom('follows').select('followee_id').where('follower_id', '=', followerId).where('followee_id', 'in', userIds).execute()
  return new Set(rows.map((row) => row.followee_id))
}

/**
 * The story's id if it still exists, locked until the transaction ends on PostgreSQL, so
 * concurrent writes on one story's responses take turns and each recount sees the others'
 * committed rows (SQLite has one writer at a time anyway).
 */
export async function lockStory(trx: Transaction<Database>, engine: Engine, storyId: number): Promise<number | undefined> {
  const query = trx.selectFrom('stories').select('id').where('id', '=', storyId)
  const row = await (engine === 'postgres' ? query.forUpdate() : query).executeTakeFirst()
  return row?.id
}

export type NewResponse = { storyId: number; authorId: number; body: string; markdown: string; now: Date }

export async function insertResponse(trx: Transaction<Database>, response: NewResponse): Promise<number> {
  const row = await trx
    .insertInto('responses')
    .values({
      story_id: response.storyId,
      author_id: response.authorId,
      body: response.body,
      markdown: response.markdown,
      created_at: response.now,
      updated_at: response.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function deleteResponse(trx: Transaction<Database>, id: number): Promise<void> {
  await trx.deleteFrom('responses').where('id', '=', id).execute()
}

/**
 * Recounts a story's responses in SQL, inside the caller's lock. stories.response_count is a
 * denormalised counter that story lists show without a join; responses are the only thing that
 * changes it, so this feature keeps it, by recounting rather than adding one, so that it can
 * never drift, whatever was written before.
 */
export async function recountResponses(trx: Transaction<Database>, storyId: number): Promise<void> {
  await trx
    .updateTable('stories')
    .set((eb) => ({
      response_count: eb.selectFrom('responses').select((r) => r.fn.countAll<number>().as('n')).where('responses.story_id', '=', storyId),
    }))
    .where('id', '=', storyId)
    .execute()
}

// Issue 5: threads, passages, hiding, editing and claps on responses.

/** A response by id, with its author and story author, whatever story it is on. */
export function responseById(db: Q, id: number): Promise<ResponseWithAuthorRow | undefined> {
  return responsesWithAuthor(db).where('responses.id', '=', id).executeTakeFirst()
}

export async function updateResponseBody(trx: Transaction<Database>, id: number, body: string, markdown: string, now: Date): Promise<void> {
  await trx.updateTable('responses').set({ body, markdown, updated_at: now }).where('id', '=', id).execute()
}

/** Hides (a time) or shows (null) a response; updated_at moves so cached pages change. */
export async function setHidden(trx: Transaction<Database>, id: number, hiddenAt: Date | null, now: Date): Promise<void> {
  await trx.updateTable('responses').set({ hidden_at: hiddenAt, updated_at: now }).where('id', '=', id).execute()
}

export type ResponseExtras = { parentId: number | null; blockId: string | null; quoteStart: number | null; quoteEnd: number | null; quote: string | null }

export async function setExtras(trx: Transaction<Database>, id: number, extras: ResponseExtras): Promise<void> {
  await trx.updateTable('responses').set({
    parent_id: extras.parentId, block_id: extras.blockId, quote_start: extras.quoteStart, quote_end: extras.quoteEnd, quote: extras.quote,
  }).where('id', '=', id).execute()
}

/** Adds claps to a response, capped at 50 per reader in SQL; returns the reader's count after. */
export async function addResponseClaps(trx: Transaction<Database>, engine: Engine, responseId: number, userId: number, count: number, now: Date): Promise<number> {
  const capped = engine === 'postgres' ? sql<number>`least(response_claps.count + excluded.count, 50)` : sql<number>`min(response_claps.count + excluded.count, 50)`
  const row = await trx.insertInto('response_claps')
    .values({ response_id: responseId, user_id: userId, count: Math.min(count, 50), created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['response_id', 'user_id']).doUpdateSet({ count: capped, updated_at: now }))
    .returning('count').executeTakeFirstOrThrow()
  return row.count
}

/** Recounts a response's claps (a denormalised total, like a story's, that cannot drift). */
export async function recountResponseClaps(trx: Transaction<Database>, responseId: number): Promise<void> {
  await trx.updateTable('responses')
    .set((eb) => ({
      clap_total: eb.fn.coalesce(
        eb.selectFrom('response_claps').select((c) => c.fn.sum<number>('count').as('n')).where('response_claps.response_id', '=', responseId),
        sql<number>`0`,
      ),
    }))
    .where('id', '=', responseId).execute()
}

export async function lockResponse(trx: Transaction<Database>, engine: Engine, id: number): Promise<number | undefined> {
  const query = trx.selectFrom('responses').select('id').where('id', '=', id)
  const row = await (engine === 'postgres' ? query.forUpdate() : query).executeTakeFirst()
  return row?.id
}

/** The reader's claps on each of these responses. */
export async function responseClapsOfReader(db: Q, userId: number, responseIds: number[]): Promise<Map<number, number>> {
  if (!responseIds.length) return new Map()
  const rows = await db.selectFrom('response_claps').select(['response_id', 'count']).where('user_id', '=', userId).where('response_id', 'in', responseIds).execute()
  return new Map(rows.map((row) => [row.response_id, row.count]))
}

/** The ids of the people these usernames name (mentions), read-only. */
export async function usersByUsernames(db: Q, usernames: string[]): Promise<number[]> {
  if (!usernames.length) return []
  const rows = await db.selectFrom('users').select('id').where('username_key', 'in', usernames.map((name) => name.toLowerCase())).execute()
  return rows.map((row) => row.id)
}

/** The short id in a story's addresses (a permalink finds its story through it). */
export async function storyShortId(db: Q, storyId: number): Promise<string | undefined> {
  const row = await db.selectFrom('stories').select('short_id').where('id', '=', storyId).executeTakeFirst()
  return row?.short_id
}
