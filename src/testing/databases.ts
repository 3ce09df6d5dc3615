// Test databases: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set (as in CI). Each
// call gives a fresh, migrated database of its own (a temporary file, or a schema of its own),
// so test files run in parallel without seeing each other's rows.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDb, type Db, type Engine } from '../db/database.ts'
import { migrateToLatest } from '../db/migrate.ts'

/** The engines this run tests on. */
export function engines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']
}

export async function openTestDb(engine: Engine): Promise<Db> {
  const db = engine === 'sqlite' ? openSqliteTestDb() : await openPostgresTestDb()
  // On a machine running many test files at once, a new connection has been seen (twice in
  // ~1,600 tests) not to find the schema another connection had just created ("schema does not
  // exist", 3F000); the cause is not known. Migrating again a moment later finds it.
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(db.kysely, db.schema)
      return db
    } catch (error) {
      if (attempt >= 3 || (error as { code?: string }).code !== '3F000') throw error
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt))
    }
  }
}

function openSqliteTestDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), 'ovation-test-'))
  const db = openDb({ sqliteFile: join(dir, 'test.sqlite') })
  return {
    ...db,
    close: async () => {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

async function openPostgresTestDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL as string
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`
  await withClient(url, (client) => client.query(`create schema ${schema}`))
  const db = openDb({ databaseUrl: url, pgSchema: schema, poolSize: 20 })
  return {
    ...db,
    close: async () => {
      await db.close()
      await withClient(url, (client) => client.query(`drop schema ${schema} cascade`))
    },
  }
}

async function withClient(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await work(client)
  } finally {
    await client.end()
  }
}
