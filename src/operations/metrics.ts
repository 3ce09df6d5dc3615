// Prometheus metrics for the operator: request rates and latencies by route, database query
// timings, the page cache's fast path (which Fastify never sees) and the jobs queue's depth.
// One registry per app, so tests can build several apps in one process.
import type { FastifyInstance } from 'fastify'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Db } from '../db/database.ts'
import { observeQueries } from '../db/query-timing.ts'
import { pendingJobCount } from '../jobs/service.ts'

export function installMetrics(app: FastifyInstance, db: Db): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'ovation_' })

  const requests = new Histogram({
    name: 'ovation_http_request_duration_seconds',
    help: 'Time to answer a request routed by Fastify, by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern, not the URL: one series per route, whatever the slugs.
    const route = request.routeOptions.url ?? 'unmatched'
    requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000)
  })

  const queries = new Histogram({
    name: 'ovation_db_query_duration_seconds',
    help: 'Database query time, by outcome',
    labelNames: ['outcome'],
    buckets: [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    registers: [registry],
  })
  const stop = observeQueries((ms, failed) => queries.observe({ outcome: failed ? 'error' : 'ok' }, ms / 1000))

  const cache = app.pageCache
  for (const [name, help, read] of [
    ['ovation_page_cache_hits_total', 'Signed-out pages answered from memory with 200', () => cache.stats.hits],
    ['ovation_page_cache_not_modified_total', 'Signed-out pages answered from memory with 304', () => cache.stats.notModified],
    ['ovation_page_cache_stores_total', 'Pages rendered and kept for the fast path', () => cache.stats.stores],
    ['ovation_page_cache_clears_total', 'Times a write emptied the page cache', () => cache.stats.clears],
  ] as const) {
    new Counter({ name, help, registers: [registry], collect() { this.reset(); this.inc(read()) } })
  }
  new Gauge({ name: 'ovation_page_cache_entries', help: 'Pages in the cache', registers: [registry], collect() { this.set(cache.size) } })
  new Gauge({
    name: 'ovation_jobs_pending',
    help: 'Background jobs waiting to run (due or scheduled)',
    registers: [registry],
    async collect() { this.set(await pendingJobCount(db.kysely)) },
  })
  app.addHook('onClose', async () => { stop() })
  return registry
}
