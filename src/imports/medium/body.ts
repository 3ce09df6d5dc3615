// A Medium post's body (`section.e-content`) → the blocks of our document. Medium splits a post
// into sections (a divider between each) holding "grafs": elements with a `graf--<kind>` class
// and a `name` of four hex digits that stays the same for the life of the paragraph. Block ids
// are those names, so a re-import lands on the same ids and highlights stay anchored.
import { NodeType, type HTMLElement } from 'node-html-parser'
import type { Block, ListItem } from '../../stories/document/types.ts'
import { runsText } from '../../stories/document/text-runs.ts'
import { inlineRuns, preText, safeLink } from './inline.ts'

/** An image block as parsed, before its picture is fetched: `mediumId` is Medium's image id. */
export type ParsedImage = { blockId: string; src: string; mediumId: string | undefined }

export type ParsedBody = { blocks: Block[]; images: ParsedImage[] }

const ID_SAFE = /^[A-Za-z0-9_-]{1,28}$/

/** Reads the body; `title` and `subtitle` are dropped when Medium repeats them as the first grafs. */
export function parseBody(content: HTMLElement, title: string, subtitle: string): ParsedBody {
  const state: State = { blocks: [], images: [], used: new Set(), title, subtitle }
  const sections = content.querySelectorAll('section').filter((section) => section.classList.contains('section'))
  const roots = sections.length ? sections : [content]
  roots.forEach((section, index) => {
    // Every section but the first opens with a divider; the first one's is the top of the page.
    if (index > 0) state.blocks.push({ id: idFor(state, section.getAttribute('name'), 's'), type: 'divider' })
    walk(section, state)
  })
  return { blocks: state.blocks, images: state.images }
}

type State = { blocks: Block[]; images: ParsedImage[]; used: Set<string>; title: string; subtitle: string }

/**
 * Medium's name when usable and not yet taken (prefixed for lists and sections), else the next
 * free `m<n>`: derived from the position, not random, so a re-import gives the same ids.
 */
function idFor(state: State, name: string | undefined, prefix = ''): string {
  const candidate = name && ID_SAFE.test(name) ? (prefix ? `${prefix}-${name}` : name) : undefined
  if (candidate && !state.used.has(candidate)) {
    state.used.add(candidate)
    return candidate
  }
  for (let n = 1; ; n += 1) {
    const id = `m${n}`
    if (!state.used.has(id)) {
      state.used.add(id)
      return id
    }
  }
}

function walk(element: HTMLElement, state: State): void {
  for (const child of element.childNodes) {
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue
    const node = child as HTMLElement
    const tag = node.tagName.toLowerCase()
    if (tag === 'ul' || tag === 'ol') {
      addList(node, tag === 'ol', state)
      continue
    }
    if (tag === 'script') {
      addScriptEmbed(node, state)
      continue
    }
    if (node.classList.contains('section-divider')) continue
    if (node.classList.contains('graf')) {
      addGraf(node, state)
      continue
    }
    walk(node, state) // section-content, section-inner and other wrappers
  }
}

function kindOf(graf: HTMLElement): string {
  for (const name of graf.classList.values()) {
    const match = /^graf--([A-Za-z0-9]+)$/.exec(name)
    if (match && !['leading', 'trailing', 'title', 'subtitle', 'empty', 'last', 'first'].includes(match[1] as string)) return match[1] as string
  }
  return graf.tagName.toLowerCase()
}

function addGraf(graf: HTMLElement, state: State): void {
  const name = graf.getAttribute('name')
  const text = () => inlineRuns(graf)
  // Medium repeats the title (and often the subtitle) as the first grafs of the body.
  if (graf.classList.contains('graf--title') && runsText(text()).trim() === state.title.trim()) return
  if (graf.classList.contains('graf--subtitle') && runsText(text()).trim() === state.subtitle.trim()) return
  const kind = kindOf(graf)
  switch (kind) {
    case 'p':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'blockquote':
    case 'pullquote':
    case 'h1':
      return addText(graf, kind, name, state)
    case 'pre':
      return addCode(graf, name, state)
    case 'figure':
    case 'iframe':
      return addFigure(graf, name, state)
    case 'mixtapeEmbed':
      return addMixtape(graf, name, state)
    default: {
      // An unknown kind of graf: keep its words as a paragraph rather than lose them.
      const content = text()
      if (runsText(content).trim()) state.blocks.push({ id: idFor(state, name), type: 'paragraph', content })
    }
  }
}

function addText(graf: HTMLElement, kind: string, name: string | undefined, state: State): void {
  const content = inlineRuns(graf)
  if (!runsText(content).trim()) return // Medium's empty grafs are spacing, not text
  const id = idFor(state, name)
  if (kind === 'h1' || kind === 'h2' || kind === 'h3') state.blocks.push({ id, type: 'heading', level: 2, content })
  else if (kind === 'h4') state.blocks.push({ id, type: 'heading', level: 3, content })
  else if (kind === 'blockquote') state.blocks.push({ id, type: 'quote', content })
  else if (kind === 'pullquote') state.blocks.push({ id, type: 'pullquote', content })
  else state.blocks.push({ id, type: 'paragraph', content })
}

function addCode(graf: HTMLElement, name: string | undefined, state: State): void {
  const text = preText(graf)
  if (!text.trim()) return
  const language = graf.getAttribute('data-code-block-lang')?.trim().slice(0, 40)
  state.blocks.push({ id: idFor(state, name), type: 'code', text, ...(language ? { language } : {}) })
}

function addList(list: HTMLElement, ordered: boolean, state: State): void {
  const items = list.querySelectorAll('li')
  if (!items.length) return
  const listId = idFor(state, items[0]?.getAttribute('name'), 'l')
  const parsed: ListItem[] = []
  for (const item of items) {
    const content = inlineRuns(item)
    if (runsText(content).trim()) parsed.push({ id: idFor(state, item.getAttribute('name')), content })
  }
  if (parsed.length) state.blocks.push({ id: listId, type: 'list', ordered, items: parsed })
}

function addFigure(graf: HTMLElement, name: string | undefined, state: State): void {
  const caption = graf.querySelector('figcaption')
  const captionRuns = caption ? inlineRuns(caption) : []
  const withCaption = runsText(captionRuns).trim() ? { caption: captionRuns } : {}
  const script = graf.querySelector('script')
  if (script) return addScriptEmbed(script, state, name)
  const iframe = graf.querySelector('iframe')
  if (iframe) {
    const url = safeLink(iframe.getAttribute('data-src') ?? iframe.getAttribute('src'))
    if (url) state.blocks.push({ id: idFor(state, name), type: 'embed', url: gistUrl(url) ?? url, ...withCaption })
    return
  }
  const img = graf.querySelector('img')
  if (!img) return
  const mediumId = img.getAttribute('data-image-id')?.trim() || undefined
  const src = safeLink(img.getAttribute('src')) ?? (mediumId ? `https://cdn-images-1.medium.com/max/2000/${mediumId}` : undefined)
  if (!src) return
  const id = idFor(state, name)
  const width = dimension(img.getAttribute('data-width'))
  const height = dimension(img.getAttribute('data-height'))
  state.blocks.push({
    id,
    type: 'image',
    src,
    alt: (img.getAttribute('alt') ?? runsText(captionRuns)).replace(/\s+/g, ' ').trim().slice(0, 1000),
    ...withCaption,
    ...(width && height ? { width, height } : {}),
  })
  state.images.push({ blockId: id, src, mediumId })
}

/** A link card to another page ("mixtape"): an embed of its URL, its title as caption. */
function addMixtape(graf: HTMLElement, name: string | undefined, state: State): void {
  const anchor = graf.querySelector('a.markup--mixtapeEmbed-anchor') ?? graf.querySelector('a[href]')
  const url = safeLink(anchor?.getAttribute('href') ?? anchor?.getAttribute('data-href'))
  if (!url) return
  const title = anchor?.querySelector('strong')
  const caption = title ? inlineRuns(title) : []
  state.blocks.push({ id: idFor(state, name), type: 'embed', url, ...(runsText(caption).trim() ? { caption } : {}) })
}

/** A GitHub gist's `<script>`: a link to the gist, never the script. Other scripts are dropped. */
function addScriptEmbed(script: HTMLElement, state: State, name?: string): void {
  const url = gistUrl(safeLink(script.getAttribute('src')) ?? '')
  if (url) state.blocks.push({ id: idFor(state, name ?? script.getAttribute('name')), type: 'embed', url })
}

/** https://gist.github.com/user/id(.js) → https://gist.github.com/user/id; undefined for other URLs. */
export function gistUrl(url: string): string | undefined {
  const parsed = URL.parse(url)
  if (!parsed || parsed.hostname !== 'gist.github.com') return undefined
  const path = parsed.pathname.replace(/\.js$/, '')
  return /^\/[\w.-]+\/[0-9a-f]+$/i.test(path) || /^\/[0-9a-f]+$/i.test(path) ? `https://gist.github.com${path}` : undefined
}

function dimension(raw: string | undefined): number | undefined {
  const value = Number(raw)
  return Number.isInteger(value) && value > 0 && value <= 100_000 ? value : undefined
}
