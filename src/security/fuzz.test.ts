// Issue 9 ("Trust"): every route the app registers, fed malformed requests by fast-check
// (src/security/malformed-requests.ts), anonymously and as the signed-in author of the resources
// the path points at, so handlers get past their 404s and 401s. A server error is never the
// answer, and a refused request (4xx) leaves the database as it was.
//
// Runs are few per route to keep the file fast, with a fixed seed so a failure reproduces; the
// failure names the route, the seed and the request. FUZZ_SEED and FUZZ_RUNS run it differently
// (FUZZ_RUNS=50 for a long hunt).
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { InjectOptions } from 'fastify'
import { engines } from '../testing/databases.ts'
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../testing/app.ts'
import { createSession } from '../accounts/service.ts'
import { registeredRoutes, routeKey, type RegisteredRoute } from './routes-under-test.ts'
import { defaultBody, defaultParams } from './request-fixtures.ts'
import { isApiUrl } from './caller-requests.ts'
import { fingerprinter, type Fingerprinter } from './database-fingerprint.ts'
import { encode, malformedRequest, wireBody, type MalformedRequest } from './malformed-requests.ts'
import { api, buildWorld, type Person, type World } from './world.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 20261125)
const RUNS = Number(process.env.FUZZ_RUNS ?? 3)

// Routes that end what they point at (or the caller's session) go last, so the others still find
// the author's story, list and session in place.
const ENDS_SOMETHING = /\/(delete|leave|remove|transfer|signout|sign-out-everywhere|revoke)$/

const SETTINGS = {
  JOBS_POLL_MS: '0',
  RATE_LIMITS: 'off',
  PAGE_CACHE_TTL_MS: '0',
  // Refused sign-ins are what the fuzzer sends most; locking the account would only hide the handlers behind it.
  SIGNIN_BACKOFF_AFTER: '100000',
  SIGNIN_LOCK_AFTER: '100000',
  SIGNIN_ADDRESS_LOCK_AFTER: '1000000',
}

for (const engine of engines()) {
  describe(`fuzzing every route (${engine})`, () => {
    let t: TestApp
    let world: World
    let routes: RegisteredRoute[]
    let fingerprint: Fingerprinter

    before(async () => {
      t = await buildTestApp(engine, SETTINGS)
      world = await buildWorld(t.app, t.db)
      routes = registeredRoutes(t.app).sort((a, b) => Number(endsSomething(a)) - Number(endsSomething(b)))
      fingerprint = await fingerprinter(t.db)
      // The fingerprint must see a write, or "a refusal changed nothing" would hold vacuously.
      const before = await fingerprint()
      await api(t.app, 'POST', '/api/lists', world.people.reader.token, { list: { name: 'Seen by the fingerprint' } })
      assert.notEqual(await fingerprint(), before)
    })
    after(() => t?.close())

    for (const signedIn of [false, true]) {
      it(`answers every route without a server error, and a refused request writes nothing (${signedIn ? 'signed in as the author' : 'anonymous'})`, async () => {
        let last = await fingerprint()
        for (const [index, route] of routes.entries()) {
          const author = signedIn ? await renewedAuthor() : null
          const valid = defaultBody(route, { app: t.app, db: t.db, world, who: author })
          const names = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1] as string)
          const property = fc.asyncProperty(malformedRequest(names, valid, !isApiUrl(route.url)), async (request) => {
            const options = injection(route, request, author)
            const response = await t.app.inject(options)
            const now = await fingerprint()
            const before = last
            last = now
            const sent = `${options.method} ${options.url}`
            assert.ok(response.statusCode < 500, `${sent} answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
            if (response.statusCode >= 400) assert.equal(now, before, `${sent} was refused (${response.statusCode}) but changed the database`)
          })
          try {
            await fc.assert(property, { seed: SEED + index, numRuns: RUNS, endOnFailure: true })
          } catch (error) {
            const cause = (error as { cause?: Error }).cause?.message ?? ''
            throw new Error(`${routeKey(route)} (seed ${SEED + index}): ${cause}\n${(error as Error).message.slice(0, 3000)}`)
          }
        }
      })
    }

    // What the fuzzer once found, sent to every route that takes a body on every run, whatever the
    // seed: field names that are Object's own members, and multipart bodies busboy cannot read.
    it('refuses with a 4xx the bodies that once made a 500, on every route', async () => {
      const author = await renewedAuthor()
      const found: MalformedRequest['body'][] = [
        { kind: 'form', fields: [['constructor', 'x'], ['__proto__', 'y']] },
        { kind: 'raw', contentType: 'application/json', payload: '{"constructor":1,"toString":2,"article":{"constructor":3},"user":{"hasOwnProperty":4}}' },
        { kind: 'raw', contentType: 'multipart/form-data', payload: 'no boundary' },
        { kind: 'raw', contentType: 'multipart/form-data; boundary=X', payload: '--X\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\ncut short' },
      ]
      for (const route of routes.filter((r) => r.method !== 'GET' && !endsSomething(r))) {
        for (const body of found) {
          const options = injection(route, { params: {}, query: [], body }, author)
          const response = await t.app.inject(options)
          assert.ok(response.statusCode < 500, `${options.method} ${options.url} with ${JSON.stringify(body)} answered ${response.statusCode}`)
        }
      }
      // NUL in a path, query or body: PostgreSQL cannot compare text holding it.
      for (const route of routes.filter((r) => !endsSomething(r))) {
        const names = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1] as string)
        const params = Object.fromEntries(names.map((name) => [name, 'a\u0000b']))
        const body: MalformedRequest['body'] = { kind: 'json', value: { title: 'a\u0000b', user: { email: 'a\u0000b' } } }
        const options = injection(route, { params, query: [['q', 'a\u0000b']], body }, author)
        const response = await t.app.inject(options)
        assert.ok(response.statusCode < 500, `${options.method} ${options.url} with NUL answered ${response.statusCode}`)
      }
      // A title in any script makes a slug in that script, and the redirect to the new story went out as a 500.
      const created = await t.app.inject({
        method: 'POST', url: '/new-story', payload: new URLSearchParams({ title: 'Ночные поезда 夜行列车', body: 'Words.' }).toString(),
        headers: { cookie: author.cookie, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
      })
      assert.equal(created.statusCode, 303)
      assert.equal((await t.app.inject({ url: String(created.headers.location) })).statusCode, 200)
    })

    // The fuzzer may sign the author out (sign out, revoke, sign out everywhere): each route
    // starts with sessions of its own.
    async function renewedAuthor(): Promise<Person> {
      const author = world.people.author
      return { ...author, token: await createSession(t.db, author.id, 'api'), cookie: `ovation_session=${await createSession(t.db, author.id, 'web')}` }
    }

    function injection(route: RegisteredRoute, request: MalformedRequest, who: Person | null): InjectOptions {
      const real = defaultParams(route, world)
      const path = route.url.replace(/:(\w+)/g, (_, name: string) => encode(request.params[name] ?? real[name] ?? ''))
      const query = request.query.map(([key, value]) => `${key}=${encode(value)}`).join('&')
      const headers: Record<string, string> = {}
      if (who && isApiUrl(route.url)) headers.authorization = `Token ${who.token}`
      if (who && !isApiUrl(route.url)) Object.assign(headers, { cookie: who.cookie, 'sec-fetch-site': 'same-origin', origin: TEST_ORIGIN })
      const { payload, contentType } = route.method === 'GET' ? {} : wireBody(request.body)
      if (contentType) headers['content-type'] = contentType
      return { method: route.method, url: query ? `${path}?${query}` : path, headers, ...(payload === undefined ? {} : { payload }) }
    }
  })
}

function endsSomething(route: RegisteredRoute): boolean {
  return route.method === 'DELETE' || ENDS_SOMETHING.test(route.url)
}
