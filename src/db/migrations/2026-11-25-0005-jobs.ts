// Jobs: background work (scheduled publishing, e-mail, imports) queued in the database, so any
// instance can run it and a restart loses nothing.
// Frozen in time: takes Kysely<any> and imports nothing from the app.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const time = pg ? sql`timestamptz` : sql`text`

  const table = db.schema.createTable('jobs')
  await (pg ? table.addColumn('id', 'serial', (c) => c.primaryKey()) : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    // At most one pending job per key ("publish-story:42"): enqueueing again moves it.
    .addColumn('key', 'text', (c) => c.unique())
    .addColumn('run_at', time, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
    // A claim: the runner that took the job and until when. A crashed runner's claim expires.
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', time)
    .addColumn('last_error', 'text')
    // Set when the last attempt failed; the row stays for the operator to see.
    .addColumn('failed_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .execute()
  // The runner's poll: pending jobs in time order.
  await db.schema.createIndex('jobs_due').on('jobs').columns(['run_at']).where(sql.ref('failed_at'), 'is', null).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute()
}
