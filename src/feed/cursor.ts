// Feed cursors: opaque to clients, a position in a list that new stories cannot shift.
//
// Following is strictly chronological, so its cursor is the last story's (published_at, id):
// the next page is every story strictly older than it. A story published meanwhile sorts
// before the cursor, so it can neither repeat a story nor push one past the page boundary
// (which an offset would: each new story moves every later one down a place).
//
// For you is a ranking, so its cursor is (as of, offset): every page ranks the same candidate
// set (stories published up to `asOf`) at the same moment, so a page boundary stays put.

export type ChronoCursor = { publishedAt: Date; id: number }
export type RankCursor = { asOf: Date; offset: number }

export function encodeChrono(cursor: ChronoCursor): string {
  return Buffer.from(`c:${cursor.publishedAt.toISOString()}:${cursor.id}`).toString('base64url')
}

export function encodeRank(cursor: RankCursor): string {
  return Buffer.from(`r:${cursor.asOf.toISOString()}:${cursor.offset}`).toString('base64url')
}

/** The cursor a client sent; undefined for anything we did not write (a first page instead). */
export function decodeChrono(text: string | undefined): ChronoCursor | undefined {
  const match = /^c:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z):(\d{1,10})$/.exec(decode(text))
  if (!match) return undefined
  const publishedAt = new Date(match[1] as string)
  const id = Number(match[2])
  return Number.isNaN(publishedAt.getTime()) || id > 2_147_483_647 ? undefined : { publishedAt, id }
}

export function decodeRank(text: string | undefined): RankCursor | undefined {
  const match = /^r:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z):(\d{1,4})$/.exec(decode(text))
  if (!match) return undefined
  const asOf = new Date(match[1] as string)
  return Number.isNaN(asOf.getTime()) ? undefined : { asOf, offset: Number(match[2]) }
}

function decode(text: string | undefined): string {
  if (!text || text.length > 200) return ''
  return Buffer.from(text, 'base64url').toString('utf8')
}
