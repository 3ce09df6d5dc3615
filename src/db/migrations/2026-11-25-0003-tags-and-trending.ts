// Tags and trending: readers follow tags, and lists rank stories by recent claps.
// Frozen in time: takes Kysely<any> and imports nothing from the app.
//
// "When a reader clapped" is claps.updated_at: a reader's claps on a story are one row, and
// updated_at moves with every new burst, so it is the time of their latest clapping. A period's
// top stories and the home page's trending list both select claps by it.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const time = pg ? sql`timestamptz` : sql`text`

  await db.schema.createTable('tag_follows')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('tag_follows_pk', ['user_id', 'tag_id'])
    .execute()
  // A tag page counts its followers.
  await db.schema.createIndex('tag_follows_tag').on('tag_follows').column('tag_id').execute()

  // Trending reads the claps of the last days, newest first, whatever the story.
  await db.schema.createIndex('claps_updated').on('claps').columns(['updated_at', 'story_id']).execute()
  // A tag's top stories of a period sum each story's claps since a time.
  await db.schema.createIndex('claps_story_updated').on('claps').columns(['story_id', 'updated_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claps_story_updated').execute()
  await db.schema.dropIndex('claps_updated').execute()
  await db.schema.dropTable('tag_follows').execute()
}
