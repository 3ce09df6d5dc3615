// Story search statements on PostgreSQL, over story_search (migration 0012): the vectors of
// published stories only, in narrow rows (each vector is out of line, in TOAST), title_vector
// (the title's lexemes alone, in the row), and a GIN index of each vector's word pairs.
//
// Two costs shape every statement here:
// - Testing a row's vector means fetching it from TOAST, ~8 µs a row. PostgreSQL's planner does
//   not know that, and for a prefix (whose GIN cost it overestimates) or a common word it picks
//   a sequential scan that tests every story: 0.3-0.7 s at 100,000 stories, against a few ms
//   through the GIN index. Statements run with sequential scans off (withIndexes).
// - GIN keeps no word positions, so a phrase ("careful engineer") is answered from the index
//   with every story holding both words, each then rechecked against its vector: for two common
//   words, ~85,000 TOAST fetches. The word-pair index (story_search_pairs: 'careful engineer' is
//   one entry) answers a two-word phrase exactly, and narrows a longer one to a few candidates.
// Queries test title matches on title_vector, never on the full vector, for the same reason.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.ts'
import { tsQueryText, type SearchTerm } from '../db/full-text.ts'

type Db = Kysely<Database>
type Page = { limit: number; offset: number }

/** Runs statements with sequential scans off (see above); the setting ends with the transaction. */
function withIndexes<T>(db: Db, run: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx)
    return run(trx)
  })
}

const tsQuery = (terms: SearchTerm[]) => sql`to_tsquery('simple', ${tsQueryText(terms)})`

/**
 * `f` (a story_search row) matches the terms, written so that the GIN indexes answer it: words
 * against the vector's index, phrases against the word-pair index, and phrases of three words or
 * more (whose pairs may lie apart) checked against the vector for the few stories left.
 */
function matches(terms: SearchTerm[]): RawBuilder<unknown> {
  const words = terms.filter((term) => term.words.length === 1)
  const phrases = terms.filter((term) => term.words.length > 1)
  const conditions: RawBuilder<unknown>[] = []
  if (words.length) conditions.push(sql`f.vector @@ ${tsQuery(words)}`)
  if (phrases.length) {
    // lower() as to_tsquery('simple') would: the pairs were made from lexemes it lowered.
    conditions.push(sql`story_search_pairs(f.vector) @@ lower(${pairsQueryText(phrases)})::tsquery`)
    if (phrases.some((term) => term.words.length > 2)) conditions.push(sql`f.vector @@ ${tsQuery(phrases)}`)
  }
  return sql.join(conditions, sql` and `)
}

/**
 * A tsquery over word pairs: "a b c" gives `'a b' & 'b c'`; a phrase typed on ("a b c…") makes
 * its last pair a prefix (`'b c':*`). Words hold letters, digits and marks only, never a quote.
 */
function pairsQueryText(phrases: SearchTerm[]): string {
  return phrases.flatMap((term) => term.words.slice(1).map((word, i) => {
    const last = i === term.words.length - 2
    return `'${term.words[i]} ${word}'${term.prefix && last ? ':*' : ''}`
  })).join(' & ')
}

/** How many published stories match. */
export async function countStories(db: Db, terms: SearchTerm[]): Promise<number> {
  const { rows } = await withIndexes(db, (trx) => sql<{ n: string }>`select count(*) as n from story_search f where ${matches(terms)}`.execute(trx))
  return Number(rows[0]?.n ?? 0)
}

/** How many published stories match in their title. */
export function countTitleMatches(db: Db, terms: SearchTerm[]): Promise<number> {
  return withIndexes(db, (trx) => titleMatchesIn(trx, terms))
}

async function titleMatchesIn(trx: Db, terms: SearchTerm[]): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from story_search f where f.title_vector @@ ${tsQuery(terms)}`.execute(trx)
  return Number(rows[0]?.n ?? 0)
}

/** A page of matches best first: title matches, then ts_rank, then claps, newest id last. */
export async function rankedStoryIds(db: Db, terms: SearchTerm[], page: Page): Promise<number[]> {
  const { rows } = await withIndexes(db, (trx) => rankedStoryIdsQuery(terms, page).execute(trx))
  return rows.map((row) => Number(row.id))
}

export function rankedStoryIdsQuery(terms: SearchTerm[], page: Page): RawBuilder<{ id: number }> {
  const query = tsQuery(terms)
  return sql<{ id: number }>`
    select b.id from story_search f join stories b on b.id = f.story_id
    where ${matches(terms)}
    order by (f.title_vector @@ ${query}) desc, ts_rank(f.vector, ${query}) desc, b.clap_total desc, b.id desc
    limit ${page.limit} offset ${page.offset}`
}

/**
 * From this many matches a group of a broad search is found by walking stories_claps_rank
 * (published stories by claps, migration 0012) and testing each story it passes (a primary-key
 * lookup and a TOAST fetch, ~40 µs) until the page is full: the walk passes about (published / matches) stories per
 * hit, ~360 for a first page at 5,000 of 90,000. Below it, the group's matches come from the GIN
 * index and are sorted by claps (~3 µs each), which the walk would beat only on a hunch: left to
 * itself, the planner walks the whole index for a title group of a few dozen stories (0.5 s).
 */
export const WALK_MATCHES = 5000
/** The same for title matches: testing a title costs no TOAST fetch (~7 µs a story passed). */
export const TITLE_WALK_MATCHES = 2000

/**
 * A broad search's page: stories matching in the title by claps, then the others by claps.
 * `count` is how many stories match in all; `walkFrom`, for tests, replaces both thresholds.
 */
export function broadStoryIds(db: Db, terms: SearchTerm[], page: Page, count: number, walkFrom?: number): Promise<number[]> {
  const query = tsQuery(terms)
  return withIndexes(db, async (trx) => {
    const titleMatches = await titleMatchesIn(trx, terms)
    const group = async (size: number, walkAt: number, indexed: RawBuilder<unknown>, tested: RawBuilder<unknown>, limit: number, offset: number) => {
      const { rows } = await (size >= (walkFrom ?? walkAt)
        ? sql<{ id: number }>`
            select b.id from stories b
            where b.status = 'published' and exists (select 1 from story_search f where f.story_id = b.id and ${tested})
            order by b.clap_total desc, b.id desc limit ${limit} offset ${offset}`
        : sql<{ id: number }>`
            with m as materialized (select f.story_id from story_search f where ${indexed})
            select b.id from m join stories b on b.id = m.story_id
            order by b.clap_total desc, b.id desc limit ${limit} offset ${offset}`).execute(trx)
      return rows.map((row) => Number(row.id))
    }
    const ids: number[] = []
    const inTitle = sql`f.title_vector @@ ${query}`
    if (page.offset < titleMatches) ids.push(...await group(titleMatches, TITLE_WALK_MATCHES, inTitle, inTitle, page.limit, page.offset))
    const missing = page.limit - ids.length
    if (missing > 0) {
      // The walk tests the vector itself, never the word pairs (in the index only: computing
      // them for a story costs a millisecond).
      const indexed = sql`${matches(terms)} and not (${inTitle})`
      const tested = sql`f.vector @@ ${query} and not (${inTitle})`
      ids.push(...await group(count - titleMatches, WALK_MATCHES, indexed, tested, missing, Math.max(0, page.offset - titleMatches)))
    }
    return ids
  })
}
