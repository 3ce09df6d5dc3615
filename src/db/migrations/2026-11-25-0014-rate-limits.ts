// Abuse limits shared by every instance of a site on PostgreSQL (issue 9): one row per limit
// and client (the key, e.g. "writes:user:42"), counting hits in a window that ends at ends_at.
// SQLite sites run on one machine and count in memory (src/http/rate-limit-store.ts), so the
// table exists on PostgreSQL only. Frozen in time: takes Kysely<any> and imports nothing.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  // Unlogged: a count lost in a crash only restarts a window, and skipping the write-ahead log
  // keeps the per-request upsert cheap.
  await sql`create unlogged table rate_limit_windows (
    key text primary key,
    hits integer not null,
    ends_at timestamptz not null
  )`.execute(db)
  // Rows change on every limited request; leave room on each page so updates stay HOT.
  await sql`alter table rate_limit_windows set (fillfactor = 70)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return
  await sql`drop table rate_limit_windows`.execute(db)
}
