// Who a session token belongs to, remembered for a moment. A signed-in reader's every request
// starts with this lookup; under load the same few hundred tokens arrive thousands of times a
// second, and the database answer would be the same each time.
//
// Staleness is bounded three ways: an entry lives `ttlMs` (2 s), any successful write in this
// process empties the whole cache at once (signing out, revoking a session, a password reset and
// a deleted account are all writes), and other instances hear of writes through the cache bus
// (the "pages" message, and "sessions" for signed-out writes such as a password reset).
import type { FastifyInstance } from 'fastify'
import type { Viewer, SessionResolver } from './auth.ts'
import type { CacheBus } from './cache-bus.ts'

type Entry = { viewer: Viewer | null; expiresAt: number }

export class SessionCache {
  #entries = new Map<string, Entry>()
  #ttlMs: number
  #maxEntries: number
  // Bumped by clear(): a lookup that started before a write must not be kept after it.
  #generation = 0

  constructor(options: { ttlMs: number; maxEntries: number }) {
    this.#ttlMs = options.ttlMs
    this.#maxEntries = options.maxEntries
  }

  /** The resolver, remembering its answers (misses too: a bad token is not a free query). */
  wrap(resolve: SessionResolver): SessionResolver {
    if (this.#ttlMs <= 0) return resolve
    return async (token, via) => {
      const key = `${via}:${token}`
      const now = Date.now()
      const hit = this.#entries.get(key)
      if (hit !== undefined && hit.expiresAt > now) return hit.viewer
      const generation = this.#generation
      const viewer = await resolve(token, via)
      if (generation === this.#generation) {
        this.#entries.delete(key)
        this.#entries.set(key, { viewer, expiresAt: now + this.#ttlMs })
        if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string)
      }
      return viewer
    }
  }

  clear(): void {
    this.#generation++
    this.#entries.clear()
  }
}

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Empties the cache after every successful write here, and when another instance reports one. */
export function installSessionCache(app: FastifyInstance, cache: SessionCache, bus: CacheBus): void {
  bus.subscribe('pages', () => cache.clear())
  bus.subscribe('sessions', () => cache.clear())
  app.addHook('onResponse', async (request, reply) => {
    if (!writes.has(request.method) || reply.statusCode >= 400) return
    // A clap storm must not empty it on every clap; a clap never ends a session.
    if (request.routeOptions.config.pageCache === 'keep') return
    cache.clear()
    // Signed-in writes already tell every instance ("pages", see page-cache-hooks.ts); a
    // signed-out one (a password reset) must say so itself.
    if (request.viewer === null) bus.publish('sessions')
  })
}
