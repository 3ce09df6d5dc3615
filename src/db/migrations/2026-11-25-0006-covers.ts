// Images (issue 3): a cover image per story, with the alt text the writer gives it. Uploaded
// files themselves live in the media store (DATA_DIR/media), named by their content, so they need
// no table; the block document and these columns point at them.
// Frozen in time: takes Kysely<any> and imports nothing from the app.
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // A site path (/media/…) or an absolute http(s) URL; null for no cover.
  await db.schema.alterTable('stories').addColumn('cover_image', 'text').execute()
  await db.schema.alterTable('stories').addColumn('cover_alt', 'text', (c) => c.notNull().defaultTo('')).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stories').dropColumn('cover_alt').execute()
  await db.schema.alterTable('stories').dropColumn('cover_image').execute()
}
