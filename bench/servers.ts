// The processes under test: Ovation itself (the real entry point, as `npm start` runs it) and the
// bare node:http baseline. Both are child processes, so neither shares a CPU core's event loop
// with the load generator.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { request } from 'node:http'

export type Started = {
  child: ChildProcess
  port: number
  base: string
  stop: () => Promise<void>
  /** Resident memory of the server process, MB (VmRSS). */
  rssMb: () => number
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** Status of one GET, or 0 when nothing answers yet; no keep-alive, so no socket outlives it. */
export function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { headers: { ...headers, connection: 'close' }, agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', () => resolve(0))
    req.end()
  })
}

/** Polls until a GET answers 200; returns ms since `since` (performance.now()). */
async function firstOk(url: string, since: number, child: ChildProcess, limitMs = 120_000): Promise<number> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before ${url} answered`)
    if ((await status(url)) === 200) return performance.now() - since
    if (performance.now() - since > limitMs) throw new Error(`${url} did not answer 200 within ${limitMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

function started(child: ChildProcess, port: number): Started {
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000) })
  child.on('exit', (code, signal) => {
    if (code && signal !== 'SIGTERM') process.stderr.write(`server ${child.pid} exited with ${code}\n${stderr}\n`)
  })
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    rssMb() {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
      return match ? Number(match[1]) / 1024 : Number.NaN
    },
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
  }
}

export type OvationStart = Started & { coldStart: { healthMs: number; storyMs: number; rssMb: number } }

/**
 * Starts Ovation on a seeded database and times its cold start: spawn → first 200 on /health,
 * and → first 200 on a story page (the first page render, with its queries and templates).
 */
export async function startOvation(databaseEnv: Record<string, string>, storyPath: string, nodeFlags: string[] = []): Promise<OvationStart> {
  const port = await freePort()
  // Abuse limits off: a benchmark is a flood by design.
  const env: Record<string, string | undefined> = { ...process.env, ...databaseEnv, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'warn', RATE_LIMITS: 'off' }
  if (!databaseEnv.DATABASE_URL) delete env.DATABASE_URL
  const since = performance.now()
  // The flags `npm start` uses (package.json): a small young generation keeps memory down.
  const child = spawn(process.execPath, ['--max-semi-space-size=4', ...nodeFlags, '--import', './src/web/jsx-hooks.ts', 'src/main.ts'], { env, stdio: ['ignore', 'ignore', 'pipe'] })
  const server = started(child, port)
  const healthMs = await firstOk(`${server.base}/health`, since, child)
  const storyMs = await firstOk(server.base + storyPath, since, child)
  return { ...server, coldStart: { healthMs, storyMs, rssMb: server.rssMb() } }
}

export async function startBaseline(pageFile: string, headersFile: string): Promise<Started> {
  const port = await freePort()
  const child = spawn(process.execPath, ['bench/baseline-server.ts', String(port), pageFile, headersFile], { stdio: ['ignore', 'pipe', 'pipe'] })
  const server = started(child, port)
  await firstOk(server.base + '/', performance.now(), child, 10_000)
  return server
}

/**
 * Waits until the server answers /health within 50 ms: when a load run stops, the requests it
 * left queued still run, and a slow scenario would otherwise eat into the next one's time.
 */
export async function settle(base: string, limitMs = 120_000): Promise<number> {
  const since = performance.now()
  for (;;) {
    const asked = performance.now()
    await status(`${base}/health`)
    if (performance.now() - asked < 50 || performance.now() - since > limitMs) return performance.now() - since
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
