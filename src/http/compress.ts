// Compresses what the app renders on the fly: signed-in pages, a signed-out page's first render,
// JSON answers. (Pages served from the page cache are compressed once, when stored; the hashed
// assets are compressed at build time.) Fast settings: a page is rendered for one reader, so
// the time to squeeze it is paid on every request.
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'

const MIN_BYTES = 1024
const compressible = /^(text\/html|application\/json|application\/(rss|atom|feed)\+(xml|json)|application\/xml|text\/xml)/

/** Registered after the page cache's hook, which must see (and keep) the uncompressed page. */
export function installCompression(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload)
    const type = reply.getHeader('content-type')
    if (reply.statusCode !== 200 || typeof type !== 'string' || !compressible.test(type) || reply.hasHeader('content-encoding')) return done(null, payload)
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length
    if (size < MIN_BYTES) return done(null, payload)
    const accepted = request.headers['accept-encoding'] ?? ''
    const encoding = accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : undefined
    reply.header('vary', varyWithEncoding(reply.getHeader('vary')))
    if (encoding === undefined) return done(null, payload)
    const body = encoding === 'br'
      ? brotliCompressSync(payload, { params: { [zlib.BROTLI_PARAM_QUALITY]: 3, [zlib.BROTLI_PARAM_SIZE_HINT]: size } })
      : gzipSync(payload, { level: 5 })
    reply.header('content-encoding', encoding).removeHeader('content-length')
    done(null, body)
  })
}

function varyWithEncoding(vary: unknown): string {
  const current = typeof vary === 'string' ? vary : Array.isArray(vary) ? vary.join(', ') : ''
  if (/accept-encoding/i.test(current)) return current
  return current ? `${current}, Accept-Encoding` : 'Accept-Encoding'
}
