// The writer's studio: a version number on every story (optimistic concurrency between two tabs),
// the time a scheduled story goes out, and the revision history of every story.
// Frozen in time: takes Kysely<any> and imports nothing from the app.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const time = pg ? sql`timestamptz` : sql`text`

  // Bumped by every write to the story; a save names the version it was based on.
  await db.schema.alterTable('stories').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute()
  // Set while status is 'scheduled': when the jobs runner publishes it.
  await db.schema.alterTable('stories').addColumn('scheduled_at', time).execute()

  const revisions = pg
    ? db.schema.createTable('story_revisions').addColumn('id', 'serial', (c) => c.primaryKey())
    : db.schema.createTable('story_revisions').addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  await revisions
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    // Who saved it: the author, or an editor of the story's publication.
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // 'publish' (every publish and republish), 'autosave' (a checkpoint), 'restore'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('subtitle', 'text', (c) => c.notNull())
    // The block document (JSON text), as the story held it.
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .execute()
  // The history of one story, newest first; the latest checkpoint decides whether to add one.
  await db.schema.createIndex('story_revisions_story').on('story_revisions').columns(['story_id', 'created_at']).execute()
  // The jobs runner's check "is this story still scheduled" and the writer's scheduled list.
  await db.schema.createIndex('stories_author_status').on('stories').columns(['author_id', 'status']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stories_author_status').execute()
  await db.schema.dropTable('story_revisions').execute()
  await db.schema.alterTable('stories').dropColumn('scheduled_at').execute()
  await db.schema.alterTable('stories').dropColumn('version').execute()
}
