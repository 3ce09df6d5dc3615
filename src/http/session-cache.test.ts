import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeUser } from '../testing/factories.ts'
import { SessionCache } from './session-cache.ts'
import type { Viewer } from './auth.ts'

const viewer: Viewer = { id: 1, username: 'ann', name: 'Ann', image: null, sessionId: 's', via: 'token', token: 't' }

describe('SessionCache', () => {
  it('asks the database once per token for a while, and again after clear()', async () => {
    let asked = 0
    const cache = new SessionCache({ ttlMs: 60_000, maxEntries: 10 })
    const resolve = cache.wrap(async () => { asked++; return viewer })
    assert.equal(await resolve('t', 'token'), viewer)
    assert.equal(await resolve('t', 'token'), viewer)
    assert.equal(asked, 1)
    // A cookie and a token with the same text are different things (each is revoked on its own).
    await resolve('t', 'cookie')
    assert.equal(asked, 2)
    cache.clear()
    await resolve('t', 'token')
    assert.equal(asked, 3)
  })

  it('does not keep an answer that was being looked up when a write emptied the cache', async () => {
    const cache = new SessionCache({ ttlMs: 60_000, maxEntries: 10 })
    let answer: Viewer | null = viewer
    let asked = 0
    const resolve = cache.wrap(async () => {
      asked++
      const now = answer
      await new Promise((done) => setTimeout(done, 5))
      return now
    })
    const first = resolve('t', 'token')
    cache.clear()
    answer = null
    assert.equal(await first, viewer)
    assert.equal(await resolve('t', 'token'), null)
    assert.equal(asked, 2)
  })
})

for (const engine of engines()) {
  describe(`remembered sessions end at once (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    it('a revoked token is refused on the very next request', async () => {
      const { token } = await makeUser(t.db)
      assert.equal((await call(t.app, 'GET', '/api/user', { token })).statusCode, 200)
      assert.equal((await call(t.app, 'DELETE', '/api/user/token', { token })).statusCode, 204)
      assert.equal((await call(t.app, 'GET', '/api/user', { token })).statusCode, 401)
    })

    it('a username change is what the next request sees', async () => {
      const reader = await makeUser(t.db)
      const username = `${reader.user.username}_renamed`
      assert.equal((await call(t.app, 'GET', '/api/user', { token: reader.token })).statusCode, 200)
      assert.equal((await call(t.app, 'PUT', '/api/user', { token: reader.token, body: { user: { username } } })).statusCode, 200)
      // The viewer (remembered with the old name) is who writes a story: it must be the new one.
      const created = await call(t.app, 'POST', '/api/articles', { token: reader.token, body: { article: { title: 'Renamed', description: 'x', body: 'Text.' } } })
      assert.equal(created.json().article.author.username, username)
    })
  })
}
