import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { engines, openTestDb } from '../testing/databases.ts'
import { makeStory, makeUser } from '../testing/factories.ts'
import { openDb, type Db } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { loadConfig } from '../config.ts'
import { buildApp } from '../app.ts'
import { backupSite, BackupError, restoreSite } from './service.ts'

/** Writes stories (each with two tags, in one transaction) until stopped; returns how many. */
function writeLoad(db: Db, authorId: number) {
  let stop = false
  let written = 0
  const running = (async () => {
    while (!stop) {
      await makeStory(db, authorId, { title: `Under load ${written}`, tags: ['load', `n${written}`] })
      written += 1
      // SQLite's driver answers at once; yield to the event loop so the backup can proceed.
      await new Promise((resolve) => setImmediate(resolve))
    }
  })()
  return { stop: async () => { stop = true; await running; return written } }
}

/** A restored site is whole: every story has both its tags, and the app serves it. */
async function assertWorkingSite(db: Db, dataDir: string, minStories: number) {
  const stories = await db.kysely.selectFrom('stories').select(['id', 'slug', 'short_id', 'title']).execute()
  assert.ok(stories.length >= minStories, `${stories.length} stories, expected at least ${minStories}`)
  const tagCounts = await db.kysely.selectFrom('story_tags').select(['story_id']).execute()
  for (const story of stories) {
    assert.equal(tagCounts.filter((t) => t.story_id === story.id).length, 2, `story ${story.title} has both its tags`)
  }
  const app = await buildApp(loadConfig({ DATA_DIR: dataDir, SEED_DEMO: '0', BASE_URL: 'http://127.0.0.1:3000' }), db, { logger: false })
  try {
    const story = stories[0] as (typeof stories)[number]
    const page = await app.inject({ method: 'GET', url: `/api/articles/${story.slug}-${story.short_id}` })
    assert.equal(page.statusCode, 200)
    assert.equal(page.json().article.title, story.title)
  } finally {
    await app.close()
  }
}

describe('backup and restore (sqlite)', () => {
  let dir: string
  before(() => { dir = mkdtempSync(join(tmpdir(), 'ovation-backup-')) })
  after(() => rmSync(dir, { recursive: true, force: true }))

  it('takes a consistent backup while stories are being written, which restores to a working site', async () => {
    const dataDir = join(dir, 'live')
    mkdirSync(join(dataDir, 'media'), { recursive: true })
    writeFileSync(join(dataDir, 'media', 'aaaaaaaaaaaaaaaaaaaaaaaa-1x1.webp'), 'picture')
    const config = loadConfig({ DATA_DIR: dataDir })
    const db = openDb({ dataDir })
    await migrateToLatest(db.kysely)
    const { user } = await makeUser(db)
    for (let i = 0; i < 20; i += 1) await makeStory(db, user.id, { title: `Before ${i}`, tags: ['before', `b${i}`] })
    const load = writeLoad(db, user.id)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const file = join(dir, 'backup.zip')
    const progress: string[] = []
    await backupSite(config, db, file, (_done, _total, what) => progress.push(what))
    const written = await load.stop()
    await db.close()
    assert.ok(written > 0, 'stories were written during the backup')
    assert.ok(progress.includes('database pages'))
    assert.deepEqual(Object.keys(unzipSync(readFileSync(file))).sort(), ['backup.json', 'media/aaaaaaaaaaaaaaaaaaaaaaaa-1x1.webp', 'ovation.sqlite'])

    const restoredDir = join(dir, 'restored')
    const restoredConfig = loadConfig({ DATA_DIR: restoredDir })
    await restoreSite(restoredConfig, async () => { throw new Error('a SQLite backup needs no open database') }, file)
    assert.equal(readFileSync(join(restoredDir, 'media', 'aaaaaaaaaaaaaaaaaaaaaaaa-1x1.webp'), 'utf8'), 'picture')
    const restored = openDb({ dataDir: restoredDir })
    try {
      await migrateToLatest(restored.kysely)
      await assertWorkingSite(restored, restoredDir, 20)
    } finally {
      await restored.close()
    }
  })

  it('keeps the database it replaces, and refuses a file that is not a backup', async () => {
    const dataDir = join(dir, 'replace')
    const config = loadConfig({ DATA_DIR: dataDir })
    const db = openDb({ dataDir })
    await migrateToLatest(db.kysely)
    await makeUser(db)
    const file = join(dir, 'replace.zip')
    await backupSite(config, db, file)
    await db.close()
    await restoreSite(config, async () => { throw new Error('unused') }, file)
    assert.equal(readdirSync(dataDir).filter((name) => name.startsWith('ovation.sqlite.before-restore-')).length, 1)
    writeFileSync(join(dir, 'junk.zip'), 'not a zip')
    await assert.rejects(restoreSite(config, async () => { throw new Error('unused') }, join(dir, 'junk.zip')), BackupError)
    assert.ok(existsSync(join(dataDir, 'ovation.sqlite')))
  })
})

for (const engine of engines().filter((e) => e === 'postgres')) {
  describe(`backup and restore (${engine})`, () => {
    let dir: string
    before(() => { dir = mkdtempSync(join(tmpdir(), 'ovation-backup-pg-')) })
    after(() => rmSync(dir, { recursive: true, force: true }))

    it('takes a consistent backup while stories are being written, which restores to a working site', async () => {
      const db = await openTestDb(engine)
      const config = loadConfig({ DATA_DIR: join(dir, 'live'), DATABASE_URL: 'postgres://unused/ignored' })
      const { user } = await makeUser(db)
      for (let i = 0; i < 20; i += 1) await makeStory(db, user.id, { title: `Before ${i}`, tags: ['before', `b${i}`] })
      const load = writeLoad(db, user.id)
      await new Promise((resolve) => setTimeout(resolve, 100))
      const file = join(dir, 'backup.zip')
      await backupSite(config, db, file)
      const written = await load.stop()
      await db.close()
      assert.ok(written > 0)

      const target = await openTestDb(engine)
      // Something to replace: the restore swaps it for the backup, in one transaction.
      await makeUser(target)
      let closed = false
      await restoreSite(config, async () => ({ ...target, close: async () => { closed = true } }), file)
      assert.ok(closed)
      try {
        await assertWorkingSite(target, join(dir, 'live'), 20)
        assert.equal((await target.kysely.selectFrom('users').selectAll().execute()).length, 1)
      } finally {
        await target.close()
      }
    })
  })
}
