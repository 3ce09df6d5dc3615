// The real server as a child process, exactly as an operator starts it (src/main.ts), on a fresh
// DATA_DIR and, for PostgreSQL runs, a fresh database of its own. Browser and process-level tests
// talk to it over a real port; nothing here reaches into the server's modules.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

export type Engine = 'sqlite' | 'postgres'

/** The engines this run covers: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']
}

export type ServerOptions = {
  engine?: Engine
  /** Seed the demo site at start (SEED_DEMO=1); off by default so each test owns its data. */
  seedDemo?: boolean
  /** Extra environment for the server, on top of the harness's own. */
  env?: Record<string, string>
  /** A second instance of this server's site: the same database and DATA_DIR, another port. */
  sameSiteAs?: TestServer
}

export type TestServer = {
  baseUrl: string
  engine: Engine
  dataDir: string
  /** The PostgreSQL database the server uses, when on PostgreSQL. */
  databaseUrl: string | undefined
  /** Stops the server process (SIGTERM, as an operator would), keeping its data. */
  stop: () => Promise<void>
  /** Stops the server and starts it again on the same port, DATA_DIR and database. */
  restart: () => Promise<void>
  /** Kills the server process with SIGKILL (a crash: no shutdown code runs), keeping its data. */
  crash: () => Promise<void>
  /** Starts the server again after stop() or crash(). */
  start: () => Promise<void>
  /** Stops the server for good: drops its PostgreSQL database and removes its DATA_DIR. */
  close: () => Promise<void>
}

export const repoRoot = new URL('../', import.meta.url).pathname

// Generous: CI runs two test files at once beside PostgreSQL and Chromium on two cores.
// Generous: a CI machine running two test files with browsers can be slow to start a server.
const HEALTH_TIMEOUT = 120_000
const STOP_TIMEOUT = 5_000

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const shared = options.sameSiteAs
  const engine = shared?.engine ?? options.engine ?? 'sqlite'
  ensureAssetsBuilt()
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  // A second instance borrows the first one's data, which the first one cleans up.
  const dataDir = shared?.dataDir ?? mkdtempSync(join(tmpdir(), 'ovation-e2e-'))
  const database = shared ? (shared.databaseUrl ? { url: shared.databaseUrl, drop: async () => {} } : undefined)
    : engine === 'postgres' ? await createDatabase() : undefined
  const removeDataDir = () => { if (!shared) rmSync(dataDir, { recursive: true, force: true }) }

  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    BASE_URL: baseUrl,
    DATA_DIR: dataDir,
    SEED_DEMO: options.seedDemo ? '1' : '0',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database?.url,
    ...options.env,
  }
  // An inherited DATABASE_URL must not turn a SQLite run into a run on someone's database.
  if (!database) delete env.DATABASE_URL

  let child: ChildProcess | undefined
  const start = async () => {
    child = await spawnServer(env, baseUrl)
  }
  const stop = async () => {
    const running = child
    child = undefined
    if (running) await stopProcess(running)
  }
  await start().catch(async (error: unknown) => {
    await database?.drop()
    removeDataDir()
    throw error
  })

  return {
    baseUrl,
    engine,
    dataDir,
    databaseUrl: database?.url,
    stop,
    restart: async () => {
      await stop()
      await start()
    },
    crash: async () => {
      const running = child
      child = undefined
      if (!running || running.exitCode !== null || running.signalCode !== null) return
      await new Promise((resolve) => {
        running.once('exit', resolve)
        running.kill('SIGKILL')
      })
    },
    start,
    close: async () => {
      await stop()
      await database?.drop()
      removeDataDir()
    },
  }
}

/** Pages link hashed asset names from public/build/manifest.json; `npm test` builds them first. */
function ensureAssetsBuilt(): void {
  if (existsSync(join(repoRoot, 'public/build/manifest.json'))) return
  execFileSync(process.execPath, [join(repoRoot, 'scripts/build-assets.ts')], { cwd: repoRoot, stdio: 'inherit' })
}

/** A port nobody listens on right now: the kernel picks one for port 0, and we let it go. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function spawnServer(env: Record<string, string | undefined>, baseUrl: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', join(repoRoot, 'src/web/jsx-hooks.ts'), join(repoRoot, 'src/main.ts')],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  // Keep the tail of what the server says, to explain a failed start.
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  // A test process that dies must not leave a server behind holding the port.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  child.once('exit', () => process.removeListener('exit', killOnExit))

  let exited: string | undefined
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`
  })
  const deadline = Date.now() + HEALTH_TIMEOUT
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The server ${exited} before answering /health:\n${output}`)
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1000) })
      if (response.status === 200) return child
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await stopProcess(child)
  throw new Error(`The server did not answer GET /health with 200 within ${HEALTH_TIMEOUT / 1000} s:\n${output}`)
}

/** SIGTERM lets main.ts close the server and the database cleanly; SIGKILL if it hangs. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

type TestDatabase = { url: string; drop: () => Promise<void> }

/** A database of its own on the TEST_DATABASE_URL server, so test files never share rows. */
async function createDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) throw new Error('PostgreSQL runs need TEST_DATABASE_URL')
  const name = `ovation_e2e_${randomBytes(6).toString('hex')}`
  await admin(adminUrl, `create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    // WITH (FORCE) ends any connection a killed server may have left behind (PostgreSQL 13+).
    drop: () => admin(adminUrl, `drop database if exists ${name} with (force)`),
  }
}

async function admin(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}
