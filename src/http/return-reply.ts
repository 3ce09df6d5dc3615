// Handlers here send with `reply.send()` / `reply.redirect()` / `sendPage()` and then simply end.
// With async onSend hooks (the page cache, rate limits, the Location encoder) that send is still
// under way when the handler's promise settles, and Fastify, seeing nothing returned and nothing
// sent yet, sends a second time: "Reply was already sent" and a failed writeHead in the log.
// Fastify's rule is "return reply" after sending; this applies it to every route, so no handler
// can forget it.
import type { FastifyInstance, FastifyReply } from 'fastify'

const sending = Symbol('ovation.sending')
type Marked = FastifyReply & { [sending]?: boolean }

export function installReturnReply(app: FastifyInstance): void {
  // The first onSend hook: it runs inside the handler's own send() call, so the mark is there
  // by the time the handler returns.
  app.addHook('onSend', (_request, reply, payload, done) => {
    ;(reply as Marked)[sending] = true
    done(null, payload)
  })
  app.addHook('onRoute', (route) => {
    const handler = route.handler
    route.handler = async function (this: FastifyInstance, request, reply) {
      const result = await handler.call(this, request, reply)
      return result === undefined && (reply as Marked)[sending] === true ? reply : result
    }
  })
}
