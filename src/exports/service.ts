// Exports: what the routes and the command line call. A writer's own archive (their stories,
// images, responses, highlights, lists and follows) and the whole site's (for operators moving a
// site, and backups on PostgreSQL). Formats: docs/export-format.md.
import { join } from 'node:path'
import type { Config } from '../config.ts'
import type { Db } from '../db/database.ts'
import { notFound } from '../http/errors.ts'
import { writerArchive } from './writer-archive.ts'

export { exportSite, importSite, SiteArchiveError, zipToFile } from './site-archive.ts'

/** The writer's archive as zip bytes, and the file name to offer it under. */
export async function exportWriter(db: Db, config: Readonly<Config>, userId: number, username: string): Promise<{ fileName: string; bytes: Uint8Array }> {
  const bytes = await writerArchive(db, userId, config.baseUrl, join(config.dataDir, 'media'))
  if (!bytes) throw notFound('user')
  return { fileName: `ovation-${username}-${new Date().toISOString().slice(0, 10)}.zip`, bytes }
}
