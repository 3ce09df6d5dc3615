// The operator's commands as an operator runs them: import:medium, export, import, backup and
// restore, each a real process on a SQLite DATA_DIR of its own.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { openDb } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { makeUser } from '../testing/factories.ts'
import { FIXTURE_EXPORT } from '../imports/testing.ts'

const run = promisify(execFile)
const root = new URL('../../', import.meta.url).pathname

function command(script: string, args: string[], dataDir: string) {
  return run(process.execPath, ['--import', './src/web/jsx-hooks.ts', `scripts/${script}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SEED_DEMO: '0', LOG_LEVEL: 'silent' },
    timeout: 120_000,
  }).catch((error: { code: number; stdout: string; stderr: string }) => ({ ...error, failed: true }))
}

describe('operator commands', () => {
  let dir: string
  before(() => { dir = mkdtempSync(join(tmpdir(), 'ovation-commands-')) })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('imports a Medium export for a writer, then exports, backs up and restores the site', { timeout: 300_000 }, async () => {
    const live = join(dir, 'live')
    const db = openDb({ dataDir: live })
    await migrateToLatest(db.kysely)
    await makeUser(db, { username: 'ada' })
    await db.close()

    // The fixture with its Medium-hosted images pointed at a closed local port: no internet touched.
    const medium = join(dir, 'medium-export')
    cpSync(FIXTURE_EXPORT, medium, { recursive: true })
    for (const file of ['posts/2021-03-04_The-Tide-Tables-of-Wenlow-3f2a1b4c5d6e.html', 'profile/profile.html']) {
      writeFileSync(join(medium, file), readFileSync(join(medium, file), 'utf8').replaceAll('https://cdn-images-1.medium.com/', 'http://127.0.0.1:9/'))
    }
    const imported = await command('import-medium', ['--user', 'ada', medium], live)
    assert.match(imported.stdout, /^imported 2, updated 0, skipped 0, failed 0$/m)
    assert.match(imported.stdout, /imported: Notes on ferries \(draft\)/)
    assert.match(imported.stderr, /Importing: 2\/2 \(100%\)/)
    assert.match(imported.stdout, /images: 1 stored, 2 kept at their old address/)
    const again = await command('import-medium', ['--user', 'ada', medium], live)
    assert.match(again.stdout, /^imported 0, updated 0, skipped 2, failed 0$/m)
    const nobody = await command('import-medium', ['--user', 'nobody', medium], live)
    assert.match(nobody.stderr, /no writer with the username "nobody"/)

    const exported = await command('export', [join(dir, 'site.zip')], live)
    assert.match(exported.stderr, /exported \d+ rows and 1 media files from the sqlite database/)
    const moved = join(dir, 'moved')
    const loaded = await command('import', [join(dir, 'site.zip')], moved)
    assert.match(loaded.stderr, /imported \d+ rows and 1 media files into the sqlite database/)
    const twice = await command('import', [join(dir, 'site.zip')], moved)
    assert.match(twice.stderr, /not empty/)

    const backedUp = await command('backup', [join(dir, 'backup.zip')], live)
    assert.match(backedUp.stderr, /backed up the sqlite site/)
    const restoredDir = join(dir, 'restored')
    const restored = await command('restore', [join(dir, 'backup.zip')], restoredDir)
    assert.match(restored.stderr, /restored .*backup\.zip \(sqlite\)/)
    const check = openDb({ dataDir: restoredDir })
    try {
      const titles = (await check.kysely.selectFrom('stories').select('title').orderBy('title').execute()).map((row) => row.title)
      assert.deepEqual(titles, ['Notes on ferries', 'The Tide Tables of Wenlow'])
    } finally {
      await check.close()
    }
    assert.ok(existsSync(join(restoredDir, 'media')))
  })
})
