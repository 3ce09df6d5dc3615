// Operations: /healthz for load balancers and orchestrators (is the database reachable?) and
// /metrics for Prometheus. Metrics are for the operator: open from this machine, and from
// elsewhere only with METRICS_TOKEN as a bearer token.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import { sql } from 'kysely'
import { timingSafeEqual } from 'node:crypto'
import type { Registry } from 'prom-client'
import type { FeatureDeps } from '../app.ts'

export const operationsRoutes: FastifyPluginAsync<FeatureDeps & { metrics: Registry }> = async (app, { config, db, metrics: registry }) => {

  const health = async (_request: FastifyRequest, reply: import('fastify').FastifyReply) => {
    reply.header('cache-control', 'no-store')
    try {
      await sql`select 1`.execute(db.kysely)
      return { status: 'ok', database: db.engine }
    } catch (error) {
      reply.code(503)
      return { status: 'unavailable', database: db.engine, error: error instanceof Error ? error.message : String(error) }
    }
  }
  const hidden = { schema: { hide: true }, config: { pageCache: false } }
  app.get('/healthz', hidden, health)
  app.get('/health', hidden, health)

  app.get('/metrics', hidden, async (request, reply) => {
    if (!mayReadMetrics(request, config.metricsToken)) {
      reply.code(403).header('cache-control', 'no-store')
      return { errors: { metrics: ['set METRICS_TOKEN and send it as "Authorization: Bearer <token>", or ask from this machine'] } }
    }
    reply.type(registry.contentType).header('cache-control', 'no-store')
    return registry.metrics()
  })
}

function mayReadMetrics(request: FastifyRequest, token: string | undefined): boolean {
  const given = request.headers.authorization?.match(/^Bearer (.+)$/)?.[1]
  if (token !== undefined && given !== undefined) {
    const [a, b] = [Buffer.from(given), Buffer.from(token)]
    return a.length === b.length && timingSafeEqual(a, b)
  }
  // The socket's own address: a forwarded header must not make a stranger look local.
  const address = request.socket.remoteAddress ?? ''
  return token === undefined && (address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1')
}
