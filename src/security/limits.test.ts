// Abuse limits (issue 9): what a client that floods the site gets back, per account or address,
// and that every write route is covered by the one table in src/http/rate-limits.ts.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { buildApp } from '../app.ts'
import { ConfigError, loadConfig } from '../config.ts'
import { limitedRoutes, limitFor } from '../http/rate-limits.ts'
import { engines, openTestDb } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, TEST_ORIGIN } from '../testing/app.ts'
import { makeStory, makeUser } from '../testing/factories.ts'

const bio = (text: string) => ({ user: { bio: text } })

describe('the rate-limit table', () => {
  it('names only routes that exist, and gives any other write route the write limit', async () => {
    const t = await buildTestApp('sqlite')
    try {
      for (const [limit, named] of Object.entries(limitedRoutes)) {
        for (const route of named) {
          const [method, url] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string]
          assert.ok(t.app.hasRoute({ method, url }), `${limit} names ${route}, which no longer exists`)
        }
      }
    } finally {
      await t.close()
    }
    assert.equal(limitFor('POST', '/some/new/form'), 'writes', 'a new write route gets the write limit')
    assert.equal(limitFor('DELETE', '/api/some/new/thing'), 'writes')
    assert.equal(limitFor('GET', '/some/new/page'), undefined, 'reads are not limited')
    assert.equal(limitFor('HEAD', '/search'), 'search')
    assert.equal(limitFor('POST', '/api/users/login'), 'signIn')
  })

  it('reads limits as count/unit and names a bad variable', () => {
    const { rateLimits } = loadConfig({ RATE_LIMIT_WRITES: '5/10min', RATE_LIMIT_SEARCH: '2/s' })
    assert.deepEqual(rateLimits.writes, { max: 5, windowMs: 600_000 })
    assert.deepEqual(rateLimits.search, { max: 2, windowMs: 1000 })
    assert.equal(rateLimits.enabled, true, 'on by default')
    assert.equal(loadConfig({ RATE_LIMITS: 'off' }).rateLimits.enabled, false)
    assert.equal(loadConfig({}).trustProxy, 'loopback, linklocal, uniquelocal', 'only proxies on this machine or network by default')
    assert.throws(() => loadConfig({ TRUST_PROXY: 'everyone' }), /TRUST_PROXY/)
    assert.throws(() => loadConfig({ RATE_LIMIT_CLAPS: 'lots' }), (error: Error) => error instanceof ConfigError && /RATE_LIMIT_CLAPS/.test(error.message))
  })
})

describe('request size limits', () => {
  it('refuses bodies over 2 MB, JSON or form, with 413, and over-long URLs and headers before any route runs', async () => {
    const t = await buildTestApp('sqlite')
    try {
      const { token } = await makeUser(t.db)
      const huge = 'x'.repeat(2 * 1024 * 1024 + 1)
      const json = await call(t.app, 'PUT', '/api/user', { token, body: { user: { bio: huge } } })
      assert.equal(json.statusCode, 413)
      assert.deepEqual(json.json().errors, { body: ['is too large'] })
      const form = await call(t.app, 'POST', '/signin', { form: { email: huge, password: 'x' } })
      assert.equal(form.statusCode, 413)
      const long = await call(t.app, 'PUT', '/api/user', { token, body: { user: { bio: 'x'.repeat(2001) } } })
      assert.equal(long.statusCode, 422, 'a bio has a length limit of its own')

      // Node's own limit (16 KB for the request line and headers together) answers these.
      const base = await t.app.listen({ port: 0, host: '127.0.0.1' })
      assert.equal((await fetch(`${base}/search?q=${'a'.repeat(20_000)}`)).status, 431)
      assert.equal((await fetch(`${base}/`, { headers: { 'x-padding': 'a'.repeat(20_000) } })).status, 431)
    } finally {
      await t.close()
    }
  })
})

for (const engine of engines()) {
  describe(`rate limits (${engine})`, () => {
    it('answers the write after the limit with 429, Retry-After and a RealWorld error, per account', async () => {
      const t = await buildTestApp(engine, { RATE_LIMIT_WRITES: '3/min' })
      try {
        const [flooder, neighbour] = [await makeUser(t.db), await makeUser(t.db)]
        for (let i = 0; i < 3; i++) {
          assert.equal((await call(t.app, 'PUT', '/api/user', { token: flooder.token, body: bio(`take ${i}`) })).statusCode, 200)
        }
        const refused = await call(t.app, 'PUT', '/api/user', { token: flooder.token, body: bio('one too many') })
        assert.equal(refused.statusCode, 429)
        const seconds = Number(refused.headers['retry-after'])
        assert.ok(seconds > 0 && seconds <= 60, `Retry-After ${refused.headers['retry-after']}`)
        assert.deepEqual(refused.json().errors, { rate: [`too many requests; try again in ${seconds} seconds`] })
        const profile = await call(t.app, 'GET', '/api/user', { token: flooder.token })
        assert.equal(profile.json().user.bio, 'take 2', 'the refused write changed nothing')
        assert.equal(profile.statusCode, 200, 'reads are not limited')
        const other = await call(t.app, 'PUT', '/api/user', { token: neighbour.token, body: bio('mine') })
        assert.equal(other.statusCode, 200, 'another account from the same address is not limited')
        const anotherRoute = await call(t.app, 'POST', `/api/profiles/${neighbour.user.username}/follow`, { token: flooder.token })
        assert.equal(anotherRoute.statusCode, 429, 'all write routes share one count')
      } finally {
        await t.close()
      }
    })

    it('shows a friendly page when a form post is over the limit', async () => {
      const t = await buildTestApp(engine, { RATE_LIMIT_CLAPS: '2/min' })
      try {
        const [author, reader] = [await makeUser(t.db), await makeUser(t.db)]
        const story = await makeStory(t.db, author.user.id)
        const slug = `${story.row.slug}-${story.row.short_id}`
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: reader.user.email, password: reader.password } }))
        for (let i = 0; i < 2; i++) assert.equal((await call(t.app, 'POST', `/claps/${slug}`, { cookie, form: { count: '1' } })).statusCode, 303)
        const page = await call(t.app, 'POST', `/claps/${slug}`, { cookie, form: { count: '1' } })
        assert.equal(page.statusCode, 429)
        assert.match(page.headers['content-type'] as string, /^text\/html/)
        assert.ok(Number(page.headers['retry-after']) > 0)
        assert.match(page.body, /Slow down a little/)
        assert.match(page.body, /Too many requests; try again in \d+ seconds?\./)
      } finally {
        await t.close()
      }
    })

    it('counts sign-ups per address', async () => {
      const t = await buildTestApp(engine, { RATE_LIMIT_SIGNUP: '2/hour' })
      try {
        const signUp = (address: string, n: number, forwardedFor?: string) => t.app.inject({
          method: 'POST', url: '/api/users', remoteAddress: address, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
          payload: { user: { username: `flood${n}${address.replace(/\W/g, '')}`, email: `flood${n}@${address.replace(/\W/g, '')}.example.com`, password: 'a long enough password' } },
        })
        assert.equal((await signUp('203.0.113.7', 1)).statusCode, 201)
        assert.equal((await signUp('203.0.113.7', 2)).statusCode, 201)
        const refused = await signUp('203.0.113.7', 3)
        assert.equal(refused.statusCode, 429)
        assert.ok(Number(refused.headers['retry-after']) > 3000, 'an hour-long window')
        assert.equal((await signUp('203.0.113.7', 4, '192.0.2.99')).statusCode, 429, 'a client cannot pick another address with X-Forwarded-For')
        assert.equal((await signUp('198.51.100.4', 1)).statusCode, 201, 'another address signs up')
        // Behind a proxy on this machine, each client it forwards counts on its own.
        assert.equal((await signUp('127.0.0.1', 5, '192.0.2.50')).statusCode, 201)
        assert.equal((await signUp('127.0.0.1', 6, '192.0.2.50')).statusCode, 201)
        assert.equal((await signUp('127.0.0.1', 7, '192.0.2.50')).statusCode, 429)
        assert.equal((await signUp('127.0.0.1', 8, '192.0.2.51')).statusCode, 201)
      } finally {
        await t.close()
      }
    })

    it('limits searches, and RATE_LIMITS=off turns every limit off', async () => {
      const on = await buildTestApp(engine, { RATE_LIMIT_SEARCH: '2/min' })
      try {
        for (let i = 0; i < 2; i++) assert.equal((await call(on.app, 'GET', '/api/search?q=words')).statusCode, 200)
        assert.equal((await call(on.app, 'GET', '/api/search?q=words')).statusCode, 429)
        assert.equal((await call(on.app, 'GET', '/search?q=words')).statusCode, 429, 'the page shares the API’s count')
      } finally {
        await on.close()
      }
      const off = await buildTestApp(engine, { RATE_LIMIT_SEARCH: '2/min', RATE_LIMITS: 'off' })
      try {
        for (let i = 0; i < 4; i++) assert.equal((await call(off.app, 'GET', '/api/search?q=words')).statusCode, 200)
      } finally {
        await off.close()
      }
    })

    if (engine === 'postgres') {
      it('shares the counts between instances of the site', async () => {
        const db = await openTestDb('postgres')
        const config = loadConfig({ BASE_URL: TEST_ORIGIN, SEED_DEMO: '0', RATE_LIMIT_WRITES: '4/min' })
        const [first, second] = [await buildApp(config, db, { logger: false }), await buildApp(config, db, { logger: false })]
        try {
          const { token } = await makeUser(db)
          for (const app of [first, second, first, second]) {
            assert.equal((await call(app, 'PUT', '/api/user', { token, body: bio('hello') })).statusCode, 200)
          }
          assert.equal((await call(second, 'PUT', '/api/user', { token, body: bio('again') })).statusCode, 429)
          assert.equal((await call(first, 'PUT', '/api/user', { token, body: bio('again') })).statusCode, 429)
        } finally {
          await first.close()
          await second.close()
          await db.close()
        }
      })
    }
  })
}
