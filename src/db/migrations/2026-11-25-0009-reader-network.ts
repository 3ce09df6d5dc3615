// The reader network: publication follows, threaded and passage responses with their own claps,
// highlights, reading lists, notifications and e-mail settings; indexes for the home feed.
// Frozen in time: takes Kysely<any> and imports nothing from the app.
//
// Booleans are integers 0/1 on both engines (node:sqlite binds no booleans), read as `!== 0`.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const time = pg ? sql`timestamptz` : sql`text`
  const id = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement())

  await db.schema.createTable('publication_follows')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_follows_pk', ['user_id', 'publication_id'])
    .execute()
  await db.schema.createIndex('publication_follows_publication').on('publication_follows').column('publication_id').execute()
  // Followers and following lists page through a person's follows, newest first.
  await db.schema.createIndex('follows_follower_created').on('follows').columns(['follower_id', 'created_at']).execute()

  // Responses: one level of threading, a quoted passage (block id + offsets), hiding by the
  // story's author, and claps of their own (the story's 1..50 rule).
  await db.schema.alterTable('responses').addColumn('parent_id', 'integer', (c) => c.references('responses.id').onDelete('cascade')).execute()
  await db.schema.alterTable('responses').addColumn('hidden_at', time).execute()
  await db.schema.alterTable('responses').addColumn('block_id', 'text').execute()
  await db.schema.alterTable('responses').addColumn('quote_start', 'integer').execute()
  await db.schema.alterTable('responses').addColumn('quote_end', 'integer').execute()
  await db.schema.alterTable('responses').addColumn('quote', 'text').execute()
  await db.schema.alterTable('responses').addColumn('clap_total', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await db.schema.createIndex('responses_parent').on('responses').column('parent_id').execute()
  await db.schema.createTable('response_claps')
    .addColumn('response_id', 'integer', (c) => c.notNull().references('responses.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count between 1 and 50`))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('response_claps_pk', ['response_id', 'user_id'])
    .execute()

  await id(db.schema.createTable('highlights'))
    .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('story_id', 'integer', (c: any) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('block_id', 'text', (c: any) => c.notNull())
    .addColumn('start_offset', 'integer', (c: any) => c.notNull())
    .addColumn('end_offset', 'integer', (c: any) => c.notNull())
    .addColumn('quote', 'text', (c: any) => c.notNull())
    .addColumn('created_at', time, (c: any) => c.notNull())
    .execute()
  // A story's highlights by passage (Top highlight), and a reader's, newest first.
  await db.schema.createIndex('highlights_story_block').on('highlights').columns(['story_id', 'block_id', 'start_offset', 'end_offset']).execute()
  await db.schema.createIndex('highlights_user_created').on('highlights').columns(['user_id', 'created_at']).execute()

  await id(db.schema.createTable('lists'))
    .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('private', 'integer', (c: any) => c.notNull().defaultTo(0))
    // 1 for the reader's "Reading list" (one per reader, made on first save).
    .addColumn('is_default', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('updated_at', time, (c: any) => c.notNull())
    .execute()
  await db.schema.createIndex('lists_user').on('lists').columns(['user_id', 'created_at']).execute()
  await db.schema.createTable('list_items')
    .addColumn('list_id', 'integer', (c) => c.notNull().references('lists.id').onDelete('cascade'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('list_items_pk', ['list_id', 'story_id'])
    .execute()
  await db.schema.createIndex('list_items_story').on('list_items').column('story_id').execute()

  // One row per event, except claps: a story's unread clap notification gathers its clappers
  // ("Ana and 12 others"), so the same row is updated until its recipient reads it.
  await id(db.schema.createTable('notifications'))
    .addColumn('user_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c: any) => c.notNull())
    .addColumn('story_id', 'integer', (c: any) => c.references('stories.id').onDelete('cascade'))
    .addColumn('publication_id', 'integer', (c: any) => c.references('publications.id').onDelete('cascade'))
    /** A short text for events that need one (publication events: "accepted your submission"). */
    .addColumn('message', 'text')
    .addColumn('count', 'integer', (c: any) => c.notNull().defaultTo(1))
    .addColumn('read_at', time)
    .addColumn('emailed_at', time)
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('updated_at', time, (c: any) => c.notNull())
    .execute()
  await db.schema.createIndex('notifications_user_updated').on('notifications').columns(['user_id', 'updated_at']).execute()
  await db.schema.createIndex('notifications_user_unread').on('notifications').columns(['user_id', 'read_at']).execute()
  await db.schema.createTable('notification_actors')
    .addColumn('notification_id', 'integer', (c) => c.notNull().references('notifications.id').onDelete('cascade'))
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_actors_pk', ['notification_id', 'actor_id'])
    .execute()

  await db.schema.createTable('notification_settings')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('email_immediate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_digest', 'integer', (c) => c.notNull().defaultTo(0))
    /** A random token: the one-click unsubscribe link needs no sign-in. */
    .addColumn('unsubscribe_token', 'text', (c) => c.notNull().unique())
    .addColumn('last_digest_at', time)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['notification_settings', 'notification_actors', 'notifications', 'list_items', 'lists', 'highlights', 'response_claps', 'publication_follows']) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.dropIndex('follows_follower_created').execute()
  await db.schema.dropIndex('responses_parent').execute()
  for (const column of ['clap_total', 'quote', 'quote_end', 'quote_start', 'block_id', 'hidden_at', 'parent_id']) {
    await db.schema.alterTable('responses').dropColumn(column).execute()
  }
}
