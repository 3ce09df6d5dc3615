// The anonymous page cache over real HTTP (app.inject would skip the fast path, which lives in
// the server's request listener).
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { gunzipSync, brotliDecompressSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import { engines, openTestDb } from '../testing/databases.ts'
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser } from '../testing/factories.ts'
import { storyPath } from '../stories/service.ts'

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return `http://127.0.0.1:${address.port}`
}

for (const engine of engines()) {
  describe(`anonymous page cache (${engine})`, () => {
    let t: TestApp
    let base: string
    let path: string
    let author: Awaited<ReturnType<typeof makeUser>>
    before(async () => {
      t = await buildTestApp(engine, { PAGE_CACHE_TTL_MS: '60000' })
      base = await listen(t.app)
      author = await makeUser(t.db)
      path = storyPath(await makeStory(t.db, author.user.id, { title: 'Cached words' }))
    })
    after(() => t.close())

    const stats = () => ({ ...t.app.pageCache.stats })

    it('answers the second signed-out request for a page from memory, with the same bytes and ETag', async () => {
      const first = await fetch(base + path)
      const firstBody = await first.text()
      const before = stats()
      const second = await fetch(base + path)
      assert.equal(second.status, 200)
      assert.equal(await second.text(), firstBody)
      assert.equal(second.headers.get('etag'), first.headers.get('etag'))
      assert.equal(second.headers.get('content-type'), 'text/html; charset=utf-8')
      assert.ok(second.headers.get('content-security-policy'), 'security headers are replayed')
      assert.equal(stats().hits, before.hits + 1)
    })

    it('answers a matching If-None-Match with 304 from memory', async () => {
      const etag = (await fetch(base + path)).headers.get('etag') as string
      const before = stats()
      const response = await fetch(base + path, { headers: { 'if-none-match': etag } })
      assert.equal(response.status, 304)
      assert.equal(stats().notModified, before.notModified + 1)
    })

    it('sends brotli or gzip to clients that accept them', async () => {
      const plain = await (await fetch(base + path)).text()
      // fetch() decompresses on its own, so ask over raw HTTP to see the encoded bytes.
      for (const [encoding, decode] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
        const response = await rawGet(base + path, { 'accept-encoding': encoding })
        assert.equal(response.headers['content-encoding'], encoding)
        assert.equal(decode(response.body).toString(), plain)
        assert.ok(response.body.length < plain.length / 2)
      }
    })

    it('never answers a signed-in reader from the cache', async () => {
      await fetch(base + path)
      const before = stats()
      const response = await fetch(base + path, { headers: { authorization: `Token ${author.token}` } })
      assert.equal(response.status, 200)
      assert.equal(response.headers.get('cache-control'), 'private, no-cache')
      assert.equal(stats().hits, before.hits)
    })

    it('forgets every page after a successful write, so an edit shows at once', async () => {
      await fetch(base + path)
      const slug = path.split('/').pop() as string
      const update = await fetch(`${base}/api/articles/${slug}`, {
        method: 'PUT',
        headers: { authorization: `Token ${author.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ article: { title: 'Cached words, revised' } }),
      })
      assert.equal(update.status, 200)
      const moved = (await update.json()).article.slug as string
      const page = await fetch(`${base}${path.replace(slug, moved)}`)
      assert.match(await page.text(), /Cached words, revised/)
    })

    it('keeps pages through claps, which change only totals', async () => {
      const reader = await makeUser(t.db)
      await fetch(base + path)
      const clears = stats().clears
      const slug = path.split('/').pop() as string
      const clap = await fetch(`${base}/api/articles/${slug}/claps`, {
        method: 'POST',
        headers: { authorization: `Token ${reader.token}`, 'content-type': 'application/json', origin: TEST_ORIGIN },
        body: JSON.stringify({ count: 3 }),
      })
      assert.equal(clap.status, 200)
      assert.equal(stats().clears, clears)
    })

    it('keeps pages through signed-out writes, which change no page (else anyone could keep the cache empty)', async () => {
      await fetch(base + path)
      const clears = stats().clears
      const response = await fetch(`${base}/@${author.user.username}/follow`, { method: 'POST', redirect: 'manual', headers: { origin: TEST_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: 'back=%2F' })
      assert.ok(response.status < 400, `a signed-out follow is sent to sign in (${response.status})`)
      assert.equal(stats().clears, clears)
    })

    it('does not cache addresses with a query string or error pages', async () => {
      const path = storyPath(await makeStory(t.db, author.user.id, { title: 'Asked with a query' }))
      const before = stats()
      await fetch(`${base}${path}?ref=x`)
      await fetch(`${base}${path}?ref=x`)
      await fetch(`${base}/@nobody-here/nothing-0123456789ab`)
      await fetch(`${base}/@nobody-here/nothing-0123456789ab`)
      assert.equal(stats().hits, before.hits)
    })
  })
}

// Two instances on one PostgreSQL database: a write on one empties the other's cache.
if (engines().includes('postgres')) {
  describe('page cache across instances (postgres)', () => {
    it('a write on one instance empties the other instance’s page cache within a second', async () => {
      const db = await openTestDb('postgres')
      const config = loadConfig({ BASE_URL: TEST_ORIGIN, SEED_DEMO: '0', PAGE_CACHE_TTL_MS: '60000' })
      const one = await buildApp(config, db, { logger: false })
      const two = await buildApp(config, db, { logger: false })
      try {
        const [baseOne, baseTwo] = [await listen(one), await listen(two)]
        const author = await makeUser(db)
        const path = storyPath(await makeStory(db, author.user.id, { title: 'Seen on two instances' }))
        await fetch(baseTwo + path)
        await fetch(baseTwo + path)
        assert.equal(two.pageCache.size > 0, true)
        const slug = path.split('/').pop() as string
        const update = await fetch(`${baseOne}/api/articles/${slug}`, {
          method: 'PUT',
          headers: { authorization: `Token ${author.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ article: { subtitle: 'Edited on the first instance' } }),
        })
        assert.equal(update.status, 200)
        const deadline = Date.now() + 1000
        let seen = false
        while (!seen && Date.now() < deadline) {
          seen = (await (await fetch(baseTwo + path)).text()).includes('Edited on the first instance')
          if (!seen) await new Promise((resolve) => setTimeout(resolve, 20))
        }
        assert.ok(seen, 'the second instance shows the edit within a second')
      } finally {
        await one.close()
        await two.close()
        await db.close()
      }
    })
  })
}

function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    import('node:http').then(({ get }) => {
      get(url, { headers }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }))
      }).on('error', reject)
    }, reject)
  })
}
