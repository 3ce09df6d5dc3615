// Account security (issue 9): verified e-mail addresses, single-use e-mailed tokens (password
// reset, e-mail verification), sign-in throttling and sign-up counting by address, and the
// shared placeholder that keeps a deleted writer's stories. Frozen in time: takes Kysely<any>
// and imports nothing from the app.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const time = pg ? sql`timestamptz` : sql`text`
  const id = (t: any) =>
    pg ? t.addColumn('id', 'serial', (c: any) => c.primaryKey()) : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement())

  // Null until the owner follows the link mailed to the address (existing accounts included:
  // nobody has proved they read those addresses).
  await db.schema.alterTable('users').addColumn('email_verified_at', time).execute()
  // 1 for the one "deleted user" account that keeps deleted writers' stories; it cannot sign in.
  await db.schema.alterTable('users').addColumn('is_placeholder', 'integer', (c) => c.notNull().defaultTo(0)).execute()

  // Like sessions, only the SHA-256 of a token is stored: a copy of the database opens nothing.
  await db.schema.createTable('account_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    // The address a verification token proves; null for a password reset.
    .addColumn('email', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('used_at', time)
    .execute()
  await db.schema.createIndex('account_tokens_user').on('account_tokens').columns(['user_id', 'purpose']).execute()

  // Failed sign-ins by key ("account:<email>" or "address:<ip>"), shared by every instance.
  await db.schema.createTable('sign_in_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', time, (c) => c.notNull())
    .addColumn('blocked_until', time)
    .execute()

  await id(db.schema.createTable('sign_up_attempts'))
    .addColumn('address', 'text', (c: any) => c.notNull())
    .addColumn('created_at', time, (c: any) => c.notNull())
    .execute()
  await db.schema.createIndex('sign_up_attempts_address').on('sign_up_attempts').columns(['address', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_up_attempts').execute()
  await db.schema.dropTable('sign_in_throttles').execute()
  await db.schema.dropTable('account_tokens').execute()
  await db.schema.alterTable('users').dropColumn('is_placeholder').execute()
  await db.schema.alterTable('users').dropColumn('email_verified_at').execute()
}
