// Backups of a running site and restoring them (issue 7).
// - SQLite: SQLite's online backup (node:sqlite `backup()`), copying the database in one step
//   from a consistent snapshot while the server keeps writing (in WAL mode readers never block
//   writers; one step means a write elsewhere cannot make the copy start over), zipped with the
//   media folder:  backup.json {format:"ovation-backup",version:1,engine:"sqlite"}, ovation.sqlite, media/*.
// - PostgreSQL: the site export (src/exports), read in one REPEATABLE READ transaction.
// Restoring the SQLite kind replaces the database file (the server must be stopped; the old file
// is kept beside it); restoring a site export replaces every row in one transaction.
import { createReadStream, existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { backup as sqliteBackup, DatabaseSync } from 'node:sqlite'
import { strFromU8, strToU8, unzipSync, ZipDeflate, ZipPassThrough } from 'fflate'
import type { Config } from '../config.ts'
import type { Db } from '../db/database.ts'
import { exportSite, importSite, SiteArchiveError, zipToFile } from '../exports/service.ts'

export type BackupProgress = (done: number, total: number, what: string) => void

export const BACKUP_FORMAT = 'ovation-backup'

export class BackupError extends Error {}

const SQLITE_FILE = 'ovation.sqlite'

/** Writes a backup of the configured site to `file`. `db` is the site's open database. */
export async function backupSite(config: Readonly<Config>, db: Db, file: string, onProgress?: BackupProgress): Promise<{ engine: string; bytes: number }> {
  const mediaDir = join(config.dataDir, 'media')
  if (db.engine === 'postgres') {
    await exportSite(db, mediaDir, file, onProgress)
    return { engine: 'postgres', bytes: (await stat(file)).size }
  }
  return backupSqlite(join(config.dataDir, SQLITE_FILE), mediaDir, file, onProgress)
}

/** The SQLite kind, from the database file at `databaseFile` (tests back up their own files). */
export async function backupSqlite(databaseFile: string, mediaDir: string, file: string, onProgress?: BackupProgress): Promise<{ engine: string; bytes: number }> {
  const copy = `${file}.partial-${process.pid}.sqlite`
  const source = new DatabaseSync(databaseFile, { readOnly: true, timeout: 5000 })
  onProgress?.(0, 1, 'database pages')
  try {
    await sqliteBackup(source, copy, {
      // All pages in one step: from one snapshot, whatever is written meanwhile.
      rate: 2 ** 31 - 1,
      progress: ({ totalPages, remainingPages }) => onProgress?.(totalPages - remainingPages, totalPages, 'database pages'),
    })
  } finally {
    source.close()
  }
  onProgress?.(1, 1, 'database pages')
  try {
    await zipBackup(copy, mediaDir, file, onProgress)
  } finally {
    await rm(copy, { force: true })
  }
  return { engine: 'sqlite', bytes: (await stat(file)).size }
}

async function zipBackup(databaseCopy: string, mediaDir: string, file: string, onProgress?: BackupProgress): Promise<void> {
  const { zip, finished } = zipToFile(file)
  const manifest = new ZipDeflate('backup.json')
  zip.add(manifest)
  manifest.push(strToU8(`${JSON.stringify({ format: BACKUP_FORMAT, version: 1, engine: 'sqlite', createdAt: new Date().toISOString() })}\n`), true)
  const database = new ZipDeflate(SQLITE_FILE, { level: 6 })
  zip.add(database)
  // Streamed: a large database never sits in memory whole.
  for await (const chunk of createReadStream(databaseCopy, { highWaterMark: 1024 * 1024 })) database.push(chunk as Buffer)
  database.push(new Uint8Array(), true)
  const media = existsSync(mediaDir) ? (await readdir(mediaDir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name) : []
  for (const [index, name] of media.entries()) {
    const entry = new ZipPassThrough(`media/${name}`)
    zip.add(entry)
    entry.push(await readFile(join(mediaDir, name)), true)
    onProgress?.(index + 1, media.length, 'media files')
  }
  zip.end()
  await finished
}

/**
 * Restores a backup (or a site export) into the configured site. For a SQLite backup `db` must
 * be closed (and the server stopped): the database file is replaced. For a site export `db` is
 * the open, migrated database whose rows are replaced.
 */
export async function restoreSite(config: Readonly<Config>, openDb: () => Promise<Db>, file: string, onProgress?: BackupProgress): Promise<{ kind: string }> {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(await readFile(file))
  } catch {
    throw new BackupError(`${file} is not a backup (not a zip file).`)
  }
  const mediaDir = join(config.dataDir, 'media')
  if (files['backup.json']) {
    const manifest = JSON.parse(strFromU8(files['backup.json'])) as { format?: string; engine?: string }
    if (manifest.format !== BACKUP_FORMAT || manifest.engine !== 'sqlite' || !files[SQLITE_FILE]) throw new BackupError('This backup is damaged or of an unknown kind.')
    if (config.databaseUrl) throw new BackupError('This is a backup of a SQLite site; this site runs on PostgreSQL. Restore it with SQLite, then move with `npm run export` and `npm run import`.')
    await restoreSqliteFile(config.dataDir, files[SQLITE_FILE])
    await writeMedia(mediaDir, files, onProgress)
    return { kind: 'sqlite' }
  }
  if (!files['manifest.json']) throw new BackupError(`${file} is neither a backup nor a site export.`)
  const db = await openDb()
  try {
    await importSite(db, mediaDir, await readFile(file), onProgress, { replace: true })
  } catch (error) {
    if (error instanceof SiteArchiveError) throw new BackupError(error.message)
    throw error
  } finally {
    await db.close()
  }
  return { kind: 'site export' }
}

/** Checks the copy, keeps the current database beside it, and puts the copy in its place. */
export async function restoreSqliteFile(dataDir: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dataDir, { recursive: true })
  const target = join(dataDir, SQLITE_FILE)
  const incoming = join(dataDir, `.restore-${process.pid}.sqlite`)
  await writeFile(incoming, bytes)
  try {
    const check = new DatabaseSync(incoming, { readOnly: true })
    const result = check.prepare('pragma integrity_check').get() as { integrity_check?: string } | undefined
    check.close()
    if (result?.integrity_check !== 'ok') throw new BackupError(`The backup's database is damaged (${result?.integrity_check ?? 'unreadable'}).`)
  } catch (error) {
    await rm(incoming, { force: true })
    if (error instanceof BackupError) throw error
    throw new BackupError(`The backup's database cannot be read (${error instanceof Error ? error.message : String(error)}).`)
  }
  // The old write-ahead log belongs to the old file: it moves with it (the kept copy may hold
  // commits still only in the log), and left here it would be replayed into the new one.
  const kept = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`
  if (existsSync(target)) await rename(target, kept)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(target + suffix)) await rename(target + suffix, kept + suffix)
  }
  await rename(incoming, target)
}

async function writeMedia(mediaDir: string, files: Record<string, Uint8Array>, onProgress?: BackupProgress): Promise<void> {
  const media = Object.keys(files).filter((name) => name.startsWith('media/'))
  await mkdir(mediaDir, { recursive: true })
  for (const [index, name] of media.entries()) {
    const base = name.slice('media/'.length)
    // Plain file names only: nothing from the zip is written outside the media folder.
    if (/^[\w][\w.-]*$/.test(base)) await writeFile(join(mediaDir, base), files[name] as Uint8Array)
    onProgress?.(index + 1, media.length, 'media files')
  }
}
