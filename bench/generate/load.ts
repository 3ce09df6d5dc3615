// Bulk loading: multi-row INSERTs written out by hand (the query builder would rebuild a syntax
// tree for each of a million rows) and a progress line on stderr.
import { CompiledQuery, type Kysely } from 'kysely'
import type { Db } from '../../src/db/database.ts'
import type { Database } from '../../src/db/schema.ts'

// Bound parameters one statement may carry: SQLite's SQLITE_MAX_VARIABLE_NUMBER default, and
// PostgreSQL's wire protocol (a 16-bit count).
const PARAMETER_LIMIT = { sqlite: 32766, postgres: 65535 } as const

/** Every seeded user's password: hashed once, so the benchmark can sign any of them in. */
export const SEED_PASSWORD = 'password123'

export type Row = ReadonlyArray<string | number | null>

/**
 * Inserts rows into a table in as few statements as the engine allows, at most `maxRows` rows each
 * (SQLite is fastest with statements of a few hundred rows; big text columns want fewer).
 */
export async function insertRows(db: Db, executor: Kysely<Database>, table: string, columns: readonly string[], rows: readonly Row[], maxRows = 1000): Promise<void> {
  const perStatement = Math.max(1, Math.min(maxRows, Math.floor(PARAMETER_LIMIT[db.engine] / columns.length)))
  const head = `insert into ${table} (${columns.map((column) => `"${column}"`).join(', ')}) values `
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement)
    let n = 0
    const tuple = () => `(${columns.map(() => (db.engine === 'postgres' ? `$${++n}` : '?')).join(',')})`
    const values = chunk.map(tuple).join(',')
    await executor.executeQuery(CompiledQuery.raw(head + values, chunk.flat() as unknown[]))
  }
}

export async function run(executor: Kysely<Database>, statement: string): Promise<void> {
  await executor.executeQuery(CompiledQuery.raw(statement, []))
}

/** `\r[#####     ] 42% stories 42,000/100,000`, redrawn at most a few times a second. */
export class Progress {
  private done = 0
  private drawnAt = 0
  private readonly label: string
  private readonly total: number
  private readonly started = performance.now()

  constructor(label: string, total: number) {
    this.label = label
    this.total = Math.max(1, total)
    this.draw()
  }

  tick(count: number): void {
    this.done += count
    if (performance.now() - this.drawnAt > 200) this.draw()
  }

  finish(): number {
    this.done = this.total
    this.draw()
    const seconds = (performance.now() - this.started) / 1000
    process.stderr.write(` ${seconds.toFixed(1)} s\n`)
    return Number(seconds.toFixed(1))
  }

  private draw(): void {
    this.drawnAt = performance.now()
    const share = Math.min(1, this.done / this.total)
    const filled = Math.round(share * 20)
    const numbers = `${this.done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')}`
    process.stderr.write(`\r[${'#'.repeat(filled)}${' '.repeat(20 - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${this.label} ${numbers}`)
  }
}
