// The only module that reads process.env. Every setting has a default that makes
// `npm start` work on a fresh machine; a bad value stops start-up naming the variable.
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'

export type Config = {
  /** Port to listen on (PORT, default 3000). */
  port: number
  /** Interface to bind (HOST, default 127.0.0.1). */
  host: string
  /** Public address of the site, used in links, cookies' Secure flag and origin checks (BASE_URL). */
  baseUrl: string
  /** Folder for the SQLite database and media (DATA_DIR, default ./data). */
  dataDir: string
  /** PostgreSQL connection string; SQLite in DATA_DIR when unset (DATABASE_URL). */
  databaseUrl: string | undefined
  /** Seed the demo site into an empty database at start (SEED_DEMO, default on; 0 turns it off). */
  seedDemo: boolean
  /** Log level for pino (LOG_LEVEL, default info). */
  logLevel: string
  /** Sign-in attempts allowed per address per minute (SIGNIN_RATE_LIMIT, default 10). */
  signInRateLimit: number
  /** Where e-mail goes: an smtp:// or smtps:// URL (SMTP_URL); unset, no e-mail is sent. */
  smtpUrl: string | undefined
  /** The From address of e-mail (MAIL_FROM, default "Ovation <no-reply@BASE_URL's host>"). */
  mailFrom: string
  /** How often this process looks for due background jobs, in ms; 0 runs none here (JOBS_POLL_MS, default 1000). */
  jobPollMs: number
  /**
   * How long a signed-out page may be answered from memory, in ms; any write empties the cache
   * sooner. 0 turns the page cache off (PAGE_CACHE_TTL_MS, default 5000).
   */
  pageCacheTtlMs: number
  /** Bearer token that opens /metrics to other machines; unset, only this machine may read it (METRICS_TOKEN). */
  metricsToken: string | undefined
  /** Server processes on this machine (WORKERS, default 1; "auto" = one per CPU core). */
  workers: number
  /** Largest image a writer may upload, in bytes (MEDIA_MAX_BYTES, default 25 MB). Uploaded images are kept in DATA_DIR/media. */
  mediaMaxBytes: number
}

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const port = integer(env, 'PORT', 3000, 0, 65535)
  const host = env.HOST || '127.0.0.1'
  const baseUrl = url(env, 'BASE_URL', `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`)
  const databaseUrl = env.DATABASE_URL || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL')
  }
  return Object.freeze({
    port,
    host,
    baseUrl,
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl,
    seedDemo: flag(env, 'SEED_DEMO', true),
    logLevel: oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    signInRateLimit: integer(env, 'SIGNIN_RATE_LIMIT', 10, 1, 100000),
    smtpUrl: smtpUrl(env),
    mailFrom: env.MAIL_FROM || `Ovation <no-reply@${new URL(baseUrl).hostname}>`,
    jobPollMs: integer(env, 'JOBS_POLL_MS', 1000, 0, 3_600_000),
    pageCacheTtlMs: integer(env, 'PAGE_CACHE_TTL_MS', 5000, 0, 3_600_000),
    metricsToken: env.METRICS_TOKEN || undefined,
    workers: env.WORKERS === 'auto' ? availableParallelism() : integer(env, 'WORKERS', 1, 1, 256),
    mediaMaxBytes: integer(env, 'MEDIA_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  })
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number) {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`)
  }
  return value
}

function flag(env: Record<string, string | undefined>, name: string, fallback: boolean) {
  const raw = env[name]?.toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${name} must be 1 or 0, not "${env[name]}"`)
}

function url(env: Record<string, string | undefined>, name: string, fallback: string) {
  const raw = env[name] || fallback
  try {
    const parsed = new URL(raw)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error()
    return parsed.origin
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL such as https://example.com, not "${raw}"`)
  }
}

function oneOf(env: Record<string, string | undefined>, name: string, fallback: string, allowed: string[]) {
  const raw = env[name] || fallback
  if (!allowed.includes(raw)) throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, not "${raw}"`)
  return raw
}

function smtpUrl(env: Record<string, string | undefined>): string | undefined {
  const raw = env.SMTP_URL
  if (!raw) return undefined
  if (!/^smtps?:\/\/[^\s]+$/.test(raw)) throw new ConfigError(`SMTP_URL must be an smtp:// or smtps:// URL, not "${raw}"`)
  return raw
}
