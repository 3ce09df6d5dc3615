// Every statement on publication_follows, and the read-only joins the home feed needs over
// stories, follows, tag_follows, story_tags, claps and highlights (written by their features).
//
// The Following feed asks each kind of source separately (writers, publications, tags), each cut
// at the page size, and merges them in the service: one query with three ORed subqueries would
// leave the planner a scan of every published story.
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { ChronoCursor } from './cursor.ts'

type Q = Kysely<Database> | Transaction<Database>

/** published_at is never null here: every query keeps to published stories. */
export type StoryKey = { id: number; published_at: Date | string; clap_total: number; fan_count: number }

function olderThan(before: ChronoCursor | undefined) {
  return (eb: ExpressionBuilder<Database, 'stories'>) => {
    if (!before) return eb.and([])
    // The first term alone is a range an index can seek to; the OR settles ties in the same ms.
    return eb.and([
      eb('stories.published_at', '<=', before.publishedAt),
      eb.or([eb('stories.published_at', '<', before.publishedAt), eb('stories.id', '<', before.id)]),
    ])
  }
}

// Each feed query starts from the reader's follows (a primary-key range) and joins to stories
// through an index that leads with the followed column (stories by author, by publication;
// story_tags_tag), so its cost grows with what the reader follows, not with the site: starting
// from stories would walk every published story until a page of matches turned up. CROSS JOIN
// with the join condition in WHERE is how SQLite is told the order of the loops (its planner
// keeps the tables in the order written); PostgreSQL treats it as the inner join it is.

/** Stories by writers the user follows, newest first. */
export function storiesOfFollowedWriters(db: Q, userId: number, before: ChronoCursor | undefined, limit: number, since?: Date): Promise<StoryKey[]> {
  return queryFollowedWriters(db, userId, before, limit, since).execute() as Promise<StoryKey[]>
}

export function queryFollowedWriters(db: Q, userId: number, before: ChronoCursor | undefined, limit: number, since?: Date) {
  let query = db.selectFrom('follows').crossJoin('stories').whereRef('stories.author_id', '=', 'follows.followee_id')
    .select(['stories.id', 'stories.published_at', 'stories.clap_total', 'stories.fan_count'])
    .where('follows.follower_id', '=', userId)
    .where('stories.status', '=', 'published')
    .where(olderThan(before))
  if (since) query = query.where('stories.published_at', '>=', since)
  return query.orderBy('stories.published_at', 'desc').orderBy('stories.id', 'desc').limit(limit)
}

/** Stories in publications the user follows, newest first (not the user's own). */
export function storiesOfFollowedPublications(db: Q, userId: number, before: ChronoCursor | undefined, limit: number, since?: Date): Promise<StoryKey[]> {
  return queryFollowedPublications(db, userId, before, limit, since).execute() as Promise<StoryKey[]>
}

export function queryFollowedPublications(db: Q, userId: number, before: ChronoCursor | undefined, limit: number, since?: Date) {
  let query = db.selectFrom('publication_follows').crossJoin('stories').whereRef('stories.publication_id', '=', 'publication_follows.publication_id')
    .select(['stories.id', 'stories.published_at', 'stories.clap_total', 'stories.fan_count'])
    .where('publication_follows.user_id', '=', userId)
    .where('stories.status', '=', 'published')
    .where('stories.author_id', '<>', userId)
    .where(olderThan(before))
  if (since) query = query.where('stories.published_at', '>=', since)
  return query.orderBy('stories.published_at', 'desc').orderBy('stories.id', 'desc').limit(limit)
}

/**
 * Stories carrying a tag the user follows, newest first (not the user's own; once each). Which
 * way to read depends on how many stories the tags hold: a few (up to DENSE_TAGS), from the
 * tags and sorted; many, down the newest stories until a page of them matched.
 */
export async function storiesOfFollowedTags(db: Q, userId: number, before: ChronoCursor | undefined, limit: number, since?: Date): Promise<StoryKey[]> {
  const tagged = await followedTagStoryCount(db, userId)
  if (tagged === 0) return []
  const query = tagged > DENSE_TAGS ? queryFollowedTagsByRecency(db, userId, before, limit, since) : queryFollowedTags(db, userId, before, limit, since)
  return query.execute() as Promise<StoryKey[]>
}

/** Above this many tagged stories, reading by recency beats sorting them all (measured at 100k stories). */
export const DENSE_TAGS = 2000

export function queryFollowedTags(db: Q, userId: number, before: ChronoCursor | undefined, limit: number, since?: Date) {
  let query = db.selectFrom('tag_follows')
    .crossJoin('story_tags').whereRef('story_tags.tag_id', '=', 'tag_follows.tag_id')
    .crossJoin('stories').whereRef('stories.id', '=', 'story_tags.story_id')
    .select(['stories.id', 'stories.published_at', 'stories.clap_total', 'stories.fan_count'])
    .distinct()
    .where('tag_follows.user_id', '=', userId)
    .where('stories.status', '=', 'published')
    .where('stories.author_id', '<>', userId)
    .where(olderThan(before))
  if (since) query = query.where('stories.published_at', '>=', since)
  return query.orderBy('stories.published_at', 'desc').orderBy('stories.id', 'desc').limit(limit)
}

/** The most applauded stories published in [since, until], whoever wrote them (not the user). */
export function applaudedSince(db: Q, since: Date, limit: number): Promise<(StoryKey & { author_id: number })[]> {
  return db.selectFrom('stories')
    .select(['stories.id', 'stories.published_at', 'stories.clap_total', 'stories.fan_count', 'stories.author_id'])
    .where('stories.status', '=', 'published')
    .where('stories.published_at', '>=', since)
    .where('stories.clap_total', '>', 0)
    .orderBy('stories.clap_total', 'desc').orderBy('stories.id', 'desc').limit(limit).execute() as Promise<(StoryKey & { author_id: number })[]>
}

/** The newest published stories, whoever wrote them (For you on a quiet site, or for a new reader). */
export function newestPublished(db: Q, limit: number): Promise<(StoryKey & { author_id: number })[]> {
  return db.selectFrom('stories')
    .select(['stories.id', 'stories.published_at', 'stories.clap_total', 'stories.fan_count', 'stories.author_id'])
    .where('stories.status', '=', 'published')
    .orderBy('stories.published_at', 'desc').orderBy('stories.id', 'desc').limit(limit).execute() as Promise<(StoryKey & { author_id: number })[]>
}

/** How many stories carry the tags the user follows (rows of story_tags, from its index). */
export async function followedTagStoryCount(db: Q, userId: number): Promise<number> {
  const row = await db.selectFrom('story_tags')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('story_tags.tag_id', 'in', db.selectFrom('tag_follows').select('tag_id').where('user_id', '=', userId))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Stories carrying a tag the user follows, newest first, read the other way round: down the
 * newest published stories, keeping those with a followed tag. For tags on many stories this
 * stops after a page of matches, where starting from the tags would sort all of their stories.
 */
export function queryFollowedTagsByRecency(db: Q, userId: number, before: ChronoCursor | undefined, limit: number, since?: Date) {
  let query = db.selectFrom('stories')
    .select(['stories.id', 'stories.published_at', 'stories.clap_total', 'stories.fan_count'])
    .where('stories.status', '=', 'published')
    .where('stories.author_id', '<>', userId)
    .where(olderThan(before))
    .where((eb) => eb.exists(eb.selectFrom('story_tags').select('story_tags.story_id')
      .whereRef('story_tags.story_id', '=', 'stories.id')
      .where('story_tags.tag_id', 'in', eb.selectFrom('tag_follows').select('tag_follows.tag_id').where('tag_follows.user_id', '=', userId))))
  if (since) query = query.where('stories.published_at', '>=', since)
  return query.orderBy('stories.published_at', 'desc').orderBy('stories.id', 'desc').limit(limit)
}

/** Which of these stories the user has clapped for or highlighted: they have read them. */
export async function seenAmong(db: Q, userId: number, storyIds: number[]): Promise<Set<number>> {
  if (!storyIds.length) return new Set()
  const [claps, highlights] = await Promise.all([
    db.selectFrom('claps').select('story_id').where('user_id', '=', userId).where('story_id', 'in', storyIds).execute(),
    db.selectFrom('highlights').select('story_id').where('user_id', '=', userId).where('story_id', 'in', storyIds).execute(),
  ])
  return new Set([...claps, ...highlights].map((row) => row.story_id))
}

export async function followsAnything(db: Q, userId: number): Promise<boolean> {
  const [writer, publication, tag] = await Promise.all([
    db.selectFrom('follows').select('followee_id').where('follower_id', '=', userId).limit(1).executeTakeFirst(),
    db.selectFrom('publication_follows').select('publication_id').where('user_id', '=', userId).limit(1).executeTakeFirst(),
    db.selectFrom('tag_follows').select('tag_id').where('user_id', '=', userId).limit(1).executeTakeFirst(),
  ])
  return Boolean(writer || publication || tag)
}

export function publicationBySlug(db: Q, slug: string) {
  return db.selectFrom('publications').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst()
}

export async function insertPublicationFollow(db: Q, userId: number, publicationId: number, now: Date): Promise<void> {
  await db.insertInto('publication_follows').values({ user_id: userId, publication_id: publicationId, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'publication_id']).doNothing()).execute()
}

export async function deletePublicationFollow(db: Q, userId: number, publicationId: number): Promise<void> {
  await db.deleteFrom('publication_follows').where('user_id', '=', userId).where('publication_id', '=', publicationId).execute()
}

export async function publicationFollowerCount(db: Q, publicationId: number): Promise<number> {
  const row = await db.selectFrom('publication_follows').select((eb) => eb.fn.countAll<number | string>().as('n')).where('publication_id', '=', publicationId).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function followsPublication(db: Q, userId: number, publicationId: number): Promise<boolean> {
  const row = await db.selectFrom('publication_follows').select('user_id').where('user_id', '=', userId).where('publication_id', '=', publicationId).executeTakeFirst()
  return row !== undefined
}

export type PersonRow = { id: number; username: string; name: string; bio: string | null; image: string | null; created_at: Date | string }

/** The people who follow a user, newest follow first. */
export function followersOf(db: Q, userId: number, limit: number, offset: number): Promise<PersonRow[]> {
  return db.selectFrom('follows').innerJoin('users', 'users.id', 'follows.follower_id')
    .select(['users.id', 'users.username', 'users.name', 'users.bio', 'users.image', 'follows.created_at'])
    .where('follows.followee_id', '=', userId)
    .orderBy('follows.created_at', 'desc').orderBy('users.id', 'desc').limit(limit).offset(offset).execute()
}

/** The people a user follows, newest follow first. */
export function followeesOf(db: Q, userId: number, limit: number, offset: number): Promise<PersonRow[]> {
  return db.selectFrom('follows').innerJoin('users', 'users.id', 'follows.followee_id')
    .select(['users.id', 'users.username', 'users.name', 'users.bio', 'users.image', 'follows.created_at'])
    .where('follows.follower_id', '=', userId)
    .orderBy('follows.created_at', 'desc').orderBy('users.id', 'desc').limit(limit).offset(offset).execute()
}

/** The publications a user follows, by name. */
export function followedPublications(db: Q, userId: number): Promise<{ slug: string; name: string }[]> {
  return db.selectFrom('publication_follows').innerJoin('publications', 'publications.id', 'publication_follows.publication_id')
    .select(['publications.slug', 'publications.name']).where('publication_follows.user_id', '=', userId).orderBy('publications.name').execute()
}
