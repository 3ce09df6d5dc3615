// Engine differences in what rows hold, settled once: PostgreSQL returns timestamptz columns
// as Date and COUNT/SUM as strings (bigint/numeric); SQLite returns ISO text and numbers.

/** A stored time as a Date, whichever engine wrote it. */
export function toDate(value: Date | string): Date
export function toDate(value: Date | string | null): Date | null
export function toDate(value: Date | string | null): Date | null {
  if (value === null) return null
  return value instanceof Date ? value : new Date(value)
}

/** An aggregate (COUNT, SUM) as a number; PostgreSQL sends bigints as strings. */
export function toCount(value: number | string | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0
  return Number(value)
}
