// npm run seed:scale -- --stories 100000 --users 10000 --claps 1000000
// Fills a database with generated data at benchmark scale: writers and readers, publications
// with members, tagged stories of varied length, follows, claps and responses. Rows go in as
// batched multi-row INSERTs inside transactions, not through the services: the services'
// per-story transactions and scrypt per user would take hours at this scale. Every user's
// password is "password123" (hashed once), so the benchmark can sign any of them in.
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { loadConfig } from '../src/config.ts'
import { openDb, type Db } from '../src/db/database.ts'
import { migrateToLatest } from '../src/db/migrate.ts'
import { hashPassword } from '../src/accounts/password.ts'
import { readingTimeMinutes, wordCount, imageSeconds } from '../src/stories/document/reading-time.ts'
import { documentPlainText } from '../src/stories/document/plain-text.ts'
import { titleWords } from '../src/stories/slug.ts'
import { tagKey } from '../src/stories/tags.ts'
import { insertRows, Progress, run, SEED_PASSWORD, type Row } from '../bench/generate/load.ts'
import { int, pick, seededRandom, shuffle, zipf } from '../bench/generate/random.ts'
import { tagNames, textSource, titleCase } from '../bench/generate/text.ts'

const { values: args } = parseArgs({
  options: {
    stories: { type: 'string', default: '10000' },
    users: { type: 'string', default: '1000' },
    claps: { type: 'string', default: '100000' },
    publications: { type: 'string' },
    responses: { type: 'string' },
    tags: { type: 'string', default: '300' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    seed: { type: 'string', default: '1' },
    force: { type: 'boolean', default: false },
  },
})

const count = (name: string, raw: string | undefined, fallback: number) => {
  const value = raw === undefined ? fallback : Number(raw)
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, not "${raw}"`)
  return value
}
const N = {
  stories: count('stories', args.stories, 0),
  users: Math.max(2, count('users', args.users, 0)),
  claps: count('claps', args.claps, 0),
  tags: Math.max(1, count('tags', args.tags, 300)),
  publications: 0,
  responses: 0,
}
N.publications = count('publications', args.publications, Math.max(3, Math.round(N.stories / 1000)))
N.responses = count('responses', args.responses, Math.round(N.stories / 2))

const config = loadConfig()
// An explicit --data-dir means SQLite even when DATABASE_URL is set in the environment.
const databaseUrl = args['database-url'] ?? (args['data-dir'] ? undefined : config.databaseUrl)
const db = openDb({ databaseUrl, dataDir: args['data-dir'] ? resolve(args['data-dir']) : config.dataDir })
const k = db.kysely
const random = seededRandom(Number(args.seed))
const started = performance.now()
const DAY = 86_400_000
const NOW = Date.now()
const iso = (ms: number) => new Date(ms).toISOString()
const timings: Record<string, number> = {}
type StoryFacts = { author: Int32Array; status: Uint8Array; publishedAt: Float64Array }
const STATUS = ['draft', 'published', 'unlisted'] as const


try {
  await migrateToLatest(k)
  await prepare(db)
  const extra = await extraStoryColumns(db)
  const text = textSource(random)
  const users = await seedUsers()
  const { memberOf } = await seedPublications(users.writers)
  const tagCount = await seedTags()
  const stories = await seedStories(users.writers, memberOf, tagCount, text, extra)
  await seedFollows(users.writers)
  await seedClaps(stories)
  await seedResponses(stories, text)
  await finish(db)
  const total = (performance.now() - started) / 1000
  process.stderr.write(`seeded ${db.engine}: ${N.users} users, ${N.stories} stories, ${N.claps} claps in ${total.toFixed(1)} s\n`)
  process.stdout.write(JSON.stringify({ engine: db.engine, ...N, seconds: Number(total.toFixed(1)), phases: timings }) + '\n')
} finally {
  await db.close()
}

async function prepare(db: Db) {
  const anyone = await k.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (anyone && !args.force) {
    process.stderr.write('The database already has users; seed:scale fills only an empty one (--force empties it first).\n')
    process.exit(1)
  }
  if (db.engine === 'sqlite') {
    // A lost load is simply run again, so the load need not survive a power cut.
    await run(k, 'PRAGMA synchronous = OFF')
    await run(k, 'PRAGMA cache_size = -262144')
  }
  if (!anyone) return
  process.stderr.write('emptying the database (--force)\n')
  if (db.engine === 'postgres') {
    await run(k, 'truncate users, publications, tags restart identity cascade')
  } else {
    for (const table of ['responses', 'claps', 'follows', 'story_tags', 'stories', 'tags', 'memberships', 'publications', 'sessions', 'users']) await run(k, `delete from ${table}`)
    await run(k, 'delete from sqlite_sequence')
  }
}

/**
 * Search's columns on stories (migration 0002), filled as the stories service fills them, when
 * present. Any other column this script does not know must be nullable or have a default; the
 * database keeps generated ones (PostgreSQL's search_vector) and the FTS5 index itself.
 */
async function extraStoryColumns(db: Db): Promise<{ name: string; fill: 'text' | 'tags' }[]> {
  const known = new Set(['id', 'short_id', 'slug', 'author_id', 'publication_id', 'title', 'subtitle', 'body', 'markdown', 'status', 'reading_time', 'word_count', 'canonical_url', 'clap_total', 'fan_count', 'response_count', 'published_at', 'created_at', 'updated_at'])
  const fills: Record<string, 'text' | 'tags'> = { search_text: 'text', tag_names: 'tags' }
  const tables = await db.kysely.introspection.getTables()
  const stories = tables.find((table) => table.name === 'stories')
  const extra: { name: string; fill: 'text' | 'tags' }[] = []
  for (const column of stories?.columns ?? []) {
    const fill = fills[column.name]
    if (fill) extra.push({ name: column.name, fill })
    else if (!known.has(column.name) && !column.isNullable && !column.hasDefaultValue && column.dataType !== 'tsvector') {
      throw new Error(`seed:scale does not know how to fill stories.${column.name}`)
    }
  }
  return extra
}

async function seedUsers() {
  const progress = new Progress('users', N.users)
  const hash = await hashPassword(SEED_PASSWORD)
  const first = ['ada', 'grace', 'alan', 'linus', 'margaret', 'ken', 'barbara', 'dennis', 'frances', 'edsger', 'radia', 'tim', 'sophie', 'leslie', 'hedy', 'john', 'mary', 'niklaus', 'katherine', 'donald']
  const last = ['lovelace', 'hopper', 'turing', 'torvalds', 'hamilton', 'thompson', 'liskov', 'ritchie', 'allen', 'dijkstra', 'perlman', 'lee', 'wilson', 'lamport', 'lamarr', 'backus', 'keller', 'wirth', 'johnson', 'knuth']
  const rows: Row[] = []
  for (let id = 1; id <= N.users; id += 1) {
    const f = pick(random, first)
    const l = pick(random, last)
    const username = `${f}_${l}_${id}`
    const created = iso(NOW - 3 * 365 * DAY * random())
    const bio = random() < 0.6 ? text1(8, 18) : null
    rows.push([id, username, username, `${username}@example.com`, hash, titleCase([f, l]), bio, null, created, created])
  }
  await k.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 5000) {
      await insertRows(db, trx, 'users', ['id', 'username', 'username_key', 'email', 'password_hash', 'name', 'bio', 'image', 'created_at', 'updated_at'], rows.slice(i, i + 5000), 1000)
      progress.tick(Math.min(5000, rows.length - i))
    }
  })
  timings.users = progress.finish()
  // A quarter of the people write; the rest read (and clap, follow, respond).
  const ids = shuffle(random, Array.from({ length: N.users }, (_, i) => i + 1))
  return { writers: ids.slice(0, Math.max(1, Math.round(N.users / 4))) }
}

function text1(min: number, max: number) {
  const words = Array.from({ length: int(random, min, max) }, () => pick(random, ['writes', 'about', 'cities', 'code', 'trains', 'music', 'and', 'the', 'quiet', 'parts', 'of', 'work', 'editor', 'reader', 'engineer', 'gardener']))
  return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.'
}

async function seedPublications(writers: number[]) {
  const memberOf = new Map<number, number[]>()
  const rows: Row[] = []
  const members: Row[] = []
  const nouns = ['Review', 'Journal', 'Notes', 'Dispatch', 'Quarterly', 'Letters', 'Collective', 'Almanac']
  const titles = ['Editor', 'Senior Editor', 'Contributing Writer', 'Staff Writer', 'Columnist', null, null]
  for (let id = 1; id <= N.publications; id += 1) {
    const name = `The ${titleCase([pick(random, ['quiet', 'open', 'slow', 'urban', 'careful', 'bright', 'honest', 'patient'])])} ${pick(random, nouns)} ${id}`
    const created = iso(NOW - 2.5 * 365 * DAY * random())
    rows.push([id, titleWords(name), name, random() < 0.8 ? text1(5, 12) : null, created])
    const chosen = new Set<number>()
    const size = Math.min(writers.length, int(random, 4, 40))
    while (chosen.size < size) chosen.add(pick(random, writers))
    let index = 0
    for (const userId of chosen) {
      const role = index === 0 ? 'owner' : index < 3 ? 'editor' : 'writer'
      members.push([id, userId, role, index === 0 ? 'Editor in Chief' : pick(random, titles), created])
      memberOf.set(userId, [...(memberOf.get(userId) ?? []), id])
      index += 1
    }
  }
  await k.transaction().execute(async (trx) => {
    await insertRows(db, trx, 'publications', ['id', 'slug', 'name', 'tagline', 'created_at'], rows)
    await insertRows(db, trx, 'memberships', ['publication_id', 'user_id', 'role', 'title', 'created_at'], members)
  })
  return { memberOf }
}

async function seedTags(): Promise<number> {
  const names = tagNames(N.tags)
  await insertRows(db, k, 'tags', ['id', 'key', 'name'], names.map((name, i) => [i + 1, tagKey(name), name]))
  return names.length
}

async function seedStories(writers: number[], memberOf: Map<number, number[]>, tagCount: number, text: ReturnType<typeof textSource>, extra: { name: string; fill: 'text' | 'tags' }[]): Promise<StoryFacts> {
  const progress = new Progress('stories', N.stories)
  const facts: StoryFacts = { author: new Int32Array(N.stories + 1), status: new Uint8Array(N.stories + 1), publishedAt: new Float64Array(N.stories + 1) }
  const authors = zipf(random, writers.length, 0.5)
  const tags = zipf(random, tagCount, 1)
  const tagNameList = tagNames(tagCount)
  const shortIds = new Set<string>()
  const columns = ['id', 'short_id', 'slug', 'author_id', 'publication_id', 'title', 'subtitle', 'body', 'markdown', 'status', 'reading_time', 'word_count', 'canonical_url', 'published_at', 'created_at', 'updated_at', ...extra.map((column) => column.name)]
  const BATCH = 2000
  for (let from = 1; from <= N.stories; from += BATCH) {
    const rows: Row[] = []
    const tagRows: Row[] = []
    for (let id = from; id < from + BATCH && id <= N.stories; id += 1) {
      const author = writers[authors.draw()] as number
      const r = random()
      const status = r < 0.06 ? 0 : r < 0.1 ? 2 : 1
      const publications = memberOf.get(author)
      const publication = publications && random() < 0.6 ? pick(random, publications) : null
      const title = titleCase(text.phrase(3, 9).split(' '))
      const { doc, words, images } = text.document(text.storyWords(), random() < 0.15)
      const minutes = Math.max(1, Math.round(words / 265 + imageSeconds(images) / 60))
      // The counts come from the sentence pool; every 97th story is checked against the real thing.
      if (id % 97 === 0 && (wordCount(doc) !== words || readingTimeMinutes(doc) !== minutes)) {
        throw new Error(`story ${id}: counted ${words} words, ${minutes} min; wordCount says ${wordCount(doc)}, ${readingTimeMinutes(doc)} min`)
      }
      let shortId = ''
      do shortId = Math.floor(random() * 0x1000000).toString(16).padStart(6, '0') + Math.floor(random() * 0x1000000).toString(16).padStart(6, '0')
      while (shortIds.has(shortId))
      shortIds.add(shortId)
      // Two years of history, a little denser towards now.
      const published = NOW - 2 * 365 * DAY * Math.pow(random(), 1.3)
      const created = published - 3 * DAY * random()
      const updated = random() < 0.2 ? Math.min(NOW, published + 30 * DAY * random()) : published
      const storyTags = new Set<number>()
      const wanted = random() < 0.05 ? 0 : int(random, 1, 5)
      while (storyTags.size < Math.min(wanted, tagCount)) storyTags.add(tags.draw())
      const names = [...storyTags].map((tag) => tagNameList[tag] as string)
      const fills = extra.map((column) => (column.fill === 'tags' ? names.join(' ') : documentPlainText(doc)))
      rows.push([
        id, shortId, titleWords(title), author, publication, title, random() < 0.9 ? text.sentence().text : '', JSON.stringify(doc), null, STATUS[status] as string,
        minutes, words, random() < 0.02 ? `https://example.com/original/${shortId}` : null,
        status === 0 ? null : iso(published), iso(created), iso(status === 0 ? created : updated), ...fills,
      ])
      ;[...storyTags].forEach((tag, position) => tagRows.push([id, tag + 1, position]))
      facts.author[id] = author
      facts.status[id] = status
      facts.publishedAt[id] = status === 0 ? created : published
    }
    await k.transaction().execute(async (trx) => {
      await insertRows(db, trx, 'stories', columns, rows, 250)
      await insertRows(db, trx, 'story_tags', ['story_id', 'tag_id', 'position'], tagRows)
    })
    progress.tick(rows.length)
  }
  timings.stories = progress.finish()
  return facts
}

async function seedFollows(writers: number[]) {
  const popular = zipf(random, writers.length, 0.8)
  const rows: Row[] = []
  for (let follower = 1; follower <= N.users; follower += 1) {
    const followees = new Set<number>()
    const wanted = Math.min(writers.length - 1, int(random, 5, 35))
    while (followees.size < wanted) {
      const writer = writers[popular.draw()] as number
      if (writer !== follower) followees.add(writer)
    }
    for (const followee of followees) rows.push([follower, followee, iso(NOW - 365 * DAY * random())])
  }
  const progress = new Progress('follows', rows.length)
  await inChunks(rows, 20_000, (trx, chunk) => insertRows(db, trx, 'follows', ['follower_id', 'followee_id', 'created_at'], chunk, 2000), progress)
  timings.follows = progress.finish()
}

/** Claps: fans per story from a Zipf share (capped: a story cannot have more fans than readers). */
async function seedClaps(stories: StoryFacts) {
  const eligible: number[] = []
  for (let id = 1; id <= N.stories; id += 1) if (stories.status[id] !== 0) eligible.push(id)
  if (!eligible.length || !N.claps) return
  const popularity = zipf(random, eligible.length, 0.9)
  const cap = Math.max(1, Math.floor((N.users - 1) * 0.6))
  const fans = new Int32Array(eligible.length)
  let placed = 0
  eligible.forEach((_, i) => {
    fans[i] = Math.min(cap, Math.floor(N.claps * popularity.weight(i)))
    placed += fans[i] as number
  })
  const room = eligible.length * cap
  for (let guard = 0; placed < Math.min(N.claps, room) && guard < N.claps * 20; guard += 1) {
    const i = popularity.draw()
    if ((fans[i] as number) < cap) { fans[i] = (fans[i] as number) + 1; placed += 1 }
  }
  const progress = new Progress('claps', placed)
  let rows: Row[] = []
  const flush = async () => {
    const batch = rows
    rows = []
    await k.transaction().execute((trx) => insertRows(db, trx, 'claps', ['story_id', 'user_id', 'count', 'created_at', 'updated_at'], batch, 2000))
    progress.tick(batch.length)
  }
  for (let i = 0; i < eligible.length; i += 1) {
    const storyId = eligible[i] as number
    const readers = new Set<number>()
    while (readers.size < (fans[i] as number)) {
      const reader = 1 + Math.floor(random() * N.users)
      if (reader !== stories.author[storyId]) readers.add(reader)
    }
    const since = stories.publishedAt[storyId] as number
    for (const reader of [...readers].sort((a, b) => a - b)) {
      const when = iso(since + (NOW - since) * random() * random())
      rows.push([storyId, reader, clapCount(), when, when])
    }
    if (rows.length >= 50_000) await flush()
  }
  await flush()
  timings.claps = progress.finish()
}

// Mostly a clap or a few, a fair number of handfuls, and some standing ovations of fifty.
function clapCount(): number {
  const r = random()
  if (r < 0.4) return 1
  if (r < 0.6) return int(random, 2, 5)
  if (r < 0.85) return int(random, 6, 20)
  if (r < 0.95) return int(random, 21, 49)
  return 50
}

async function seedResponses(stories: StoryFacts, text: ReturnType<typeof textSource>) {
  const eligible: number[] = []
  for (let id = 1; id <= N.stories; id += 1) if (stories.status[id] === 1) eligible.push(id)
  if (!eligible.length || !N.responses) return
  const popularity = zipf(random, eligible.length, 0.9)
  const rows: Row[] = []
  for (let id = 1; id <= N.responses; id += 1) {
    const storyId = eligible[popularity.draw()] as number
    const since = stories.publishedAt[storyId] as number
    const when = iso(since + (NOW - since) * random())
    rows.push([id, storyId, 1 + Math.floor(random() * N.users), JSON.stringify(text.response()), null, when, when])
  }
  rows.sort((a, b) => (a[1] as number) - (b[1] as number))
  const progress = new Progress('responses', rows.length)
  await inChunks(rows, 20_000, (trx, chunk) => insertRows(db, trx, 'responses', ['id', 'story_id', 'author_id', 'body', 'markdown', 'created_at', 'updated_at'], chunk, 1000), progress)
  timings.responses = progress.finish()
}

async function inChunks(rows: Row[], size: number, work: (trx: typeof k, chunk: Row[]) => Promise<void>, progress: Progress) {
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size)
    await k.transaction().execute((trx) => work(trx, chunk))
    progress.tick(chunk.length)
  }
}

/** Totals from the rows themselves (exact), sequences past the explicit ids, statistics. */
async function finish(db: Db) {
  const progress = new Progress('totals', 2)
  // One UPDATE for the three totals: each UPDATE rewrites every story row, overflow pages of its
  // body included (three separate ones took 28 s at full scale on SQLite).
  const of = (aggregate: string, table: string) => `coalesce((select ${aggregate} from ${table} where ${table}.story_id = stories.id), 0)`
  await run(k, `update stories set clap_total = ${of('sum(count)', 'claps')}, fan_count = ${of('count(*)', 'claps')}, response_count = ${of('count(*)', 'responses')}`)
  progress.tick(1)
  if (db.engine === 'postgres') {
    for (const table of ['users', 'publications', 'tags', 'stories', 'responses']) {
      await run(k, `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce((select max(id) from ${table}), 0) + 1, false)`)
    }
    // What autovacuum would have done by the time a real site reached this size.
    await run(k, 'analyze')
  } else {
    await run(k, 'PRAGMA wal_checkpoint(TRUNCATE)')
  }
  timings.totals = progress.finish()
}

