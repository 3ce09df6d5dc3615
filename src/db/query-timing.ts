// Query timings: the database layer reports every query's duration here. /metrics listens, and
// tests count the queries a page makes. Nothing is measured until someone listens.
export type QueryObserver = (durationMs: number, failed: boolean, sql: string) => void

const observers = new Set<QueryObserver>()

/** Starts listening; returns the function that stops. */
export function observeQueries(observer: QueryObserver): () => void {
  observers.add(observer)
  return () => observers.delete(observer)
}

/** Kysely's `log` option. */
export function logQuery(event: { level: 'query' | 'error'; queryDurationMillis: number; query: { sql: string } }): void {
  if (observers.size === 0) return
  for (const observer of observers) observer(event.queryDurationMillis, event.level === 'error', event.query.sql)
}
