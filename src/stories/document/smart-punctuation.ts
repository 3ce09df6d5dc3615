import type { Block, StoryDocument, TextRun } from './types.ts'
import { hasMark } from './text-runs.ts'

/**
 * The document as a reader should see it typeset: straight quotes curled (“ ” ‘ ’), `--` and
 * `---` as an em dash (an en dash between digits: 1914--1918), `...` as an ellipsis. Writers type
 * on keyboards; pages deserve printers' punctuation. Code is never touched (code blocks, inline
 * code), nor web addresses written in the text, nor footnote references (their text is an id).
 *
 * Applied at render time (render-html.ts) and to the texts highlights anchor in
 * (highlights/anchors.ts), so character offsets a reader selects on the page match the server's.
 * The stored document keeps what the writer typed.
 */
export function smartenDocument(doc: StoryDocument): StoryDocument {
  const smart: StoryDocument = { ...doc, blocks: doc.blocks.map(smartenBlock) }
  if (doc.notes) smart.notes = doc.notes.map((note) => ({ ...note, content: smartenRuns(note.content) }))
  return smart
}

function smartenBlock(block: Block): Block {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'pullquote':
      return { ...block, content: smartenRuns(block.content) }
    case 'list':
      return { ...block, items: block.items.map((item) => ({ ...item, content: smartenRuns(item.content) })) }
    case 'image':
    case 'embed':
      return block.caption ? { ...block, caption: smartenRuns(block.caption) } : block
    case 'code':
    case 'divider':
      return block
  }
}

// A web address in running text (the text of a link is often its address): left as typed.
const ADDRESS = /(?:https?:\/\/|www\.)\S+/g

/** Smartens a run sequence; a quote's side depends on the character before it, across runs. */
export function smartenRuns(runs: readonly TextRun[]): TextRun[] {
  let before = ''
  return runs.map((run) => {
    if (hasMark(run, 'footnote')) return run
    if (hasMark(run, 'code')) {
      before = run.text.slice(-1) || before
      return run
    }
    let text = ''
    let last = 0
    for (const match of run.text.matchAll(ADDRESS)) {
      text += smartenText(run.text.slice(last, match.index), (text.slice(-1) || before)) + match[0]
      last = match.index + match[0].length
    }
    text += smartenText(run.text.slice(last), text.slice(-1) || before)
    before = text.slice(-1) || before
    return text === run.text ? run : { ...run, text }
  })
}

// After these (or at the start of a text) a quote opens; after anything else it closes.
const OPENS_AFTER = /[\s([{\u2014\u2013\-/‘“]/

function smartenText(text: string, before: string): string {
  const dashed = text
    .replace(/(\d)--(?=\d)/g, '$1\u2013')
    .replace(/---?/g, '\u2014')
    .replace(/\.\.\./g, '\u2026')
  let out = ''
  for (let i = 0; i < dashed.length; i++) {
    const char = dashed[i] as string
    const previous = i > 0 ? (dashed[i - 1] as string) : before
    const opens = previous === '' || OPENS_AFTER.test(previous)
    if (char === '"') {
      out += opens ? '\u201C' : '\u201D'
    } else if (char === "'") {
      // ’90s and ’tis: an apostrophe, not an opening quote, even at the start of a word.
      const elided = /^(\d\d|tis\b|twas\b|em\b|n\b)/i.test(dashed.slice(i + 1))
      out += opens && !elided ? '\u2018' : '\u2019'
    } else {
      out += char
    }
  }
  return out
}
