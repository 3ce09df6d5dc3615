import type { Block, ListItem, Note, StoryDocument, TextRun } from './types.ts'
import { footnoteNoteId, mergeRuns, runsText, trimRuns, unmarkLineBreaks } from './text-runs.ts'
import { blockRuns, noteWithCitation, referencedNoteIds, referenceRun, withoutReferences } from './footnotes.ts'

/**
 * The Markdown normal form: a document as it comes back from a trip through
 * Markdown (documentToMarkdown, then markdownToDocument). markdownToDocument
 * returns documents in this form, and for them the trip is exact (ids aside).
 *
 * What the form drops or reshapes, because Markdown cannot spell it:
 * - sources: a cited source becomes text at the end of its note (see citationRuns);
 *   notes nothing refers to, empty notes, and references to missing or empty notes;
 *   notes are ordered by first reference; references lose any code mark;
 * - image width and height;
 * - marks on captions (a caption travels as an image or link title);
 * - control characters other than tab and line feed;
 * - line breaks in headings, inline code, alt texts and captions (become spaces),
 *   and marks on line breaks (see unmarkLineBreaks);
 * - spaces, tabs and line breaks at the ends of a text block (not inside inline code);
 * - empty text blocks, list items and lists;
 * - a '<' opening a URL (percent-encoded, see cleanUrl).
 * Runs are merged and their marks put in canonical order.
 */
export function normalizeDocument(doc: StoryDocument): StoryDocument {
  const sources = new Map((doc.sources ?? []).map((source) => [source.id, source]))
  const notes = new Map<string, Note>()
  for (const note of doc.notes ?? []) {
    if (notes.has(note.id)) continue
    const source = note.sourceId === undefined ? undefined : sources.get(note.sourceId)
    const content = normalizeContent(withoutReferences(noteWithCitation(note, source)), true)
    if (content.length > 0) notes.set(note.id, { id: note.id, content })
  }
  const blocks = doc.blocks.map((block) => withoutDanglingReferences(block, notes)).flatMap(normalizeBlock)
  const ordered = referencedNoteIds(blocks).flatMap((id) => notes.get(id) ?? [])
  return ordered.length > 0 ? { version: 1, blocks, notes: ordered } : { version: 1, blocks }
}

/** The block without references to notes not in `notes`. */
function withoutDanglingReferences(block: Block, notes: ReadonlyMap<string, Note>): Block {
  const dangling = (runs: readonly TextRun[]) =>
    runs.some((run) => {
      const id = footnoteNoteId(run)
      return id !== undefined && !notes.has(id)
    })
  if (!blockRuns(block).some(dangling)) return block
  const keep = (runs: TextRun[]) => runs.filter((run) => {
    const id = footnoteNoteId(run)
    return id === undefined || notes.has(id)
  })
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'pullquote':
      return { ...block, content: keep(block.content) }
    case 'list':
      return { ...block, items: block.items.map((item) => ({ ...item, content: keep(item.content) })) }
    default:
      return block // captions keep no marks in normal form anyway
  }
}

/** The block in normal form, or none when it is empty. */
export function normalizeBlock(block: Block): Block[] {
  switch (block.type) {
    case 'paragraph':
    case 'quote':
    case 'pullquote': {
      const content = normalizeContent(block.content, true)
      return content.length > 0 ? [{ ...block, content }] : []
    }
    case 'heading': {
      const content = normalizeContent(block.content, false)
      return content.length > 0 ? [{ ...block, content }] : []
    }
    case 'list': {
      const items = block.items.flatMap(normalizeItem)
      return items.length > 0 ? [{ ...block, items }] : []
    }
    case 'code':
      return [codeBlock(block)]
    case 'image': {
      const { width: _width, height: _height, caption, ...rest } = block
      return [withCaption({ ...rest, alt: oneLine(block.alt), src: cleanUrl(block.src) }, caption)]
    }
    case 'embed': {
      const { caption, ...rest } = block
      return [withCaption({ ...rest, url: cleanUrl(block.url) }, caption)]
    }
    case 'divider':
      return [block]
  }
}

function normalizeItem(item: ListItem): ListItem[] {
  const content = normalizeContent(item.content, true)
  return content.length > 0 ? [{ id: item.id, content }] : []
}

function codeBlock(block: Extract<Block, { type: 'code' }>): Block {
  // Only the first word of a fence's info string is its language.
  const language = block.language?.trim().split(/[ \t\n]+/)[0]
  const text = cleanText(block.text)
  return language ? { id: block.id, type: 'code', language, text } : { id: block.id, type: 'code', text }
}

function withCaption<T extends Extract<Block, { type: 'image' | 'embed' }>>(
  block: T,
  caption: readonly TextRun[] | undefined,
): T {
  const text = oneLine(runsText(caption)).replace(/^[ \t]+|[ \t]+$/g, '')
  return text === '' ? block : { ...block, caption: [{ text }] }
}

/**
 * Runs in normal form. `lineBreaks` is false where Markdown has no hard breaks
 * (headings). Inline code never holds a line break: Markdown reads one as a space.
 */
export function normalizeContent(runs: readonly TextRun[], lineBreaks: boolean): TextRun[] {
  const cleaned = runs.map((run) => {
    const marks = run.marks?.map((mark) => (mark.type === 'link' ? { type: 'link' as const, href: cleanUrl(mark.href) } : mark))
    const noteId = footnoteNoteId(run)
    if (noteId !== undefined) return referenceRun(noteId, marks)
    const isCode = marks?.some((mark) => mark.type === 'code') ?? false
    const text = isCode || !lineBreaks ? oneLine(run.text) : cleanText(run.text)
    return marks && marks.length > 0 ? { text, marks } : { text }
  })
  return trimRuns(mergeRuns(unmarkLineBreaks(cleaned)))
}

/**
 * Line endings as '\n', and no control characters other than tab and line
 * feed: they mean nothing in a story, and Markdown cannot carry all of them
 * (a character reference such as `&#xB;` reads back as U+FFFD).
 */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
}

/**
 * A URL as Markdown can write it back. A leading '<' would open an enclosed
 * destination (`[a](<b>)`), so it is percent-encoded, which means the same to
 * a browser.
 */
export function cleanUrl(url: string): string {
  return cleanText(url).replace(/^</, '%3C')
}

function oneLine(text: string): string {
  return cleanText(text).replace(/\n/g, ' ')
}
