// Start-up: configuration → database (migrated, demo-seeded when empty) → server → listen.
import { loadConfig, ConfigError } from './config.ts'
import { openDb } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { buildApp } from './app.ts'
import { seedDemoIfEmpty } from './demo/seed.ts'
import { startJobRunner } from './jobs/service.ts'

let config
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`Configuration error: ${error.message}\n`)
  process.exit(1)
}

const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
await migrateToLatest(db.kysely)
const app = await buildApp(config, db)
if (config.seedDemo) await seedDemoIfEmpty(db, (line) => app.log.info(line))

const jobs = config.jobPollMs > 0 ? startJobRunner(db, config, app.log, config.jobPollMs) : undefined

// Graceful: stop accepting, let requests in flight and the current job pass finish, then exit.
const shutdown = async () => {
  await app.close()
  await jobs?.stop()
  await db.close()
  process.exit(0)
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)

await app.listen({ port: config.port, host: config.host })
app.log.info(`Ovation is reading at ${config.baseUrl} (${db.engine})`)
