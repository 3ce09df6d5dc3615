import type { Block, ListItem, StoryDocument, TextRun } from './types.ts'
import { mergeRuns, runsText, trimRuns, unmarkLineBreaks } from './text-runs.ts'

/**
 * The Markdown normal form: a document as it comes back from a trip through
 * Markdown (documentToMarkdown, then markdownToDocument). markdownToDocument
 * returns documents in this form, and for them the trip is exact (ids aside).
 *
 * What the form drops or reshapes, because Markdown cannot spell it:
 * - footnote marks (no Markdown syntax yet), image width and height;
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
  return { version: 1, blocks: doc.blocks.flatMap(normalizeBlock) }
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
    const marks = run.marks
      ?.filter((mark) => mark.type !== 'footnote')
      .map((mark) => (mark.type === 'link' ? { type: 'link' as const, href: cleanUrl(mark.href) } : mark))
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
