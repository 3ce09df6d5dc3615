// Crash safety: the server is killed with SIGKILL twenty times in the middle of write load.
// Every write it acknowledged with a 2xx must be there after the restart, and the SQLite file
// must pass its integrity check.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { engines, startServer, type TestServer } from './server.ts'
import { createStoryViaApi, responsesViaApi, signUpViaApi, type ApiUser } from './api.ts'

const CRASHES = 20

describe('crash safety', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      before(async () => {
        // Writes as fast as the server takes them: abuse limits off, as for any load test.
        server = await startServer({ engine, env: { RATE_LIMITS: 'off' } })
      }, { timeout: 90_000 })
      after(async () => {
        await server?.close()
      }, { timeout: 60_000 })

      it(`keeps every acknowledged write through ${CRASHES} SIGKILLs under load`, { timeout: 600_000 }, async () => {
        const author = await signUpViaApi(server.baseUrl)
        const readers = await Promise.all([1, 2, 3, 4].map(() => signUpViaApi(server.baseUrl)))
        const story = await createStoryViaApi(server.baseUrl, author.token, { title: 'Written through crashes', body: 'Still standing.' })
        const acknowledged = new Map<number, string>()
        const claps = new Map<string, number>()

        for (let round = 0; round < CRASHES; round++) {
          const load = writeLoad(server.baseUrl, story.slug, readers, round, acknowledged, claps)
          // Kill somewhere inside the burst of writes: once they are flowing (a busy machine may
          // take a while to answer the first), at a random moment.
          const before = acknowledged.size
          const flowing = Date.now() + 5000
          while (acknowledged.size === before && Date.now() < flowing) await new Promise((resolve) => setTimeout(resolve, 10))
          await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 200)))
          await server.crash()
          await load.stop()
          await server.start()
        }

        const responses = await responsesViaApi(server.baseUrl, story.slug)
        const stored = new Map(responses.map((response) => [response.id, response.body]))
        assert.ok(acknowledged.size > CRASHES, `enough writes were acknowledged to mean something (${acknowledged.size})`)
        for (const [id, body] of acknowledged) assert.equal(stored.get(id), body, `acknowledged response ${id} survived`)
        for (const reader of readers) {
          const response = await fetch(`${server.baseUrl}/api/articles/${story.slug}`, { headers: { authorization: `Token ${reader.token}` } })
          const { article } = await response.json() as { article: { myClaps: number } }
          assert.ok(article.myClaps >= Math.min(claps.get(reader.username) ?? 0, 50), `${reader.username}'s acknowledged claps survived`)
        }

        if (engine === 'sqlite') {
          await server.stop()
          const db = new DatabaseSync(join(server.dataDir, 'ovation.sqlite'))
          try {
            const rows = db.prepare('PRAGMA integrity_check').all() as Array<{ integrity_check: string }>
            assert.deepEqual(rows.map((row) => row.integrity_check), ['ok'])
          } finally {
            db.close()
          }
          await server.start()
        }
      })
    })
  }
})

/**
 * Readers respond and clap as fast as they can until stopped; what the server acknowledged
 * (a 2xx with the response's id) is recorded. Failures (the server is dead) are expected.
 */
function writeLoad(baseUrl: string, slug: string, readers: ApiUser[], round: number, acknowledged: Map<number, string>, claps: Map<string, number>) {
  let stopped = false
  const workers = readers.map(async (reader, r) => {
    for (let i = 0; !stopped; i++) {
      const body = `Round ${round}, reader ${r}, response ${i}`
      try {
        const response = await fetch(`${baseUrl}/api/articles/${slug}/comments`, {
          method: 'POST',
          headers: { authorization: `Token ${reader.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ comment: { body } }),
        })
        if (response.ok) acknowledged.set(((await response.json()) as { comment: { id: number } }).comment.id, body)
        const clap = await fetch(`${baseUrl}/api/articles/${slug}/claps`, {
          method: 'POST',
          headers: { authorization: `Token ${reader.token}`, 'content-type': 'application/json' },
          body: '{"count":1}',
        })
        if (clap.ok) claps.set(reader.username, (claps.get(reader.username) ?? 0) + 1)
      } catch {
        // The server is down: wait for the next round.
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    }
  })
  return {
    stop: async () => {
      stopped = true
      await Promise.all(workers)
    },
  }
}
