import { randomBytes } from 'node:crypto'

/**
 * The canonical story body: an ordered list of blocks with short, stable ids.
 * Ids anchor highlights, passage responses and read depth across edits, so
 * they are kept when a block is edited (see stable-ids.ts).
 */

export type Mark =
  | { type: 'bold' }
  | { type: 'italic' }
  | { type: 'code' }
  | { type: 'link'; href: string }
  /**
   * A footnote reference: the run carrying it is a point in the text, not a passage.
   * See FootnoteReference below; `noteId` names a Note in `StoryDocument.notes`.
   */
  | { type: 'footnote'; noteId: string }

/**
 * A piece of inline text with its marks; '\n' in `text` is a hard line break.
 *
 * A run with a footnote mark is a footnote reference (an inline atom, a ProseMirror
 * inline node in the editor), not text: its `text` is exactly its `noteId` (the label
 * Markdown writes, `[^noteId]`), readers never see it, and plain text, search and
 * reading time skip it. The page shows the note's number (order of first reference)
 * as a superscript link to the note. Such a run may also carry bold, italic or link
 * marks (a code mark is ignored and dropped by the Markdown normal form). Two references to the same note are two runs; they never merge.
 */
export type TextRun = { text: string; marks?: Mark[] }

/** The shape every footnote reference run has: `{ text: id, marks: [{ type: 'footnote', noteId: id }] }`. */
export type FootnoteReference = { text: string; marks: [{ type: 'footnote'; noteId: string }] }

/**
 * A footnote, listed in the "Notes" section after the body with a back link to its first
 * reference. Its text may be empty when it only cites a source. `sourceId` names an entry
 * of `StoryDocument.sources`: the note then shows that source's citation after its text.
 * `id` follows block id rules ([A-Za-z0-9_-]{1,32}; newBlockId() for new ones) and is
 * unique among notes; it appears in the page as `#fn-<id>` (note) and `#fnref-<id>` (reference).
 */
export type Note = { id: string; content: TextRun[]; sourceId?: string }

/**
 * A cited work, listed in the "Sources" section and by GET /api/articles/:slug/sources.
 * `id` follows block id rules and is unique among sources. Only `title` is required.
 */
export type Source = {
  id: string
  title: string
  /** The author or the publisher, as the writer names them. */
  author?: string
  /** Absolute http: or https: URL only (anything else is refused with 422 where sources are saved). */
  url?: string
  /** As precisely as known: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  date?: string
  /** A quoted excerpt from the work, plain text. */
  excerpt?: string
}

export type ListItem = { id: string; content: TextRun[] }

export type Block =
  | { id: string; type: 'paragraph'; content: TextRun[] }
  | { id: string; type: 'heading'; level: 2 | 3; content: TextRun[] }
  | { id: string; type: 'quote'; content: TextRun[] }
  | { id: string; type: 'pullquote'; content: TextRun[] }
  | { id: string; type: 'list'; ordered: boolean; items: ListItem[] }
  | { id: string; type: 'code'; language?: string; text: string }
  | { id: string; type: 'image'; src: string; alt: string; caption?: TextRun[]; width?: number; height?: number }
  | { id: string; type: 'embed'; url: string; caption?: TextRun[] }
  | { id: string; type: 'divider' }

/**
 * `notes` and `sources` are absent when empty. Notes are kept in the order of their first
 * reference in the body (the order they are numbered); a note no reference points at, or a
 * reference to a missing note, is allowed while editing and dropped by the Markdown normal
 * form (normalize.ts); the page shows only referenced notes. A source may be cited by
 * several notes, or by none (still listed under "Sources").
 */
export type StoryDocument = { version: 1; blocks: Block[]; notes?: Note[]; sources?: Source[] }

export type BlockType = Block['type']
export type MarkType = Mark['type']

export const BLOCK_TYPES: readonly BlockType[] = [
  'paragraph', 'heading', 'quote', 'pullquote', 'list', 'code', 'image', 'embed', 'divider',
]

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
const ID_LENGTH = 6

/**
 * A random 6-character id from [a-z0-9]. 36^6 ≈ 2·10⁹ values: callers that need
 * uniqueness within a document check against the ids already in use.
 */
export function newBlockId(): string {
  let id = ''
  while (id.length < ID_LENGTH) {
    for (const byte of randomBytes(ID_LENGTH * 2)) {
      // 252 = 7 × 36: dropping bytes above it keeps every character equally likely.
      if (byte < 252 && id.length < ID_LENGTH) id += ID_ALPHABET[byte % 36]
    }
  }
  return id
}

/** A new id that is not in `used`; it is added to `used`. */
export function uniqueBlockId(used: Set<string>): string {
  let id = newBlockId()
  while (used.has(id)) id = newBlockId()
  used.add(id)
  return id
}
