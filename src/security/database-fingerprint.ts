// A cheap fingerprint of everything the site keeps: the row count of every table, and the latest
// updated_at of those that have one, read in one statement. Two equal fingerprints around a
// refused request say it wrote nothing (no row added or removed, none updated through the code
// paths that stamp updated_at).
import { sql } from 'kysely'
import type { Db } from '../db/database.ts'

// Tables a refused request may write to by design: sessions are stamped with their last use on
// every request, and sign-in throttling and rate limits count refused attempts; that is their job.
const WRITTEN_BY_REFUSALS = /^(sessions|kysely_migration.*)$|rate|throttl|attempt|lock/i

export type Fingerprinter = () => Promise<string>

export async function fingerprinter(db: Db): Promise<Fingerprinter> {
  const tables = (await tablesWithStamp(db)).filter((table) => !WRITTEN_BY_REFUSALS.test(table.name))
  // Table names come from the database's own catalogue, not from a request; the builder has no
  // UNION over a list of tables it does not know at compile time, so the statement is raw.
  const parts = tables.map(({ name, stamped }) =>
    `select '${name}' as t, count(*) as n, ${stamped ? `cast(max(updated_at) as text)` : `cast(null as text)`} as u from "${name}"`)
  const statement = sql.raw<{ t: string; n: number | string; u: string | null }>(parts.join(' union all '))
  return async () => {
    const { rows } = await statement.execute(db.kysely)
    return rows.map((row) => `${row.t}:${row.n}:${row.u ?? ''}`).sort().join('\n')
  }
}

async function tablesWithStamp(db: Db): Promise<{ name: string; stamped: boolean }[]> {
  if (db.engine === 'sqlite') {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%_fts%'`.execute(db.kysely)
    return Promise.all(rows.map(async ({ name }) => {
      const columns = await sql<{ name: string }>`select name from pragma_table_info(${name})`.execute(db.kysely)
      return { name, stamped: columns.rows.some((column) => column.name === 'updated_at') }
    }))
  }
  const { rows } = await sql<{ name: string; stamped: boolean }>`
    select t.table_name as name,
      exists (select 1 from information_schema.columns c
              where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'updated_at') as stamped
    from information_schema.tables t
    where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'`.execute(db.kysely)
  return rows
}
