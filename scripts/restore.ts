// npm run restore -- <file.zip>: puts a backup (`npm run backup`) back. Stop the server first.
// SQLite: the database file is replaced (the old one is kept beside it as
// ovation.sqlite.before-restore-<time>); PostgreSQL: every row is replaced in one transaction.
import { resolve } from 'node:path'
import { loadConfig } from '../src/config.ts'
import { openDb } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { BackupError, restoreSite } from '../src/backup/service.ts'
import { progressBar } from './progress.ts'

const file = process.argv[2]
if (!file || process.argv.length > 3) {
  process.stderr.write('usage: npm run restore -- <file.zip>\n')
  process.exit(2)
}
const config = loadConfig()
const bar = progressBar('Restoring')
try {
  const result = await restoreSite(config, async () => {
    const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    await migrateToLatest(db.kysely)
    return db
  }, resolve(file), (done, total, what) => bar.update(done, total, what))
  // A restored SQLite file may predate migrations added since: bring it up to date now.
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await migrateToLatest(db.kysely).finally(() => db.close())
  bar.done(`restored ${file} (${result.kind})`)
} catch (error) {
  if (!(error instanceof BackupError)) throw error
  bar.done()
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}
