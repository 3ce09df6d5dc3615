// Imports from Medium (issue 7): what was imported from where, so a re-import updates instead of
// duplicating; the runs started from the settings page, with their upload, progress and report;
// and the images an import could not fetch, so `--retry-images` can fetch them later.
// Frozen in time: takes Kysely<any> and imports nothing from the app.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const time = pg ? sql`timestamptz` : sql`text`
  const id = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement())

  // One row per imported post: the writer, Medium's post id, and the story it became. The story's
  // version after the import tells a re-import whether the writer has edited it here since.
  await db.schema.createTable('medium_imports')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('medium_id', 'text', (c) => c.notNull())
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('story_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('medium_imports_pk', ['user_id', 'medium_id'])
    .execute()
  await db.schema.createIndex('medium_imports_story').on('medium_imports').column('story_id').execute()

  // Every image block an import met: where it came from and, once fetched, where it lives now.
  // local_url null: not fetched (error says why); the block keeps the source URL meanwhile.
  await db.schema.createTable('import_images')
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('block_id', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('local_url', 'text')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('import_images_pk', ['story_id', 'block_id'])
    .execute()
  await db.schema.createIndex('import_images_source').on('import_images').column('source_url').execute()

  // An import started from the settings page, run as a job: queued → running → done | failed.
  await id(db.schema.createTable('import_runs'))
    .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c: any) => c.notNull())
    .addColumn('file_name', 'text', (c: any) => c.notNull())
    .addColumn('done', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c: any) => c.notNull().defaultTo(0))
    /** The report as JSON once done; the reason when failed. */
    .addColumn('report', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('updated_at', time, (c: any) => c.notNull())
    .execute()
  await db.schema.createIndex('import_runs_user').on('import_runs').columns(['user_id', 'created_at']).execute()

  // The uploaded zip, kept in the database until its run ends, so any instance can run the job.
  await db.schema.createTable('import_uploads')
    .addColumn('run_id', 'integer', (c) => c.primaryKey().references('import_runs.id').onDelete('cascade'))
    .addColumn('bytes', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['import_uploads', 'import_runs', 'import_images', 'medium_imports']) await db.schema.dropTable(table).execute()
}
