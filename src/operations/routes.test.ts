import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser } from '../testing/factories.ts'
import { enqueueJob } from '../jobs/service.ts'

for (const engine of engines()) {
  describe(`operations (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine, { METRICS_TOKEN: 'let-me-see' }) })
    after(() => t.close())

    it('/healthz says the database is reachable', async () => {
      const response = await call(t.app, 'GET', '/healthz')
      assert.equal(response.statusCode, 200)
      assert.deepEqual(response.json(), { status: 'ok', database: engine })
      assert.equal(response.headers['cache-control'], 'no-store')
    })

    it('/metrics needs the token from another machine', async () => {
      const denied = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' })
      assert.equal(denied.statusCode, 403)
      const wrong = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer nope' } })
      assert.equal(wrong.statusCode, 403)
    })

    it('/metrics reports requests by route, query timings, the page cache and the job queue', async () => {
      const author = await makeUser(t.db)
      await makeStory(t.db, author.user.id)
      // Sign-up queues an address verification mail (issue 9); this test counts its own job.
      await t.db.kysely.deleteFrom('jobs').where('kind', '=', 'accounts.verify-email').execute()
      await call(t.app, 'GET', '/api/articles')
      await enqueueJob(t.db.kysely, 'operations.test', null, { runAt: new Date(Date.now() + 3_600_000) })
      const response = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer let-me-see' } })
      assert.equal(response.statusCode, 200)
      assert.match(response.headers['content-type'] as string, /^text\/plain/)
      const text = response.body
      assert.match(text, /ovation_http_request_duration_seconds_count\{method="GET",route="\/api\/articles",status="200"\} 1/)
      assert.match(text, /ovation_db_query_duration_seconds_count\{outcome="ok"\} [1-9]/)
      assert.match(text, /ovation_jobs_pending 1/)
      assert.match(text, /ovation_page_cache_hits_total \d+/)
      assert.match(text, /ovation_process_resident_memory_bytes \d+/)
    })

    it('answers with a request id, taken from the proxy when it sends one', async () => {
      const response = await call(t.app, 'GET', '/api/tags', { headers: { 'x-request-id': 'edge-42' } })
      assert.equal(response.statusCode, 200)
      assert.equal(response.headers['x-request-id'], 'edge-42')
    })
  })
}
