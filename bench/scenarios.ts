// The scenarios of one engine's pass, each measured beside the bare node:http baseline.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Client } from 'autocannon'
import { SEED_PASSWORD } from './generate/load.ts'
import { clapState, pickFixtures, type BenchDb } from './database.ts'
import { runLoad, type LoadResult } from './load.ts'
import type { Row } from './report.ts'
import { settle, startBaseline, startOvation } from './servers.ts'

export type PassOptions = {
  seconds: number
  connections: number
  readers: number
  /** Extra node flags for the server (--cpu-prof to see where its time goes). */
  nodeFlags: string[]
}

export async function runPass(benchDb: BenchDb, options: PassOptions) {
  const engine = benchDb.engine
  const db = benchDb.open()
  const fixtures = await pickFixtures(db, options.readers)
  const server = await startOvation(benchDb.env, fixtures.story.path, options.nodeFlags)
  const rows: Row[] = []
  let baseline: Awaited<ReturnType<typeof startBaseline>> | undefined
  try {
    // The page as an anonymous reader gets it: the baseline serves exactly these bytes and headers.
    const page = await fetch(server.base + fixtures.story.path)
    const html = Buffer.from(await page.arrayBuffer())
    const etag = page.headers.get('etag') ?? ''
    const headers: Record<string, string> = {}
    page.headers.forEach((value, name) => {
      // fetch() asked for and undid compression; the load tools ask for none, and get none.
      if (!['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-encoding'].includes(name)) headers[name] = value
    })
    const dir = resolve('bench/data')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'baseline.html'), html)
    writeFileSync(join(dir, 'baseline-headers.json'), JSON.stringify(headers))
    baseline = await startBaseline(join(dir, 'baseline.html'), join(dir, 'baseline-headers.json'))

    const c = options.connections
    const measure = async (url: string, extra: Partial<Parameters<typeof runLoad>[0]> = {}, connections = c) => {
      const result = await runLoad({ url, connections, seconds: options.seconds, ...extra })
      const waited = await settle(server.base)
      if (waited > 1000) step(`  (the server took ${(waited / 1000).toFixed(1)} s to work off the requests left queued)`)
      return result
    }
    const row = (scenario: string, result: LoadResult, connections: number, goal: string, met: boolean | null, ratio: number | null = null): Row => ({
      engine, scenario, connections, requestsPerSecond: result.requestsPerSecond, p50: result.p50, p95: result.p95, p99: result.p99, ratio, goal, met,
      notes: `statuses ${JSON.stringify(result.statuses)}${result.errors ? `, ${result.errors} errors` : ''}${result.timeouts ? `, ${result.timeouts} timeouts` : ''}`,
    })
    step('baseline')
    const base = await measure(baseline.base + '/')
    rows.push(row('baseline: bare node:http, same page', base, c, '', null, 1))
    const ratio = (result: LoadResult) => result.requestsPerSecond / base.requestsPerSecond

    step('story page, anonymous')
    const anonymous = await measure(server.base + fixtures.story.path)
    rows.push(row('story page, anonymous', anonymous, c, '≥ 0.9 × base', ok(anonymous, 200) && ratio(anonymous) >= 0.9, ratio(anonymous)))

    step('story page, If-None-Match')
    const notModified = await measure(server.base + fixtures.story.path, { headers: { 'if-none-match': etag } })
    rows.push(row('story page, If-None-Match (304)', notModified, c, 'all 304', ok(notModified, 304), ratio(notModified)))

    step('signing readers in')
    const tokens = await inTurns(fixtures.readers, 4, (reader) => apiToken(server.base, reader.email))
    const cookies = await inTurns(fixtures.readers.slice(0, 10), 4, (reader) => webCookie(server.base, reader.email))
    const withCookie = (client: Client, index: number) => client.setHeaders({ cookie: cookies[index % cookies.length] as string, origin: server.base })

    // One connection: the goal is about what a reader waits for, not about queueing behind 49 others.
    step('home feed, signed in')
    const home = await measure(server.base + '/', { setupClient: withCookie }, 1)
    rows.push(row('home page, signed in (p95)', home, 1, 'p95 < 15 ms', ok(home, 200) && home.p95 < 15))
    const feed = await measure(server.base + '/api/articles/feed', { headers: { authorization: `Token ${tokens[0]}` } }, 1)
    rows.push(row('feed API, followed writers (p95)', feed, 1, 'p95 < 15 ms', ok(feed, 200) && feed.p95 < 15))

    step('API article list')
    const list = await measure(server.base + '/api/articles')
    rows.push(row('API article list (RealWorld)', list, c, '', ok(list, 200) ? null : false))

    // One connection, like the feed: the time one reader waits for results.
    step('search')
    for (const [what, query] of searchQueries) {
      const search = await measure(`${server.base}/api/search?type=stories&limit=20&q=${encodeURIComponent(query)}`, {}, 1)
      rows.push(row(`search: ${what} (p95)`, search, 1, 'p95 < 50 ms', ok(search, 200) && search.p95 < 50))
    }

    step('story page, signed in')
    const signedIn = await measure(server.base + fixtures.story.path, { setupClient: withCookie })
    rows.push(row('story page, signed in', signedIn, c, '≥ 0.25 × base', ok(signedIn, 200) && ratio(signedIn) >= 0.25, ratio(signedIn)))

    step('claps')
    const claps = await clapRun(benchDb, server.base, fixtures, tokens, options)
    const goal = engine === 'sqlite' ? '≥ 5,000 claps/s' : ''
    rows.push(row(`claps, ${tokens.length} readers (claps/s)`, claps.load, tokens.length, goal, engine === 'sqlite' ? ok(claps.load, 200) && claps.load.requestsPerSecond >= 5000 : null))
    rows.push({ engine, scenario: 'claps: totals exact afterwards', connections: null, requestsPerSecond: null, p50: null, p95: null, p99: null, ratio: null, goal: 'exact', met: claps.exact, notes: claps.detail })

    const cold = server.coldStart
    rows.push({ engine, scenario: `cold start → first 200 (health ${cold.healthMs.toFixed(0)} ms)`, connections: null, requestsPerSecond: null, p50: cold.storyMs, p95: null, p99: null, ratio: null, goal: '< 500 ms', met: cold.storyMs < 500, notes: `story page ms in p50; /health ${cold.healthMs.toFixed(0)} ms` })
    const rssMb = server.rssMb()
    rows.push({ engine, scenario: `resident memory after run: ${rssMb.toFixed(0)} MB (${cold.rssMb.toFixed(0)} at start)`, connections: null, requestsPerSecond: null, p50: null, p95: null, p99: null, ratio: null, goal: '< 120 MB', met: rssMb < 120, notes: `${rssMb.toFixed(1)} MB VmRSS after the run, ${cold.rssMb.toFixed(1)} MB after the first page` })
    return { rows, story: { ...fixtures.story, htmlBytes: html.length }, coldStart: cold, rssMb, claps: { exact: claps.exact, detail: claps.detail, claps: claps.added } }
  } finally {
    await baseline?.stop()
    await server.stop()
    await db.close()
  }
}

// Words of the generated text (bench/generate/text.ts): one in most stories, two together, a
// phrase, a prefix as typed, and a word no story holds.
const searchQueries = [
  ['a word in most stories', 'river'],
  ['two common words', 'quiet garden'],
  ['a phrase', '"careful engineer"'],
  ['a prefix as typed', 'mem'],
  ['a word in no story', 'xylophone'],
] as const

function step(what: string) {
  process.stderr.write(`  ${what}\n`)
}

function ok(result: LoadResult, status: number): boolean {
  return result.responses > 0 && result.statuses[status] === result.responses
}

/**
 * Each connection is one reader clapping once per request through the clap stories in its own
 * order. Afterwards every story's clap_total must equal the sum of its claps rows, and each
 * reader's count must equal what they had plus the claps the server accepted (capped at 50).
 */
async function clapRun(benchDb: BenchDb, base: string, fixtures: Awaited<ReturnType<typeof pickFixtures>>, tokens: string[], options: PassOptions) {
  const db = benchDb.open()
  try {
    const storyIds = fixtures.clapStories.map((story) => story.id)
    const readerIds = fixtures.readers.map((reader) => reader.id)
    const before = await clapState(db, storyIds, readerIds)
    const accepted = new Map<string, number>()
    const load = await runLoad({
      url: base,
      connections: tokens.length,
      seconds: options.seconds,
      setupClient(client, index) {
        const reader = fixtures.readers[index % fixtures.readers.length] as { id: number }
        let next = index * 7
        let pending = 0
        client.setRequests([{
          method: 'POST',
          headers: { authorization: `Token ${tokens[index % tokens.length]}`, 'content-type': 'application/json' },
          body: '{"count":1}',
          setupRequest(request) {
            pending = next++ % fixtures.clapStories.length
            return { ...request, path: `/api/articles/${(fixtures.clapStories[pending] as { slug: string }).slug}/claps` }
          },
          onResponse(status) {
            if (status !== 200) return
            const key = `${reader.id}:${(fixtures.clapStories[pending] as { id: number }).id}`
            accepted.set(key, (accepted.get(key) ?? 0) + 1)
          },
        }])
      },
    })
    // Requests in flight when the load stopped still finish on the server; let them land.
    await settle(base)
    const after = await clapState(db, storyIds, readerIds)
    const wrongStories = after.stories.filter((story) => story.clapTotal !== story.claps || story.fanCount !== story.fans)
    // Fewer claps than the server acknowledged is a lost update. More can only be a request still
    // in flight when the load stopped (applied, its answer never read), at most one per reader.
    let lost = 0
    let inFlight = 0
    for (const [key, count] of accepted) {
      const expected = Math.min(50, (before.pairs.get(key) ?? 0) + count)
      const actual = after.pairs.get(key) ?? 0
      if (actual < expected) lost += 1
      else if (actual > expected) inFlight += 1
    }
    const added = after.stories.reduce((sum, story) => sum + story.clapTotal, 0) - before.stories.reduce((sum, story) => sum + story.clapTotal, 0)
    const detail = `${wrongStories.length} of ${storyIds.length} stories with totals ≠ sum of claps rows; ${lost} of ${accepted.size} reader×story counts lost claps (${inFlight} had one more from a request in flight at the end); ${added} claps added (${(added / load.seconds).toFixed(0)}/s after the 50-per-reader cap)`
    return { load, exact: wrongStories.length === 0 && lost === 0, detail, added }
  } finally {
    await db.close()
  }
}

async function apiToken(base: string, email: string): Promise<string> {
  const response = await fetch(base + '/api/users/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: { email, password: SEED_PASSWORD } }),
  })
  if (!response.ok) throw new Error(`sign-in of ${email} through the API answered ${response.status}`)
  return ((await response.json()) as { user: { token: string } }).user.token
}

/** Signs in through the page's form, as a browser does, and returns the session cookie. */
async function webCookie(base: string, email: string): Promise<string> {
  const response = await fetch(base + '/signin', {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
    body: new URLSearchParams({ email, password: SEED_PASSWORD }).toString(),
  })
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('ovation_session='))
  if (!cookie) throw new Error(`sign-in of ${email} through /signin answered ${response.status} without a session`)
  const session = cookie.split(';')[0] as string
  // A cookie the server does not accept would still get 200s (as an anonymous reader): check it.
  const me = await fetch(base + '/api/user', { headers: { cookie: session } })
  if (me.status !== 200) throw new Error(`the session cookie of ${email} is not accepted (${me.status})`)
  return session
}

/** Runs `work` over items, `width` at a time (each sign-in costs a scrypt hash on the server). */
async function inTurns<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }))
  return results
}

