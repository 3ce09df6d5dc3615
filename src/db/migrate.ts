// Runs the migrations in src/db/migrations, in name order (names start with a date).
import { readdir } from 'node:fs/promises'
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely'

const folder = new URL('./migrations/', import.meta.url)

const provider: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {}
    for (const file of (await readdir(folder)).sort()) {
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue
      migrations[file.replace(/\.ts$/, '')] = (await import(new URL(file, folder).href)) as Migration
    }
    return migrations
  },
}

/**
 * Brings the schema up to date; throws with the failing migration's error. `schema` names the
 * PostgreSQL schema to keep Kysely's own bookkeeping tables in: without it Kysely looks for them
 * in every schema and, finding another schema's, never creates its own (tests run one schema
 * per file, side by side).
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<MigrationResultSet> {
  const result = await new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) }).migrateToLatest()
  if (result.error) throw result.error
  return result
}
