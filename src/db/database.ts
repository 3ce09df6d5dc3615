// Opens the database the configuration names: PostgreSQL when a URL is given, otherwise
// SQLite in the data folder. Everything above this module is engine-agnostic.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import type { Pool } from 'pg'
import { openSqlite } from './sqlite-adapter.ts'
import type { Database } from './schema.ts'
import { logQuery } from './query-timing.ts'

export type Engine = 'sqlite' | 'postgres'

export type Db = {
  kysely: Kysely<Database>
  engine: Engine
  /** The PostgreSQL schema the connection works in, when not the default. */
  schema?: string
  /** The PostgreSQL connection string, for connections outside the pool (LISTEN). */
  url?: string
  close: () => Promise<void>
}

export type DbOptions = {
  /** postgres:// URL; SQLite when undefined. */
  databaseUrl?: string | undefined
  /** Folder for ovation.sqlite when on SQLite. */
  dataDir?: string
  /** An explicit SQLite file (tests); wins over dataDir. */
  sqliteFile?: string
  /** PostgreSQL schema to work in (tests isolate each file in its own). */
  pgSchema?: string
  /** Pool size for PostgreSQL. */
  poolSize?: number
}

export function openDb(options: DbOptions): Db {
  if (options.databaseUrl) {
    const url = options.databaseUrl
    // pg is loaded when the first connection is needed: a SQLite site never loads it.
    const pool = async (): Promise<Pool> => new (await import('pg')).default.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      // Tests' schemas: no parallel workers, which were seen to fail to find a schema made a moment
      // before ("schema does not exist", where: parallel worker) on catalog queries.
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema} -c max_parallel_workers_per_gather=0` } : {}),
    })
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: logQuery })
    return {
      kysely,
      engine: 'postgres',
      url: options.databaseUrl,
      ...(options.pgSchema ? { schema: options.pgSchema } : {}),
      close: () => kysely.destroy(),
    }
  }
  let file = options.sqliteFile
  if (!file) {
    const dir = options.dataDir ?? './data'
    mkdirSync(dir, { recursive: true })
    file = join(dir, 'ovation.sqlite')
  }
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: openSqlite(file) }), log: logQuery })
  return { kysely, engine: 'sqlite', close: () => kysely.destroy() }
}
