// npm run migrate: brings the configured database's schema up to date.
import { loadConfig } from '../src/config.ts'
import { openDb } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'

const config = loadConfig()
const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  const { results = [] } = await migrateToLatest(db.kysely)
  for (const result of results) process.stdout.write(`${result.status === 'Success' ? 'applied' : result.status}: ${result.migrationName}\n`)
  process.stdout.write(results.length ? `migrated ${db.engine} database\n` : `${db.engine} database already up to date\n`)
} finally {
  await db.close()
}
