// What tables the database holds, read from the database itself rather than from a list in the
// code: features add tables all the time, and a site export must carry every one of them. Each
// engine is asked in its own words (this is the one place that branches on it for the catalog).
import { sql, type Kysely } from 'kysely'
import type { Engine } from '../db/database.ts'

/** A database or a transaction on it (an export reads everything in one snapshot). */
export type Reader = { kysely: Kysely<any>; engine: Engine }

export type TableInfo = {
  name: string
  /** Stored columns in table order; generated ones (PostgreSQL's search vectors) are left out. */
  columns: string[]
  /** The primary key's columns, the order rows are written in. */
  key: string[]
  /** Tables this one's foreign keys point at (itself excluded). */
  parents: string[]
  /** Whether it has a serial/autoincrement `id` whose sequence must follow imported rows. */
  serialId: boolean
}

/**
 * Tables that are not the site's data: the migrator's own bookkeeping (the target migrates
 * itself), uploads waiting for an import job (transient, possibly large), and PostgreSQL's story
 * search index (story_search, migration 0012: a trigger on stories refills it, like FTS5's tables),
 * and the short-lived security bookkeeping of issue 9: e-mailed tokens (an hour or a day), sign-in
 * back-off, sign-ups per address, and PostgreSQL's shared rate-limit windows.
 */
export const NOT_EXPORTED = new Set([
  'kysely_migration', 'kysely_migration_lock', 'import_uploads', 'story_search',
  'account_tokens', 'sign_in_throttles', 'sign_up_attempts', 'rate_limit_windows',
])

export async function siteTables(db: Reader): Promise<TableInfo[]> {
  const names = db.engine === 'sqlite' ? await sqliteTables(db) : await postgresTables(db)
  const tables: TableInfo[] = []
  for (const name of names.filter((n) => !NOT_EXPORTED.has(n)).sort()) {
    tables.push(db.engine === 'sqlite' ? await sqliteTable(db, name) : await postgresTable(db, name))
  }
  return tables
}

/** Tables in an order where every table comes after the tables it points at. */
export function parentsFirst(tables: TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((table) => [table.name, table]))
  const ordered: TableInfo[] = []
  const seen = new Set<string>()
  const visit = (table: TableInfo, path: Set<string>) => {
    if (seen.has(table.name) || path.has(table.name)) return
    path.add(table.name)
    for (const parent of table.parents) {
      const found = byName.get(parent)
      if (found) visit(found, path)
    }
    seen.add(table.name)
    ordered.push(table)
  }
  for (const table of tables) visit(table, new Set())
  return ordered
}

async function sqliteTables(db: Reader): Promise<string[]> {
  // type 'table' only: FTS5 indexes are 'virtual' and their storage 'shadow'; triggers refill them.
  const { rows } = await sql<{ name: string }>`select name from pragma_table_list where schema = 'main' and type = 'table' and name not like 'sqlite_%'`.execute(db.kysely)
  return rows.map((row) => row.name)
}

async function sqliteTable(db: Reader, name: string): Promise<TableInfo> {
  const { rows: columns } = await sql<{ name: string; pk: number; hidden: number; type: string }>`select name, pk, hidden, type from pragma_table_xinfo(${name})`.execute(db.kysely)
  const { rows: fks } = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${name})`.execute(db.kysely)
  const stored = columns.filter((column) => column.hidden === 0)
  const key = stored.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name)
  return {
    name,
    columns: stored.map((column) => column.name),
    key: key.length ? key : stored.map((column) => column.name),
    parents: [...new Set(fks.map((fk) => fk.table).filter((parent) => parent !== name))],
    serialId: key.length === 1 && key[0] === 'id',
  }
}

async function postgresTables(db: Reader): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db.kysely)
  return rows.map((row) => row.name)
}

async function postgresTable(db: Reader, name: string): Promise<TableInfo> {
  const { rows: columns } = await sql<{ name: string; generated: string; serial: boolean }>`
    select column_name as name, is_generated as generated, coalesce(column_default like 'nextval(%', false) as serial
    from information_schema.columns where table_schema = current_schema() and table_name = ${name} order by ordinal_position`.execute(db.kysely)
  const { rows: key } = await sql<{ name: string }>`
    select a.attname as name from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(${name})) and i.indisprimary
    order by array_position(i.indkey, a.attnum)`.execute(db.kysely)
  const { rows: parents } = await sql<{ parent: string }>`
    select distinct p.relname as parent from pg_constraint c
    join pg_class t on t.oid = c.conrelid join pg_class p on p.oid = c.confrelid
    join pg_namespace n on n.oid = t.relnamespace
    where c.contype = 'f' and n.nspname = current_schema() and t.relname = ${name}`.execute(db.kysely)
  const stored = columns.filter((column) => column.generated === 'NEVER')
  const keyNames = key.map((k) => k.name)
  return {
    name,
    columns: stored.map((column) => column.name),
    key: keyNames.length ? keyNames : stored.map((column) => column.name),
    parents: parents.map((p) => p.parent).filter((parent) => parent !== name),
    serialId: stored.some((column) => column.name === 'id' && column.serial),
  }
}
