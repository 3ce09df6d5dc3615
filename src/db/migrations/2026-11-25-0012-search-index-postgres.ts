// Search at scale, PostgreSQL side (migration 0011 did SQLite's). Frozen in time: takes
// Kysely<any> and imports nothing from the app.
//
// At 100,000 stories a word in most of them matched ~88,000 rows, and every search counted its
// matches: a bitmap scan of the GIN index, then a visit to each matching story's row for its
// status (and the rows are wide: ~10,000 heap pages), 50-100 ms before ranking even began; the
// planner, not knowing that each search_vector is a 3 KB TOAST fetch, often chose a sequential
// scan instead (seconds). So, like SQLite's FTS5 table:
// 1. story_search holds the search vectors of published stories only, in narrow rows (the
//    vector itself is out of line, toast_tuple_target), so counting ~88,000 matches visits a few
//    hundred pages. It also holds title_vector, the title's lexemes alone (the 'A'-weighted part
//    of search_vector, same positions), with its own GIN index: "matches in the title" becomes
//    an index lookup instead of a weighted recheck of every match's full vector.
//    GIN keeps no word positions: a phrase is answered with every story holding all its words,
//    each rechecked against its vector (for two common words, ~85,000 TOAST fetches, 0.7 s).
//    story_search_pairs indexes each vector's adjacent word pairs ('careful engineer' is one
//    entry, made from the vector's own positions, so exactly the pairs `<->` would match).
//    A trigger on stories keeps it in step (the vector is still the generated column of 0002,
//    so its definition lives in one place); deleting a story deletes its row (foreign key).
// 2. stories_claps_rank: published stories by clap total, for broad searches (title matches,
//    then claps) that walk it and stop when the page is full (see search/queries.ts).
// The GIN index on stories.search_vector served only search and goes: story writes no longer
// pay for it.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`create table story_search (
    story_id integer primary key references stories (id) on delete cascade,
    title_vector tsvector not null,
    vector tsvector not null
  ) with (toast_tuple_target = 128)`.execute(db)
  // Titles stay in the row (compressed if need be) however small the target: rechecking a
  // title phrase should not fetch TOAST.
  await sql`alter table story_search alter column title_vector set storage main`.execute(db)
  await sql`create function story_search_sync() returns trigger language plpgsql as $$
    begin
      if new.status = 'published' then
        insert into story_search (story_id, title_vector, vector)
        values (new.id, ts_filter(new.search_vector, '{a}'), new.search_vector)
        on conflict (story_id) do update set title_vector = excluded.title_vector, vector = excluded.vector;
      elsif tg_op = 'UPDATE' and old.status = 'published' then
        delete from story_search where story_id = new.id;
      end if;
      return null;
    end $$`.execute(db)
  // After the row is written, so the generated search_vector is there to copy; only when the
  // indexed text or the status changes (clap totals change far more often).
  await sql`create trigger story_search_sync after insert or update of title, subtitle, tag_names, search_text, status on stories
    for each row execute function story_search_sync()`.execute(db)
  await sql`insert into story_search (story_id, title_vector, vector)
    select id, ts_filter(search_vector, '{a}'), search_vector from stories where status = 'published'`.execute(db)
  await sql`create index story_search_vector on story_search using gin (vector)`.execute(db)
  await sql`create index story_search_title on story_search using gin (title_vector)`.execute(db)
  await sql`create function story_search_pairs(v tsvector) returns tsvector language sql immutable strict parallel safe as $$
    select coalesce(array_to_tsvector(array_agg(distinct a.lexeme || ' ' || b.lexeme)), ''::tsvector)
    from (select lexeme, unnest(positions) as p from unnest(v)) a
    join (select lexeme, unnest(positions) as p from unnest(v)) b on b.p = a.p + 1
  $$`.execute(db)
  await sql`create index story_search_pairs on story_search using gin (story_search_pairs(vector))`.execute(db)
  await sql`create index stories_claps_rank on stories (clap_total desc, id desc) where status = 'published'`.execute(db)
  await sql`drop index stories_search`.execute(db)
  await sql`analyze story_search`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`create index stories_search on stories using gin (search_vector)`.execute(db)
  await sql`drop index stories_claps_rank`.execute(db)
  await sql`drop trigger story_search_sync on stories`.execute(db)
  await sql`drop table story_search`.execute(db)
  await sql`drop function story_search_pairs(tsvector)`.execute(db)
  await sql`drop function story_search_sync()`.execute(db)
}
