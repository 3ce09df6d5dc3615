// The whole site as one zip, for moving it (`npm run export` / `npm run import`) and for backups
// on PostgreSQL. The format (docs/export-format.md):
//   manifest.json        { format: "ovation-site", version: 1, migrations: [...], tables: [{ name, columns, rows }], media: n }
//   tables/<name>.jsonl  one JSON array per row, values in `columns` order, rows in primary-key order
//   media/<file>         the media store's files (DATA_DIR/media)
// Values: text and numbers as they are, times as ISO 8601 UTC text, binary as {"$base64": "..."}.
// Nothing in it depends on the time or the engine it was made on, so exporting an imported site
// gives the same bytes again.
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import type { Db } from '../db/database.ts'
import { parentsFirst, siteTables, type Reader, type TableInfo } from './catalog.ts'

export const SITE_FORMAT = 'ovation-site'
export const SITE_VERSION = 1

export type SiteProgress = (done: number, total: number, what: string) => void

type Manifest = { format: string; version: number; migrations: string[]; tables: { name: string; columns: string[]; rows: number }[]; media: number }

/** A problem with the archive or the target; the message is for the operator. */
export class SiteArchiveError extends Error {}

const PAGE = 1000
// Fixed entry times: the same data makes the same zip, whenever it is made.
const MTIME = new Date('2000-01-01T00:00:00Z')

/**
 * Writes the site to `file`; returns how many rows and media files went in. Every table is read
 * in one transaction (REPEATABLE READ on PostgreSQL), so the export is one consistent moment of
 * a running site: a backup while writers write.
 */
export async function exportSite(db: Db, mediaDir: string, file: string, onProgress?: SiteProgress): Promise<{ rows: number; media: number }> {
  const begin = db.kysely.transaction()
  const snapshot = db.engine === 'postgres' ? begin.setIsolationLevel('repeatable read') : begin
  return snapshot.execute((trx) => writeArchive({ kysely: trx as unknown as Kysely<any>, engine: db.engine }, mediaDir, file, onProgress))
}

/** A zip streamed to a file as entries are added; `finished` settles once the file is written. */
export function zipToFile(file: string): { zip: Zip; finished: Promise<void> } {
  const out = createWriteStream(file)
  const finished = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve)
    out.on('error', reject)
  })
  const zip = new Zip((error, chunk, final) => {
    if (error) return void out.destroy(error)
    out.write(chunk)
    if (final) out.end()
  })
  return { zip, finished }
}

async function writeArchive(db: Reader, mediaDir: string, file: string, onProgress?: SiteProgress): Promise<{ rows: number; media: number }> {
  const tables = await siteTables(db)
  const counts = await Promise.all(tables.map((table) => countRows(db.kysely, table.name)))
  const total = counts.reduce((a, b) => a + b, 0)
  const mediaFiles = await listMedia(mediaDir)
  const { zip, finished } = zipToFile(file)
  // Media files are compressed already (WebP): stored as they are.
  const add = (name: string, data: Uint8Array, compress = true) => {
    const entry = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name)
    entry.mtime = MTIME
    zip.add(entry)
    entry.push(data, true)
  }
  const manifest: Manifest = { format: SITE_FORMAT, version: SITE_VERSION, migrations: await migrationsOf(db.kysely), tables: [], media: mediaFiles.length }
  let done = 0
  for (const table of tables) {
    // A page at a time into the zip: a large table never sits in memory whole.
    const entry = new ZipDeflate(`tables/${table.name}.jsonl`, { level: 6 })
    entry.mtime = MTIME
    zip.add(entry)
    let rowsOfTable = 0
    for (let offset = 0; ; offset += PAGE) {
      const rows = await pageOf(db.kysely, table, offset)
      const text = rows.map((row) => `${JSON.stringify(table.columns.map((column) => encodeValue(row[column])))}\n`).join('')
      const last = rows.length < PAGE
      entry.push(strToU8(text), last)
      rowsOfTable += rows.length
      done += rows.length
      onProgress?.(done, total, table.name)
      if (last) break
    }
    manifest.tables.push({ name: table.name, columns: table.columns, rows: rowsOfTable })
  }
  for (const name of mediaFiles) add(`media/${name}`, await readFile(join(mediaDir, name)), false)
  add('manifest.json', strToU8(`${JSON.stringify(manifest, null, 2)}\n`))
  zip.end()
  await finished
  return { rows: done, media: mediaFiles.length }
}

/**
 * Loads an export into this instance's database (already migrated) and media folder. The database
 * must be empty, and at the same migrations as the site the export came from. All rows go in one
 * transaction: an import that fails leaves the database as empty as it found it.
 */
export async function importSite(
  db: Db, mediaDir: string, bytes: Uint8Array, onProgress?: SiteProgress, options: { replace?: boolean } = {},
): Promise<{ rows: number; media: number }> {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes)
  } catch {
    throw new SiteArchiveError('This is not a site export (not a zip file).')
  }
  const manifest = readManifest(files['manifest.json'])
  const migrations = await migrationsOf(db.kysely)
  if (JSON.stringify(migrations) !== JSON.stringify(manifest.migrations)) {
    throw new SiteArchiveError(`The export was made at another schema version (its last migration: ${manifest.migrations.at(-1)}; this database: ${migrations.at(-1)}). Import it with the same version of Ovation.`)
  }
  const tables = new Map((await siteTables(db)).map((table) => [table.name, table]))
  for (const entry of manifest.tables) {
    const table = tables.get(entry.name)
    if (!table || JSON.stringify(table.columns) !== JSON.stringify(entry.columns)) throw new SiteArchiveError(`Table ${entry.name} differs between the export and this database.`)
    if (!options.replace && (await countRows(db.kysely, entry.name)) > 0) throw new SiteArchiveError(`This database is not empty (${entry.name} has rows). Import into a new, empty database (with SEED_DEMO=0).`)
  }
  const total = manifest.tables.reduce((sum, entry) => sum + entry.rows, 0)
  let done = 0
  const ordered = parentsFirst(manifest.tables.map((entry) => tables.get(entry.name) as TableInfo))
  await db.kysely.transaction().execute(async (trx) => {
    // A restore replaces what is there, in the same transaction: all of it or none of it.
    if (options.replace) for (const table of [...ordered].reverse()) await sql`delete from ${sql.table(table.name)}`.execute(trx)
    for (const table of ordered) {
      const text = strFromU8(files[`tables/${table.name}.jsonl`] ?? new Uint8Array())
      const rows = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown[])
      // Under the engines' limits on bound parameters per statement.
      const batch = Math.max(1, Math.min(500, Math.floor(30_000 / table.columns.length)))
      for (let at = 0; at < rows.length; at += batch) {
        const values = rows.slice(at, at + batch).map((row) => Object.fromEntries(table.columns.map((column, i) => [column, decodeValue(row[i])])))
        await (trx as unknown as Kysely<Record<string, Record<string, unknown>>>).insertInto(table.name).values(values).execute()
        done += values.length
        onProgress?.(done, total, table.name)
      }
      if (db.engine === 'postgres' && table.serialId) {
        // Explicit ids leave the sequence behind; the next insert would collide.
        await sql`select setval(pg_get_serial_sequence(${table.name}, 'id'), coalesce((select max(id) from ${sql.table(table.name)}), 1), (select count(*) > 0 from ${sql.table(table.name)}))`.execute(trx)
      }
    }
  })
  let media = 0
  await mkdir(mediaDir, { recursive: true })
  for (const [name, data] of Object.entries(files)) {
    if (!name.startsWith('media/')) continue
    const base = name.slice('media/'.length)
    // Only plain file names: an entry cannot write outside the media folder.
    if (!/^[\w][\w.-]*$/.test(base)) continue
    await writeFile(join(mediaDir, base), data)
    media += 1
  }
  return { rows: done, media }
}

function readManifest(bytes: Uint8Array | undefined): Manifest {
  if (!bytes) throw new SiteArchiveError('This zip is not a site export (no manifest.json).')
  let manifest: Manifest
  try {
    manifest = JSON.parse(strFromU8(bytes)) as Manifest
  } catch {
    throw new SiteArchiveError('The export’s manifest.json is damaged.')
  }
  if (manifest.format !== SITE_FORMAT || manifest.version !== SITE_VERSION || !Array.isArray(manifest.tables)) {
    throw new SiteArchiveError(`This zip is not an ${SITE_FORMAT} export of version ${SITE_VERSION}.`)
  }
  return manifest
}

async function migrationsOf(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)
  return rows.map((row) => row.name)
}

async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db)
  return Number(rows[0]?.n ?? 0)
}

async function pageOf(db: Kysely<any>, table: TableInfo, offset: number): Promise<Record<string, unknown>[]> {
  let query = db.selectFrom(table.name).select(table.columns)
  for (const column of table.key) query = query.orderBy(column)
  return query.limit(PAGE).offset(offset).execute() as Promise<Record<string, unknown>[]>
}

async function listMedia(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name).sort()
  } catch {
    return []
  }
}

/** A database value in the export's JSON form, the same whichever engine it came from. */
export function encodeValue(value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Uint8Array) return { $base64: Buffer.from(value).toString('base64') }
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'object') return JSON.stringify(value)
  return value
}

function decodeValue(value: unknown): unknown {
  if (value && typeof value === 'object' && '$base64' in value) return Buffer.from(String((value as { $base64: string }).$base64), 'base64')
  return value
}
