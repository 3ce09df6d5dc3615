// Several instances, one site: two servers on one PostgreSQL database (as behind a load
// balancer), and WORKERS=2 processes sharing one SQLite file. Claps from many readers spread
// over both must add up exactly, and an edit made through one must show on the other at once.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, type TestServer } from './server.ts'
import { api, createStoryViaApi, getStoryViaApi, pathOf, signUpViaApi, type ApiUser } from './api.ts'

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const index = next++
      await work(items[index] as T, index)
    }
  }))
}

async function clapOnce(baseUrl: string, token: string, slug: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/articles/${slug}/claps`, {
    method: 'POST',
    headers: { authorization: `Token ${token}`, 'content-type': 'application/json' },
    body: '{"count":1}',
  })
  assert.equal(response.status, 200, await response.text())
  await response.arrayBuffer().catch(() => {})
}

/**
 * `readers` readers each clap `perReader` single claps, alternating between the servers.
 * Afterwards the story must hold exactly readers × min(perReader, 50) claps from `readers` fans.
 */
async function clapStorm(bases: string[], readers: ApiUser[], slug: string, perReader: number) {
  const requests = readers.flatMap((reader) => Array.from({ length: perReader }, () => reader))
  await pool(requests, 50, (reader, index) => clapOnce(bases[index % bases.length] as string, reader.token, slug))
}

async function signUpMany(bases: string[], count: number): Promise<ApiUser[]> {
  const readers: ApiUser[] = []
  await pool(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
    readers.push(await signUpViaApi(bases[i % bases.length] as string))
  })
  return readers
}

/** Polls `read` until it returns true or the time is up; returns how long it took. */
async function within(ms: number, read: () => Promise<boolean>): Promise<number> {
  const start = Date.now()
  while (Date.now() - start < ms) {
    if (await read()) return Date.now() - start
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return Number.POSITIVE_INFINITY
}

async function editShowsOnTheOther(first: string, second: string, author: ApiUser, slug: string) {
  const path = pathOf(await getStoryViaApi(second, slug))
  // The second instance has the page in its anonymous cache now.
  await fetch(second + path).then((r) => r.text())
  await fetch(second + path).then((r) => r.text())
  await api(first, 'PUT', `/api/articles/${slug}`, { token: author.token, body: { article: { description: 'Edited on the first instance' } } })
  const took = await within(1000, async () => (await (await fetch(second + path)).text()).includes('Edited on the first instance'))
  assert.ok(took <= 1000, 'the edit shows on the second instance within a second')
}

describe('several instances of one site', { concurrency: true }, () => {
  if (process.env.TEST_DATABASE_URL) {
    describe('two servers on one PostgreSQL database', { concurrency: false }, () => {
      let one: TestServer
      let two: TestServer
      before(async () => {
        // A clap storm is a flood by design: abuse limits off, as for any load test.
        one = await startServer({ engine: 'postgres', env: { RATE_LIMITS: 'off' } })
        two = await startServer({ sameSiteAs: one, env: { RATE_LIMITS: 'off' } })
      }, { timeout: 120_000 })
      after(async () => {
        await two?.close()
        await one?.close()
      }, { timeout: 60_000 })

      it('adds up 10,000 claps from 200 readers spread over both exactly', { timeout: 600_000 }, async () => {
        const bases = [one.baseUrl, two.baseUrl]
        const author = await signUpViaApi(one.baseUrl)
        const story = await createStoryViaApi(one.baseUrl, author.token, { title: 'Clapped on two instances', body: 'Every clap counts.' })
        const readers = await signUpMany(bases, 200)
        await clapStorm(bases, readers, story.slug, 50)
        for (const base of bases) {
          const seen = await getStoryViaApi(base, story.slug)
          assert.equal(seen.claps, 10_000)
          assert.equal(seen.favoritesCount, 200)
        }
        // One more from everyone is absorbed by the cap of fifty.
        await clapStorm(bases, readers.slice(0, 20), story.slug, 1)
        assert.equal((await getStoryViaApi(two.baseUrl, story.slug, readers[0]?.token)).myClaps, 50)
        assert.equal((await getStoryViaApi(one.baseUrl, story.slug)).claps, 10_000)
      })

      it('publishes a scheduled story exactly once, though both instances run jobs', { timeout: 60_000 }, async () => {
        const author = await signUpViaApi(one.baseUrl)
        const draft = await api<{ article: { slug: string } }>(one.baseUrl, 'POST', '/api/articles', {
          token: author.token,
          status: 201,
          body: { article: { title: 'Out at the stroke', description: 'On time', body: 'Published by a job.', status: 'draft' } },
        })
        const at = new Date(Date.now() + 2500).toISOString()
        await api(two.baseUrl, 'PUT', `/api/articles/${draft.article.slug}`, { token: author.token, body: { article: { status: 'scheduled', scheduledAt: at } } })
        const took = await within(15_000, async () => (await getStoryViaApi(one.baseUrl, draft.article.slug, author.token) as unknown as { status: string }).status === 'published')
        assert.ok(Number.isFinite(took), 'the scheduled story was published')
        // Give the other instance's runner time to have tried too, then count the publications.
        await new Promise((resolve) => setTimeout(resolve, 2500))
        const { revisions } = await api<{ revisions: Array<{ kind: string }> }>(one.baseUrl, 'GET', `/api/articles/${draft.article.slug}/revisions`, { token: author.token })
        assert.equal(revisions.filter((revision) => revision.kind === 'publish').length, 1)
        // Anonymous readers of either instance see it at once (the job emptied the page caches).
        const story = await getStoryViaApi(two.baseUrl, draft.article.slug)
        assert.equal((await fetch(two.baseUrl + pathOf(story))).status, 200)
      })

      it('shows an edit made through one instance on the other within a second', { timeout: 60_000 }, async () => {
        const author = await signUpViaApi(one.baseUrl)
        const story = await createStoryViaApi(one.baseUrl, author.token, { title: 'Edited elsewhere', body: 'First words.' })
        await editShowsOnTheOther(one.baseUrl, two.baseUrl, author, story.slug)
      })
    })
  }

  describe('WORKERS=2 on one SQLite file', { concurrency: false }, () => {
    let server: TestServer
    before(async () => {
      server = await startServer({ engine: 'sqlite', env: { WORKERS: '2', RATE_LIMITS: 'off' } })
    }, { timeout: 120_000 })
    after(async () => {
      await server?.close()
    }, { timeout: 60_000 })

    it('adds up claps from both processes exactly, and an edit empties both processes’ caches', { timeout: 300_000 }, async () => {
      const bases = [server.baseUrl]
      const author = await signUpViaApi(server.baseUrl)
      const story = await createStoryViaApi(server.baseUrl, author.token, { title: 'Clapped on two processes', body: 'Every clap counts.' })
      const readers = await signUpMany(bases, 40)
      await clapStorm(bases, readers, story.slug, 50)
      const seen = await getStoryViaApi(server.baseUrl, story.slug)
      assert.equal(seen.claps, 2_000)
      assert.equal(seen.favoritesCount, 40)
      // Each request may land on either process: after the edit, every answer must have it.
      const path = pathOf(seen)
      for (let i = 0; i < 10; i++) await fetch(server.baseUrl + path).then((r) => r.text())
      await api(server.baseUrl, 'PUT', `/api/articles/${story.slug}`, { token: author.token, body: { article: { description: 'Edited once' } } })
      await new Promise((resolve) => setTimeout(resolve, 200))
      for (let i = 0; i < 10; i++) {
        assert.match(await (await fetch(server.baseUrl + path)).text(), /Edited once/)
      }
    })
  })
})
