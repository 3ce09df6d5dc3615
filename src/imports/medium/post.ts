// One file of a Medium export's posts/ folder → the story it holds. Medium marks the parts with
// microformats: h-entry, p-name (title), p-summary (subtitle), e-content (body), p-tag, p-author,
// dt-published, p-canonical. Drafts are the files whose names start with "draft_".
import { parse, type HTMLElement } from 'node-html-parser'
import type { StoryDocument } from '../../stories/document/types.ts'
import { parseDocument } from '../../stories/document/validate.ts'
import { parseBody, type ParsedImage } from './body.ts'
import { safeLink } from './inline.ts'

export type ParsedPost = {
  /** Stable key of the post within the writer's Medium account (its id, or its file name). */
  mediumId: string
  draft: boolean
  title: string
  subtitle: string
  document: StoryDocument
  images: ParsedImage[]
  tags: string[]
  publishedAt: Date | undefined
  canonicalUrl: string | undefined
  /** The username in the author link (medium.com/@name), when there is one. */
  authorUsername: string | undefined
}

/** Thrown for a post that cannot be read; the message says why, for the import report. */
export class MalformedPost extends Error {}

export function parsePost(fileName: string, html: string): ParsedPost {
  const root = parse(html, { blockTextElements: { script: true, style: true } })
  const article = root.querySelector('article.h-entry') ?? root.querySelector('article')
  if (!article) throw new MalformedPost('no <article class="h-entry"> in the file')
  const content = article.querySelector('section.e-content') ?? article.querySelector('section[data-field="body"]')
  if (!content) throw new MalformedPost('no body (section.e-content) in the article')
  const title = text(article.querySelector('.p-name'))
  const subtitle = text(article.querySelector('section.p-summary') ?? article.querySelector('[data-field="subtitle"]'))
  const body = parseBody(content, title, subtitle)
  const checked = parseDocument({ version: 1, blocks: body.blocks })
  if ('error' in checked) throw new MalformedPost(`the body cannot be stored (${checked.error})`)
  const base = fileName.replace(/^.*\//, '').replace(/\.html?$/i, '')
  const canonicalUrl = safeLink(article.querySelector('a.p-canonical')?.getAttribute('href'))
  return {
    mediumId: mediumIdOf(base, canonicalUrl),
    draft: base.startsWith('draft_'),
    title: title || firstWords(checked) || 'Untitled',
    subtitle,
    document: checked,
    images: body.images,
    tags: article.querySelectorAll('a.p-tag').map((tag) => text(tag)).filter(Boolean),
    publishedAt: dateOf(article.querySelector('time.dt-published')?.getAttribute('datetime')),
    canonicalUrl,
    authorUsername: usernameOf(article.querySelector('a.p-author')?.getAttribute('href')),
  }
}

function text(element: HTMLElement | null): string {
  return element ? element.text.replace(/\s+/g, ' ').trim() : ''
}

/**
 * Medium names a post file `<date>_<title-words>-<12 hex id>.html` (drafts `draft_<title>-<id>`);
 * the hex id is the post's id and survives a change of title, so it keys re-imports. A file
 * without one falls back to the canonical link's id, then to the file name itself.
 */
function mediumIdOf(base: string, canonical: string | undefined): string {
  const fromName = /-([0-9a-f]{10,16})$/.exec(base)?.[1]
  if (fromName) return fromName
  const fromLink = canonical && /[-/]([0-9a-f]{10,16})(?:[?#].*)?$/.exec(canonical)?.[1]
  return fromLink || base.slice(0, 200)
}

function dateOf(raw: string | undefined): Date | undefined {
  if (!raw) return undefined
  const date = new Date(raw)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function usernameOf(href: string | undefined): string | undefined {
  return href ? /medium\.com\/@([\w.-]+)/.exec(href)?.[1] : undefined
}

/** A title for a draft without one: its first words. */
function firstWords(document: StoryDocument): string {
  for (const block of document.blocks) {
    if ('content' in block) {
      const words = block.content.map((run) => run.text).join('').replace(/\s+/g, ' ').trim()
      if (words) return words.length > 80 ? `${words.slice(0, 79)}…` : words
    }
  }
  return ''
}
