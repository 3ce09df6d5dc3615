// Publications and the editorial workflow (issue 4): a publication's settings, invitations,
// pinned stories, and the editorial events of a submission (submitted, returned with a note,
// a private note, published, ...). A story "in the queue" is simply status 'submitted'.
// Frozen in time: takes Kysely<any> and imports nothing from the app.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const time = pg ? sql`timestamptz` : sql`text`
  const id = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement())

  await db.schema.alterTable('publications').addColumn('description', 'text').execute()
  await db.schema.alterTable('publications').addColumn('logo_url', 'text').execute()
  await db.schema.alterTable('publications').addColumn('accent_color', 'text').execute()

  // An invitation names a user, or an e-mail address nobody has signed up with yet; whoever
  // holds that address when they sign in may answer it.
  await id(db.schema.createTable('publication_invitations'))
    .addColumn('publication_id', 'integer', (c: any) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c: any) => c.references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c: any) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('invited_by', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .execute()
  await db.schema.createIndex('publication_invitations_user').on('publication_invitations').columns(['user_id', 'publication_id']).execute()
  await db.schema.createIndex('publication_invitations_email').on('publication_invitations').columns(['email', 'publication_id']).execute()
  await db.schema.createIndex('publication_invitations_publication').on('publication_invitations').column('publication_id').execute()

  await db.schema.createTable('publication_pins')
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_pins_pk', ['publication_id', 'story_id'])
    .execute()

  // The history of a submission, shown to the writer and the publication's editors only.
  await id(db.schema.createTable('editorial_events'))
    .addColumn('publication_id', 'integer', (c: any) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('story_id', 'integer', (c: any) => c.references('stories.id').onDelete('cascade'))
    .addColumn('actor_id', 'integer', (c: any) => c.references('users.id').onDelete('set null'))
    .addColumn('kind', 'text', (c: any) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', time, (c: any) => c.notNull())
    .execute()
  await db.schema.createIndex('editorial_events_story').on('editorial_events').columns(['story_id', 'created_at']).execute()
  // The submissions queue lists a publication's submitted stories.
  await db.schema.createIndex('stories_publication_status').on('stories').columns(['publication_id', 'status']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('stories_publication_status').execute()
  for (const table of ['editorial_events', 'publication_pins', 'publication_invitations']) await db.schema.dropTable(table).execute()
  for (const column of ['accent_color', 'logo_url', 'description']) await db.schema.alterTable('publications').dropColumn(column).execute()
}
