// Where @fastify/rate-limit keeps its counts (its "store" option: a class with incr(key, cb,
// timeWindow) and child(routeOptions)). Fixed windows: the first hit opens a window of
// timeWindow ms, later hits in it count up, the first hit after it opens a new one.
// Every route of one limit category shares one count (the category is in the key, see
// rate-limits.ts), so child() hands back the same store instead of a fresh one per route as the
// plugin's own LocalStore does.
import { sql } from 'kysely'
import type { Db } from '../db/database.ts'

type Counted = { current: number; ttl: number }
type Callback = (error: Error | null, result?: Counted) => void

export interface RateLimitStore {
  incr(key: string, callback: Callback, timeWindow: number): void
  child(routeOptions: unknown): RateLimitStore
}

/** Counts in this process's memory: one process, or SQLite with WORKERS=n (each counts apart). */
export class MemoryRateLimitStore implements RateLimitStore {
  #windows = new Map<string, { hits: number; endsAt: number }>()
  #maxKeys: number

  constructor(maxKeys = 100_000) {
    this.#maxKeys = maxKeys
  }

  incr(key: string, callback: Callback, timeWindow: number): void {
    const now = Date.now()
    let window = this.#windows.get(key)
    if (!window || window.endsAt <= now) {
      if (!window && this.#windows.size >= this.#maxKeys) this.#forgetEnded(now)
      window = { hits: 0, endsAt: now + timeWindow }
      this.#windows.set(key, window)
    }
    window.hits++
    callback(null, { current: window.hits, ttl: window.endsAt - now })
  }

  child(): RateLimitStore {
    return this
  }

  // Bounded memory under a flood of distinct addresses: drop ended windows, and if every window
  // is still open, the oldest ones (a Map iterates in insertion order).
  #forgetEnded(now: number) {
    for (const [key, window] of this.#windows) if (window.endsAt <= now) this.#windows.delete(key)
    for (const key of this.#windows.keys()) {
      if (this.#windows.size < this.#maxKeys) break
      this.#windows.delete(key)
    }
  }
}

/**
 * Counts in PostgreSQL's rate_limit_windows table (migration 0014), so that every instance of
 * the site shares them: one upsert per limited request, the database's clock for every window.
 */
export class PostgresRateLimitStore implements RateLimitStore {
  #db: Db
  #sinceSweep = 0

  constructor(db: Db) {
    this.#db = db
  }

  incr(key: string, callback: Callback, timeWindow: number): void {
    this.#count(key, timeWindow).then((counted) => callback(null, counted), (error: Error) => callback(error))
  }

  child(): RateLimitStore {
    return this
  }

  async #count(key: string, timeWindow: number): Promise<Counted> {
    // Raw SQL: the builder has no way to say "restart the window if it has ended" inside
    // one upsert, and one statement is what keeps two instances from both opening a window.
    const { rows } = await sql<{ hits: number; ttl: number }>`
      insert into rate_limit_windows as w (key, hits, ends_at)
      values (${key}, 1, now() + ${timeWindow} * interval '1 millisecond')
      on conflict (key) do update set
        hits = case when w.ends_at <= now() then 1 else w.hits + 1 end,
        ends_at = case when w.ends_at <= now() then excluded.ends_at else w.ends_at end
      returning hits, ceil(extract(epoch from (ends_at - now())) * 1000)::integer as ttl`.execute(this.#db.kysely)
    const row = rows[0] as { hits: number; ttl: number }
    if (++this.#sinceSweep >= 1000) {
      this.#sinceSweep = 0
      // Ended windows are only dead rows; sweep them now and then rather than on every hit.
      void sql`delete from rate_limit_windows where ends_at < now()`.execute(this.#db.kysely).catch(() => {})
    }
    return { current: row.hits, ttl: Math.max(0, row.ttl) }
  }
}
