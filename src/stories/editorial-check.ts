// The editorial check (issue 3): before publishing, list every quotation that names no source
// and every link that is not https. It warns and never blocks; a publication may require it later.
import type { Block, StoryDocument, TextRun } from './document/types.ts'
import { blockRuns } from './document/footnotes.ts'
import { isFootnoteReference, runsText } from './document/text-runs.ts'

export type EditorialWarning =
  | {
      kind: 'unsourced_quote'
      /** The block (or list item) holding the quotation: editors and pages anchor on it. */
      blockId: string
      /** The quotation, cut to about 120 characters. */
      quote: string
      message: string
    }
  | {
      kind: 'insecure_link'
      /** The block holding the link, or undefined for a link in a source or a note. */
      blockId: string | undefined
      url: string
      message: string
    }

/** Inline quoted speech longer than this many words needs a source; shorter quotes are phrases. */
export const QUOTE_MIN_WORDS = 5

// Curly and straight double quotes, and « » / „ “ as other languages write them.
const QUOTED = /“([^”]+)”|"([^"]+)"|«([^»]+)»|„([^“”]+)[“”]/g

// Naming who speaks: "said Jane Doe", "according to", "wrote". English only for now.
const ATTRIBUTION = /\b(said|says|say|told|tells|wrote|writes|write|according to|asked|asks|explained|explains|added|adds|noted|notes|argued|argues|recalled|recalls|replied|replies|stated|states|tweeted|posted|insisted|insists|claimed|claims|warned|warns|admitted|admits|quoted|quotes)\b/i

// A quote block signed the usual way: a dash, then a name ("— Ada Lovelace", "-- Ada").
const SIGNATURE = /(^|\n|\s)(—|–|--|―)\s*\p{Lu}/u

/**
 * Warnings for a story's document, in reading order: quotations without a source (a footnote
 * reference, a link, or a speaker named in the same paragraph) and links that are not https.
 */
export function editorialCheck(doc: StoryDocument): EditorialWarning[] {
  const warnings: EditorialWarning[] = []
  doc.blocks.forEach((block, index) => {
    warnings.push(...quoteWarnings(block, doc.blocks[index - 1]))
    warnings.push(...linkWarnings(block))
  })
  for (const note of doc.notes ?? []) warnings.push(...insecureLinksIn(note.content, undefined))
  for (const source of doc.sources ?? []) {
    if (source.url && !isHttps(source.url)) warnings.push(insecure(source.url, undefined, `The source “${cut(source.title, 60)}” links to a page that is not https.`))
  }
  return warnings
}

function quoteWarnings(block: Block, before: Block | undefined): EditorialWarning[] {
  if (block.type === 'quote' || block.type === 'pullquote') {
    if (namesSource(block.content) || SIGNATURE.test(runsText(block.content)) || introducesSource(before)) return []
    const text = runsText(block.content).trim()
    if (text === '') return []
    const what = block.type === 'quote' ? 'This quotation' : 'This pull quote'
    return [unsourced(block.id, text, `${what} has no source: attach one, or name who said it.`)]
  }
  const passages: Array<{ id: string; runs: TextRun[] }> =
    block.type === 'list' ? block.items.map((item) => ({ id: item.id, runs: item.content })) : blockRuns(block).map((runs) => ({ id: block.id, runs }))
  return passages.flatMap(({ id, runs }) => {
    const text = runsText(runs)
    if (namesSource(runs) || ATTRIBUTION.test(text)) return []
    return quotations(text).map((quote) => unsourced(id, quote, 'This quotation has no source: attach one, or name who said it.'))
  })
}

/** A footnote reference or a link in the passage attaches a source to it. */
function namesSource(runs: readonly TextRun[]): boolean {
  return runs.some((run) => isFootnoteReference(run) || run.marks?.some((mark) => mark.type === 'link'))
}

/** "As Ada Lovelace wrote in 1843:" before a quote block names its source. */
function introducesSource(before: Block | undefined): boolean {
  if (!before || before.type !== 'paragraph') return false
  const text = runsText(before.content).trim()
  return text.endsWith(':') && (namesSource(before.content) || ATTRIBUTION.test(text))
}

/** Quoted passages of at least QUOTE_MIN_WORDS words. */
export function quotations(text: string): string[] {
  const found: string[] = []
  for (const match of text.matchAll(QUOTED)) {
    const quote = (match[1] ?? match[2] ?? match[3] ?? match[4] ?? '').trim()
    if (quote.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length >= QUOTE_MIN_WORDS) found.push(quote)
  }
  return found
}

function linkWarnings(block: Block): EditorialWarning[] {
  if (block.type === 'image' && /^http:/i.test(block.src)) {
    return [insecure(block.src, block.id, 'This image is loaded over http: browsers may block it on an https page.')]
  }
  if (block.type === 'embed' && !isHttps(block.url)) return [insecure(block.url, block.id, 'This embed links to a page that is not https.')]
  if (block.type === 'list') return block.items.flatMap((item) => insecureLinksIn(item.content, item.id))
  return blockRuns(block).flatMap((runs) => insecureLinksIn(runs, block.id))
}

function insecureLinksIn(runs: readonly TextRun[], blockId: string | undefined): EditorialWarning[] {
  const urls = new Set<string>()
  for (const run of runs) for (const mark of run.marks ?? []) if (mark.type === 'link' && !isHttps(mark.href)) urls.add(mark.href)
  return [...urls].map((url) => insecure(url, blockId, 'This link is not https.'))
}

// mailto: links open an e-mail program, not a page: nothing to secure.
function isHttps(url: string): boolean {
  return /^https:\/\//i.test(url.trim()) || /^mailto:/i.test(url.trim())
}

function unsourced(blockId: string, quote: string, message: string): EditorialWarning {
  return { kind: 'unsourced_quote', blockId, quote: cut(quote, 120), message }
}

function insecure(url: string, blockId: string | undefined, message: string): EditorialWarning {
  return { kind: 'insecure_link', blockId, url, message }
}

function cut(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim()
  return one.length <= max ? one : `${one.slice(0, max - 1).trimEnd()}…`
}
