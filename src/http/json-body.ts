// JSON bodies, parsed safely (no __proto__ or constructor.prototype keys), where an empty body
// reads as no body: RealWorld clients send `Content-Type: application/json` with nothing on
// bodiless POSTs such as favorite, and Fastify's own parser answers those with 400.
import type { FastifyInstance } from 'fastify'
import secureJson from 'secure-json-parse'

export function installJsonBodies(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = (body as string).trim()
    if (text === '') return done(null, undefined)
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }))
    } catch {
      done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }), undefined)
    }
  })
}
