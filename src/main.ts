// Start-up: configuration → database (migrated, demo-seeded when empty) → server → listen.
// With WORKERS=n the first process prepares the database once, then runs n server processes
// sharing the port (node:cluster) and restarts any that dies.
import cluster from 'node:cluster'
import { loadConfig, ConfigError, type Config } from './config.ts'
import { openDb } from './db/database.ts'
import { migrateToLatest } from './db/migrate.ts'
import { buildApp } from './app.ts'
import { seedDemoIfEmpty } from './demo/seed.ts'
import { startJobRunner } from './jobs/service.ts'
import { isBusMessage } from './http/cache-bus.ts'

let config: Readonly<Config>
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  process.stderr.write(`Configuration error: ${error.message}\n`)
  process.exit(1)
}

if (config.workers > 1 && cluster.isPrimary) await runPrimary(config)
else await runServer(config)

async function runServer(config: Readonly<Config>) {
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  // A worker's primary has migrated and seeded already.
  if (cluster.isPrimary) await migrateToLatest(db.kysely)
  const app = await buildApp(config, db)
  if (cluster.isPrimary && config.seedDemo) await seedDemoIfEmpty(db, (line) => app.log.info(line))

  const jobs = config.jobPollMs > 0 ? startJobRunner(db, config, app.log, config.jobPollMs, () => app.cacheBus.publish('pages')) : undefined

  // Graceful: stop accepting, let requests in flight and the current job pass finish, then exit.
  let stopping = false
  const shutdown = async () => {
    if (stopping) return
    stopping = true
    app.log.info('shutting down: finishing requests in flight')
    await app.close()
    await jobs?.stop()
    await db.close()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)

  await app.listen({ port: config.port, host: config.host })
  app.log.info(`Ovation is reading at ${config.baseUrl} (${db.engine}${cluster.isWorker ? `, worker ${cluster.worker?.id}` : ''})`)
}

async function runPrimary(config: Readonly<Config>) {
  const log = (message: string) => process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg: message })}\n`)
  const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  await migrateToLatest(db.kysely)
  if (config.seedDemo) await seedDemoIfEmpty(db, log)
  await db.close()

  let stopping = false
  for (let i = 0; i < config.workers; i++) cluster.fork()
  // The cache bus between processes: what one worker invalidates, the others drop too.
  cluster.on('message', (from, message) => {
    if (!isBusMessage(message)) return
    for (const worker of Object.values(cluster.workers ?? {})) {
      if (worker && worker !== from && worker.isConnected()) worker.send(message)
    }
  })
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
      return
    }
    log(`worker ${worker.id} exited (${signal ?? code}); starting another`)
    cluster.fork()
  })
  const shutdown = () => {
    if (stopping) return
    stopping = true
    log('shutting down: asking the workers to finish')
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  log(`Ovation starts ${config.workers} workers at ${config.baseUrl}`)
}
