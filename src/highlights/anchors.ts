// Where a passage is in a story: a block's (or list item's) id and character offsets into the
// text a reader sees in it. Pure: highlights and passage responses both anchor this way.
import type { StoryDocument } from '../stories/document/types.ts'
import { blockPlainText } from '../stories/document/plain-text.ts'
import { runsText } from '../stories/document/text-runs.ts'
import { smartenDocument } from '../stories/document/smart-punctuation.ts'

export type Anchor = { blockId: string; start: number; end: number }

/** The text of every block and list item a passage can be anchored in, by id. */
export function anchorTexts(stored: StoryDocument): Map<string, string> {
  // The text as the page shows it (curly quotes, dashes), so offsets a reader selects match.
  const document = smartenDocument(stored)
  const texts = new Map<string, string>()
  for (const block of document.blocks) {
    texts.set(block.id, blockPlainText(block))
    if (block.type === 'list') for (const item of block.items) texts.set(item.id, runsText(item.content))
  }
  return texts
}

/** What is wrong with an anchor, as API error fields; undefined when it names a passage. */
export function anchorProblem(texts: Map<string, string>, anchor: Anchor): Record<string, string[]> | undefined {
  const text = texts.get(anchor.blockId)
  if (text === undefined) return { blockId: ['is not a block of this story'] }
  if (anchor.end <= anchor.start) return { end: [anchor.end === anchor.start ? 'must be after start (the passage is empty)' : 'must be after start'] }
  if (anchor.start < 0 || anchor.end > text.length) return { end: [`must be within the block (0 to ${text.length})`] }
  if (text.slice(anchor.start, anchor.end).trim() === '') return { end: ['must select some text, not only spaces'] }
  return undefined
}

/**
 * Where a stored passage is now. Edits elsewhere in the story leave its block alone; an edit
 * inside the block may move the words, so they are looked for again; a deleted block (or words
 * no longer there) leaves the passage detached: kept, marked, no longer shown in the story.
 */
export function relocate(texts: Map<string, string>, anchor: Anchor, quote: string): Anchor | undefined {
  const text = texts.get(anchor.blockId)
  if (text === undefined) return undefined
  if (text.slice(anchor.start, anchor.end) === quote) return anchor
  const at = text.indexOf(quote)
  return at < 0 ? undefined : { blockId: anchor.blockId, start: at, end: at + quote.length }
}
