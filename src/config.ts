// The only module that reads process.env. Every setting has a default that makes
// `npm start` work on a fresh machine; a bad value stops start-up naming the variable.
import { isIP } from 'node:net'
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
  /**
   * Account throttling (issue 9), kept in the database so it holds across instances: after this
   * many failed sign-ins to one account, each further attempt waits an exponential back-off
   * (1 s, 2 s, 4 s, ...) and is refused unchecked within it (SIGNIN_BACKOFF_AFTER, default 5).
   */
  signInBackoffAfter: number
  /** After this many failures the account is locked for SIGNIN_LOCK_MINUTES (SIGNIN_LOCK_AFTER, default 10). */
  signInLockAfter: number
  /** How long a lock lasts, in minutes (SIGNIN_LOCK_MINUTES, default 15). */
  signInLockMinutes: number
  /** Failed sign-ins from one client address, any account, before that address is locked (SIGNIN_ADDRESS_LOCK_AFTER, default 50). */
  signInAddressLockAfter: number
  /** Accounts one client address may create per hour (SIGNUPS_PER_HOUR, default 1000; lower it on a public site). */
  signUpsPerHour: number
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
  /**
   * Abuse limits per signed-in account, else per address (RATE_LIMITS=off turns them all off, for
   * benchmarks and load tests; RATE_LIMIT_SIGNUP, _WRITES, _CLAPS, _RESPONSES, _UPLOADS, _SEARCH
   * as "count/unit", e.g. 120/min). Sign-in keeps SIGNIN_RATE_LIMIT. See src/http/rate-limits.ts.
   */
  rateLimits: RateLimitSettings
  /**
   * Which peers' X-Forwarded-For / -Proto to believe (TRUST_PROXY): addresses or ranges, or
   * presets (loopback, linklocal, uniquelocal: the default, proxies on this machine or a private
   * network). "true" believes anyone, letting a client pick its address for the rate limits.
   */
  trustProxy: boolean | string
}

/** So many requests per window of windowMs milliseconds. */
export type Rate = { max: number; windowMs: number }

export type RateLimitSettings = {
  enabled: boolean
  signUp: Rate
  writes: Rate
  claps: Rate
  responses: Rate
  uploads: Rate
  search: Rate
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
    signInBackoffAfter: integer(env, 'SIGNIN_BACKOFF_AFTER', 5, 1, 100000),
    signInLockAfter: integer(env, 'SIGNIN_LOCK_AFTER', 10, 1, 100000),
    signInLockMinutes: integer(env, 'SIGNIN_LOCK_MINUTES', 15, 1, 10080),
    signInAddressLockAfter: integer(env, 'SIGNIN_ADDRESS_LOCK_AFTER', 50, 1, 1000000),
    signUpsPerHour: integer(env, 'SIGNUPS_PER_HOUR', 1000, 1, 1000000),
    smtpUrl: smtpUrl(env),
    mailFrom: env.MAIL_FROM || `Ovation <no-reply@${new URL(baseUrl).hostname}>`,
    jobPollMs: integer(env, 'JOBS_POLL_MS', 1000, 0, 3_600_000),
    pageCacheTtlMs: integer(env, 'PAGE_CACHE_TTL_MS', 5000, 0, 3_600_000),
    metricsToken: env.METRICS_TOKEN || undefined,
    workers: env.WORKERS === 'auto' ? availableParallelism() : integer(env, 'WORKERS', 1, 1, 256),
    mediaMaxBytes: integer(env, 'MEDIA_MAX_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    rateLimits: rateLimitSettings(env),
    trustProxy: trustProxy(env),
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

// Defaults no person or ordinary client reaches, while a script flooding the site does within
// a minute. The official RealWorld suites (about 25 sign-ups, 100 writes) stay well inside.
function rateLimitSettings(env: Record<string, string | undefined>): RateLimitSettings {
  return {
    enabled: flag(env, 'RATE_LIMITS', true),
    signUp: rate(env, 'RATE_LIMIT_SIGNUP', '60/hour'),
    writes: rate(env, 'RATE_LIMIT_WRITES', '120/min'),
    claps: rate(env, 'RATE_LIMIT_CLAPS', '300/min'),
    responses: rate(env, 'RATE_LIMIT_RESPONSES', '30/min'),
    uploads: rate(env, 'RATE_LIMIT_UPLOADS', '30/min'),
    search: rate(env, 'RATE_LIMIT_SEARCH', '120/min'),
  }
}

const rateUnits: Record<string, number> = { s: 1000, sec: 1000, second: 1000, m: 60_000, min: 60_000, minute: 60_000, h: 3_600_000, hour: 3_600_000, d: 86_400_000, day: 86_400_000 }

function rate(env: Record<string, string | undefined>, name: string, fallback: string): Rate {
  const raw = (env[name] || fallback).trim().toLowerCase()
  const match = /^(\d+)\s*\/\s*(\d*)\s*([a-z]+?)s?$/.exec(raw)
  const unit = match ? rateUnits[match[3] as string] : undefined
  const max = Number(match?.[1])
  const windows = match?.[2] ? Number(match[2]) : 1
  if (!match || !unit || max < 1 || windows < 1) {
    throw new ConfigError(`${name} must look like 120/min (a count per s, min, hour or day), not "${env[name]}"`)
  }
  return { max, windowMs: unit * windows }
}

function trustProxy(env: Record<string, string | undefined>): boolean | string {
  const raw = (env.TRUST_PROXY ?? '').trim()
  if (raw === '') return 'loopback, linklocal, uniquelocal'
  if (/^(true|all)$/i.test(raw)) return true
  if (/^(false|none|off)$/i.test(raw)) return false
  const valid = raw.split(',').map((part) => part.trim()).every((part) =>
    ['loopback', 'linklocal', 'uniquelocal'].includes(part) || isIP(part.replace(/\/\d+$/, '')) !== 0)
  if (!valid) throw new ConfigError(`TRUST_PROXY must be addresses or ranges, loopback, linklocal, uniquelocal, true or false, not "${raw}"`)
  return raw
}
