// SQL-injection-shaped text in every query and path parameter of every route (API and pages),
// collected from the routes' own schemas as the app registers them, so a new route is covered
// the day it is added. Each answer is 2xx, 3xx or 4xx, never 5xx; the database holds the same
// rows afterwards; and a search for `' OR 1=1 --` finds nothing rather than everything.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import type { FastifyInstance, RouteOptions } from 'fastify'
import { buildApp } from '../app.ts'
import { loadConfig } from '../config.ts'
import type { Db } from '../db/database.ts'
import { engines, openTestDb } from '../testing/databases.ts'
import { TEST_ORIGIN, call, sessionCookieFrom } from '../testing/app.ts'
import { uniqueName } from '../testing/factories.ts'

/** Text that would change a statement's meaning if it were ever spliced into SQL, LIKE, FTS5 or tsquery. */
// The first six go everywhere (numbers past PostgreSQL's integer among them); GET query text gets all.
const INJECTIONS = [
  "' OR 1=1 --",
  '99999999999999999999999',
  '"; drop table users; --',
  '1) union select username, password_hash from users --',
  '%',
  '-1',
  "' OR '1'='1",
  "'; delete from stories; --",
  '1 union all select null --',
  '%',
  '_',
  '%_%',
  '\\',
  "\\'",
  '*',
  '"',
  'NEAR(a b)',
  'title:x',
  '^x',
  'a AND b OR NOT c',
  '&|!:*()',
  "x:* & !y | ('z')",
  "E'\\x27'",
  '$1',
  '?',
  ';',
  '--',
  '/* */',
  '0x27',
  'ünïcödé ☃ 𝔘 ‮',
  "O'Brien",
]

type Route = { method: string; url: string; params: string[]; query: string[] }

/** The parameter names a route's TypeBox schema declares (params or querystring). */
function propertiesOf(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties
  return properties ? Object.keys(properties) : []
}

/** A concrete path: every `:name` replaced by the value chosen for it (URL-encoded). */
function pathFor(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? 'x'))
}

// The engines run side by side, each with a database of its own.
describe('SQL-injection-shaped input', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, () => {
      let app: FastifyInstance
      let db: Db
      const routes: Route[] = []
      let token = ''
      let cookie = ''
      let storySlug = ''
      let username = ''

      before(async () => {
        db = await openTestDb(engine)
        const config = loadConfig({ BASE_URL: TEST_ORIGIN, SIGNIN_RATE_LIMIT: '100000', RATE_LIMITS: 'off', SEED_DEMO: '0', JOBS_POLL_MS: '0' })
        app = await buildApp(config, db, {
          logger: false,
          onRoute: (route: RouteOptions) => {
            const methods = [route.method].flat().filter((method) => method !== 'HEAD' && method !== 'OPTIONS')
            for (const method of methods) {
              routes.push({ method, url: route.url, params: propertiesOf(route.schema?.params), query: propertiesOf(route.schema?.querystring) })
            }
          },
        })
        await app.ready()

        // A small site, so handlers get past their "not found" with real rows around them.
        username = uniqueName('inj')
        const signUp = await call(app, 'POST', '/api/users', { body: { user: { username, email: `${username}@example.test`, password: 'password-123', name: 'Injected Reader' } } })
        assert.equal(signUp.statusCode, 201, signUp.body)
        token = signUp.json().user.token
        const signIn = await call(app, 'POST', '/signin', { form: { email: `${username}@example.test`, password: 'password-123' } })
        cookie = sessionCookieFrom(signIn)
        for (const [title, tag] of [['Harbour tides in spring', 'tides'], ['Lighthouse keeping', 'lighthouses'], ['Ferry timetables', 'ferries']] as const) {
          const created = await call(app, 'POST', '/api/articles', { token, body: { article: { title, description: 'A quiet story', body: 'Plain words about the sea.', tagList: [tag] } } })
          assert.equal(created.statusCode, 201, created.body)
          storySlug = created.json().article.slug
        }
        const response = await call(app, 'POST', `/api/articles/${storySlug}/comments`, { token, body: { comment: { body: 'A reply.' } } })
        assert.equal(response.statusCode, 201, response.body)
        const list = await call(app, 'POST', '/api/lists', { token, body: { list: { name: 'Keep' } } })
        assert.equal(list.statusCode, 201, list.body)
      }, { timeout: 180_000 })
      after(async () => {
        await app?.close()
        await db?.close()
      })

      it('collects the parameters of the routes from their schemas', () => {
        const parameters = new Set(routes.flatMap((route) => [...route.params, ...route.query]))
        // The brief's list: if one of these disappears from every schema, the collection broke.
        for (const name of ['q', 'tag', 'username', 'slug', 'limit', 'offset', 'cursor', 'author', 'favorited', 'type', 'next']) {
          assert.ok(parameters.has(name), `a route declares the parameter "${name}"`)
        }
      })

      it('answers every parameter of every route with 2xx, 3xx or 4xx and changes no row', { timeout: 240_000 }, async () => {
        const valid: Record<string, string> = { slug: storySlug, username, tag: 'tides', id: '1', name: 'x' }
        // Reads that create a row by design (the Reading list appears on first use) do it now.
        for (const route of routes.filter((candidate) => candidate.method === 'GET' && !candidate.url.includes('*'))) {
          await app.inject({ method: 'GET', url: pathFor(route.url, valid), headers: { authorization: `Token ${token}`, cookie } })
        }
        const before = await rowCounts(db)
        const failures: string[] = []
        let requests = 0
        for (const route of routes) {
          if (route.url.includes('*')) continue
          const targets = [...route.params.map((name) => ({ in: 'params' as const, name })), ...route.query.map((name) => ({ in: 'query' as const, name }))]
          for (const target of targets) {
            // Query text reaches queries (search, filters) as is: it gets every string. A path
            // segment is looked up as a whole, and a write answers 404 before any statement that
            // could write: they get the classic few, to keep the file fast.
            const strings = route.method === 'GET' && target.in === 'query' ? INJECTIONS : INJECTIONS.slice(0, route.method === 'GET' ? 12 : 6)
            for (const text of strings) {
              const path = pathFor(route.url, target.in === 'params' ? { ...valid, [target.name]: text } : valid)
              const url = target.in === 'query' ? `${path}?${new URLSearchParams({ [target.name]: text })}` : path
              const response = await app.inject({
                method: route.method as 'GET',
                url,
                headers: { authorization: `Token ${token}`, cookie, origin: TEST_ORIGIN, ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { 'content-type': 'application/json' }) },
                ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: '{}' }),
              })
              requests += 1
              if (response.statusCode >= 500) failures.push(`${route.method} ${url} → ${response.statusCode} ${response.body.slice(0, 200)}`)
            }
          }
        }
        assert.ok(requests > 500, `${requests} requests sent`)
        assert.deepEqual(failures, [], 'no 5xx')
        assert.deepEqual(await rowCounts(db), before, 'no row added or removed')
      })

      it("finds nothing for ' OR 1=1 -- and friends rather than everything", async () => {
        for (const text of ["' OR 1=1 --", "' OR '1'='1", '%', '_', '*', '&|!:*()', 'NEAR(a b)', '" OR ""="']) {
          const search = await call(app, 'GET', `/api/search?${new URLSearchParams({ q: text })}`)
          assert.ok(search.statusCode < 500, `search ${text}: ${search.statusCode}`)
          if (search.statusCode === 200) {
            const found = JSON.stringify(search.json())
            assert.doesNotMatch(found, /Harbour tides|Lighthouse keeping|Ferry timetables/, `a search for ${text} finds no story`)
          }
          for (const parameter of ['tag', 'author', 'favorited']) {
            const list = await call(app, 'GET', `/api/articles?${new URLSearchParams({ [parameter]: text })}`)
            assert.equal(list.statusCode, 200, `?${parameter}=${text}`)
            assert.equal(list.json().articlesCount, 0, `?${parameter}=${text} lists nothing`)
          }
          const page = await call(app, 'GET', `/search?${new URLSearchParams({ q: text })}`)
          assert.ok(page.statusCode < 500, `the search page for ${text}: ${page.statusCode}`)
          assert.doesNotMatch(page.body, /Harbour tides|Lighthouse keeping|Ferry timetables/, `the search page for ${text} shows no story`)
        }
        // The stories are there: a real search finds one, so the empty answers above mean something.
        const real = await call(app, 'GET', '/api/search?q=lighthouse')
        assert.match(real.body, /Lighthouse keeping/)
      })
    })
  }
})

/** Rows per table (rate-limit and session bookkeeping left out: reads may stamp those by design). */
async function rowCounts(db: Db): Promise<Record<string, number>> {
  const names = db.engine === 'sqlite'
    ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely)).rows.map((row) => row.name)
    : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely)).rows.map((row) => row.name)
  const counts: Record<string, number> = {}
  for (const name of names.filter((table) => !/^(sessions|kysely_migration.*)$|rate|throttl|attempt|view|read_event|job/i.test(table)).sort()) {
    // Table names come from the database's own catalogue, never from a request.
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(db.kysely)
    counts[name] = Number(rows[0]?.n ?? 0)
  }
  return counts
}
