// One load run through autocannon's programmatic API. Latencies are recorded here from every
// response, not taken from autocannon's summary: it keeps only 2xx latencies (a 304 run would
// have none) and reports no p95.
import autocannon, { type Client, type Request } from 'autocannon'

export type LoadOptions = {
  url: string
  connections: number
  seconds: number
  method?: string
  headers?: Record<string, string>
  body?: string
  /** Per-connection setup (a reader's own token or cookie, their own request sequence). */
  setupClient?: (client: Client, index: number) => void
  requests?: Request[]
}

export type LoadResult = {
  requestsPerSecond: number
  /** Milliseconds. */
  p50: number
  p95: number
  p99: number
  responses: number
  statuses: Record<string, number>
  errors: number
  timeouts: number
  seconds: number
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let clients = 0
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    pipelining: 1,
    timeout: 30,
    ...(options.method ? { method: options.method } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body ? { body: options.body } : {}),
    ...(options.requests ? { requests: options.requests } : {}),
    ...(options.setupClient ? { setupClient: (client: Client) => options.setupClient?.(client, clients++) } : {}),
  })
  instance.on('response', (_client: Client, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime)
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
  })
  const result = await instance
  latencies.sort((a, b) => a - b)
  return {
    requestsPerSecond: latencies.length / result.duration,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    responses: latencies.length,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
  }
}

function percentile(sorted: number[], share: number): number {
  if (!sorted.length) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] as number
}
