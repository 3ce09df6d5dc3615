// npm run import:medium -- --user <username> <export.zip|folder>
// npm run import:medium -- --user <username> --retry-images
// Imports a Medium export ("Download your information") for a writer of this site, showing
// progress, and prints what was imported, updated, skipped and why. Safe to run again.
import { stat } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config.ts'
import { openDb } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { ArchiveError, importFromPath, imageStoreFor, formatReport, retryImages, writerByUsername } from '../src/imports/service.ts'
import { progressBar } from './progress.ts'

class UsageError extends Error {}

const usage = 'usage: npm run import:medium -- --user <username> <export.zip|folder>\n       npm run import:medium -- --user <username> --retry-images'
let parsed
try {
  parsed = parseArgs({ allowPositionals: true, options: { user: { type: 'string' }, 'retry-images': { type: 'boolean', default: false } } })
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${usage}\n`)
  process.exit(2)
}
const { values, positionals } = parsed
if (!values.user || (!values['retry-images'] && positionals.length !== 1)) {
  process.stderr.write(`${usage}\n`)
  process.exit(2)
}

const config = loadConfig()
const db = openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
let code = 0
try {
  await migrateToLatest(db.kysely)
  const user = await writerByUsername(db, values.user)
  if (!user) throw new UsageError(`no writer with the username "${values.user}" on this site`)
  const images = imageStoreFor(config, db)
  if (values['retry-images']) {
    const bar = progressBar('Fetching images')
    const report = await retryImages(db, user.id, images, (done, total) => bar.update(done, total))
    bar.done()
    process.stdout.write(`fetched ${report.fetched.length} image(s); ${report.failed.length} still unfetched\n`)
    for (const failed of report.failed) process.stdout.write(`  ${failed.title}: ${failed.url} (${failed.reason})\n`)
  } else {
    const path = positionals[0] as string
    await stat(path).catch(() => { throw new UsageError(`${path}: no such file or folder`) })
    const bar = progressBar('Importing')
    const report = await importFromPath(db, config, user.id, path, images, (done, total, file) => bar.update(done, total, file))
    bar.done()
    process.stdout.write(formatReport(report))
    if (report.failed.length) code = 1
  }
} catch (error) {
  if (!(error instanceof UsageError) && !(error instanceof ArchiveError)) throw error
  process.stderr.write(`${error.message}\n`)
  code = 1
} finally {
  await db.close()
}
process.exit(code)

