// npm run import -- <file.zip>: loads a site export (`npm run export`) into this instance's
// database, which must be new and empty (start it once with SEED_DEMO=0, or run `npm run migrate`),
// on SQLite or PostgreSQL whichever the export came from. All or nothing.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { loadConfig } from '../src/config.ts'
import { openDb } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { importSite, SiteArchiveError } from '../src/exports/service.ts'
import { progressBar } from './progress.ts'

const file = process.argv[2]
if (!file || process.argv.length > 3) {
  process.stderr.write('usage: npm run import -- <file.zip>\n')
  process.exit(2)
}
const config = loadConfig()
const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
let code = 0
try {
  await migrateToLatest(db.kysely)
  const bar = progressBar('Importing')
  const result = await importSite(db, join(config.dataDir, 'media'), await readFile(file), (done, total, table) => bar.update(done, total, table))
  bar.done(`imported ${result.rows} rows and ${result.media} media files into the ${db.engine} database`)
} catch (error) {
  if (!(error instanceof SiteArchiveError) && !(error instanceof Error && 'code' in error && error.code === 'ENOENT')) throw error
  process.stderr.write(`${error.message}\n`)
  code = 1
} finally {
  await db.close()
}
process.exit(code)
