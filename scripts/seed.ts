// npm run seed: adds the demo site to the configured database (empty or not: the demo's
// usernames must be free).
import { loadConfig } from '../src/config.ts'
import { openDb } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { seedDemo } from '../src/demo/seed.ts'

const config = loadConfig()
const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  await migrateToLatest(db.kysely)
  await seedDemo(db, (line) => process.stdout.write(line + '\n'))
} finally {
  await db.close()
}
