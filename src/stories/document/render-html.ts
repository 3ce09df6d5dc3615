import type { Block, ListItem, StoryDocument, TextRun } from './types.ts'
import { runTree } from './run-tree.ts'
import type { RunNode } from './run-tree.ts'
import { mergeRuns, runsText } from './text-runs.ts'
import { numberedNotes } from './footnotes.ts'
import { renderNotesAndSources } from './render-notes.ts'
import { imageSizes, mediaImage } from '../../media/variants.ts'
import { smartenDocument } from './smart-punctuation.ts'

/**
 * Renders a story body to HTML, followed by its "Notes" and "Sources" sections when it has
 * any. Every text and attribute is escaped, and only vetted URLs (see safeHref,
 * safeImageSrc) become links and images: no HTML from a writer ever reaches a page.
 */
export function renderDocumentHtml(source: StoryDocument, options: RenderOptions = {}): string {
  // Printers' quotes and dashes, at render time only: the stored document keeps what was typed.
  const doc = smartenDocument(source)
  const prefix = (options.footnotePrefix ?? '').replace(/[^A-Za-z0-9_-]/g, '')
  const ctx: RenderContext = { numbers: new Map(numberedNotes(doc).map(({ number, note }) => [note.id, number])), seen: new Map(), prefix }
  const body = doc.blocks.map((block) => renderBlock(block, ctx)).join('\n')
  const after = renderNotesAndSources(doc, (runs) => renderRuns(runs, ctx), prefix)
  return after ? `${body}\n${after}` : body
}

export type RenderOptions = {
  /**
   * Put before footnote, note and source ids (`#fn-<prefix><id>`): a page showing several
   * documents (a story and its responses) keeps each one's footnotes apart.
   */
  footnotePrefix?: string
}

/**
 * Footnote numbers by note id, and how many references to each were rendered so far: the
 * first reference is `#fnref-<id>` (the note's back link returns there), later ones
 * `#fnref-<id>-2`, … so every id on the page stays unique.
 */
type RenderContext = { numbers: ReadonlyMap<string, number>; seen: Map<string, number>; prefix: string }

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Escapes `& < > " '`: safe in text and in quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string)
}

// C0 controls, space, DEL and C1 controls: browsers drop some of them inside a
// scheme (`java\tscript:`), so a URL holding any is refused rather than cleaned.
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f]/

/**
 * The URL as an href when it is an absolute http:, https: or mailto: URL, in
 * the form the WHATWG URL parser serialises it (percent-encoded); otherwise
 * undefined: javascript:, data:, relative and protocol-relative URLs, and
 * anything with control characters or whitespace. Like any attribute value,
 * the result still goes through escapeHtml (a mailto: URL keeps '<' as is).
 */
export function safeHref(url: string): string | undefined {
  if (CONTROL_OR_SPACE.test(url)) return undefined
  if (!/^(https?:\/\/[^/\\]|mailto:[^/\\])/i.test(url)) return undefined
  const parsed = URL.parse(url)
  if (!parsed) return undefined
  if (parsed.protocol === 'mailto:') return parsed.href
  if ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '') return parsed.href
  return undefined
}

/**
 * The image source when it is an absolute http(s) URL or a same-site path
 * (`/media/abc.webp`); otherwise undefined. `//host` and `/\host` are refused:
 * browsers read both as another site.
 */
export function safeImageSrc(src: string): string | undefined {
  if (/^\/[^/\\]/.test(src)) return CONTROL_OR_SPACE.test(src) || src.includes('\\') ? undefined : src
  const href = safeHref(src)
  return href?.startsWith('mailto:') ? undefined : href
}

function attrs(pairs: Array<[string, string | number | undefined]>): string {
  return pairs
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('')
}

/** The attributes that let highlights and responses point at a block or item. */
function anchor(id: string): string {
  return attrs([['id', id], ['data-block', id]])
}

function renderBlock(block: Block, ctx: RenderContext): string {
  const at = anchor(block.id)
  switch (block.type) {
    case 'paragraph':
      return `<p${at}>${renderRuns(block.content, ctx)}</p>`
    case 'heading':
      return `<h${block.level}${at}>${renderRuns(block.content, ctx)}</h${block.level}>`
    case 'quote':
      return `<blockquote${at}><p>${renderRuns(block.content, ctx)}</p></blockquote>`
    case 'pullquote':
      return `<blockquote class="pullquote"${at}><p>${renderRuns(block.content, ctx)}</p></blockquote>`
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul'
      return `<${tag}${at}>${block.items.map((item) => renderItem(item, ctx)).join('')}</${tag}>`
    }
    case 'code': {
      const language = block.language?.toLowerCase().replace(/[^a-z0-9+#-]/g, '')
      const className = language ? ` class="language-${escapeHtml(language)}"` : ''
      return `<pre${at}><code${className}>${escapeHtml(block.text)}</code></pre>`
    }
    case 'image':
      return renderImage(block, at, ctx)
    case 'embed': {
      const href = safeHref(block.url)
      const link = href ? `<a href="${escapeHtml(href)}"${relFor(href)}>${escapeHtml(block.url)}</a>` : escapeHtml(block.url)
      return `<figure class="embed"${at}>${link}${figcaption(block.caption, ctx)}</figure>`
    }
    case 'divider':
      return `<hr${at}>`
  }
}

function renderItem(item: ListItem, ctx: RenderContext): string {
  return `<li${anchor(item.id)}>${renderRuns(item.content, ctx)}</li>`
}

function renderImage(block: Extract<Block, { type: 'image' }>, at: string, ctx: RenderContext): string {
  const src = safeImageSrc(block.src)
  if (!src) {
    // An image we will not load still says what it showed.
    const text = block.caption && runsText(block.caption) !== '' ? renderRuns(block.caption, ctx) : escapeHtml(block.alt)
    return `<p${at}>${text}</p>`
  }
  // Our own uploads come in several widths, and their address says their size (see media/variants.ts).
  const media = mediaImage(src)
  const img = `<img${attrs([
    ['src', src],
    ['srcset', media?.srcset],
    ['sizes', media ? imageSizes('body') : undefined],
    ['alt', block.alt],
    ['loading', 'lazy'],
    ['decoding', 'async'],
    ['width', media?.width ?? dimension(block.width)],
    ['height', media?.height ?? dimension(block.height)],
  ])}>`
  return `<figure${at}>${img}${figcaption(block.caption, ctx)}</figure>`
}

function dimension(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined
}

function figcaption(caption: readonly TextRun[] | undefined, ctx: RenderContext): string {
  return caption && runsText(caption) !== '' ? `<figcaption>${renderRuns(caption, ctx)}</figcaption>` : ''
}

function relFor(href: string): string {
  return href.startsWith('mailto:') ? '' : ' rel="nofollow noopener"'
}

function renderRuns(runs: readonly TextRun[], ctx: RenderContext): string {
  return runTree(mergeRuns(runs)).map((node) => renderNode(node, ctx)).join('')
}

function renderNode(node: RunNode, ctx: RenderContext, noteId?: string): string {
  if (node.kind === 'text') {
    if (noteId !== undefined) return footnoteReference(noteId, ctx)
    const text = escapeHtml(node.text).replace(/\n/g, '<br>')
    return node.code ? `<code>${text}</code>` : text
  }
  if (node.mark.type === 'footnote') {
    // Each text under the mark is one reference (they never merge; see mergeRuns).
    const id = node.mark.noteId
    return node.children.map((child) => renderNode(child, ctx, id)).join('')
  }
  const inner = node.children.map((child) => renderNode(child, ctx, noteId)).join('')
  switch (node.mark.type) {
    case 'bold':
      return `<strong>${inner}</strong>`
    case 'italic':
      return `<em>${inner}</em>`
    case 'link': {
      const href = safeHref(node.mark.href)
      return href ? `<a href="${escapeHtml(href)}"${relFor(href)}>${inner}</a>` : inner
    }
  }
}

/** `<sup>` with the note's number linking to it; nothing for a reference to a missing note. */
function footnoteReference(noteId: string, ctx: RenderContext): string {
  const number = ctx.numbers.get(noteId)
  if (number === undefined) return ''
  const count = (ctx.seen.get(noteId) ?? 0) + 1
  ctx.seen.set(noteId, count)
  const id = count === 1 ? `fnref-${ctx.prefix}${noteId}` : `fnref-${ctx.prefix}${noteId}-${count}`
  // data-no-offset: the number is not text of the passage (plain text skips references), so
  // highlights count characters without it (see web/client/highlight.ts).
  return `<sup class="fn"${attrs([['id', id]])} data-no-offset><a${attrs([['href', `#fn-${ctx.prefix}${noteId}`], ['role', 'doc-noteref'], ['aria-label', `Note ${number}`]])}>${number}</a></sup>`
}
