import type { Blockquote, Definition, FootnoteDefinition, List, Paragraph, PhrasingContent, RootContent, Table } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import type { Block, ListItem, Note, Source, StoryDocument, TextRun } from './types.ts'
import { uniqueBlockId } from './types.ts'
import { citationRuns, withoutReferences } from './footnotes.ts'
import { imagesAsText, inlineItems, isInlineImage } from './from-markdown-inline.ts'
import type { InlineContext, InlineImage } from './from-markdown-inline.ts'
import { EMBED_LABEL, PULLQUOTE_MARKER, TASK_CHECKED, TASK_UNCHECKED } from './markdown-spelling.ts'
import { normalizeBlock, normalizeContent, normalizeDocument } from './normalize.ts'
import { assignIds } from './stable-ids.ts'

type Context = InlineContext & {
  /** The Markdown source, to tell our spellings from their escaped look-alikes. */
  source: string
}

/**
 * GFM without mdast's autolink transform. micromark already links bare URLs and
 * e-mail addresses; the transform links them again after escapes are resolved,
 * so `https\://x.com` (how the serializer writes such text) would become a link.
 */
const MDAST_EXTENSIONS = gfmFromMarkdown().map((extension) => ({ ...extension, transforms: [] }))
const SYNTAX_EXTENSIONS = [gfm()]

/**
 * Parses GFM Markdown into a story document in the Markdown normal form (see
 * normalize.ts). With `previous` (the document being edited), unchanged blocks
 * and blocks edited in place keep their ids (see stable-ids.ts).
 *
 * Mapping, where Markdown and the document differ:
 * - `#` and `##` are level-2 headings, `###` and deeper level 3.
 * - Each paragraph of a blockquote is its own quote block; a blockquote whose
 *   first line is `[!pullquote]` gives pull quotes. Lists, code and images in a
 *   quote leave it and become blocks of their own.
 * - Nested lists are flattened into their parent list, after the parent item.
 *   A list item's paragraphs are joined by line breaks; code, quotes and
 *   images in an item become their plain text (images: alt text).
 * - An image alone in a paragraph is an image block (title → caption); images
 *   among text split the paragraph. Images in headings and list items are alt text.
 * - `@[embed](url "caption")` alone in a paragraph is an embed block.
 * - Tables become one paragraph per row, cells joined by " | ".
 * - Footnotes (`text[^1]`, `[^1]: note`) become references and notes; a label that
 *   is not a valid id ([A-Za-z0-9_-], at most 32) gets a new one. With `previous`, a
 *   note whose id and text (citation included) are unchanged keeps its source.
 * - Raw HTML becomes plain text.
 *   Strikethrough keeps its text, unmarked. Link titles are dropped.
 */
export function markdownToDocument(markdown: string, previous?: StoryDocument): StoryDocument {
  const root = fromMarkdown(markdown, { extensions: SYNTAX_EXTENSIONS, mdastExtensions: MDAST_EXTENSIONS })
  const definitions = new Map<string, Definition>()
  const footnotes = new Map<string, FootnoteDefinition>()
  collectDefinitions(root.children, definitions, footnotes)
  const noteIds = noteIdsFor(footnotes)
  const ctx: Context = { definitions, noteIds, source: markdown }
  const notes = [...footnotes].map(([identifier, node]): Note => ({ id: noteIds.get(identifier) as string, content: noteContent(node, ctx) }))
  const blocks = blocksOf(root.children, ctx).flatMap(normalizeBlock)
  // Normal form: orders the notes, drops empty or unreferenced ones and references to them.
  const doc = normalizeDocument({ version: 1, blocks, notes })
  const withIds: StoryDocument = { ...doc, blocks: assignIds(doc.blocks, previous) }
  return previous ? keepSources(withIds, previous) : withIds
}

/**
 * Definitions apply document-wide, even from inside a quote or list; the first of a label wins.
 * Footnote definitions are collected the same way.
 */
function collectDefinitions(nodes: readonly RootContent[], into: Map<string, Definition>, footnotes: Map<string, FootnoteDefinition>): void {
  for (const node of nodes) {
    if (node.type === 'definition' && !into.has(node.identifier)) into.set(node.identifier, node)
    if (node.type === 'footnoteDefinition' && !footnotes.has(node.identifier)) footnotes.set(node.identifier, node)
    if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem' || node.type === 'footnoteDefinition') {
      collectDefinitions(node.children, into, footnotes)
    }
  }
}

const NOTE_ID = /^[A-Za-z0-9_-]{1,32}$/

/** A note id per footnote identifier: its label when that is a valid id, else a new one. */
function noteIdsFor(footnotes: ReadonlyMap<string, FootnoteDefinition>): Map<string, string> {
  const used = new Set<string>()
  const ids = new Map<string, string>()
  for (const [identifier, node] of footnotes) {
    const label = node.label ?? identifier
    if (NOTE_ID.test(label) && !used.has(label)) {
      used.add(label)
      ids.set(identifier, label)
    }
  }
  for (const identifier of footnotes.keys()) if (!ids.has(identifier)) ids.set(identifier, uniqueBlockId(used))
  return ids
}

/** A footnote definition's blocks as one text, paragraphs joined by line breaks (as list items are). */
function noteContent(node: FootnoteDefinition, ctx: Context): TextRun[] {
  const blocks = blocksOf(node.children, ctx)
  return withoutReferences(blocks.map(blockRuns).flatMap((runs, index) => (index > 0 ? [{ text: '\n' }, ...runs] : runs)))
}

/**
 * Sources have no Markdown spelling of their own: a note carries its source as text at its end
 * (see citationRuns). Reading Markdown over `previous`, a note ending with the citation of one
 * of its sources cites that source again, so an edit through Markdown (or a RealWorld client
 * sending the body back) keeps structured citations; a writer may also paste a citation from the
 * Sources list into a new footnote. Every source of `previous` stays listed, cited or not: only
 * the editor and the sources API remove sources.
 */
function keepSources(doc: StoryDocument, previous: StoryDocument): StoryDocument {
  const sources = previous.sources ?? []
  if (sources.length === 0) return doc
  const citations = sources.map((source) => ({ source, runs: normalizeContent(citationRuns(source), true) }))
  const notes = doc.notes?.map((note) => {
    for (const { source, runs } of citations) {
      const rest = withoutSuffix(note.content, runs)
      if (rest !== undefined) return { id: note.id, content: normalizeContent(rest, true), sourceId: source.id }
    }
    return note
  })
  return notes ? { ...doc, notes, sources } : { ...doc, sources }
}

/** `runs` without `suffix` at their end (after a space, or all of them), or undefined. */
function withoutSuffix(runs: readonly TextRun[], suffix: readonly TextRun[]): TextRun[] | undefined {
  if (suffix.length === 0 || suffix.length > runs.length) return undefined
  const start = runs.length - suffix.length
  const head = runs.slice(0, start)
  const [first, ...others] = suffix as [TextRun, ...TextRun[]]
  if (!others.every((run, i) => JSON.stringify(run) === JSON.stringify(runs[start + 1 + i]))) return undefined
  const joint = runs[start] as TextRun
  if (JSON.stringify(joint.marks) !== JSON.stringify(first.marks) || !joint.text.endsWith(first.text)) return undefined
  const before = joint.text.slice(0, joint.text.length - first.text.length)
  if (before === '' && head.length === 0) return []
  if (!/\s$/.test(before) && !(before === '' && /\s$/.test(head[head.length - 1]?.text ?? ''))) return undefined
  return before === '' ? head : [...head, { ...joint, text: before }]
}

/** Blocks with empty ids; markdownToDocument assigns them. */
function blocksOf(nodes: readonly RootContent[], ctx: Context): Block[] {
  return nodes.flatMap((node) => blockOf(node, ctx))
}

function blockOf(node: RootContent, ctx: Context): Block[] {
  switch (node.type) {
    case 'paragraph':
      return paragraphBlocks(node, ctx)
    case 'heading': {
      const content = imagesAsText(inlineItems(node.children, [], ctx))
      return [{ id: '', type: 'heading', level: node.depth <= 2 ? 2 : 3, content }]
    }
    case 'thematicBreak':
      return [{ id: '', type: 'divider' }]
    case 'blockquote':
      return quoteBlocks(node, ctx)
    case 'list':
      return listBlock(node, ctx)
    case 'code':
      return [node.lang ? { id: '', type: 'code', language: node.lang, text: node.value } : { id: '', type: 'code', text: node.value }]
    case 'html':
      // Block HTML is kept as the literal text the writer typed, line by line.
      return [{ id: '', type: 'paragraph', content: [{ text: node.value }] }]
    case 'table':
      return tableBlocks(node, ctx)
    case 'footnoteDefinition':
      // Collected as notes (see markdownToDocument).
      return []
    default:
      // Definitions are resolved into links; nothing else carries content.
      return []
  }
}

function paragraphBlocks(node: Paragraph, ctx: Context): Block[] {
  const embed = embedBlock(node, ctx)
  if (embed) return [embed]
  const blocks: Block[] = []
  let runs: TextRun[] = []
  const flush = () => {
    if (runs.length > 0) blocks.push({ id: '', type: 'paragraph', content: runs })
    runs = []
  }
  for (const item of inlineItems(node.children, [], ctx)) {
    if (!isInlineImage(item)) {
      runs.push(item)
      continue
    }
    flush()
    blocks.push(imageBlock(item))
  }
  flush()
  return blocks
}

function imageBlock(image: InlineImage): Block {
  const block: Block = { id: '', type: 'image', src: image.src, alt: image.alt }
  return image.title ? { ...block, caption: [{ text: image.title }] } : block
}

/**
 * `@[embed](url)` alone in a paragraph. The source must spell it literally:
 * `\@[embed](url)` parses to the same tree but is a paragraph of text.
 */
function embedBlock(node: Paragraph, ctx: Context): Block | undefined {
  const [at, link] = node.children
  if (node.children.length !== 2 || at?.type !== 'text' || at.value !== '@' || link?.type !== 'link') return undefined
  const [label] = link.children
  if (link.children.length !== 1 || label?.type !== 'text' || label.value !== EMBED_LABEL) return undefined
  if (!spelledAt(at, `@[${EMBED_LABEL}]`, ctx)) return undefined
  const block: Block = { id: '', type: 'embed', url: link.url }
  return link.title ? { ...block, caption: [{ text: link.title }] } : block
}

function spelledAt(node: PhrasingContent, spelling: string, ctx: Context): boolean {
  const offset = node.position?.start.offset
  if (offset === undefined) return false
  return ctx.source.slice(offset, offset + spelling.length).toLowerCase() === spelling
}

function quoteBlocks(node: Blockquote, ctx: Context): Block[] {
  const pull = withoutPullquoteMarker(node, ctx)
  const type = pull ? 'pullquote' : 'quote'
  return blocksOf(pull ? pull.children : node.children, ctx).map((block): Block => {
    if (block.type !== 'paragraph' && block.type !== 'heading') return block
    return { id: '', type, content: block.content }
  })
}

/**
 * The blockquote without its `[!pullquote]` first line, or undefined when it
 * has none. Like GitHub's alerts the marker is case-insensitive.
 */
function withoutPullquoteMarker(node: Blockquote, ctx: Context): Blockquote | undefined {
  const [first, ...others] = node.children
  if (first?.type !== 'paragraph') return undefined
  const [text, ...siblings] = first.children
  if (text?.type !== 'text' || !spelledAt(text, PULLQUOTE_MARKER, ctx)) return undefined
  const after = text.value.slice(PULLQUOTE_MARKER.length)
  if (!/^(\s|$)/.test(after)) return undefined
  const rest = after.replace(/^[ \t]*(\r\n?|\n)?/, '')
  // A hard break right after the marker ends its line too.
  if (rest === '' && siblings[0]?.type === 'break') siblings.shift()
  const children: PhrasingContent[] = rest === '' ? siblings : [{ type: 'text', value: rest }, ...siblings]
  return { ...node, children: [{ ...first, children }, ...others] }
}

function listBlock(node: List, ctx: Context): Block[] {
  const items: ListItem[] = []
  collectItems(node, ctx, items)
  return items.length > 0 ? [{ id: '', type: 'list', ordered: node.ordered ?? false, items }] : []
}

/** Medium has no nested lists: nested items follow their parent item. */
function collectItems(list: List, ctx: Context, out: ListItem[]): void {
  for (const item of list.children) {
    const nested = item.children.filter((child): child is List => child.type === 'list')
    const chunks = blocksOf(item.children.filter((child) => child.type !== 'list'), ctx).map(blockRuns)
    const content = chunks.flatMap((runs, index) => (index > 0 ? [{ text: '\n' }, ...runs] : runs))
    if (item.checked === true) content.unshift({ text: TASK_CHECKED })
    if (item.checked === false) content.unshift({ text: TASK_UNCHECKED })
    out.push({ id: '', content })
    for (const inner of nested) collectItems(inner, ctx, out)
  }
}

/** A block flattened to inline text, for places (list items) that only hold text. */
function blockRuns(block: Block): TextRun[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'pullquote':
      return block.content
    case 'list':
      return block.items.flatMap((item, index) => (index > 0 ? [{ text: '\n' }, ...item.content] : item.content))
    case 'code':
      return [{ text: block.text }]
    case 'image':
      return [{ text: block.alt }]
    case 'embed':
      return [{ text: block.url, marks: [{ type: 'link', href: block.url }] }]
    case 'divider':
      return []
  }
}

/** Lossy: Ovation has no tables, so each row becomes a paragraph. */
function tableBlocks(node: Table, ctx: Context): Block[] {
  return node.children.map((row): Block => {
    const cells = row.children.map((cell) => imagesAsText(inlineItems(cell.children, [], ctx)))
    const content = cells.flatMap((runs, index) => (index > 0 ? [{ text: ' | ' }, ...runs] : runs))
    return { id: '', type: 'paragraph', content }
  })
}
