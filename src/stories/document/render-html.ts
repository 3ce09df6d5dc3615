import type { Block, ListItem, StoryDocument, TextRun } from './types.ts'
import { runTree } from './run-tree.ts'
import type { RunNode } from './run-tree.ts'
import { mergeRuns, runsText } from './text-runs.ts'

/**
 * Renders a story body to HTML. Every text and attribute is escaped, and only
 * vetted URLs (see safeHref, safeImageSrc) become links and images: no HTML
 * from a writer ever reaches a page.
 */
export function renderDocumentHtml(doc: StoryDocument): string {
  return doc.blocks.map(renderBlock).join('\n')
}

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

function renderBlock(block: Block): string {
  const at = anchor(block.id)
  switch (block.type) {
    case 'paragraph':
      return `<p${at}>${renderRuns(block.content)}</p>`
    case 'heading':
      return `<h${block.level}${at}>${renderRuns(block.content)}</h${block.level}>`
    case 'quote':
      return `<blockquote${at}><p>${renderRuns(block.content)}</p></blockquote>`
    case 'pullquote':
      return `<blockquote class="pullquote"${at}><p>${renderRuns(block.content)}</p></blockquote>`
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul'
      return `<${tag}${at}>${block.items.map(renderItem).join('')}</${tag}>`
    }
    case 'code': {
      const language = block.language?.toLowerCase().replace(/[^a-z0-9+#-]/g, '')
      const className = language ? ` class="language-${escapeHtml(language)}"` : ''
      return `<pre${at}><code${className}>${escapeHtml(block.text)}</code></pre>`
    }
    case 'image':
      return renderImage(block, at)
    case 'embed': {
      const href = safeHref(block.url)
      const link = href ? `<a href="${escapeHtml(href)}"${relFor(href)}>${escapeHtml(block.url)}</a>` : escapeHtml(block.url)
      return `<figure class="embed"${at}>${link}${figcaption(block.caption)}</figure>`
    }
    case 'divider':
      return `<hr${at}>`
  }
}

function renderItem(item: ListItem): string {
  return `<li${anchor(item.id)}>${renderRuns(item.content)}</li>`
}

function renderImage(block: Extract<Block, { type: 'image' }>, at: string): string {
  const src = safeImageSrc(block.src)
  if (!src) {
    // An image we will not load still says what it showed.
    const text = block.caption && runsText(block.caption) !== '' ? renderRuns(block.caption) : escapeHtml(block.alt)
    return `<p${at}>${text}</p>`
  }
  const img = `<img${attrs([
    ['src', src],
    ['alt', block.alt],
    ['loading', 'lazy'],
    ['decoding', 'async'],
    ['width', dimension(block.width)],
    ['height', dimension(block.height)],
  ])}>`
  return `<figure${at}>${img}${figcaption(block.caption)}</figure>`
}

function dimension(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : undefined
}

function figcaption(caption: readonly TextRun[] | undefined): string {
  return caption && runsText(caption) !== '' ? `<figcaption>${renderRuns(caption)}</figcaption>` : ''
}

function relFor(href: string): string {
  return href.startsWith('mailto:') ? '' : ' rel="nofollow noopener"'
}

function renderRuns(runs: readonly TextRun[]): string {
  return runTree(mergeRuns(runs)).map(renderNode).join('')
}

function renderNode(node: RunNode): string {
  if (node.kind === 'text') {
    const text = escapeHtml(node.text).replace(/\n/g, '<br>')
    return node.code ? `<code>${text}</code>` : text
  }
  const inner = node.children.map(renderNode).join('')
  switch (node.mark.type) {
    case 'bold':
      return `<strong>${inner}</strong>`
    case 'italic':
      return `<em>${inner}</em>`
    case 'link': {
      const href = safeHref(node.mark.href)
      return href ? `<a href="${escapeHtml(href)}"${relFor(href)}>${inner}</a>` : inner
    }
    case 'footnote': {
      // Anchors to the source list rendered after the story (sources issue).
      const id = node.mark.sourceId.replace(/[^A-Za-z0-9_-]/g, '')
      return id ? `${inner}<sup class="fn"><a href="#source-${id}">*</a></sup>` : inner
    }
  }
}
