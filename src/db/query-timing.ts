// Query timings for /metrics: the database layer reports every query's duration here, and the
// operations feature installs the observer. Nothing is measured until someone listens.
export type QueryObserver = (durationMs: number, failed: boolean) => void

let observer: QueryObserver | undefined

export function observeQueries(next: QueryObserver | undefined): void {
  observer = next
}

/** Kysely's `log` option. */
export function logQuery(event: { level: 'query' | 'error'; queryDurationMillis: number }): void {
  observer?.(event.queryDurationMillis, event.level === 'error')
}
