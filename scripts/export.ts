// npm run export -- <file.zip>: the whole site (every table, and the media files) as one zip, for
// moving it to another machine or engine with `npm run import`. Format: docs/export-format.md.
import { join, resolve } from 'node:path'
import { loadConfig } from '../src/config.ts'
import { openDb } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { exportSite } from '../src/exports/service.ts'
import { progressBar } from './progress.ts'

const file = process.argv[2]
if (!file || process.argv.length > 3) {
  process.stderr.write('usage: npm run export -- <file.zip>\n')
  process.exit(2)
}
const config = loadConfig()
const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  await migrateToLatest(db.kysely)
  const bar = progressBar('Exporting')
  const result = await exportSite(db, join(config.dataDir, 'media'), resolve(file), (done, total, table) => bar.update(done, total, table))
  bar.done(`exported ${result.rows} rows and ${result.media} media files from the ${db.engine} database to ${file}`)
} finally {
  await db.close()
}
