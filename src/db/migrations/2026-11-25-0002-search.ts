// Full-text search over stories, people and publications.
// Frozen in time: takes Kysely<any> and imports nothing from the app.
//
// stories gain two plain columns the stories service keeps: search_text (the body's plain text)
// and tag_names (the tag names, space-separated). The index itself is kept by the database, so
// no write path can forget it:
// - SQLite: FTS5 external-content tables (the text lives once, in the base table) kept in step
//   by triggers on insert, update of the indexed columns, and delete.
// - PostgreSQL: a generated tsvector column per table, weighted (A is the "primary" text: a
//   story's title, a person's name and username, a publication's name and slug), with a GIN index.
// Both use a language-neutral configuration ('simple', unicode61): no stemming, no stop words,
// Unicode case folding; diacritics stay significant on both engines so they answer alike.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema.alterTable('stories').addColumn('search_text', 'text', (c) => c.notNull().defaultTo('')).execute()
  await db.schema.alterTable('stories').addColumn('tag_names', 'text', (c) => c.notNull().defaultTo('')).execute()
  await backfillStories(db, pg)
  if (pg) await upPostgres(db)
  else await upSqlite(db)
}

// PostgreSQL's parser reads some punctuation as part of a token ("pub-42" gives 'pub' and '-42',
// "1.5" one number, "a@b.com" one e-mail); the app, like SQLite's unicode61, cuts words at every
// character that is not a letter or digit. Turning that punctuation into spaces first makes both
// engines index (and match) the same words.
const PUNCTUATION = "-./@:_+~#=&<>\\"

async function upPostgres(db: Kysely<any>): Promise<void> {
  const words = (column: string) => `translate(coalesce(${column}, ''), '${PUNCTUATION}', '${' '.repeat(PUNCTUATION.length)}')`
  const vector = (parts: [string, 'A' | 'B' | 'C' | 'D'][]) =>
    parts.map(([column, weight]) => `setweight(to_tsvector('simple', ${words(column)}), '${weight}')`).join(' || ')
  const tables: [string, [string, 'A' | 'B' | 'C' | 'D'][]][] = [
    ['stories', [['title', 'A'], ['subtitle', 'B'], ['tag_names', 'B'], ['search_text', 'D']]],
    ['users', [['username', 'A'], ['name', 'A'], ['bio', 'C']]],
    ['publications', [['name', 'A'], ['slug', 'A'], ['tagline', 'C']]],
  ]
  for (const [table, parts] of tables) {
    await sql.raw(`alter table ${table} add column search_vector tsvector generated always as (${vector(parts)}) stored`).execute(db)
    await sql.raw(`create index ${table}_search on ${table} using gin (search_vector)`).execute(db)
  }
}

async function upSqlite(db: Kysely<any>): Promise<void> {
  const tables: [string, string[]][] = [
    ['stories', ['title', 'subtitle', 'search_text', 'tag_names']],
    ['users', ['username', 'name', 'bio']],
    ['publications', ['name', 'tagline', 'slug']],
  ]
  for (const [table, columns] of tables) {
    const fts = `${table}_fts`
    const list = columns.join(', ')
    const values = (row: 'new' | 'old') => columns.map((column) => `${row}.${column}`).join(', ')
    // prefix='2 3': type-ahead asks for prefixes; indexing the short ones keeps them fast.
    await sql.raw(`create virtual table ${fts} using fts5(${list}, content='${table}', content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='2 3')`).execute(db)
    await sql.raw(`create trigger ${fts}_insert after insert on ${table} begin
      insert into ${fts}(rowid, ${list}) values (new.id, ${values('new')});
    end`).execute(db)
    await sql.raw(`create trigger ${fts}_delete after delete on ${table} begin
      insert into ${fts}(${fts}, rowid, ${list}) values ('delete', old.id, ${values('old')});
    end`).execute(db)
    // Only when indexed text changes: clap totals and counters are updated far more often.
    await sql.raw(`create trigger ${fts}_update after update of ${list} on ${table} begin
      insert into ${fts}(${fts}, rowid, ${list}) values ('delete', old.id, ${values('old')});
      insert into ${fts}(rowid, ${list}) values (new.id, ${values('new')});
    end`).execute(db)
    await sql.raw(`insert into ${fts}(${fts}) values ('rebuild')`).execute(db)
  }
}

// Stories written before this migration get their search text now, from the block document as
// it was shaped at this date (a frozen copy of the rule, not an import of the app's).
async function backfillStories(db: Kysely<any>, pg: boolean): Promise<void> {
  const tagNames = pg
    ? sql`(select coalesce(string_agg(tags.name, ' ' order by story_tags.position), '') from story_tags join tags on tags.id = story_tags.tag_id where story_tags.story_id = stories.id)`
    : sql`(select coalesce(group_concat(name, ' '), '') from (select tags.name from story_tags join tags on tags.id = story_tags.tag_id where story_tags.story_id = stories.id order by story_tags.position))`
  await db.updateTable('stories').set({ tag_names: tagNames }).execute()
  let after = 0
  for (;;) {
    const rows: { id: number; body: string }[] = await db.selectFrom('stories').select(['id', 'body']).where('id', '>', after).orderBy('id').limit(500).execute()
    if (!rows.length) return
    for (const row of rows) await db.updateTable('stories').set({ search_text: plainText(row.body) }).where('id', '=', row.id).execute()
    after = rows[rows.length - 1]!.id
  }
}

type Runs = { text: string }[] | undefined
type FrozenBlock = { type: string; content?: Runs; items?: { content: Runs }[]; text?: string; caption?: Runs; alt?: string }

function plainText(body: string): string {
  let blocks: FrozenBlock[]
  try {
    blocks = (JSON.parse(body) as { blocks?: FrozenBlock[] }).blocks ?? []
  } catch {
    return ''
  }
  const runs = (content: Runs) => (content ?? []).map((run) => run.text).join('')
  return blocks.map((block) => {
    if (block.type === 'list') return (block.items ?? []).map((item) => runs(item.content)).join('\n')
    if (block.type === 'code') return block.text ?? ''
    if (block.type === 'image') return runs(block.caption) || (block.alt ?? '')
    if (block.type === 'embed') return runs(block.caption)
    return runs(block.content)
  }).filter((text) => text.trim() !== '').join('\n\n')
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  for (const table of ['stories', 'users', 'publications']) {
    if (pg) {
      await sql.raw(`drop index ${table}_search`).execute(db)
      await db.schema.alterTable(table).dropColumn('search_vector').execute()
    } else {
      for (const trigger of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${table}_fts_${trigger}`).execute(db)
      await sql.raw(`drop table ${table}_fts`).execute(db)
    }
  }
  await db.schema.alterTable('stories').dropColumn('tag_names').execute()
  await db.schema.alterTable('stories').dropColumn('search_text').execute()
}
