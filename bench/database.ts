// The benchmark's databases: generated once per scale by scripts/seed-scale.ts and reused while
// the scale is the same (a full-scale seed takes minutes), plus the fixtures the scenarios need.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { sql } from 'kysely'
import { openDb, type Db, type Engine } from '../src/db/database.ts'

export type Scale = { stories: number; users: number; claps: number }

export type BenchDb = {
  engine: Engine
  /** What the server and the seed are given to find this database. */
  env: Record<string, string>
  /** The seed's own report when this run generated the data; null when it was reused. */
  seeded: { seconds: number; phases: Record<string, number> } | null
  open: () => Db
}

const DATA = resolve('bench/data')

export async function ensureDatabase(engine: Engine, scale: Scale, label: string, postgresUrl: string): Promise<BenchDb> {
  mkdirSync(DATA, { recursive: true })
  const markerFile = join(DATA, `${engine}-${label}.json`)
  const marker = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as { scale: Scale; url?: string }) : undefined
  const same = marker !== undefined && JSON.stringify(marker.scale) === JSON.stringify(scale)

  let env: Record<string, string>
  let seedArgs: string[]
  if (engine === 'sqlite') {
    const dir = join(DATA, `sqlite-${label}`)
    env = { DATA_DIR: dir }
    seedArgs = ['--data-dir', dir]
    if (!same || !existsSync(join(dir, 'ovation.sqlite'))) rmSync(dir, { recursive: true, force: true })
  } else {
    const url = new URL(postgresUrl)
    const name = label === 'quick' ? 'ovation_bench_quick' : 'ovation_bench'
    const exists = await adminQuery(url, 'select 1 from pg_database where datname = $1', [name])
    if (!same || !exists) {
      if (exists) await adminQuery(url, `drop database ${name} with (force)`)
      await adminQuery(url, `create database ${name}`)
    }
    url.pathname = `/${name}`
    env = { DATABASE_URL: url.href }
    seedArgs = ['--database-url', url.href]
  }
  const open = () => openDb(engine === 'sqlite' ? { dataDir: env.DATA_DIR as string } : { databaseUrl: env.DATABASE_URL, poolSize: 4 })
  if (same && (await countStories(open)) === scale.stories) return { engine, env, seeded: null, open }

  process.stderr.write(`generating a ${engine} database: ${scale.stories} stories, ${scale.users} users, ${scale.claps} claps\n`)
  const seeded = await seed([...seedArgs, '--stories', String(scale.stories), '--users', String(scale.users), '--claps', String(scale.claps), '--force'])
  writeFileSync(markerFile, JSON.stringify({ scale, seeded }, null, 2))
  return { engine, env, seeded, open }
}

async function countStories(open: () => Db): Promise<number> {
  const db = open()
  try {
    const row = await db.kysely.selectFrom('stories').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst()
    return Number(row?.n ?? 0)
  } catch {
    return -1
  } finally {
    await db.close()
  }
}

/** Runs a statement on the server's maintenance database (CREATE/DROP DATABASE cannot run inside one). */
async function adminQuery(url: URL, text: string, values: unknown[] = []): Promise<boolean> {
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.href })
  await client.connect()
  try {
    return ((await client.query(text, values)).rowCount ?? 0) > 0
  } finally {
    await client.end()
  }
}

function seed(args: string[]): Promise<{ seconds: number; phases: Record<string, number> }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', './src/web/jsx-hooks.ts', 'scripts/seed-scale.ts', ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`seed:scale exited with ${code}`))
      resolvePromise(JSON.parse(out.trim().split('\n').pop() as string) as { seconds: number; phases: Record<string, number> })
    })
  })
}

export type Fixtures = {
  /** A published story of median length, with responses: the page readers mostly see. */
  story: { path: string; slug: string; words: number }
  /** Stories the clap scenario claps for, spread over the table. */
  clapStories: { id: number; slug: string }[]
  /** Readers who wrote none of clapStories. */
  readers: { id: number; email: string }[]
}

export async function pickFixtures(db: Db, readerCount: number): Promise<Fixtures> {
  const k = db.kysely
  const published = await k.selectFrom('stories').select((eb) => eb.fn.countAll<number | string>().as('n')).where('status', '=', 'published').executeTakeFirstOrThrow()
  const median = await k.selectFrom('stories').select('word_count').where('status', '=', 'published')
    .orderBy('word_count').limit(1).offset(Math.floor(Number(published.n) / 2)).executeTakeFirstOrThrow()
  const story = await k.selectFrom('stories')
    .innerJoin('users', 'users.id', 'stories.author_id')
    .leftJoin('publications', 'publications.id', 'stories.publication_id')
    .select(['stories.slug', 'stories.short_id', 'stories.word_count', 'users.username', 'publications.slug as publication_slug'])
    .where('stories.status', '=', 'published').where('stories.word_count', '>=', median.word_count).where('stories.response_count', '>', 0)
    .orderBy('stories.word_count').orderBy('stories.id').limit(1).executeTakeFirstOrThrow()
  const slug = `${story.slug}-${story.short_id}`
  const path = story.publication_slug ? `/${story.publication_slug}/${slug}` : `/@${story.username}/${slug}`

  // A deterministic scramble of ids, so the clapped stories are neither all new nor all old.
  const clapRows = await k.selectFrom('stories').select(['id', 'slug', 'short_id', 'author_id']).where('status', '=', 'published')
    .orderBy(sql`(id * 7919) % 10007`).limit(100).execute()
  const authors = [...new Set(clapRows.map((row) => row.author_id))]
  const readers = await k.selectFrom('users').select(['id', 'email']).where('id', 'not in', authors).orderBy('id').limit(readerCount).execute()
  return {
    story: { path, slug, words: story.word_count },
    clapStories: clapRows.map((row) => ({ id: row.id, slug: `${row.slug}-${row.short_id}` })),
    readers,
  }
}

/**
 * Each story's stored totals beside the sums of its claps rows, and the readers' own counts. One
 * statement for the totals, so both sides come from one snapshot even on READ COMMITTED.
 */
export async function clapState(db: Db, storyIds: number[], readerIds: number[]) {
  const k = db.kysely
  const totals = await k.selectFrom('stories').where('id', 'in', storyIds).select((eb) => [
    'id', 'clap_total', 'fan_count',
    eb.selectFrom('claps').whereRef('claps.story_id', '=', 'stories.id').select((c) => c.fn.sum<number | string>('count').as('n')).as('claps'),
    eb.selectFrom('claps').whereRef('claps.story_id', '=', 'stories.id').select((c) => c.fn.countAll<number | string>().as('n')).as('fans'),
  ]).execute()
  const pairs = await k.selectFrom('claps').select(['story_id', 'user_id', 'count']).where('story_id', 'in', storyIds).where('user_id', 'in', readerIds).execute()
  return {
    stories: totals.map((row) => ({ id: row.id, clapTotal: row.clap_total, fanCount: row.fan_count, claps: Number(row.claps ?? 0), fans: Number(row.fans ?? 0) })),
    pairs: new Map(pairs.map((row) => [`${row.user_id}:${row.story_id}`, row.count])),
  }
}
