// Abuse limits (issue 9), all in one table: which routes each limit covers, and how many
// requests it allows. installRateLimits() applies them from an onRoute hook, by method and URL
// pattern, so feature files carry no limit code and a new write route gets the write limit
// without anyone remembering to add it.
//
// A limit counts per signed-in account, else per address (IPv6 per /56, as the plugin does);
// sign-in counts per address and account, so that one client cannot guess at many passwords of
// one account while many people behind one address can still sign in. All routes of a limit
// share one count: 120 writes a minute means 120 in total, not 120 on each route.
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify'
import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import type { Config, Rate } from '../config.ts'
import type { Db } from '../db/database.ts'
import { AppError } from './errors.ts'
import { MemoryRateLimitStore, PostgresRateLimitStore, type RateLimitStore } from './rate-limit-store.ts'

export type LimitName = 'signIn' | 'signUp' | 'claps' | 'responses' | 'uploads' | 'search' | 'writes'

type Route = `${'GET' | 'POST' | 'PUT' | 'DELETE'} /${string}`

/**
 * Routes by limit; the first limit naming a route wins. Every other POST, PUT, PATCH and DELETE
 * route, API or form, counts as a write. Reads are not limited, except search (each one is a
 * full-text query).
 */
export const limitedRoutes: Readonly<Record<Exclude<LimitName, 'writes'>, readonly Route[]>> = {
  signIn: ['POST /api/users/login', 'POST /signin'],
  signUp: ['POST /api/users', 'POST /signup'],
  claps: [
    'POST /api/articles/:slug/claps', 'DELETE /api/articles/:slug/claps',
    'POST /api/articles/:slug/favorite', 'DELETE /api/articles/:slug/favorite',
    'POST /claps/:slug', 'POST /claps/:slug/undo',
    'POST /api/articles/:slug/comments/:id/claps', 'POST /responses/:slug/:id/clap',
  ],
  responses: ['POST /api/articles/:slug/comments', 'POST /responses/:slug'],
  uploads: ['POST /api/uploads', 'POST /edit/:slug/images', 'POST /api/imports/medium', 'POST /settings/import'],
  search: ['GET /api/search', 'GET /search'],
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The limit a route falls under, or undefined for reads that are not limited. */
export function limitFor(method: string, url: string): LimitName | undefined {
  const route = `${method === 'HEAD' ? 'GET' : method} ${url}`
  for (const [name, routes] of Object.entries(limitedRoutes)) {
    if ((routes as readonly string[]).includes(route)) return name as LimitName
  }
  return unsafeMethods.has(method) ? 'writes' : undefined
}

export async function installRateLimits(app: FastifyInstance, config: Readonly<Config>, db: Db): Promise<void> {
  if (!config.rateLimits.enabled) return
  const rates: Record<LimitName, Rate> = { ...config.rateLimits, signIn: { max: config.signInRateLimit, windowMs: 60_000 } }
  const store = db.engine === 'postgres' ? new PostgresRateLimitStore(db) : new MemoryRateLimitStore()

  // Before the plugin's own onRoute hook (hooks run in the order added), which reads
  // config.rateLimit from every route.
  app.addHook('onRoute', (route: RouteOptions) => {
    // A route that states its own limit (or `rateLimit: false`) keeps it.
    if ((route.config as { rateLimit?: unknown } | undefined)?.rateLimit !== undefined) return
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const name = methods.map((method) => limitFor(method, route.url)).find(Boolean)
    if (!name) return
    const { max, windowMs } = rates[name]
    route.config = {
      ...(route.config as object),
      rateLimit: { max, timeWindow: windowMs, keyGenerator: (request: FastifyRequest) => `${name}:${clientKey(name, request)}` },
    } as RouteOptions['config']
  })
  await app.register(rateLimit, {
    global: false,
    // preHandler: after the body is parsed (sign-in counts per account) and the viewer known.
    hook: 'preHandler',
    store: function () { return store } as unknown as new () => RateLimitStore,
    errorResponseBuilder: (_request, { ttl }) => tooManyRequests(Math.max(1, Math.ceil(ttl / 1000))),
  })
}

/** 429 with RealWorld's error shape; the plugin has already set Retry-After. */
export function tooManyRequests(seconds: number): AppError {
  return new AppError(429, 'rate_limited', { rate: [`too many requests; try again in ${seconds} second${seconds === 1 ? '' : 's'}`] })
}

function clientKey(name: LimitName, request: FastifyRequest): string {
  const address = normalizeIP(request.ip, 56)
  if (name === 'signIn') return `${address}|${emailOf(request.body)}`
  return request.viewer ? `user:${request.viewer.id}` : `ip:${address}`
}

// The sign-in API sends {user: {email}}, the sign-in form a flat {email}.
function emailOf(body: unknown): string {
  const fields = body as { email?: unknown; user?: { email?: unknown } } | undefined
  const email = fields?.user?.email ?? fields?.email
  return typeof email === 'string' ? email.trim().toLowerCase() : ''
}
