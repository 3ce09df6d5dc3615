// SQL whose spelling differs between engines, settled here so feature queries stay portable.
import { sql, type Expression, type RawBuilder } from 'kysely'
import type { Engine } from './database.ts'

/** The smaller of two numbers: LEAST on PostgreSQL, the two-argument MIN on SQLite. */
export function least(engine: Engine, a: Expression<number>, b: Expression<number>): RawBuilder<number> {
  return engine === 'postgres' ? sql<number>`least(${a}, ${b})` : sql<number>`min(${a}, ${b})`
}
