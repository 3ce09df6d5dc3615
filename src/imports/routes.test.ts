import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, TEST_ORIGIN, type TestApp } from '../testing/app.ts'
import { makeUser } from '../testing/factories.ts'
import { loadConfig } from '../config.ts'
import { runDueJobs } from '../jobs/service.ts'
import { FIXTURE_EXPORT, zipFolder } from './testing.ts'
import { useFetchPolicyForJobs } from './service.ts'
import { DEFAULT_FETCH_POLICY } from './remote-image.ts'

// Offline whatever the machine: Medium's image host "resolves" to 127.0.0.1, which is refused.
useFetchPolicyForJobs({ ...DEFAULT_FETCH_POLICY, lookup: async () => [{ address: '127.0.0.1', family: 4 }], retries: 0 })

/** A multipart/form-data body with one file field, as a browser sends it. */
function multipart(fileName: string, bytes: Uint8Array, field = 'file') {
  const boundary = '----ovation-test-boundary'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/zip\r\n\r\n`
  const payload = Buffer.concat([Buffer.from(head), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`)])
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

for (const engine of engines()) {
  describe(`imports over HTTP (${engine})`, () => {
    let t: TestApp
    let dataDir: string
    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'ovation-imports-'))
      t = await buildTestApp(engine, { DATA_DIR: dataDir })
    })
    after(async () => {
      await t.close()
      rmSync(dataDir, { recursive: true, force: true })
    })
    const config = () => loadConfig({ DATA_DIR: dataDir, BASE_URL: TEST_ORIGIN })

    describe('POST /api/imports/medium', () => {
      it('queues the upload as a job whose progress and report the writer can read', async () => {
        const writer = await makeUser(t.db)
        const body = multipart('medium-export.zip', zipFolder(FIXTURE_EXPORT))
        const response = await t.app.inject({ method: 'POST', url: '/api/imports/medium', headers: { ...body.headers, authorization: `Token ${writer.token}` }, payload: body.payload })
        assert.equal(response.statusCode, 202)
        const { import: queued } = response.json()
        assert.equal(queued.status, 'queued')
        assert.equal(response.headers.location, `/api/imports/${queued.id}`)

        await runDueJobs(t.db, config())
        const done = (await call(t.app, 'GET', `/api/imports/${queued.id}`, { token: writer.token })).json().import
        assert.equal(done.status, 'done')
        assert.deepEqual([done.done, done.total], [2, 2])
        assert.deepEqual(done.report.imported.map((s: { title: string }) => s.title), ['The Tide Tables of Wenlow', 'Notes on ferries'])
        // The zip's own image went to the media store, inside DATA_DIR, and the upload is gone.
        assert.equal(readdirSync(join(dataDir, 'media')).filter((name) => name.endsWith('-320x180.webp')).length, 1)
        assert.equal((await t.db.kysely.selectFrom('import_uploads').selectAll().where('run_id', '=', queued.id).execute()).length, 0)
        const articles = (await call(t.app, 'GET', `/api/articles?author=${writer.user.username}`)).json().articles
        assert.deepEqual(articles.map((a: { title: string }) => a.title), ['The Tide Tables of Wenlow'])
      })

      it('requires sign-in', async () => {
        const body = multipart('x.zip', zipFolder(FIXTURE_EXPORT))
        const response = await t.app.inject({ method: 'POST', url: '/api/imports/medium', headers: body.headers, payload: body.payload })
        assert.equal(response.statusCode, 401)
      })

      it('refuses a file that is not a zip with 422, and a request without a file', async () => {
        const writer = await makeUser(t.db)
        const body = multipart('notes.pdf', new TextEncoder().encode('%PDF-1.7'))
        const response = await t.app.inject({ method: 'POST', url: '/api/imports/medium', headers: { ...body.headers, authorization: `Token ${writer.token}` }, payload: body.payload })
        assert.equal(response.statusCode, 422)
        assert.deepEqual(response.json(), { errors: { file: ['is not a zip file: upload the .zip Medium sent you'] } })
        const json = await call(t.app, 'POST', '/api/imports/medium', { token: writer.token, body: { file: 'x' } })
        assert.equal(json.statusCode, 422)
        assert.equal((await t.db.kysely.selectFrom('import_runs').selectAll().where('user_id', '=', writer.user.id).execute()).length, 0)
      })

      it('fails the run with a clear message for a zip without posts, importing nothing', async () => {
        const writer = await makeUser(t.db)
        const body = multipart('empty.zip', zipFolder(join(FIXTURE_EXPORT, 'profile')))
        const response = await t.app.inject({ method: 'POST', url: '/api/imports/medium', headers: { ...body.headers, authorization: `Token ${writer.token}` }, payload: body.payload })
        await runDueJobs(t.db, config())
        const run = (await call(t.app, 'GET', `/api/imports/${response.json().import.id}`, { token: writer.token })).json().import
        assert.equal(run.status, 'failed')
        assert.match(run.error, /no stories \(no posts\/\*\.html\)/)
        assert.equal((await t.db.kysely.selectFrom('stories').selectAll().where('author_id', '=', writer.user.id).execute()).length, 0)
      })
    })

    describe('GET /api/imports/:id', () => {
      it('answers 404 for another writer’s import', async () => {
        const writer = await makeUser(t.db)
        const other = await makeUser(t.db)
        const body = multipart('medium.zip', zipFolder(FIXTURE_EXPORT))
        const response = await t.app.inject({ method: 'POST', url: '/api/imports/medium', headers: { ...body.headers, authorization: `Token ${writer.token}` }, payload: body.payload })
        const id = response.json().import.id
        assert.equal((await call(t.app, 'GET', `/api/imports/${id}`, { token: other.token })).statusCode, 404)
        assert.equal((await call(t.app, 'GET', `/api/imports/${id}`)).statusCode, 401)
      })
    })

    describe('/settings/import', () => {
      it('shows the upload form, then the run with its progress and report', async () => {
        const writer = await makeUser(t.db)
        const login = await call(t.app, 'POST', '/signin', { form: { email: `${writer.user.username}@example.com`, password: writer.password } })
        const cookie = `ovation_session=${login.cookies.find((c) => c.name === 'ovation_session')?.value}`
        const page = await call(t.app, 'GET', '/settings/import', { cookie })
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /enctype="multipart\/form-data"/)
        const body = multipart('medium.zip', zipFolder(FIXTURE_EXPORT))
        const posted = await t.app.inject({ method: 'POST', url: '/settings/import', headers: { ...body.headers, cookie, origin: TEST_ORIGIN }, payload: body.payload })
        assert.equal(posted.statusCode, 303)
        const waiting = await call(t.app, 'GET', '/settings/import', { cookie })
        assert.match(waiting.body, /<meta http-equiv="refresh" content="2"/)
        assert.match(waiting.body, /<progress/)
        await runDueJobs(t.db, config())
        const finished = await call(t.app, 'GET', '/settings/import', { cookie })
        assert.doesNotMatch(finished.body, /http-equiv="refresh"/)
        assert.match(finished.body, /2 imported, 0 updated, 0 skipped/)
        assert.match(finished.body, /Notes on ferries<\/a> \(draft\)/)
      })

      it('re-renders the form with the message for a file that is not a zip', async () => {
        const writer = await makeUser(t.db)
        const login = await call(t.app, 'POST', '/signin', { form: { email: `${writer.user.username}@example.com`, password: writer.password } })
        const cookie = `ovation_session=${login.cookies.find((c) => c.name === 'ovation_session')?.value}`
        const body = multipart('photo.jpg', new Uint8Array([0xff, 0xd8, 0xff]))
        const posted = await t.app.inject({ method: 'POST', url: '/settings/import', headers: { ...body.headers, cookie, origin: TEST_ORIGIN }, payload: body.payload })
        assert.equal(posted.statusCode, 422)
        assert.match(posted.body, /is not a zip file/)
      })

      it('sends a signed-out visitor to sign in', async () => {
        const page = await call(t.app, 'GET', '/settings/import')
        assert.equal(page.statusCode, 303)
      })
    })
  })
}
