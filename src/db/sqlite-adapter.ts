// Kysely's SqliteDialect expects the better-sqlite3 interface; this adapts Node's built-in
// node:sqlite to it, so no native addon ties node_modules to the Node version that installed it.
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

type Param = null | number | bigint | string | NodeJS.ArrayBufferView

/** Opens a SQLite file (or ':memory:') tuned for a web server: WAL, foreign keys, busy timeout. */
export function openSqlite(path: string): SqliteDatabase {
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: 5000 })
  db.exec('PRAGMA journal_mode = WAL')
  db.exec('PRAGMA synchronous = NORMAL')
  db.exec('PRAGMA busy_timeout = 5000')
  // Preparing a statement costs more than running a small one; the app issues a bounded set
  // of distinct statements, so keep them prepared.
  const cache = new Map<string, SqliteStatement>()
  return {
    close: () => {
      cache.clear()
      db.close()
    },
    prepare(sql: string): SqliteStatement {
      // Kysely opens transactions with a plain BEGIN, which takes the write lock only at the first
      // write; with several processes on one file (WORKERS=n) a transaction that read first can
      // then fail to write (SQLITE_BUSY_SNAPSHOT). IMMEDIATE takes the lock up front, and the busy
      // timeout queues writers instead.
      if (sql === 'begin') sql = 'begin immediate'
      let statement = cache.get(sql)
      if (!statement) {
        statement = adapt(db.prepare(sql))
        if (cache.size > 1000) cache.clear()
        cache.set(sql, statement)
      }
      return statement
    },
  }
}

function adapt(statement: StatementSync): SqliteStatement {
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...bind(parameters)),
    run(parameters) {
      const result = statement.run(...bind(parameters))
      return { changes: result.changes, lastInsertRowid: result.lastInsertRowid }
    },
    iterate: (parameters) => statement.iterate(...bind(parameters)) as IterableIterator<unknown>,
  }
}

// node:sqlite binds neither Date nor boolean; we store times as ISO 8601 text in UTC
// (the same form toISOString() gives, so text order is time order) and booleans as 0/1.
function bind(parameters: ReadonlyArray<unknown>): Param[] {
  return parameters.map((value) => {
    if (value instanceof Date) return value.toISOString()
    if (typeof value === 'boolean') return value ? 1 : 0
    if (value === undefined) return null
    return value as Param
  })
}
