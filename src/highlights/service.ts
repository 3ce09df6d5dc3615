// Highlights: a reader marks a passage of a story (block id + character offsets + the words).
// A reader sees their own; everyone sees the passage most readers marked, "Top highlight".
import type { Db } from '../db/database.ts'
import { toDate } from '../db/codecs.ts'
import { forbidden, invalid, notFound } from '../http/errors.ts'
import { storyBySlug, type Story } from '../stories/service.ts'
import type { StoryDocument } from '../stories/document/types.ts'
import { notifyStoryAuthor } from '../notifications/service.ts'
import { anchorProblem, anchorTexts, relocate, type Anchor } from './anchors.ts'
import * as q from './queries.ts'

export { anchorProblem, anchorTexts, relocate, type Anchor } from './anchors.ts'

export type Highlight = {
  id: number
  /** Where the passage is now; the stored place when detached. */
  blockId: string
  start: number
  end: number
  quote: string
  /** Its block was deleted (or its words rewritten): kept in the reader's list, not shown. */
  detached: boolean
  createdAt: Date
}

export type TopHighlight = { blockId: string; start: number; end: number; quote: string; readers: number }

/** A top highlight needs at least this many readers: one reader's mark is not a consensus. */
export const TOP_HIGHLIGHT_MIN_READERS = 2

export async function highlight(db: Db, viewerId: number, slug: string, anchor: Anchor): Promise<Highlight> {
  const story = await storyBySlug(db, slug, viewerId)
  const texts = anchorTexts(documentOf(story))
  const problem = anchorProblem(texts, anchor)
  if (problem) throw invalid(problem)
  const quote = (texts.get(anchor.blockId) as string).slice(anchor.start, anchor.end)
  const now = new Date()
  const id = await db.kysely.transaction().execute(async (trx) => {
    const id = await q.insertHighlight(trx, { userId: viewerId, storyId: story.row.id, ...anchor, quote, now })
    await notifyStoryAuthor(trx, story.row.id, { type: 'highlight', actorId: viewerId })
    return id
  })
  return { id, ...anchor, quote, detached: false, createdAt: now }
}

/** The reader's highlights on a story (none when signed out) and the story's top highlight. */
export async function highlightsOf(db: Db, slug: string, viewerId: number | null): Promise<{ mine: Highlight[]; top: TopHighlight | null }> {
  const story = await storyBySlug(db, slug, viewerId)
  const texts = anchorTexts(documentOf(story))
  const [rows, popular] = await Promise.all([
    viewerId === null ? [] : q.highlightsOnStory(db.kysely, viewerId, story.row.id),
    q.popularPassages(db.kysely, story.row.id, 5),
  ])
  let top: TopHighlight | null = null
  for (const passage of popular) {
    const readers = Number(passage.readers)
    if (readers < TOP_HIGHLIGHT_MIN_READERS) break
    const at = relocate(texts, { blockId: passage.block_id, start: passage.start_offset, end: passage.end_offset }, passage.quote)
    if (at) {
      top = { ...at, quote: passage.quote, readers }
      break
    }
  }
  return { mine: rows.map((row) => place(texts, row)), top }
}

export async function deleteHighlight(db: Db, viewerId: number, id: number): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const row = await q.highlightById(trx, id)
    if (!row) throw notFound('highlight', 'highlight_not_found')
    if (row.user_id !== viewerId) throw forbidden('highlight', 'not_highlight_owner')
    await q.deleteHighlight(trx, id)
  })
}

export type ReaderHighlight = Highlight & { story: { title: string; path: string } }

/** A reader's highlights across stories, newest first, each placed in its story as it is now. */
export async function readerHighlights(db: Db, viewerId: number, limit: number, offset: number): Promise<ReaderHighlight[]> {
  const rows = await q.highlightsOfReader(db.kysely, viewerId, limit, offset)
  return rows.map((row) => {
    const texts = anchorTexts(JSON.parse(row.body) as StoryDocument)
    const slug = `${row.slug}-${row.short_id}`
    const path = row.publication_slug ? `/${row.publication_slug}/${slug}` : `/@${row.author_username}/${slug}`
    return { ...place(texts, row), story: { title: row.title, path } }
  })
}

function place(texts: Map<string, string>, row: { id: number; block_id: string; start_offset: number; end_offset: number; quote: string; created_at: Date | string }): Highlight {
  const stored = { blockId: row.block_id, start: row.start_offset, end: row.end_offset }
  const now = relocate(texts, stored, row.quote)
  return { id: row.id, ...(now ?? stored), quote: row.quote, detached: now === undefined, createdAt: toDate(row.created_at) }
}

function documentOf(story: Story): StoryDocument {
  return JSON.parse(story.row.body) as StoryDocument
}

