// The anonymous page cache: the fast path that makes a story page cost about what static bytes
// cost. A page a signed-out reader got (story, home, tag, profile...) is kept whole — headers,
// body, and its gzip and brotli forms — by its path, and the next signed-out request for that
// path is answered from memory before Fastify, the router or the database are involved,
// including the 304 for a matching If-None-Match.
//
// Freshness: any successful write (see installPageCache) empties the cache on every instance
// through the cache bus, so an edit shows at once; numbers that change without a page write
// (clap totals, follower counts) are at most `ttlMs` old.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'

type Entry = {
  etag: string
  headers: OutgoingHttpHeaders
  identity: Buffer
  gzip: Buffer
  brotli: Buffer
  expiresAt: number
}

export type PageCacheStats = { hits: number; notModified: number; stores: number; clears: number }

export class PageCache {
  readonly stats: PageCacheStats = { hits: 0, notModified: 0, stores: 0, clears: 0 }
  #entries = new Map<string, Entry>()
  #maxEntries: number
  #ttlMs: number
  // Bumped by clear(): a page rendered before a write must not be stored after it.
  #generation = 0

  constructor(options: { maxEntries: number; ttlMs: number }) {
    this.#maxEntries = options.maxEntries
    this.#ttlMs = options.ttlMs
  }

  get enabled(): boolean {
    return this.#ttlMs > 0
  }

  get generation(): number {
    return this.#generation
  }

  get size(): number {
    return this.#entries.size
  }

  /** Keeps a rendered page for `path`, unless a write emptied the cache since `generation`. */
  store(path: string, generation: number, headers: OutgoingHttpHeaders, body: string): void {
    if (!this.enabled || generation !== this.#generation) return
    const etag = headers.etag
    if (typeof etag !== 'string') return
    const identity = Buffer.from(body)
    const kept: OutgoingHttpHeaders = {}
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined && !skippedHeaders.has(name)) kept[name] = value
    }
    kept.vary = 'Accept-Encoding, Cookie, Authorization'
    this.#entries.delete(path)
    this.#entries.set(path, {
      etag,
      headers: kept,
      identity,
      gzip: gzipSync(identity, { level: 6 }),
      // Quality 6: most of brotli's gain at a fraction of its top setting's time.
      brotli: brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 6 } }),
      expiresAt: Date.now() + this.#ttlMs,
    })
    this.stats.stores++
    if (this.#entries.size > this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value as string)
  }

  clear(): void {
    this.#generation++
    this.#entries.clear()
    this.stats.clears++
  }

  /** Answers a signed-out GET or HEAD from memory; false when the request must go to the app. */
  tryServe(request: IncomingMessage, response: ServerResponse): boolean {
    if (this.#entries.size === 0) return false
    if (request.method !== 'GET' && request.method !== 'HEAD') return false
    const url = request.url
    if (url === undefined) return false
    const entry = this.#entries.get(url)
    if (entry === undefined) return false
    if (entry.expiresAt < Date.now()) {
      this.#entries.delete(url)
      return false
    }
    if (!isAnonymous(request)) return false

    if (matchesEtag(request.headers['if-none-match'], entry.etag)) {
      this.stats.notModified++
      response.writeHead(304, notModifiedHeaders(entry.headers))
      response.end()
      return true
    }
    this.stats.hits++
    const accepted = request.headers['accept-encoding'] ?? ''
    const [body, encoding] = accepted.includes('br') ? [entry.brotli, 'br']
      : accepted.includes('gzip') ? [entry.gzip, 'gzip']
      : [entry.identity, undefined]
    const headers: OutgoingHttpHeaders = { ...entry.headers, 'content-length': body.length }
    if (encoding) headers['content-encoding'] = encoding
    response.writeHead(200, headers)
    response.end(request.method === 'HEAD' ? undefined : body)
    return true
  }
}

// Per-response or recomputed: never replayed from the cache.
const skippedHeaders = new Set(['content-length', 'content-encoding', 'set-cookie', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'vary', 'x-request-id'])

/** Signed-out: no API token and no session cookie (other cookies do not change a page). */
export function isAnonymous(request: IncomingMessage): boolean {
  if (request.headers.authorization !== undefined) return false
  const cookie = request.headers.cookie
  return cookie === undefined || !cookie.includes('ovation_session=')
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false
  if (ifNoneMatch === etag) return true
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag)
}

function notModifiedHeaders(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const { 'content-type': _type, ...rest } = headers
  return rest
}
