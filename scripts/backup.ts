// npm run backup -- <file.zip>: a consistent backup of the running site (no need to stop it):
// SQLite's online backup of the database plus the media files, or on PostgreSQL a site export
// read in one snapshot. Restore with `npm run restore -- <file.zip>`. See the README.
import { resolve } from 'node:path'
import { loadConfig } from '../src/config.ts'
import { openDb } from '../src/db/database.ts'
import { backupSite } from '../src/backup/service.ts'
import { progressBar } from './progress.ts'

const file = process.argv[2]
if (!file || process.argv.length > 3) {
  process.stderr.write('usage: npm run backup -- <file.zip>\n')
  process.exit(2)
}
const config = loadConfig()
const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  const bar = progressBar('Backing up')
  const result = await backupSite(config, db, resolve(file), (done, total, what) => bar.update(done, total, what))
  bar.done(`backed up the ${result.engine} site to ${file} (${Math.ceil(result.bytes / 1024)} KB)`)
} finally {
  await db.close()
}
