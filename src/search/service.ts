// Search: stories, people and publications matching what a reader typed, best first, each hit
// with the matched words marked. Queries hold the engine-specific SQL; this module decides what
// is searched and assembles results the other features' services define (Story from stories).
import type { Db } from '../db/database.ts'
import { parseSearchQuery, splitMarked, type MarkedText, type SearchTerm } from '../db/full-text.ts'
import { storiesByIds, type Story } from '../stories/service.ts'
import * as q from './queries.ts'

export type SearchType = 'stories' | 'people' | 'publications'
export const SEARCH_TYPES: readonly SearchType[] = ['stories', 'people', 'publications']
export type SearchPage = { limit: number; offset: number }

export type StoryHit = { story: Story; snippet: MarkedText }
export type PersonHit = {
  username: string
  name: string
  bio: string | null
  image: string | null
  following: boolean
  nameMarked: MarkedText
  bioMarked: MarkedText
}
export type PublicationHit = { slug: string; name: string; tagline: string | null; nameMarked: MarkedText; taglineMarked: MarkedText }

/** Tests only: a lower threshold for "broad" searches, to take that path with a few stories. */
export type StorySearchTuning = { broadMatches?: number }

/** Published stories matching `text`, best first (see queries.rankedIds), and how many match in all. */
export async function searchStories(db: Db, text: string, page: SearchPage, viewerId: number | null, tuning: StorySearchTuning = {}): Promise<{ hits: StoryHit[]; count: number }> {
  const terms = parseSearchQuery(text)
  if (!terms.length) return { hits: [], count: 0 }
  const count = await q.matchCount(db.kysely, db.engine, 'stories', terms)
  const ids = await storyIds(db, terms, page, count, tuning.broadMatches ?? q.BROAD_MATCHES)
  const [stories, snippets] = await Promise.all([storiesByIds(db, ids, viewerId), q.storySnippets(db.kysely, terms, ids)])
  return { hits: stories.map((story) => ({ story, snippet: splitMarked(snippets.get(story.row.id)) })), count }
}

/** The page's story ids, best first: by relevance, or by the broad rule when most stories match. */
async function storyIds(db: Db, terms: SearchTerm[], page: SearchPage, count: number, broadMatches: number): Promise<number[]> {
  if (count === 0 || page.offset >= count) return []
  if (count > broadMatches) {
    return q.broadStoryIds(db.kysely, db.engine, terms, page, count)
  }
  return q.rankedIds(db.kysely, db.engine, 'stories', terms, page)
}

/** People whose username, name or bio match, best first, and how many match in all. */
export async function searchPeople(db: Db, text: string, page: SearchPage, viewerId: number | null): Promise<{ hits: PersonHit[]; count: number }> {
  const terms = parseSearchQuery(text)
  if (!terms.length) return { hits: [], count: 0 }
  const [ids, count] = await Promise.all([q.rankedIds(db.kysely, db.engine, 'users', terms, page), q.matchCount(db.kysely, db.engine, 'users', terms)])
  const [rows, following] = await Promise.all([
    q.peopleWithMarks(db.kysely, db.engine, terms, ids),
    viewerId ? q.followedAmong(db.kysely, viewerId, ids) : new Set<number>(),
  ])
  const hits = inOrder(ids, rows).map((row) => ({
    username: row.username,
    name: row.name,
    bio: row.bio,
    image: row.image,
    following: following.has(row.id),
    nameMarked: splitMarked(row.name_marked),
    bioMarked: splitMarked(row.bio_marked),
  }))
  return { hits, count }
}

/** Publications whose name, slug or tagline match, best first, and how many match in all. */
export async function searchPublications(db: Db, text: string, page: SearchPage): Promise<{ hits: PublicationHit[]; count: number }> {
  const terms = parseSearchQuery(text)
  if (!terms.length) return { hits: [], count: 0 }
  const [ids, count] = await Promise.all([
    q.rankedIds(db.kysely, db.engine, 'publications', terms, page),
    q.matchCount(db.kysely, db.engine, 'publications', terms),
  ])
  const rows = await q.publicationsWithMarks(db.kysely, db.engine, terms, ids)
  const hits = inOrder(ids, rows).map((row) => ({
    slug: row.slug,
    name: row.name,
    tagline: row.tagline,
    nameMarked: splitMarked(row.name_marked),
    taglineMarked: splitMarked(row.tagline_marked),
  }))
  return { hits, count }
}

/** How many hits each kind has, for the tabs of the search page. */
export async function searchCounts(db: Db, text: string): Promise<Record<SearchType, number>> {
  const terms = parseSearchQuery(text)
  if (!terms.length) return { stories: 0, people: 0, publications: 0 }
  const count = (target: 'stories' | 'users' | 'publications') => q.matchCount(db.kysely, db.engine, target, terms)
  const [stories, people, publications] = await Promise.all([count('stories'), count('users'), count('publications')])
  return { stories, people, publications }
}

/** The query plan of a story search (tests check that the full-text index serves it). */
export function explainStorySearch(db: Db, text: string): Promise<string> {
  return q.explainRankedIds(db.kysely, db.engine, 'stories', parseSearchQuery(text))
}

function inOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [Number(row.id), row]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}
