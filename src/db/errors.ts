// Constraint violations identified by driver code, never by message text.

/** True when the error is a UNIQUE (or primary key) violation on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as { code?: unknown; errcode?: unknown }
  // PostgreSQL: SQLSTATE 23505. node:sqlite: extended result codes SQLITE_CONSTRAINT_UNIQUE
  // (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
  return e.code === '23505' || e.errcode === 2067 || e.errcode === 1555
}
