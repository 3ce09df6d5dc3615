// Reading lists: a reader saves stories to "Reading list" with one click (made on first save)
// and to named lists of their own, public or private, in an order they choose. A private list
// does not exist for anyone else (404, never 403: its name is private too).
import type { Db } from '../db/database.ts'
import { toDate } from '../db/codecs.ts'
import { forbidden, invalid, notFound } from '../http/errors.ts'
import { storiesByIds, storyBySlug, type Story } from '../stories/service.ts'
import * as q from './queries.ts'

export const READING_LIST = 'Reading list'
export const LIST_NAME_MAX = 100

export type ListSummary = {
  id: number
  name: string
  private: boolean
  isReadingList: boolean
  owner: { username: string; name: string }
  count: number
  createdAt: Date
  updatedAt: Date
  /** Whether it holds the story asked about (GET /api/lists?article=). */
  hasArticle?: boolean
}

export type ListWithStories = ListSummary & { stories: Story[]; isOwner: boolean }

/** The reader's lists, the Reading list first (made now if they had none). */
export async function myLists(db: Db, viewerId: number, articleSlug?: string): Promise<ListSummary[]> {
  await readingListOf(db, viewerId)
  const rows = await q.listsOf(db.kysely, viewerId, false)
  const holding = articleSlug === undefined ? undefined : await q.listsHolding(db.kysely, viewerId, (await storyBySlug(db, articleSlug, viewerId)).row.id)
  const summaries = await summarise(db, rows)
  return holding ? summaries.map((list) => ({ ...list, hasArticle: holding.has(list.id) })) : summaries
}

/** Someone's public lists (their profile shows them). */
export async function publicListsOf(db: Db, userId: number): Promise<ListSummary[]> {
  return summarise(db, await q.listsOf(db.kysely, userId, true))
}

export async function createList(db: Db, viewerId: number, input: { name: string; private?: boolean | undefined }): Promise<ListSummary> {
  const name = input.name.trim()
  if (!name) throw invalid({ name: ["can't be blank"] })
  if (name.length > LIST_NAME_MAX) throw invalid({ name: [`is too long (maximum is ${LIST_NAME_MAX} characters)`] })
  const id = await db.kysely.transaction().execute((trx) => q.insertList(trx, { userId: viewerId, name, isPrivate: input.private ?? false, isDefault: false, now: new Date() }))
  return (await summarise(db, [await mustExist(db, id)]))[0] as ListSummary
}

/** A list with its stories in order, as this viewer may see it. */
export async function listWithStories(db: Db, id: number, viewerId: number | null): Promise<ListWithStories> {
  const row = await visibleList(db, id, viewerId)
  const stories = await storiesByIds(db, await q.storyIdsOf(db.kysely, row.id), viewerId)
  // A story that became a draft stays in the list but is not shown to anyone but its writer.
  const shown = stories.filter((story) => story.row.status === 'published' || story.row.status === 'unlisted' || story.row.author_id === viewerId)
  const summary = (await summarise(db, [row]))[0] as ListSummary
  return { ...summary, count: shown.length, stories: shown, isOwner: row.user_id === viewerId }
}

export async function addToList(db: Db, viewerId: number, id: number, slug: string): Promise<ListWithStories> {
  const list = await ownList(db, id, viewerId)
  const story = await storyBySlug(db, slug, viewerId)
  await db.kysely.transaction().execute(async (trx) => {
    if (await q.insertItem(trx, list.id, story.row.id, new Date())) await q.touchList(trx, list.id, new Date())
  })
  return listWithStories(db, list.id, viewerId)
}

export async function removeFromList(db: Db, viewerId: number, id: number, slug: string): Promise<ListWithStories> {
  const list = await ownList(db, id, viewerId)
  const story = await storyBySlug(db, slug, viewerId)
  await db.kysely.transaction().execute(async (trx) => {
    await q.deleteItem(trx, list.id, story.row.id)
    await q.touchList(trx, list.id, new Date())
  })
  return listWithStories(db, list.id, viewerId)
}

/** Moves a story to a place in its list (1 is first; past the end is last). */
export async function moveInList(db: Db, viewerId: number, id: number, slug: string, position: number): Promise<ListWithStories> {
  const list = await ownList(db, id, viewerId)
  const story = await storyBySlug(db, slug, viewerId)
  await db.kysely.transaction().execute(async (trx) => {
    const order = await q.storyIdsOf(trx, list.id)
    const from = order.indexOf(story.row.id)
    if (from < 0) throw notFound('article', 'story_not_found')
    order.splice(from, 1)
    order.splice(Math.min(Math.max(position, 1), order.length + 1) - 1, 0, story.row.id)
    await q.setPositions(trx, list.id, order)
    await q.touchList(trx, list.id, new Date())
  })
  return listWithStories(db, list.id, viewerId)
}

export async function deleteList(db: Db, viewerId: number, id: number): Promise<void> {
  const list = await ownList(db, id, viewerId)
  if (list.is_default === 1) throw invalid({ list: ['the Reading list cannot be deleted'] })
  await db.kysely.transaction().execute((trx) => q.deleteList(trx, list.id))
}

/** The reader's Reading list, made on first use. */
export async function readingListOf(db: Db, viewerId: number): Promise<number> {
  const existing = await q.defaultListOf(db.kysely, viewerId)
  if (existing) return existing.id
  return db.kysely.transaction().execute(async (trx) => {
    // Two first saves at once: the second finds the first's list.
    const again = await q.defaultListOf(trx, viewerId)
    return again?.id ?? q.insertList(trx, { userId: viewerId, name: READING_LIST, isPrivate: true, isDefault: true, now: new Date() })
  })
}

/** Parses a list id from a path; anything else is a list that does not exist. */
export function parseListId(text: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(text) || Number(text) > 2_147_483_647) throw notFound('list', 'list_not_found')
  return Number(text)
}

async function mustExist(db: Db, id: number): Promise<q.ListRow> {
  const row = await q.listById(db.kysely, id)
  if (!row) throw notFound('list', 'list_not_found')
  return row
}

async function visibleList(db: Db, id: number, viewerId: number | null): Promise<q.ListRow> {
  const row = await mustExist(db, id)
  if (row.private === 1 && row.user_id !== viewerId) throw notFound('list', 'list_not_found')
  return row
}

async function ownList(db: Db, id: number, viewerId: number): Promise<q.ListRow> {
  const row = await visibleList(db, id, viewerId)
  if (row.user_id !== viewerId) throw forbidden('list', 'not_list_owner')
  return row
}

async function summarise(db: Db, rows: q.ListRow[]): Promise<ListSummary[]> {
  const counts = await q.itemCounts(db.kysely, rows.map((row) => row.id))
  const owners = new Map<number, { username: string; name: string }>()
  for (const userId of new Set(rows.map((row) => row.user_id))) {
    const owner = await q.ownerOf(db.kysely, userId)
    if (owner) owners.set(userId, { username: owner.username, name: owner.name })
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    private: row.private === 1,
    isReadingList: row.is_default === 1,
    owner: owners.get(row.user_id) ?? { username: '', name: '' },
    count: counts.get(row.id) ?? 0,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }))
}
