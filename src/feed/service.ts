// The home feed (For you, Following), following publications, and who follows whom.
import type { Db } from '../db/database.ts'
import { toDate } from '../db/codecs.ts'
import { notFound } from '../http/errors.ts'
import { storiesByIds, toCard, type Story } from '../stories/service.ts'
import type { CardStory } from '../web/components/story-card.tsx'
import { decodeChrono, decodeRank, encodeChrono, encodeRank, type ChronoCursor } from './cursor.ts'
import { rankForYou, type Candidate } from './ranking.ts'
import * as q from './queries.ts'

export { forYouScore, rankForYou } from './ranking.ts'

export type FeedPage<T> = { items: T[]; nextCursor: string | undefined }

/** The days For you looks back, and how many candidates of each kind it ranks. */
const FOR_YOU_DAYS = 30
const FOR_YOU_CANDIDATES = 150

/**
 * Following: published stories from the writers, publications and tags the reader follows,
 * newest first (never the reader's own), a page after `cursor`.
 */
export async function followingFeed(db: Db, viewerId: number, cursor: string | undefined, limit: number): Promise<FeedPage<Story>> {
  const keys = await followingKeys(db, viewerId, decodeChrono(cursor), limit + 1)
  const page = keys.slice(0, limit)
  const stories = await storiesByIds(db, page.map((key) => key.id), viewerId)
  const last = page[page.length - 1]
  const nextCursor = keys.length > limit && last ? encodeChrono({ publishedAt: toDate(last.published_at), id: last.id }) : undefined
  return { items: stories, nextCursor }
}

async function followingKeys(db: Db, viewerId: number, before: ChronoCursor | undefined, limit: number, since?: Date): Promise<q.StoryKey[]> {
  const lists = await Promise.all([
    q.storiesOfFollowedWriters(db.kysely, viewerId, before, limit, since),
    q.storiesOfFollowedPublications(db.kysely, viewerId, before, limit, since),
    q.storiesOfFollowedTags(db.kysely, viewerId, before, limit, since),
  ])
  const byId = new Map<number, q.StoryKey>()
  for (const list of lists) for (const key of list) byId.set(key.id, key)
  return [...byId.values()]
    .sort((a, b) => toDate(b.published_at).getTime() - toDate(a.published_at).getTime() || b.id - a.id)
    .slice(0, limit)
}

/**
 * For you: recent stories from what the reader follows blended with what the site applauds,
 * ranked by forYouScore (see ranking.ts), a page at a time from one frozen moment.
 */
export async function forYouFeed(db: Db, viewerId: number, cursor: string | undefined, limit: number, now = new Date()): Promise<FeedPage<Story>> {
  const position = decodeRank(cursor) ?? { asOf: now, offset: 0 }
  const { asOf, offset } = position
  const since = new Date(asOf.getTime() - FOR_YOU_DAYS * 24 * 3_600_000)
  const [writers, publications, tags, applauded] = await Promise.all([
    q.storiesOfFollowedWriters(db.kysely, viewerId, { publishedAt: asOf, id: 2_147_483_647 }, FOR_YOU_CANDIDATES, since),
    q.storiesOfFollowedPublications(db.kysely, viewerId, { publishedAt: asOf, id: 2_147_483_647 }, FOR_YOU_CANDIDATES, since),
    q.storiesOfFollowedTags(db.kysely, viewerId, { publishedAt: asOf, id: 2_147_483_647 }, FOR_YOU_CANDIDATES, since),
    applaudedRecently(db),
  ])
  const candidates = new Map<number, Candidate>()
  const add = (keys: q.StoryKey[], followed: Candidate['followed']) => {
    for (const key of keys) {
      const existing = candidates.get(key.id)
      if (existing) {
        if (followed === 'source' || (followed === 'tag' && existing.followed === null)) existing.followed = followed
        continue
      }
      candidates.set(key.id, { id: key.id, publishedAt: toDate(key.published_at), claps: key.clap_total, fans: key.fan_count, followed, seen: false })
    }
  }
  add(writers, 'source')
  add(publications, 'source')
  add(tags, 'tag')
  add(applauded.filter((key) => key.author_id !== viewerId && toDate(key.published_at) >= since && toDate(key.published_at) <= asOf), null)
  const seen = await q.seenAmong(db.kysely, viewerId, [...candidates.keys()])
  for (const candidate of candidates.values()) candidate.seen = seen.has(candidate.id)
  const ranked = rankForYou([...candidates.values()], asOf)
  const page = ranked.slice(offset, offset + limit)
  const stories = await storiesByIds(db, page.map((candidate) => candidate.id), viewerId)
  const nextCursor = ranked.length > offset + limit ? encodeRank({ asOf, offset: offset + limit }) : undefined
  return { items: stories, nextCursor }
}

/**
 * The site's most applauded stories of the last FOR_YOU_DAYS (a little more, so a frozen
 * page's window is still inside it), the same for every reader, so kept for a minute per process
 * as the trending list is: ranking them costs a sort of a month's stories.
 */
async function applaudedRecently(db: Db): Promise<(q.StoryKey & { author_id: number })[]> {
  const cached = applaudedCache.get(db)
  if (cached && Date.now() - cached.at < APPLAUDED_CACHE_MS) return cached.keys
  const since = new Date(Date.now() - (FOR_YOU_DAYS + 1) * 24 * 3_600_000)
  // The newest stories too, so a new reader (or a quiet site) still finds something to read;
  // unapplauded and unfollowed, they rank below everything else of their age.
  const [applauded, newest] = await Promise.all([q.applaudedSince(db.kysely, since, FOR_YOU_CANDIDATES * 2), q.newestPublished(db.kysely, NEWEST_CANDIDATES)])
  const keys = [...applauded, ...newest]
  applaudedCache.set(db, { at: Date.now(), keys })
  return keys
}
const APPLAUDED_CACHE_MS = 60_000
const NEWEST_CANDIDATES = 30
const applaudedCache = new WeakMap<Db, { at: number; keys: (q.StoryKey & { author_id: number })[] }>()

/** A feed page as cards for the home page. */
export function asCards(page: FeedPage<Story>): FeedPage<CardStory> {
  return { items: page.items.map(toCard), nextCursor: page.nextCursor }
}

export function followsAnything(db: Db, viewerId: number): Promise<boolean> {
  return q.followsAnything(db.kysely, viewerId)
}

export type PublicationFollow = { slug: string; name: string; followersCount: number; following: boolean }

export async function publicationFollowState(db: Db, slug: string, viewerId: number | null): Promise<PublicationFollow> {
  const publication = await findPublication(db, slug)
  return describe(db, publication, viewerId)
}

/** Follows a publication; following it again changes nothing. */
export async function followPublication(db: Db, viewerId: number, slug: string): Promise<PublicationFollow> {
  const publication = await findPublication(db, slug)
  await db.kysely.transaction().execute((trx) => q.insertPublicationFollow(trx, viewerId, publication.id, new Date()))
  return describe(db, publication, viewerId)
}

export async function unfollowPublication(db: Db, viewerId: number, slug: string): Promise<PublicationFollow> {
  const publication = await findPublication(db, slug)
  await db.kysely.transaction().execute((trx) => q.deletePublicationFollow(trx, viewerId, publication.id))
  return describe(db, publication, viewerId)
}

export function followedPublications(db: Db, viewerId: number) {
  return q.followedPublications(db.kysely, viewerId)
}

export type Person = { username: string; name: string; bio: string | null; image: string | null }

/** A page of a person's followers or of the people they follow, newest follow first. */
export async function peopleOf(db: Db, userId: number, which: 'followers' | 'following', limit: number, offset: number): Promise<Person[]> {
  const rows = which === 'followers' ? await q.followersOf(db.kysely, userId, limit, offset) : await q.followeesOf(db.kysely, userId, limit, offset)
  return rows.map((row) => ({ username: row.username, name: row.name, bio: row.bio, image: row.image }))
}

async function findPublication(db: Db, slug: string) {
  const publication = await q.publicationBySlug(db.kysely, slug)
  if (!publication) throw notFound('publication', 'publication_not_found')
  return publication
}

async function describe(db: Db, publication: { id: number; slug: string; name: string }, viewerId: number | null): Promise<PublicationFollow> {
  const [followersCount, following] = await Promise.all([
    q.publicationFollowerCount(db.kysely, publication.id),
    viewerId === null ? false : q.followsPublication(db.kysely, viewerId, publication.id),
  ])
  return { slug: publication.slug, name: publication.name, followersCount, following }
}
