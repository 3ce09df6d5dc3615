import type { Block, StoryDocument } from './types.ts'
import { runsText } from './text-runs.ts'

/**
 * The text a reader reads in a block: list items one per line, an image's
 * caption (its alt text when it has none), an embed's caption. Hard line
 * breaks stay as '\n'.
 */
export function blockPlainText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'pullquote':
      return runsText(block.content)
    case 'list':
      return block.items.map((item) => runsText(item.content)).join('\n')
    case 'code':
      return block.text
    case 'image':
      return runsText(block.caption) || block.alt
    case 'embed':
      return runsText(block.caption)
    case 'divider':
      return ''
  }
}

/** The document's text, blocks separated by blank lines (for search, e-mail, feeds). */
export function documentPlainText(doc: StoryDocument): string {
  return doc.blocks
    .map(blockPlainText)
    .filter((text) => text.trim() !== '')
    .join('\n\n')
}

// Prose first; when a story has no paragraph, the next most prose-like block.
const EXCERPT_SOURCES: ReadonlyArray<ReadonlyArray<Block['type']>> = [['paragraph'], ['quote', 'pullquote', 'list', 'heading']]

/**
 * A short preview: the first paragraph's text on one line, cut at a word
 * boundary with "…" when longer than `maxChars` (the "…" included). Empty when
 * the story has no prose.
 */
export function excerpt(doc: StoryDocument, maxChars = 200): string {
  for (const types of EXCERPT_SOURCES) {
    for (const block of doc.blocks) {
      if (!types.includes(block.type)) continue
      const text = blockPlainText(block).replace(/\s+/g, ' ').trim()
      if (text !== '') return truncate(text, maxChars)
    }
  }
  return ''
}

function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text
  if (maxChars < 1) return ''
  const room = text.slice(0, maxChars - 1)
  // When the room ends right before a space, its last word is whole.
  const atSpace = text.charAt(room.length) === ' ' ? room.length : room.lastIndexOf(' ')
  // A single word longer than the room is cut mid-word rather than dropped.
  let cut = atSpace > 0 ? atSpace : room.length
  // Never split a surrogate pair (an emoji) in two.
  if (/[\uD800-\uDBFF]/.test(text.charAt(cut - 1))) cut -= 1
  return `${text.slice(0, cut).replace(/[\s,;:.\-–—]+$/, '')}…`
}
