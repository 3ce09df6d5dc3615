// Every search statement: ranked ids, match counts, and marked-up snippets for one page of hits.
//
// Engine differences live here, on purpose, in one branch per statement: SQLite matches through
// the FTS5 tables (`x_fts MATCH`, bm25(), snippet()/highlight()), PostgreSQL through the generated
// `search_vector` columns (`@@ to_tsquery('simple', …)`, ts_rank(), ts_headline()); the query
// builder has no words for either, hence raw `sql`, always with bound parameters: the reader's
// text arrives already turned into quoted terms by src/db/full-text.ts.
//
// A search runs in two steps: rank and page the ids (cheap columns only), then fetch snippets for
// just that page, since snippets are the costly part and a query may match thousands of rows.
//
// PostgreSQL searches stories through story_search (migration 0012), whose statements live in
// postgres-stories.ts; people and publications through their generated search_vector columns.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Engine } from '../db/database.ts'
import type { Database } from '../db/schema.ts'
import { fts5Query, MATCH_END, MATCH_START, tsQueryText, type SearchTerm } from '../db/full-text.ts'
import { snippetOf } from './snippet.ts'
import * as pg from './postgres-stories.ts'

type Db = Kysely<Database>
export type Page = { limit: number; offset: number }

/** What each searchable table is: its FTS5 table, its columns there, and its "primary" text. */
const targets = {
  stories: { fts: 'stories_fts', primary: ['title'], weights: [10, 4, 1, 4] },
  users: { fts: 'users_fts', primary: ['username', 'name'], weights: [10, 10, 1] },
  publications: { fts: 'publications_fts', primary: ['name', 'slug'], weights: [10, 1, 10] },
} as const
type Target = keyof typeof targets

// SQLite: the FTS table drives the join (CROSS JOIN fixes the order; left to itself the planner
// walks every published story and probes the FTS index once per story), and stories are read
// through a narrow covering index rather than their wide rows (see migration 0004).
function sqliteJoin(target: Target): RawBuilder<unknown> {
  return target === 'stories'
    ? sql`cross join stories b indexed by stories_search_cover on b.id = f.rowid`
    : sql`cross join ${sql.table(target)} b on b.id = f.rowid`
}

// Only published stories are found: drafts and unlisted stories never show in a search. Both
// engines' story indexes hold published stories only (SQLite's FTS table, migration 0011;
// PostgreSQL's story_search, migration 0012), so no query needs to filter on status for it.

/**
 * Above this many matching stories a search is "broad": its words are in so many stories that
 * bm25 scores them nearly alike, and scoring every match costs more than it tells. Broad searches
 * rank title matches first, then by claps (see broadStoryIds).
 */
export const BROAD_MATCHES = 2000

/**
 * Ids of matches, best first: a match in the primary text (a story's title, a person's name or
 * username, a publication's name or slug) before any other, then by relevance (bm25 with column
 * weights / ts_rank over weighted lexemes), then, for stories, by claps; newest id last breaks ties.
 */
export async function rankedIds(db: Db, engine: Engine, target: Target, terms: SearchTerm[], page: Page): Promise<number[]> {
  if (engine === 'postgres' && target === 'stories') return pg.rankedStoryIds(db, terms, page)
  const { rows } = await rankedIdsQuery(engine, target, terms, page).execute(db)
  return rows.map((row) => Number(row.id))
}

function rankedIdsQuery(engine: Engine, target: Target, terms: SearchTerm[], page: Page): RawBuilder<{ id: number }> {
  const t = targets[target]
  const claps = target === 'stories' ? sql`b.clap_total desc,` : sql``
  if (engine === 'postgres' && target === 'stories') return pg.rankedStoryIdsQuery(terms, page)
  return engine === 'postgres'
    ? sql<{ id: number }>`
        select b.id from ${sql.table(target)} b
        where b.search_vector @@ to_tsquery('simple', ${tsQueryText(terms)})
        order by (b.search_vector @@ to_tsquery('simple', ${tsQueryText(terms, 'A')})) desc,
          ts_rank(b.search_vector, to_tsquery('simple', ${tsQueryText(terms)})) desc, ${claps} b.id desc
        limit ${page.limit} offset ${page.offset}`
    : sql<{ id: number }>`
        select b.id from ${sql.table(t.fts)} f ${sqliteJoin(target)}
        where ${sql.ref(`f.${t.fts}`)} match ${fts5Query(terms)}
        order by (f.rowid in (select p.rowid from ${sql.table(t.fts)} p where ${sql.ref(`p.${t.fts}`)} match ${fts5Query(terms, [...t.primary])})) desc,
          bm25(${sql.table(t.fts)}, ${sql.join(t.weights.map((w) => sql.lit(w)))}), ${claps} b.id desc
        limit ${page.limit} offset ${page.offset}`
}

/**
 * A broad search's page: stories whose title matches, by claps, then the others, by claps.
 * `count` is how many stories match in all (matchCount).
 */
export async function broadStoryIds(db: Db, engine: Engine, terms: SearchTerm[], page: Page, count: number): Promise<number[]> {
  return engine === 'postgres' ? pg.broadStoryIds(db, terms, page, count) : sqliteBroadStoryIds(db, terms, page, await titleMatchCount(db, engine, terms))
}

// SQLite: the title matches are sorted when few, or found by walking stories_claps_rank when
// many; the others always by the walk, which stops as soon as the page is full, since a broad
// search matches most stories it passes. `titleMatches` is how many stories match in the title.
async function sqliteBroadStoryIds(db: Db, terms: SearchTerm[], page: Page, titleMatches: number): Promise<number[]> {
  const all = fts5Query(terms)
  const titles = fts5Query(terms, ['title'])
  const ids: number[] = []
  if (page.offset < titleMatches) {
    const query = titleMatches <= BROAD_MATCHES
      ? sql<{ id: number }>`
          select b.id from stories_fts f cross join stories b indexed by stories_search_cover on b.id = f.rowid
          where f.stories_fts match ${titles} order by b.clap_total desc, b.id desc limit ${page.limit} offset ${page.offset}`
      : sql<{ id: number }>`
          select b.id from stories b indexed by stories_claps_rank
          where b.id in (select rowid from stories_fts where stories_fts match ${titles})
          order by b.clap_total desc, b.id desc limit ${page.limit} offset ${page.offset}`
    ids.push(...(await query.execute(db)).rows.map((row) => Number(row.id)))
  }
  const missing = page.limit - ids.length
  if (missing > 0) {
    const { rows } = await sql<{ id: number }>`
      select b.id from stories b indexed by stories_claps_rank
      where b.id in (select rowid from stories_fts where stories_fts match ${all})
        and b.id not in (select rowid from stories_fts where stories_fts match ${titles})
      order by b.clap_total desc, b.id desc limit ${missing} offset ${Math.max(0, page.offset - titleMatches)}`.execute(db)
    ids.push(...rows.map((row) => Number(row.id)))
  }
  return ids
}

/** How many published stories match in their title. */
export async function titleMatchCount(db: Db, engine: Engine, terms: SearchTerm[]): Promise<number> {
  if (engine === 'postgres') return pg.countTitleMatches(db, terms)
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from stories_fts where stories_fts match ${fts5Query(terms, ['title'])}`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

export async function matchCount(db: Db, engine: Engine, target: Target, terms: SearchTerm[]): Promise<number> {
  if (engine === 'postgres' && target === 'stories') return pg.countStories(db, terms)
  const t = targets[target]
  const query = engine === 'postgres'
    ? sql<{ n: number | string }>`select count(*) as n from ${sql.table(target)} b where b.search_vector @@ to_tsquery('simple', ${tsQueryText(terms)})`
    : sql<{ n: number | string }>`
        select count(*) as n from ${sql.table(t.fts)} f where ${sql.ref(`f.${t.fts}`)} match ${fts5Query(terms)}`
  const { rows } = await query.execute(db)
  return Number(rows[0]?.n ?? 0)
}

// ts_headline options for whole short texts (names, taglines).
const HEADLINE_ALL = `HighlightAll=true, StartSel=${MATCH_START}, StopSel=${MATCH_END}`

/**
 * The part of each story's body that matched, match marks included (MATCH_START/END), made
 * from its plain text the same way on both engines (src/search/snippet.ts): ts_headline parses
 * the whole text of each of the page's stories, a few milliseconds a page at scale.
 */
export async function storySnippets(db: Db, terms: SearchTerm[], ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map()
  const rows = await db.selectFrom('stories').select(['id', 'search_text']).where('id', 'in', ids).execute()
  return new Map(rows.map((row) => [row.id, snippetOf(row.search_text, terms)]))
}

export type PersonHitRow = {
  id: number
  username: string
  name: string
  bio: string | null
  image: string | null
  /** name and bio with match marks. */
  name_marked: string
  bio_marked: string | null
}

/** People by id with their name and bio marked where they match (any order). */
export async function peopleWithMarks(db: Db, engine: Engine, terms: SearchTerm[], ids: number[]): Promise<PersonHitRow[]> {
  if (!ids.length) return []
  const query = engine === 'postgres'
    ? sql<PersonHitRow>`
        select id, username, name, bio, image,
          ts_headline('simple', name, to_tsquery('simple', ${tsQueryText(terms)}), ${HEADLINE_ALL}) as name_marked,
          ts_headline('simple', bio, to_tsquery('simple', ${tsQueryText(terms)}), ${HEADLINE_ALL}) as bio_marked
        from users where id in (${sql.join(ids)})`
    : sql<PersonHitRow>`
        select u.id, u.username, u.name, u.bio, u.image,
          highlight(users_fts, 1, ${MATCH_START}, ${MATCH_END}) as name_marked,
          highlight(users_fts, 2, ${MATCH_START}, ${MATCH_END}) as bio_marked
        from users_fts join users u on u.id = users_fts.rowid
        where users_fts match ${fts5Query(terms)} and users_fts.rowid in (${sql.join(ids)})`
  return (await query.execute(db)).rows
}

/** Which of these people the reader follows. */
export async function followedAmong(db: Db, followerId: number, userIds: number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set()
  const rows = await db.selectFrom('follows').select('followee_id').where('follower_id', '=', followerId).where('followee_id', 'in', userIds).execute()
  return new Set(rows.map((row) => row.followee_id))
}

export type PublicationHitRow = {
  id: number
  slug: string
  name: string
  tagline: string | null
  name_marked: string
  tagline_marked: string | null
}

/** Publications by id with their name and tagline marked where they match (any order). */
export async function publicationsWithMarks(db: Db, engine: Engine, terms: SearchTerm[], ids: number[]): Promise<PublicationHitRow[]> {
  if (!ids.length) return []
  const query = engine === 'postgres'
    ? sql<PublicationHitRow>`
        select id, slug, name, tagline,
          ts_headline('simple', name, to_tsquery('simple', ${tsQueryText(terms)}), ${HEADLINE_ALL}) as name_marked,
          ts_headline('simple', tagline, to_tsquery('simple', ${tsQueryText(terms)}), ${HEADLINE_ALL}) as tagline_marked
        from publications where id in (${sql.join(ids)})`
    : sql<PublicationHitRow>`
        select p.id, p.slug, p.name, p.tagline,
          highlight(publications_fts, 0, ${MATCH_START}, ${MATCH_END}) as name_marked,
          highlight(publications_fts, 1, ${MATCH_START}, ${MATCH_END}) as tagline_marked
        from publications_fts join publications p on p.id = publications_fts.rowid
        where publications_fts match ${fts5Query(terms)} and publications_fts.rowid in (${sql.join(ids)})`
  return (await query.execute(db)).rows
}

/** The plan of the ranked-ids query, to check that it goes through the full-text index. */
export async function explainRankedIds(db: Db, engine: Engine, target: Target, terms: SearchTerm[]): Promise<string> {
  const query = rankedIdsQuery(engine, target, terms, { limit: 10, offset: 0 })
  if (engine === 'postgres') {
    // On a small table PostgreSQL rightly prefers a sequential scan (or a primary key);
    // forbid both to see whether the full-text index can serve the query at all.
    return db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx)
      await sql`set local enable_indexscan = off`.execute(trx)
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx)
      return rows.map((row) => row['QUERY PLAN']).join('\n')
    })
  }
  const { rows } = await sql<{ detail: string }>`explain query plan ${query}`.execute(db)
  return rows.map((row) => row.detail).join('\n')
}
