// Every statement on the import tables (medium_imports, import_images, import_runs, import_uploads),
// plus read-only joins to the stories they point at.
import type { Kysely, Transaction } from 'kysely'
import type { Database, ImportRunStatus } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

/** The record of an earlier import of this post, with the story's current version (null: story gone). */
export function importRecord(db: Q, userId: number, mediumId: string) {
  return db.selectFrom('medium_imports')
    .leftJoin('stories', 'stories.id', 'medium_imports.story_id')
    .select(['medium_imports.story_id', 'medium_imports.content_hash', 'medium_imports.story_version', 'stories.version as current_version'])
    .where('medium_imports.user_id', '=', userId).where('medium_imports.medium_id', '=', mediumId)
    .executeTakeFirst()
}

export async function saveImportRecord(trx: Transaction<Database>, row: { userId: number; mediumId: string; storyId: number; hash: string; version: number }): Promise<void> {
  const now = new Date()
  await trx.insertInto('medium_imports').values({
    user_id: row.userId, medium_id: row.mediumId, story_id: row.storyId, content_hash: row.hash, story_version: row.version, created_at: now, updated_at: now,
  }).onConflict((c) => c.columns(['user_id', 'medium_id']).doUpdateSet({
    story_id: row.storyId, content_hash: row.hash, story_version: row.version, updated_at: now,
  })).execute()
}

export type ImageRow = { blockId: string; sourceUrl: string; localUrl: string | null; error: string | null }

export async function replaceImportImages(trx: Transaction<Database>, storyId: number, rows: ImageRow[]): Promise<void> {
  await trx.deleteFrom('import_images').where('story_id', '=', storyId).execute()
  if (!rows.length) return
  const now = new Date()
  await trx.insertInto('import_images').values(rows.map((row) => ({
    story_id: storyId, block_id: row.blockId, source_url: row.sourceUrl, local_url: row.localUrl, error: row.error, attempts: 1, updated_at: now,
  }))).execute()
}

/** A copy already fetched of this source by an earlier import of this writer's. */
export async function fetchedCopy(db: Q, userId: number, sourceUrl: string): Promise<string | undefined> {
  const row = await db.selectFrom('import_images').innerJoin('stories', 'stories.id', 'import_images.story_id')
    .select('import_images.local_url')
    .where('stories.author_id', '=', userId).where('import_images.source_url', '=', sourceUrl).where('import_images.local_url', 'is not', null)
    .executeTakeFirst()
  return row?.local_url ?? undefined
}

/** The writer's images that could not be fetched yet (of one story, or all), with their story's title. */
export function unfetchedImages(db: Q, userId: number, storyId?: number) {
  let query = db.selectFrom('import_images').innerJoin('stories', 'stories.id', 'import_images.story_id')
    .select(['import_images.story_id', 'import_images.block_id', 'import_images.source_url', 'import_images.attempts', 'stories.title'])
    .where('stories.author_id', '=', userId).where('import_images.local_url', 'is', null)
  if (storyId !== undefined) query = query.where('import_images.story_id', '=', storyId)
  return query.orderBy('import_images.story_id').orderBy('import_images.block_id').execute()
}

export async function markImageFetched(trx: Transaction<Database>, storyId: number, blockId: string, localUrl: string): Promise<void> {
  await trx.updateTable('import_images').set((eb) => ({ local_url: localUrl, error: null, attempts: eb('attempts', '+', 1), updated_at: new Date() }))
    .where('story_id', '=', storyId).where('block_id', '=', blockId).execute()
}

export async function markImageFailed(db: Q, storyId: number, blockId: string, error: string): Promise<void> {
  await db.updateTable('import_images').set((eb) => ({ error, attempts: eb('attempts', '+', 1), updated_at: new Date() }))
    .where('story_id', '=', storyId).where('block_id', '=', blockId).execute()
}

export async function setRecordVersion(trx: Transaction<Database>, storyId: number, version: number): Promise<void> {
  // Only when the record was current: a story the writer has edited stays marked as edited.
  await trx.updateTable('medium_imports').set({ story_version: version }).where('story_id', '=', storyId).where('story_version', '=', version - 1).execute()
}

// ---- runs started from the settings page ----

export async function insertRun(trx: Transaction<Database>, userId: number, fileName: string, bytes: Uint8Array): Promise<number> {
  const now = new Date()
  const { id } = await trx.insertInto('import_runs').values({ user_id: userId, status: 'queued', file_name: fileName, created_at: now, updated_at: now })
    .returning('id').executeTakeFirstOrThrow()
  await trx.insertInto('import_uploads').values({ run_id: id, bytes }).execute()
  return id
}

export function runById(db: Q, id: number) {
  return db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst()
}

export function recentRuns(db: Q, userId: number, limit: number) {
  return db.selectFrom('import_runs').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).execute()
}

export async function uploadOf(db: Q, runId: number): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom('import_uploads').select('bytes').where('run_id', '=', runId).executeTakeFirst()
  return row?.bytes
}

export async function updateRun(db: Q, id: number, changes: { status?: ImportRunStatus; done?: number; total?: number; report?: string; error?: string }): Promise<void> {
  await db.updateTable('import_runs').set({ ...changes, updated_at: new Date() }).where('id', '=', id).execute()
}

export async function deleteUpload(db: Q, runId: number): Promise<void> {
  await db.deleteFrom('import_uploads').where('run_id', '=', runId).execute()
}
