// Tags as readers meet them: a tag page (latest or top stories, counts, related tags) and
// following a tag. Stories and their tags are written by the stories feature; this one only
// reads them, and writes tag_follows.
import type { Db } from '../db/database.ts'
import { notFound } from '../http/errors.ts'
import { listStoryCards, storiesByIds, toCard } from '../stories/service.ts'
import { tagKey } from '../stories/tags.ts'
import type { CardStory } from '../web/components/story-card.tsx'
import * as q from './queries.ts'

export const TAG_SORTS = ['latest', 'week', 'month', 'all'] as const
/** latest: newest first; week, month, all: most clapped in the last 7 days, 30 days, ever. */
export type TagSort = (typeof TAG_SORTS)[number]

const DAY_MS = 24 * 60 * 60 * 1000
const PERIOD_DAYS: Record<Exclude<TagSort, 'latest' | 'all'>, number> = { week: 7, month: 30 }
const RELATED_TAGS = 8

/** A tag as the follow API answers it. */
export type TagSummary = { name: string; key: string; followersCount: number; following: boolean }

export type TagPageData = {
  /** The tag's key, and its name as first written (the key when no story carries it). */
  key: string
  name: string
  /** Published stories carrying the tag. */
  count: number
  followersCount: number
  following: boolean
  /** Whether a reader may follow it: some published story carries it. */
  followable: boolean
  related: { key: string; name: string }[]
  cards: CardStory[]
}

/** One page of a tag's stories in the given order, with the tag's counts and related tags. */
export async function tagPage(db: Db, key: string, query: { sort: TagSort; limit: number; offset: number; now?: Date }, viewerId: number | null): Promise<TagPageData> {
  const tag = key ? await q.tagByKey(db.kysely, key) : undefined
  if (!tag) return { key, name: key, count: 0, followersCount: 0, following: false, followable: false, related: [], cards: [] }
  const [count, followersCount, following, related, cards] = await Promise.all([
    q.publishedStoryCount(db.kysely, tag.id),
    q.followerCount(db.kysely, tag.id),
    viewerId === null ? false : q.isFollowing(db.kysely, viewerId, tag.id),
    q.relatedTags(db.kysely, tag.id, RELATED_TAGS),
    storyCards(db, tag.id, key, query, viewerId),
  ])
  return { key, name: tag.name, count, followersCount, following, followable: count > 0, related, cards }
}

async function storyCards(db: Db, tagId: number, key: string, { sort, limit, offset, now = new Date() }: { sort: TagSort; limit: number; offset: number; now?: Date }, viewerId: number | null): Promise<CardStory[]> {
  if (sort === 'latest') return (await listStoryCards(db, { tagKey: key, limit, offset }, viewerId)).cards
  const since = sort === 'all' ? null : new Date(now.getTime() - PERIOD_DAYS[sort] * DAY_MS)
  const ids = await q.topStoryIds(db.kysely, tagId, since, limit, offset)
  return (await storiesByIds(db, ids, viewerId)).map(toCard)
}

/** Follows a tag some published story carries; following it again changes nothing. */
export async function followTag(db: Db, viewerId: number, spelling: string): Promise<TagSummary> {
  const { tag } = await findTag(db, spelling, viewerId)
  await db.kysely.transaction().execute((trx) => q.insertFollow(trx, viewerId, tag.id, new Date()))
  return summarise(db, tag, viewerId)
}

/** Stops following a tag; a reader may leave a tag even after its last story went away. */
export async function unfollowTag(db: Db, viewerId: number, spelling: string): Promise<TagSummary> {
  const { tag } = await findTag(db, spelling, viewerId, { allowFollowed: true })
  await db.kysely.transaction().execute((trx) => q.deleteFollow(trx, viewerId, tag.id))
  return summarise(db, tag, viewerId)
}

async function findTag(db: Db, spelling: string, viewerId: number | null, options: { allowFollowed?: boolean } = {}) {
  const key = tagKey(spelling)
  const tag = key ? await q.tagByKey(db.kysely, key) : undefined
  if (tag && (await q.publishedStoryCount(db.kysely, tag.id)) > 0) return { tag }
  // Tags only on drafts stay unknown: a draft's tags are its author's business.
  if (tag && options.allowFollowed && viewerId !== null && (await q.isFollowing(db.kysely, viewerId, tag.id))) return { tag }
  throw notFound('tag', 'tag_not_found')
}

async function summarise(db: Db, tag: { id: number; key: string; name: string }, viewerId: number | null): Promise<TagSummary> {
  const [followersCount, following] = await Promise.all([
    q.followerCount(db.kysely, tag.id),
    viewerId === null ? false : q.isFollowing(db.kysely, viewerId, tag.id),
  ])
  return { name: tag.name, key: tag.key, followersCount, following }
}
