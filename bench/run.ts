// npm run bench [-- --quick] [-- --postgres]
// Starts Ovation on a generated database and measures each scenario beside a bare node:http
// server that returns the same story page from memory (what this machine can do at best).
// Prints a table and writes bench/results.json. It reports; it never fails a build.
//
//   --quick            a 2,000-story database and 3 s per scenario (under two minutes)
//   --postgres         also run on PostgreSQL (database ovation_bench, created as needed); implied
//                      when TEST_DATABASE_URL or DATABASE_URL is set
//   --only <engine>    sqlite or postgres alone
//   --seconds <n>      seconds per scenario (default 10, quick 3)
//   --stories/--users/--claps <n>   another scale (default 100,000 / 10,000 / 1,000,000)
//   --cpu-prof         profile the server; profiles go to bench/data/profiles/ (open in DevTools)
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import type { Engine } from '../src/db/database.ts'
import { ensureDatabase, type Scale } from './database.ts'
import { load, machine, table, writeResults, type Row } from './report.ts'
import { runPass } from './scenarios.ts'

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    postgres: { type: 'boolean', default: false },
    only: { type: 'string' },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '50' },
    stories: { type: 'string' },
    users: { type: 'string' },
    claps: { type: 'string' },
    'cpu-prof': { type: 'boolean', default: false },
  },
})

const quick = args.quick ?? false
const scale: Scale = {
  stories: Number(args.stories ?? (quick ? 2_000 : 100_000)),
  users: Number(args.users ?? (quick ? 300 : 10_000)),
  claps: Number(args.claps ?? (quick ? 20_000 : 1_000_000)),
}
const isDefaultScale = !args.stories && !args.users && !args.claps
const label = quick && isDefaultScale ? 'quick' : isDefaultScale ? 'full' : `s${scale.stories}-u${scale.users}-c${scale.claps}`
const seconds = Number(args.seconds ?? (quick ? 3 : 10))
const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'
let engines: Engine[] = ['sqlite']
if (args.postgres || process.env.TEST_DATABASE_URL || process.env.DATABASE_URL) engines.push('postgres')
if (args.only === 'sqlite' || args.only === 'postgres') engines = [args.only]

const nodeFlags = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve('bench/data/profiles')}`] : []
const started = performance.now()
const results = {
  date: new Date().toISOString(),
  machine: machine(),
  options: { quick, scale, seconds, connections: Number(args.connections), engines },
  loadAverage: { before: load(), after: 0 },
  engines: {} as Record<string, unknown>,
  rows: [] as Row[],
}

process.stderr.write(`bench: ${engines.join(' + ')}, ${scale.stories.toLocaleString('en-US')} stories, ${seconds} s per scenario (load average ${results.loadAverage.before})\n`)
for (const engine of engines) {
  try {
    const benchDb = await ensureDatabase(engine, scale, label, postgresUrl)
    process.stderr.write(`${engine}: measuring\n`)
    const pass = await runPass(benchDb, { seconds, connections: Number(args.connections), readers: 50, nodeFlags })
    results.engines[engine] = { seed: benchDb.seeded ?? 'reused', story: pass.story, coldStart: pass.coldStart, rssMb: pass.rssMb, claps: pass.claps, rows: pass.rows }
    results.rows.push(...pass.rows)
  } catch (error) {
    // A benchmark reports what it could measure; one engine failing does not hide the other.
    process.stderr.write(`${engine}: ${(error as Error).stack ?? String(error)}\n`)
    results.engines[engine] = { error: String(error) }
  }
}
results.loadAverage.after = load()

const file = resolve('bench/results.json')
writeResults(file, results)
process.stdout.write(`\n${table(results.rows)}\n\n`)
process.stdout.write(`${results.machine.cpu} × ${results.machine.cores}, ${results.machine.memoryGb} GB, Node ${results.machine.node}; load average ${results.loadAverage.before} → ${results.loadAverage.after}\n`)
process.stdout.write(`wrote ${file} in ${((performance.now() - started) / 1000).toFixed(0)} s\n`)
// Whatever was measured, the run itself succeeded: the benchmark is a tool, not a test.
process.exit(0)
