import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines, openTestDb } from '../testing/databases.ts'
import { loadConfig } from '../config.ts'
import type { Db } from '../db/database.ts'
import { defineJob, enqueueJob, cancelJob, pendingJobCount, runDueJobs } from './service.ts'

const config = loadConfig({})

// What the test handlers saw, by kind.
const seen = new Map<string, unknown[]>()
const record = (kind: string, payload: unknown) => seen.set(kind, [...(seen.get(kind) ?? []), payload])
let flakyFailuresLeft = 0

defineJob('test.record', async (payload) => { record('test.record', payload) })
defineJob('test.flaky', async (payload) => {
  if (flakyFailuresLeft > 0) {
    flakyFailuresLeft--
    throw new Error('not yet')
  }
  record('test.flaky', payload)
})
defineJob('test.broken', async () => { throw new Error('always broken') }, { maxAttempts: 2 })
defineJob('test.slow', async (payload) => {
  await new Promise((resolve) => setTimeout(resolve, 20))
  record('test.slow', payload)
})

for (const engine of engines()) {
  describe(`jobs (${engine})`, () => {
    let db: Db
    before(async () => { db = await openTestDb(engine) })
    after(() => db.close())

    const later = (ms: number) => new Date(Date.now() + ms)

    it('runs a due job once with its payload, and removes it', async () => {
      seen.clear()
      await enqueueJob(db.kysely, 'test.record', { story: 42 })
      assert.deepEqual(await runDueJobs(db, config), { ran: 1, failed: 0 })
      assert.deepEqual(seen.get('test.record'), [{ story: 42 }])
      assert.deepEqual(await runDueJobs(db, config), { ran: 0, failed: 0 })
      assert.equal(await pendingJobCount(db.kysely), 0)
    })

    it('waits for a job’s time', async () => {
      seen.clear()
      await enqueueJob(db.kysely, 'test.record', 'later', { runAt: later(60_000) })
      assert.equal((await runDueJobs(db, config)).ran, 0)
      assert.equal((await runDueJobs(db, config, { now: later(61_000) })).ran, 1)
      assert.deepEqual(seen.get('test.record'), ['later'])
    })

    it('keeps one pending job per key: enqueueing again moves it', async () => {
      seen.clear()
      await enqueueJob(db.kysely, 'test.record', 'first', { key: 'story:1', runAt: later(60_000) })
      await enqueueJob(db.kysely, 'test.record', 'second', { key: 'story:1', runAt: later(120_000) })
      assert.equal(await pendingJobCount(db.kysely), 1)
      assert.equal((await runDueJobs(db, config, { now: later(61_000) })).ran, 0)
      assert.equal((await runDueJobs(db, config, { now: later(121_000) })).ran, 1)
      assert.deepEqual(seen.get('test.record'), ['second'])
    })

    it('cancels a job by key', async () => {
      await enqueueJob(db.kysely, 'test.record', 'never', { key: 'story:2' })
      await cancelJob(db.kysely, 'story:2')
      assert.equal((await runDueJobs(db, config)).ran, 0)
    })

    it('queues nothing when the enclosing transaction rolls back', async () => {
      await assert.rejects(db.kysely.transaction().execute(async (trx) => {
        await enqueueJob(trx, 'test.record', 'rolled back')
        throw new Error('abort')
      }))
      assert.equal(await pendingJobCount(db.kysely), 0)
    })

    it('retries a failing job after a back-off, then succeeds', async () => {
      seen.clear()
      flakyFailuresLeft = 1
      await enqueueJob(db.kysely, 'test.flaky', 'retry me')
      assert.deepEqual(await runDueJobs(db, config), { ran: 1, failed: 1 })
      // Not again at once: the retry waits (2 s after the first failure).
      assert.equal((await runDueJobs(db, config)).ran, 0)
      assert.deepEqual(await runDueJobs(db, config, { now: later(5_000) }), { ran: 1, failed: 0 })
      assert.deepEqual(seen.get('test.flaky'), ['retry me'])
    })

    it('gives up after the last attempt and keeps the error for the operator', async () => {
      await enqueueJob(db.kysely, 'test.broken', null)
      await runDueJobs(db, config)
      await runDueJobs(db, config, { now: later(10_000) })
      assert.equal((await runDueJobs(db, config, { now: later(100_000) })).ran, 0)
      const row = await db.kysely.selectFrom('jobs').selectAll().where('kind', '=', 'test.broken').executeTakeFirstOrThrow()
      assert.equal(row.attempts, 2)
      assert.equal(row.last_error, 'always broken')
      assert.notEqual(row.failed_at, null)
      assert.equal(await pendingJobCount(db.kysely), 0)
    })

    it('hands each job to exactly one of several runners working at once', async () => {
      seen.clear()
      for (let i = 0; i < 30; i++) await enqueueJob(db.kysely, 'test.slow', i)
      const runs = await Promise.all([1, 2, 3].map(() => runDueJobs(db, config, { limit: 10 })))
      const again = await runDueJobs(db, config, { limit: 30 })
      assert.equal(runs.reduce((sum, run) => sum + run.ran, 0) + again.ran, 30)
      const payloads = (seen.get('test.slow') as number[]).toSorted((a, b) => a - b)
      assert.deepEqual(payloads, Array.from({ length: 30 }, (_, i) => i))
    })
  })
}
