// Story slugs keep the title's letters (/@ana/ночные-поезда-1a2b3c4d5e6f), and Node refuses to
// send a header holding characters past Latin-1: a redirect to such a story answered 500 (issue
// 9's fuzzer found it). Browsers accept the same path percent-encoded, so it leaves that way.
import type { FastifyInstance } from 'fastify'

export function installLocationEncoding(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    const location = reply.getHeader('location')
    if (typeof location === 'string' && /[^\x21-\x7e]/.test(location)) reply.header('location', encodeLocation(location))
    return payload
  })
}

/** Percent-encodes what a header cannot carry (spaces, controls, non-ASCII), leaving `%xx`, `/`, `?` and the rest as they are. */
export function encodeLocation(location: string): string {
  return location.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run.toWellFormed()))
}
