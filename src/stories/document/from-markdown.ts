import type { Blockquote, Definition, List, Paragraph, PhrasingContent, RootContent, Table } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import type { Block, ListItem, StoryDocument, TextRun } from './types.ts'
import { imagesAsText, inlineItems, isInlineImage } from './from-markdown-inline.ts'
import type { InlineContext, InlineImage } from './from-markdown-inline.ts'
import { EMBED_LABEL, PULLQUOTE_MARKER, TASK_CHECKED, TASK_UNCHECKED } from './markdown-spelling.ts'
import { normalizeBlock } from './normalize.ts'
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
 * - Raw HTML, footnote references and footnote definitions become plain text.
 *   Strikethrough keeps its text, unmarked. Link titles are dropped.
 */
export function markdownToDocument(markdown: string, previous?: StoryDocument): StoryDocument {
  const root = fromMarkdown(markdown, { extensions: SYNTAX_EXTENSIONS, mdastExtensions: MDAST_EXTENSIONS })
  const definitions = new Map<string, Definition>()
  collectDefinitions(root.children, definitions)
  const blocks = blocksOf(root.children, { definitions, source: markdown }).flatMap(normalizeBlock)
  return { version: 1, blocks: assignIds(blocks, previous) }
}

/** Definitions apply document-wide, even from inside a quote or list; the first of a label wins. */
function collectDefinitions(nodes: readonly RootContent[], into: Map<string, Definition>): void {
  for (const node of nodes) {
    if (node.type === 'definition' && !into.has(node.identifier)) into.set(node.identifier, node)
    if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem' || node.type === 'footnoteDefinition') {
      collectDefinitions(node.children, into)
    }
  }
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
    case 'footnoteDefinition': {
      const inner = blocksOf(node.children, ctx)
      const label: TextRun = { text: `[^${node.label ?? node.identifier}]: ` }
      const first = inner[0]
      if (first?.type === 'paragraph') return [{ ...first, content: [label, ...first.content] }, ...inner.slice(1)]
      return [{ id: '', type: 'paragraph', content: [label] }, ...inner]
    }
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
