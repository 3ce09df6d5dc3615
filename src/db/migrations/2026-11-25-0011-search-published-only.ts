// Search at scale, SQLite side. Frozen in time: takes Kysely<any> and imports nothing from the app.
//
// 1. The stories FTS index holds published stories only. Nothing else is ever searched, and
//    with drafts and scheduled stories in the index every count had to join each match to its
//    story for the status: for a word in most of 100,000 stories, most of a search's time.
//    The triggers now index a story when it becomes published and drop it when it stops being.
//    The update trigger deletes before it inserts, in one trigger, because FTS5 external-content
//    deletes must name the exact old text and would otherwise remove what was just added.
// 2. stories_claps_rank: stories by clap total, for searches matching so many stories that
//    relevance scores barely differ (a word in most stories has almost no weight in bm25): those
//    are ranked title matches first, then by claps, by walking this index (see search/queries.ts).
import { PostgresAdapter, sql, type Kysely } from 'kysely'

const columns = ['title', 'subtitle', 'search_text', 'tag_names']
const list = columns.join(', ')
const values = (row: 'new' | 'old') => columns.map((column) => `${row}.${column}`).join(', ')

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  for (const trigger of ['insert', 'update', 'delete']) await sql.raw(`drop trigger stories_fts_${trigger}`).execute(db)
  await sql.raw(`create trigger stories_fts_insert after insert on stories when new.status = 'published' begin
    insert into stories_fts(rowid, ${list}) values (new.id, ${values('new')});
  end`).execute(db)
  await sql.raw(`create trigger stories_fts_delete after delete on stories when old.status = 'published' begin
    insert into stories_fts(stories_fts, rowid, ${list}) values ('delete', old.id, ${values('old')});
  end`).execute(db)
  await sql.raw(`create trigger stories_fts_update after update of ${list}, status on stories begin
    insert into stories_fts(stories_fts, rowid, ${list}) select 'delete', old.id, ${values('old')} where old.status = 'published';
    insert into stories_fts(rowid, ${list}) select new.id, ${values('new')} where new.status = 'published';
  end`).execute(db)
  await sql.raw(`insert into stories_fts(stories_fts) values ('delete-all')`).execute(db)
  await sql.raw(`insert into stories_fts(rowid, ${list}) select id, ${list} from stories where status = 'published'`).execute(db)
  await sql.raw(`create index if not exists stories_claps_rank on stories (clap_total desc, id desc)`).execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return
  await sql.raw('drop index stories_claps_rank').execute(db)
  for (const trigger of ['insert', 'update', 'delete']) await sql.raw(`drop trigger stories_fts_${trigger}`).execute(db)
  await sql.raw(`create trigger stories_fts_insert after insert on stories begin
    insert into stories_fts(rowid, ${list}) values (new.id, ${values('new')});
  end`).execute(db)
  await sql.raw(`create trigger stories_fts_delete after delete on stories begin
    insert into stories_fts(stories_fts, rowid, ${list}) values ('delete', old.id, ${values('old')});
  end`).execute(db)
  await sql.raw(`create trigger stories_fts_update after update of ${list} on stories begin
    insert into stories_fts(stories_fts, rowid, ${list}) values ('delete', old.id, ${values('old')});
    insert into stories_fts(rowid, ${list}) values (new.id, ${values('new')});
  end`).execute(db)
  await sql.raw(`insert into stories_fts(stories_fts) values ('rebuild')`).execute(db)
}
