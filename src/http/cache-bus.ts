// The cache bus: tells every instance of the site that something it keeps in memory is stale.
// Within a process, handlers run at once. Across instances on PostgreSQL the message travels by
// LISTEN/NOTIFY; across the processes of one machine (WORKERS=n, also on SQLite) through the
// cluster primary. A message is only a topic name ("pages"): each subscriber knows what to drop.
import cluster from 'node:cluster'
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { sql } from 'kysely'
import type { Db } from '../db/database.ts'

export type CacheBus = {
  publish: (topic: string) => void
  subscribe: (topic: string, handler: () => void) => void
  close: () => Promise<void>
}

type Logger = { warn: (object: object, message?: string) => void }

export async function openCacheBus(db: Db, log: Logger): Promise<CacheBus> {
  // Who sent a message: an instance ignores its own echo (it delivered locally already).
  const instance = randomUUID()
  const handlers = new Map<string, Array<() => void>>()
  // '*' (after a lost connection) reaches every subscriber.
  const deliver = (topic: string) => {
    const chosen = topic === '*' ? [...handlers.values()].flat() : handlers.get(topic) ?? []
    for (const handler of chosen) handler()
  }
  // One channel per database schema: test files sharing a PostgreSQL database stay apart.
  const channel = `ovation_cache${db.schema ? `_${db.schema}` : ''}`
  const listener = db.engine === 'postgres' && db.url ? await listen(db.url, channel, instance, deliver, log) : undefined

  const fromCluster = (message: unknown) => {
    if (isBusMessage(message) && message.from !== instance) deliver(message.ovationCache)
  }
  if (cluster.isWorker) process.on('message', fromCluster)

  return {
    publish(topic) {
      deliver(topic)
      if (listener) {
        // Fire and forget: a lost notification costs at most the page cache's lifetime.
        sql`select pg_notify(${channel}, ${`${instance} ${topic}`})`.execute(db.kysely)
          .catch((error: unknown) => log.warn({ err: String(error) }, 'cache bus: notify failed'))
      } else if (cluster.isWorker && process.send) {
        process.send({ ovationCache: topic, from: instance })
      }
    },
    subscribe(topic, handler) {
      handlers.set(topic, [...(handlers.get(topic) ?? []), handler])
    },
    async close() {
      if (cluster.isWorker) process.off('message', fromCluster)
      await listener?.close()
    },
  }
}

type BusMessage = { ovationCache: string; from: string }

export function isBusMessage(message: unknown): message is BusMessage {
  return typeof message === 'object' && message !== null && typeof (message as BusMessage).ovationCache === 'string'
}

/** A connection of its own that LISTENs, reconnecting after a drop (and then assuming the worst). */
async function listen(url: string, channel: string, instance: string, deliver: (topic: string) => void, log: Logger) {
  let client: pg.Client | undefined
  let closed = false
  let retrying = false
  const retry = () => {
    if (closed || retrying) return
    retrying = true
    setTimeout(() => {
      retrying = false
      // Messages may have been missed while disconnected: every cache is suspect.
      connect().then(() => deliver('*'), (error: unknown) => {
        log.warn({ err: String(error) }, 'cache bus: reconnect failed')
        retry()
      })
    }, 1000)
  }
  const connect = async (): Promise<void> => {
    const { default: { Client } } = await import('pg')
    const next = new Client({ connectionString: url })
    next.on('notification', (message) => {
      const [from, topic] = (message.payload ?? '').split(' ')
      if (from !== instance && topic) deliver(topic)
    })
    next.on('error', (error) => log.warn({ err: String(error) }, 'cache bus: connection lost'))
    next.on('end', () => { if (client === next) retry() })
    await next.connect()
    await next.query(`LISTEN "${channel}"`)
    client = next
  }
  await connect()
  return {
    close: async () => {
      closed = true
      await client?.end()
    },
  }
}
