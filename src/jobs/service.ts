// The jobs interface: background work queued in the database (scheduled publishing, e-mail,
// imports). Any instance may run any job: a runner claims due jobs with a lease (on PostgreSQL
// with FOR UPDATE SKIP LOCKED, so two instances never take the same one), runs the handler,
// and deletes the job; a failure is retried with back-off, and the last failure is kept.
//
// Delivery is at least once: a runner that dies mid-job leaves a lease that expires and the job
// runs again. Handlers are therefore idempotent ("publish story 42 if it is still scheduled").
import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Config } from '../config.ts'
import type { Db } from '../db/database.ts'
import type { Database } from '../db/schema.ts'
import { toCount } from '../db/codecs.ts'

export type JobLogger = {
  info: (object: object, message?: string) => void
  error: (object: object, message?: string) => void
}

export type JobContext = {
  db: Db
  config: Readonly<Config>
  log: JobLogger
  /** Which attempt this is, from 1. */
  attempt: number
}

export type JobHandler = (payload: any, context: JobContext) => Promise<void>

type JobDefinition = { handler: JobHandler; maxAttempts: number }

const definitions = new Map<string, JobDefinition>()

/** Registers what a kind of job does; called at the top level of the feature's module. */
export function defineJob(kind: string, handler: JobHandler, options: { maxAttempts?: number } = {}): void {
  if (definitions.has(kind)) throw new Error(`job kind "${kind}" is defined twice`)
  definitions.set(kind, { handler, maxAttempts: options.maxAttempts ?? 5 })
}

export type EnqueueOptions = {
  /** When the job becomes due (default: now). */
  runAt?: Date
  /**
   * At most one pending job per key: enqueueing with a key that is already queued replaces its
   * payload and time (rescheduling a story moves its job instead of adding a second).
   */
  key?: string
}

/** Queues a job; inside a transaction, the job exists only if the transaction commits. */
export async function enqueueJob(
  db: Kysely<Database> | Transaction<Database>,
  kind: string,
  payload: unknown,
  options: EnqueueOptions = {},
): Promise<void> {
  const now = new Date()
  const row = {
    kind,
    payload: JSON.stringify(payload ?? null),
    key: options.key ?? null,
    run_at: options.runAt ?? now,
    created_at: now,
  }
  if (row.key === null) {
    await db.insertInto('jobs').values(row).execute()
    return
  }
  await db.insertInto('jobs').values(row)
    .onConflict((conflict) => conflict.column('key').doUpdateSet({
      kind: (eb) => eb.ref('excluded.kind'),
      payload: (eb) => eb.ref('excluded.payload'),
      run_at: (eb) => eb.ref('excluded.run_at'),
      attempts: 0,
      failed_at: null,
      last_error: null,
    }))
    .execute()
}

/** Removes a pending job by key (a story taken off the schedule). */
export async function cancelJob(db: Kysely<Database> | Transaction<Database>, key: string): Promise<void> {
  await db.deleteFrom('jobs').where('key', '=', key).execute()
}

/** Jobs waiting to run (due or not), for /metrics. */
export async function pendingJobCount(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('count')).where('failed_at', 'is', null).executeTakeFirst()
  return toCount(row?.count)
}

export type RunOptions = {
  /** Treat this as the current time (tests run a scheduled job without waiting). */
  now?: Date
  /** Most jobs to claim in one pass. */
  limit?: number
  /** How long a claim lasts before another runner may take the job again. */
  leaseMs?: number
  log?: JobLogger
}

const silent: JobLogger = { info: () => {}, error: () => {} }
const runnerId = `${process.pid}-${randomUUID().slice(0, 8)}`

/** Claims the jobs due now and runs them one after another; returns how many ran and failed. */
export async function runDueJobs(db: Db, config: Readonly<Config>, options: RunOptions = {}): Promise<{ ran: number; failed: number }> {
  const now = options.now ?? new Date()
  const claimed = await claimDueJobs(db, now, options.limit ?? 20, options.leaseMs ?? 5 * 60_000)
  let failed = 0
  for (const job of claimed) {
    const ok = await runOne(db, config, job, options.log ?? silent)
    if (!ok) failed++
  }
  return { ran: claimed.length, failed }
}

type ClaimedJob = { id: number; kind: string; payload: string; attempts: number; max_attempts: number }

async function claimDueJobs(db: Db, now: Date, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs)
  // SQLite runs one writer at a time, so the UPDATE over its own subquery is already atomic;
  // PostgreSQL needs the row locks, skipping rows another instance is claiming.
  const due = db.kysely.selectFrom('jobs').select('id')
    .where('failed_at', 'is', null)
    .where('run_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .orderBy('run_at').limit(limit)
  const rows = await db.kysely.updateTable('jobs')
    .set({ locked_by: runnerId, locked_until: leaseUntil, attempts: sql`attempts + 1` })
    .where('id', 'in', db.engine === 'postgres' ? due.forUpdate().skipLocked() : due)
    .returning(['id', 'kind', 'payload', 'attempts', 'max_attempts'])
    .execute()
  return rows.map((row) => ({ ...row, id: Number(row.id) }))
}

async function runOne(db: Db, config: Readonly<Config>, job: ClaimedJob, log: JobLogger): Promise<boolean> {
  const definition = definitions.get(job.kind)
  try {
    if (!definition) throw new Error(`no handler for job kind "${job.kind}"`)
    await definition.handler(JSON.parse(job.payload), { db, config, log, attempt: job.attempts })
    // Only our own claim: if the lease ran out and another runner re-took it, the row is theirs.
    await db.kysely.deleteFrom('jobs').where('id', '=', job.id).where('locked_by', '=', runnerId).execute()
    log.info({ job: job.id, kind: job.kind }, 'job done')
    return true
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const maxAttempts = definition ? Math.min(definition.maxAttempts, job.max_attempts) : 1
    const final = job.attempts >= maxAttempts
    // Back-off: 2, 4, 8, 16... seconds, capped at an hour.
    const retryAt = new Date(Date.now() + Math.min(2 ** job.attempts * 1000, 3_600_000))
    await db.kysely.updateTable('jobs')
      .set(final
        ? { failed_at: new Date(), last_error: message, locked_by: null, locked_until: null }
        : { run_at: retryAt, last_error: message, locked_by: null, locked_until: null })
      .where('id', '=', job.id).where('locked_by', '=', runnerId)
      .execute()
    log.error({ job: job.id, kind: job.kind, attempt: job.attempts, final, err: message }, 'job failed')
    return false
  }
}

export type JobRunner = { stop: () => Promise<void> }

/**
 * Runs due jobs every intervalMs until stopped; stop() waits for the pass in progress.
 * `afterJobs` runs after a pass that ran any job (jobs change what pages show: the server
 * empties its page caches then).
 */
export function startJobRunner(db: Db, config: Readonly<Config>, log: JobLogger, intervalMs = 1000, afterJobs?: () => void): JobRunner {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let pass: Promise<unknown> = Promise.resolve()
  const batch = 20
  const runPass = async () => {
    let delay = intervalMs
    try {
      // A full batch means more may be due: go again at once.
      const result = await runDueJobs(db, config, { log, limit: batch })
      if (result.ran > 0) afterJobs?.()
      if (result.ran === batch) delay = 0
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'job runner pass failed')
    }
    if (!stopped) timer = setTimeout(tick, delay)
  }
  const tick = () => { pass = runPass() }
  timer = setTimeout(tick, intervalMs)
  return {
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await pass
    },
  }
}
