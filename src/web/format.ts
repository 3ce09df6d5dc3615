// How numbers and dates read on pages.

const dateFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })

/** "Nov 12, 2026" (UTC, so every reader and every cache sees the same page). */
export function formatDate(date: Date): string {
  return dateFormat.format(date)
}

/** 950 → "950", 1234 → "1.2K", 2500000 → "2.5M", as Medium shows clap counts. */
export function formatCount(n: number): string {
  if (n < 1000) return String(n)
  if (n < 1_000_000) return `${trim(n / 1000)}K`
  return `${trim(n / 1_000_000)}M`
}

function trim(value: number): string {
  return (Math.floor(value * 10) / 10).toFixed(1).replace(/\.0$/, '')
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}
