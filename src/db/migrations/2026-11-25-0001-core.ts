// The platform core: accounts, sessions, publications, stories, tags, claps, follows, responses.
// Frozen in time: takes Kysely<any> and imports nothing from the app.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  // Times: timestamptz on PostgreSQL; ISO 8601 text in UTC on SQLite (sorts as time).
  const time = pg ? sql`timestamptz` : sql`text`
  const id = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement())

  await id(db.schema.createTable('users'))
    .addColumn('username', 'text', (c: any) => c.notNull())
    .addColumn('username_key', 'text', (c: any) => c.notNull().unique())
    .addColumn('email', 'text', (c: any) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c: any) => c.notNull())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('bio', 'text')
    .addColumn('image', 'text')
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('updated_at', time, (c: any) => c.notNull())
    .execute()

  await db.schema.createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('last_used_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute()

  await id(db.schema.createTable('publications'))
    .addColumn('slug', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .addColumn('tagline', 'text')
    .addColumn('created_at', time, (c: any) => c.notNull())
    .execute()

  await db.schema.createTable('memberships')
    .addColumn('publication_id', 'integer', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('memberships_pk', ['publication_id', 'user_id'])
    .execute()
  await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute()

  await id(db.schema.createTable('stories'))
    .addColumn('short_id', 'text', (c: any) => c.notNull().unique())
    .addColumn('slug', 'text', (c: any) => c.notNull())
    .addColumn('author_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('publication_id', 'integer', (c: any) => c.references('publications.id').onDelete('set null'))
    .addColumn('title', 'text', (c: any) => c.notNull())
    .addColumn('subtitle', 'text', (c: any) => c.notNull())
    .addColumn('body', 'text', (c: any) => c.notNull())
    .addColumn('markdown', 'text')
    .addColumn('status', 'text', (c: any) => c.notNull())
    .addColumn('reading_time', 'integer', (c: any) => c.notNull())
    .addColumn('word_count', 'integer', (c: any) => c.notNull())
    .addColumn('canonical_url', 'text')
    .addColumn('clap_total', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('fan_count', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('response_count', 'integer', (c: any) => c.notNull().defaultTo(0))
    .addColumn('published_at', time)
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('updated_at', time, (c: any) => c.notNull())
    .execute()
  // Lists show published stories newest first, overall and by author.
  await db.schema.createIndex('stories_status_published').on('stories').columns(['status', 'published_at']).execute()
  await db.schema.createIndex('stories_author_published').on('stories').columns(['author_id', 'published_at']).execute()
  await db.schema.createIndex('stories_publication_published').on('stories').columns(['publication_id', 'published_at']).execute()

  await id(db.schema.createTable('tags'))
    .addColumn('key', 'text', (c: any) => c.notNull().unique())
    .addColumn('name', 'text', (c: any) => c.notNull())
    .execute()

  await db.schema.createTable('story_tags')
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('story_tags_pk', ['story_id', 'tag_id'])
    .execute()
  await db.schema.createIndex('story_tags_tag').on('story_tags').columns(['tag_id', 'story_id']).execute()

  await db.schema.createTable('claps')
    .addColumn('story_id', 'integer', (c) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count between 1 and 50`))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('claps_pk', ['story_id', 'user_id'])
    .execute()
  await db.schema.createIndex('claps_user').on('claps').columns(['user_id', 'story_id']).execute()

  await db.schema.createTable('follows')
    .addColumn('follower_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('followee_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('follows_pk', ['follower_id', 'followee_id'])
    .execute()
  await db.schema.createIndex('follows_followee').on('follows').column('followee_id').execute()

  await id(db.schema.createTable('responses'))
    .addColumn('story_id', 'integer', (c: any) => c.notNull().references('stories.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c: any) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('body', 'text', (c: any) => c.notNull())
    .addColumn('markdown', 'text')
    .addColumn('created_at', time, (c: any) => c.notNull())
    .addColumn('updated_at', time, (c: any) => c.notNull())
    .execute()
  await db.schema.createIndex('responses_story').on('responses').columns(['story_id', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['responses', 'follows', 'claps', 'story_tags', 'tags', 'stories', 'memberships', 'publications', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute()
  }
}
