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
  /** A citation of a Source; rendered as a superscript reference, not expressible in Markdown yet. */
  | { type: 'footnote'; sourceId: string }

/** A piece of inline text with its marks; '\n' in `text` is a hard line break. */
export type TextRun = { text: string; marks?: Mark[] }

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

export type StoryDocument = { version: 1; blocks: Block[] }

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
