// Wires the anonymous page cache into Fastify: every HTML page gets an ETag (and a 304 when the
// reader's copy matches), signed-out pages are stored for the fast path, and every successful
// write empties the cache on all instances.
//
// A route opts out with `config: { pageCache: false }` (a GET that must always run), and a
// write that changes nothing a cached page shows (a clap: totals refresh within the cache's
// lifetime) with `config: { pageCache: 'keep' }`.
import { createHash } from 'node:crypto'
import type { OutgoingHttpHeaders } from 'node:http'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { CacheBus } from './cache-bus.ts'
import type { PageCache } from './page-cache.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    pageCache?: boolean | 'keep'
  }
  interface FastifyInstance {
    pageCache: PageCache
    /** Tells every instance what in-memory state is stale (see cache-bus.ts). */
    cacheBus: CacheBus
  }
  interface FastifyRequest {
    /** The page cache's generation when the request arrived (see PageCache.store). */
    pageCacheGeneration: number
  }
}

const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function installPageCache(app: FastifyInstance, cache: PageCache, bus: CacheBus): void {
  bus.subscribe('pages', () => cache.clear())
  app.decorateRequest('pageCacheGeneration', 0)

  app.addHook('onRequest', async (request) => {
    request.pageCacheGeneration = cache.generation
  })

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200 || typeof payload !== 'string') return payload
    if (request.routeOptions.config.pageCache === false) return payload
    const type = reply.getHeader('content-type')
    if (typeof type !== 'string' || !type.startsWith('text/html')) {
      if (reply.hasHeader('etag') && cacheable(request) && !reply.hasHeader('set-cookie')) cache.store(request.url, request.pageCacheGeneration, reply.getHeaders() as OutgoingHttpHeaders, payload)
      return payload
    }
    if (!reply.hasHeader('etag')) {
      reply.header('etag', `"${createHash('sha1').update(payload).digest('base64url')}"`)
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', request.viewer ? 'private, no-cache' : 'public, no-cache')
    }
    if (cacheable(request) && !reply.hasHeader('set-cookie')) {
      cache.store(request.url, request.pageCacheGeneration, reply.getHeaders() as OutgoingHttpHeaders, payload)
    }
    if (request.headers['if-none-match'] === reply.getHeader('etag')) {
      reply.code(304)
      return ''
    }
    return payload
  })

  app.addHook('onResponse', async (request, reply) => {
    if (!writes.has(request.method) || reply.statusCode >= 400) return
    // A signed-out write (signing in, a form that sends the reader to sign in) changes no page;
    // letting it empty the caches would let anyone keep them empty.
    if (request.viewer === null) return
    if (request.routeOptions.config.pageCache === 'keep') return
    bus.publish('pages')
  })
}

/** Signed out, no query string: the same bytes for every reader of this address. */
function cacheable(request: FastifyRequest): boolean {
  return request.viewer === null && request.headers.authorization === undefined && !request.url.includes('?')
}
