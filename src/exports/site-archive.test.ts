import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import { engines, openTestDb } from '../testing/databases.ts'
import { makeStory, makeUser } from '../testing/factories.ts'
import type { Db } from '../db/database.ts'
import { respond } from '../responses/service.ts'
import { clap } from '../claps/service.ts'
import { storyBySlug } from '../stories/service.ts'
import { exportSite, importSite, SiteArchiveError } from './site-archive.ts'

/** A small site with rows in many tables, a story with ids from elsewhere, and a media file. */
async function populate(db: Db, mediaDir: string) {
  const ada = await makeUser(db, { name: 'Ada' })
  const bo = await makeUser(db, { name: 'Bo' })
  const story = await makeStory(db, ada.user.id, { title: 'Tides', body: 'One.\n\nTwo **bold**.', tags: ['Sea', 'Time'] })
  await makeStory(db, bo.user.id, { title: 'A draft', status: 'draft' })
  await clap(db, bo.user.id, `${story.row.slug}-${story.row.short_id}`, 7)
  await respond(db, bo.user.id, `${story.row.slug}-${story.row.short_id}`, 'Lovely.')
  await db.kysely.insertInto('follows').values({ follower_id: bo.user.id, followee_id: ada.user.id, created_at: new Date('2026-01-02T03:04:05.678Z') }).execute()
  mkdirSync(mediaDir, { recursive: true })
  writeFileSync(join(mediaDir, 'abcdefabcdefabcdefabcdef-4x3.webp'), Buffer.from('RIFF....WEBP'))
  return { ada, bo, story }
}

for (const engine of engines()) {
  describe(`site export and import (${engine})`, () => {
    let source: Db
    let dir: string
    before(async () => {
      source = await openTestDb(engine)
      dir = mkdtempSync(join(tmpdir(), 'ovation-site-'))
    })
    after(async () => {
      await source.close()
      rmSync(dir, { recursive: true, force: true })
    })

    it('exports, imports into an empty database and exports again to the very same bytes', async () => {
      const { story } = await populate(source, join(dir, 'media-a'))
      const first = join(dir, 'first.zip')
      const progress: number[] = []
      const exported = await exportSite(source, join(dir, 'media-a'), first, (done) => progress.push(done))
      assert.ok(exported.rows > 10)
      assert.equal(progress.at(-1), exported.rows)

      const target = await openTestDb(engine)
      try {
        const imported = await importSite(target, join(dir, 'media-b'), readFileSync(first))
        assert.deepEqual(imported, exported)
        const second = join(dir, 'second.zip')
        await exportSite(target, join(dir, 'media-b'), second)
        assert.ok(readFileSync(first).equals(readFileSync(second)), 'the second export is byte for byte the first')
        assert.deepEqual(readdirSync(join(dir, 'media-b')), ['abcdefabcdefabcdefabcdef-4x3.webp'])

        // The imported site works: the story reads as before, and new rows get fresh ids.
        const read = await storyBySlug(target, `${story.row.slug}-${story.row.short_id}`, null)
        assert.equal(read.row.title, 'Tides')
        assert.deepEqual(read.tags, ['Sea', 'Time'])
        assert.equal(read.row.clap_total, 7)
        const newcomer = await makeUser(target)
        const next = await makeStory(target, newcomer.user.id)
        assert.ok(next.row.id > story.row.id)
        const manifest = JSON.parse(Buffer.from(unzipSync(readFileSync(first))['manifest.json'] as Uint8Array).toString())
        assert.ok(manifest.tables.some((t: { name: string }) => t.name === 'stories'))
        assert.ok(!manifest.tables.some((t: { name: string }) => t.name.startsWith('kysely_') || t.name.includes('_fts')))
      } finally {
        await target.close()
      }
    })

    it('refuses to import into a database that has rows, changing nothing', async () => {
      const file = join(dir, 'refuse.zip')
      await exportSite(source, join(dir, 'media-a'), file)
      const target = await openTestDb(engine)
      try {
        await makeUser(target)
        await assert.rejects(importSite(target, join(dir, 'media-c'), readFileSync(file)), (error: Error) => error instanceof SiteArchiveError && /not empty/.test(error.message))
        assert.equal((await target.kysely.selectFrom('users').selectAll().execute()).length, 1)
      } finally {
        await target.close()
      }
    })

    it('writes media only inside the media folder, whatever names the zip holds', async () => {
      const file = join(dir, 'traversal.zip')
      await exportSite(source, join(dir, 'media-a'), file)
      const files = unzipSync(readFileSync(file))
      const crafted = zipSync({ ...files, 'media/../../escaped.txt': new TextEncoder().encode('x'), 'media/sub/inner.txt': new TextEncoder().encode('x') })
      const target = await openTestDb(engine)
      try {
        await importSite(target, join(dir, 'media-t', 'media'), crafted)
        assert.equal(existsSync(join(dir, 'escaped.txt')), false)
        assert.equal(existsSync(join(dir, 'media-t', 'escaped.txt')), false)
        assert.equal(existsSync(join(dir, 'media-t', 'media', 'sub')), false)
      } finally {
        await target.close()
      }
    })

    it('refuses what is not a site export', async () => {
      const target = await openTestDb(engine)
      try {
        await assert.rejects(importSite(target, join(dir, 'media-d'), new TextEncoder().encode('hello')), /not a zip/)
        await assert.rejects(importSite(target, join(dir, 'media-d'), zipSync({ 'posts/a.html': new Uint8Array([1]) })), /no manifest\.json/)
      } finally {
        await target.close()
      }
    })
  })
}

if (engines().includes('postgres')) {
  describe('site export across engines', () => {
    it('moves a site from SQLite to PostgreSQL and exports it there to the very same bytes', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ovation-move-'))
      const sqlite = await openTestDb('sqlite')
      const postgres = await openTestDb('postgres')
      try {
        await populate(sqlite, join(dir, 'media'))
        await exportSite(sqlite, join(dir, 'media'), join(dir, 'from-sqlite.zip'))
        await importSite(postgres, join(dir, 'media-pg'), readFileSync(join(dir, 'from-sqlite.zip')))
        await exportSite(postgres, join(dir, 'media-pg'), join(dir, 'from-postgres.zip'))
        const fromSqlite = readFileSync(join(dir, 'from-sqlite.zip'))
        const fromPostgres = readFileSync(join(dir, 'from-postgres.zip'))
        if (!fromSqlite.equals(fromPostgres)) {
          // Name the entries that differ, and how, rather than only "not equal".
          const a = unzipSync(fromSqlite)
          const b = unzipSync(fromPostgres)
          const differing = [...new Set([...Object.keys(a), ...Object.keys(b)])]
            .filter((name) => !a[name] || !b[name] || !Buffer.from(a[name]).equals(Buffer.from(b[name])))
            .map((name) => `${name}: ${firstDifference(a[name], b[name])}`)
          assert.deepEqual(differing, [], 'the two exports differ')
        }
      } finally {
        await sqlite.close()
        await postgres.close()
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
}

function firstDifference(a: Uint8Array | undefined, b: Uint8Array | undefined): string {
  if (!a || !b) return a ? 'only in the SQLite export' : 'only in the PostgreSQL export'
  const left = Buffer.from(a).toString()
  const right = Buffer.from(b).toString()
  let i = 0
  while (i < left.length && left[i] === right[i]) i++
  return `SQLite …${left.slice(Math.max(0, i - 80), i + 80)}… PostgreSQL …${right.slice(Math.max(0, i - 80), i + 80)}…`
}
