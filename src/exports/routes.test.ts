import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser } from '../testing/factories.ts'
import { clap } from '../claps/service.ts'
import { respond } from '../responses/service.ts'

for (const engine of engines()) {
  describe(`a writer's archive (${engine})`, () => {
    let t: TestApp
    let dataDir: string
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'ovation-export-'))
      t = await buildTestApp(engine, { DATA_DIR: dataDir })
    })
    after(async () => {
      await t.close()
      rmSync(dataDir, { recursive: true, force: true })
    })

    describe('GET /api/user/export', () => {
      it('answers a zip of the writer’s stories, images, responses, claps and follows', async () => {
        const writer = await makeUser(t.db, { name: 'Ada' })
        const other = await makeUser(t.db, { name: 'Bo' })
        mkdirSync(join(dataDir, 'media'), { recursive: true })
        writeFileSync(join(dataDir, 'media', 'abcabcabcabcabcabcabcabc-4x3.webp'), 'webp bytes')
        const story = await makeStory(t.db, writer.user.id, {
          title: 'Tides', subtitle: 'And time', tags: ['Sea'],
          body: 'One **bold** line.\n\n![A chart](/media/abcabcabcabcabcabcabcabc-4x3.webp)',
        })
        await makeStory(t.db, writer.user.id, { title: 'Unfinished', status: 'draft' })
        const theirs = await makeStory(t.db, other.user.id, { title: 'Elsewhere' })
        await respond(t.db, writer.user.id, `${theirs.row.slug}-${theirs.row.short_id}`, 'I agree.')
        await clap(t.db, writer.user.id, `${theirs.row.slug}-${theirs.row.short_id}`, 5)
        await t.db.kysely.insertInto('follows').values({ follower_id: other.user.id, followee_id: writer.user.id, created_at: new Date() }).execute()

        const response = await call(t.app, 'GET', '/api/user/export', { token: writer.token })
        assert.equal(response.statusCode, 200)
        assert.equal(response.headers['content-type'], 'application/zip')
        assert.match(String(response.headers['content-disposition']), new RegExp(`attachment; filename="ovation-${writer.user.username}-\\d{4}-\\d{2}-\\d{2}\\.zip"`))
        const files = unzipSync(response.rawPayload)
        const base = `stories/${story.row.slug}-${story.row.short_id}`
        assert.ok(files[`${base}.md`] && files[`${base}.json`])
        assert.equal(Object.keys(files).filter((name) => name.startsWith('stories/')).length, 4, 'both stories, draft included, twice each')
        const markdown = strFromU8(files[`${base}.md`] as Uint8Array)
        assert.match(markdown, /^---\ntitle: "Tides"\nsubtitle: "And time"\nstatus: "published"\n/)
        assert.match(markdown, /tags: \["Sea"\]/)
        assert.match(markdown, /---\n\nOne \*\*bold\*\* line\.\n\n!\[A chart\]\(\/media\/abcabcabcabcabcabcabcabc-4x3\.webp\)\n$/)
        const json = JSON.parse(strFromU8(files[`${base}.json`] as Uint8Array))
        assert.equal(json.document.blocks[0].type, 'paragraph')
        assert.equal(strFromU8(files['images/abcabcabcabcabcabcabcabc-4x3.webp'] as Uint8Array), 'webp bytes')
        const responses = JSON.parse(strFromU8(files['responses.json'] as Uint8Array))
        assert.equal(responses[0].markdown.trim(), 'I agree.')
        assert.equal(responses[0].story.title, 'Elsewhere')
        assert.deepEqual(JSON.parse(strFromU8(files['claps.json'] as Uint8Array)).map((c: { count: number }) => c.count), [5])
        assert.deepEqual(JSON.parse(strFromU8(files['followers.json'] as Uint8Array)).map((f: { username: string }) => f.username), [other.user.username])
        for (const name of ['profile.json', 'highlights.json', 'lists.json', 'following.json', 'README.md']) assert.ok(files[name], name)
        // Nobody else's stories.
        assert.ok(!Object.keys(files).some((name) => name.includes(theirs.row.short_id)))
      })

      it('requires sign-in', async () => {
        assert.equal((await call(t.app, 'GET', '/api/user/export')).statusCode, 401)
      })
    })

    describe('/settings/export', () => {
      it('explains the archive and links to it; the settings page links here and to the import', async () => {
        const writer = await makeUser(t.db)
        const login = await call(t.app, 'POST', '/signin', { form: { email: `${writer.user.username}@example.com`, password: writer.password } })
        const cookie = `ovation_session=${login.cookies.find((c) => c.name === 'ovation_session')?.value}`
        const page = await call(t.app, 'GET', '/settings/export', { cookie })
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /href="\/api\/user\/export"/)
        const settings = await call(t.app, 'GET', '/settings', { cookie })
        assert.match(settings.body, /href="\/settings\/export"/)
        assert.match(settings.body, /href="\/settings\/import"/)
        const download = await call(t.app, 'GET', '/api/user/export', { cookie })
        assert.equal(download.statusCode, 200)
      })
    })
  })
}
