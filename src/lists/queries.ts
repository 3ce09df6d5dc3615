// Every statement on lists and list_items, with the read-only story joins a list page needs.
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export type ListRow = { id: number; user_id: number; name: string; private: number; is_default: number; created_at: Date | string; updated_at: Date | string }

function lists(db: Q) {
  return db.selectFrom('lists').select(['lists.id', 'lists.user_id', 'lists.name', 'lists.private', 'lists.is_default', 'lists.created_at', 'lists.updated_at'])
}

export function listById(db: Q, id: number): Promise<ListRow | undefined> {
  return lists(db).where('lists.id', '=', id).executeTakeFirst()
}

/** A reader's lists: the Reading list first, then the others newest first. */
export function listsOf(db: Q, userId: number, publicOnly: boolean): Promise<ListRow[]> {
  let query = lists(db).where('lists.user_id', '=', userId)
  if (publicOnly) query = query.where('lists.private', '=', 0)
  return query.orderBy('lists.is_default', 'desc').orderBy('lists.created_at', 'desc').orderBy('lists.id', 'desc').execute()
}

export function defaultListOf(db: Q, userId: number): Promise<ListRow | undefined> {
  return lists(db).where('lists.user_id', '=', userId).where('lists.is_default', '=', 1).executeTakeFirst()
}

export async function insertList(db: Q, row: { userId: number; name: string; isPrivate: boolean; isDefault: boolean; now: Date }): Promise<number> {
  const inserted = await db.insertInto('lists').values({
    user_id: row.userId, name: row.name, private: row.isPrivate ? 1 : 0, is_default: row.isDefault ? 1 : 0, created_at: row.now, updated_at: row.now,
  }).returning('id').executeTakeFirstOrThrow()
  return inserted.id
}

export async function touchList(db: Q, id: number, now: Date): Promise<void> {
  await db.updateTable('lists').set({ updated_at: now }).where('id', '=', id).execute()
}

export async function deleteList(db: Q, id: number): Promise<void> {
  await db.deleteFrom('lists').where('id', '=', id).execute()
}

/** Adds a story at the end of a list; false when it was already there. */
export async function insertItem(db: Q, listId: number, storyId: number, now: Date): Promise<boolean> {
  const last = await db.selectFrom('list_items').select((eb) => eb.fn.max('position').as('p')).where('list_id', '=', listId).executeTakeFirst()
  const rows = await db.insertInto('list_items').values({ list_id: listId, story_id: storyId, position: Number(last?.p ?? 0) + 1, created_at: now })
    .onConflict((oc) => oc.columns(['list_id', 'story_id']).doNothing()).returning('story_id').execute()
  return rows.length > 0
}

export async function deleteItem(db: Q, listId: number, storyId: number): Promise<void> {
  await db.deleteFrom('list_items').where('list_id', '=', listId).where('story_id', '=', storyId).execute()
}

/** A list's story ids in its order. */
export async function storyIdsOf(db: Q, listId: number): Promise<number[]> {
  const rows = await db.selectFrom('list_items').select('story_id').where('list_id', '=', listId).orderBy('position').orderBy('created_at').execute()
  return rows.map((row) => row.story_id)
}

/** Rewrites a list's positions to this order (1, 2, 3, …). */
export async function setPositions(db: Transaction<Database>, listId: number, storyIds: number[]): Promise<void> {
  for (const [index, storyId] of storyIds.entries()) {
    await db.updateTable('list_items').set({ position: index + 1 }).where('list_id', '=', listId).where('story_id', '=', storyId).execute()
  }
}

export async function itemCounts(db: Q, listIds: number[]): Promise<Map<number, number>> {
  if (!listIds.length) return new Map()
  const rows = await db.selectFrom('list_items').select(['list_id', (eb) => eb.fn.countAll<number | string>().as('n')]).where('list_id', 'in', listIds).groupBy('list_id').execute()
  return new Map(rows.map((row) => [row.list_id, Number(row.n)]))
}

/** Which of the user's lists hold a story. */
export async function listsHolding(db: Q, userId: number, storyId: number): Promise<Set<number>> {
  const rows = await db.selectFrom('list_items').innerJoin('lists', 'lists.id', 'list_items.list_id')
    .select('list_items.list_id').where('lists.user_id', '=', userId).where('list_items.story_id', '=', storyId).execute()
  return new Set(rows.map((row) => row.list_id))
}

export function ownerOf(db: Q, userId: number) {
  return db.selectFrom('users').select(['id', 'username', 'name', 'bio', 'image']).where('id', '=', userId).executeTakeFirst()
}
