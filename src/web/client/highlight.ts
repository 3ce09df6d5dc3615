// The highlight island on story pages (issue 5). Without JavaScript there are no highlights; with
// it, a reader selects words inside one paragraph (any block with a data-block id) and chooses
// Highlight, or Respond to quote the passage in a response. The page's HTML is the same for every
// reader (and cached), so what is the reader's own arrives here by one small JSON call.
//
// Offsets count the characters of a block's text as the server's plain text has them: text
// nodes in order, a <br> as one "\n", and nothing of elements this island adds (data-no-offset).

type Range = { blockId: string; start: number; end: number }
type Highlight = Range & { id: number; quote: string; detached: boolean }
type HighlightsAnswer = { highlights: Highlight[]; topHighlight: (Range & { quote: string; readers: number }) | null }

export function enhanceHighlights(root: Document): void {
  const story = root.querySelector<HTMLElement>('article.story[data-story]')
  const body = story?.querySelector<HTMLElement>('.story__body')
  if (!story || !body) return
  const slug = story.dataset.story as string
  const signedIn = root.querySelector('.nav-avatar') !== null
  markPassageResponses(root, body)
  void load(slug, body)
  if (signedIn) installToolbar(root, slug, body)
}

async function load(slug: string, body: HTMLElement): Promise<void> {
  const response = await fetch(`/api/articles/${encodeURIComponent(slug)}/highlights`, { credentials: 'same-origin', headers: { accept: 'application/json' } })
  if (!response.ok) return
  const answer = (await response.json()) as HighlightsAnswer
  if (answer.topHighlight) {
    const marks = wrap(body, answer.topHighlight, 'highlight highlight--top')
    const first = marks[0]
    if (first) {
      first.title = `Top highlight: ${answer.topHighlight.readers} readers`
      const label = document.createElement('span')
      label.className = 'highlight__label'
      label.dataset.noOffset = ''
      label.textContent = 'Top highlight'
      first.before(label)
    }
  }
  for (const h of answer.highlights) {
    if (h.detached) continue
    for (const mark of wrap(body, h, 'highlight highlight--mine')) mark.dataset.highlight = String(h.id)
  }
}

/** The block element (paragraph, heading, list item…) a node is in, inside the story body. */
function blockOf(body: HTMLElement, node: Node | null): HTMLElement | null {
  let element = node instanceof HTMLElement ? node : node?.parentElement ?? null
  while (element && element !== body) {
    if (element.dataset.block) return element
    element = element.parentElement
  }
  return null
}

/** Text nodes and <br>s of a block in order, each with its offset. */
function pieces(block: HTMLElement): { node: Text | HTMLBRElement; start: number; length: number }[] {
  const out: { node: Text | HTMLBRElement; start: number; length: number }[] = []
  let offset = 0
  const walk = (node: Node) => {
    if (node instanceof HTMLElement && node.dataset.noOffset !== undefined) return
    if (node instanceof Text) {
      out.push({ node, start: offset, length: node.data.length })
      offset += node.data.length
      return
    }
    if (node instanceof HTMLBRElement) {
      out.push({ node, start: offset, length: 1 })
      offset += 1
      return
    }
    for (const child of [...node.childNodes]) walk(child)
  }
  walk(block)
  return out
}

/** The offset of a DOM position (container, offset) within a block's text. */
function offsetIn(block: HTMLElement, container: Node, offset: number): number {
  const range = document.createRange()
  range.setStart(block, 0)
  range.setEnd(container, offset)
  const fragment = range.cloneContents()
  for (const skipped of fragment.querySelectorAll('[data-no-offset]')) skipped.remove()
  return (fragment.textContent ?? '').length + fragment.querySelectorAll('br').length
}

/** Wraps a block's [start, end) in <mark> elements (one per text node it spans). */
function wrap(body: HTMLElement, range: Range, className: string): HTMLElement[] {
  const block = body.querySelector<HTMLElement>(`[data-block="${CSS.escape(range.blockId)}"]`)
  if (!block) return []
  const marks: HTMLElement[] = []
  for (const piece of pieces(block)) {
    if (!(piece.node instanceof Text)) continue
    const from = Math.max(range.start, piece.start) - piece.start
    const to = Math.min(range.end, piece.start + piece.length) - piece.start
    if (to <= from) continue
    let text = piece.node
    if (from > 0) text = text.splitText(from)
    if (to - from < text.data.length) text.splitText(to - from)
    const mark = document.createElement('mark')
    mark.className = className
    text.replaceWith(mark)
    mark.append(text)
    marks.push(mark)
  }
  return marks
}

function installToolbar(root: Document, slug: string, body: HTMLElement): void {
  const toolbar = root.createElement('div')
  toolbar.className = 'highlight-toolbar'
  toolbar.setAttribute('role', 'toolbar')
  toolbar.setAttribute('aria-label', 'Passage')
  toolbar.hidden = true
  const highlightButton = button('Highlight', 'highlight-toolbar__button')
  const respondButton = button('Respond', 'highlight-toolbar__button')
  const removeButton = button('Remove highlight', 'highlight-toolbar__button')
  toolbar.append(highlightButton, respondButton, removeButton)
  root.body.append(toolbar)

  let selected: (Range & { quote: string }) | null = null
  let chosenMark: string | null = null

  const place = (rect: DOMRect) => {
    toolbar.hidden = false
    const top = window.scrollY + rect.top - toolbar.offsetHeight - 8
    const left = window.scrollX + rect.left + rect.width / 2 - toolbar.offsetWidth / 2
    toolbar.style.top = `${Math.max(window.scrollY, top)}px`
    toolbar.style.left = `${Math.max(8, Math.min(left, window.scrollX + document.documentElement.clientWidth - toolbar.offsetWidth - 8))}px`
  }
  const hide = () => {
    toolbar.hidden = true
    selected = null
    chosenMark = null
  }

  const onSelection = () => {
    const selection = root.getSelection()
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return
    const range = selection.getRangeAt(0)
    const block = blockOf(body, range.startContainer)
    if (!block || block !== blockOf(body, range.endContainer)) return hide()
    const start = offsetIn(block, range.startContainer, range.startOffset)
    const end = offsetIn(block, range.endContainer, range.endOffset)
    const quote = selection.toString()
    if (end <= start || quote.trim() === '') return hide()
    selected = { blockId: block.dataset.block as string, start, end, quote }
    chosenMark = null
    highlightButton.hidden = false
    respondButton.hidden = root.querySelector('form.responses__form') === null
    removeButton.hidden = true
    place(range.getBoundingClientRect())
  }
  root.addEventListener('mouseup', () => window.setTimeout(onSelection, 0))
  root.addEventListener('keyup', (event) => { if (event.shiftKey) onSelection() })
  root.addEventListener('mousedown', (event) => { if (!toolbar.contains(event.target as Node)) toolbar.hidden = true })

  body.addEventListener('click', (event) => {
    const mark = (event.target as HTMLElement).closest<HTMLElement>('mark[data-highlight]')
    if (!mark || !root.getSelection()?.isCollapsed) return
    chosenMark = mark.dataset.highlight as string
    highlightButton.hidden = true
    respondButton.hidden = true
    removeButton.hidden = false
    place(mark.getBoundingClientRect())
  })

  highlightButton.addEventListener('click', async () => {
    if (!selected) return
    const passage = selected
    const response = await fetch(`/api/articles/${encodeURIComponent(slug)}/highlights`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ highlight: { blockId: passage.blockId, start: passage.start, end: passage.end } }),
    })
    if (response.ok) {
      const { highlight } = (await response.json()) as { highlight: Highlight }
      for (const mark of wrap(body, highlight, 'highlight highlight--mine')) mark.dataset.highlight = String(highlight.id)
    }
    root.getSelection()?.removeAllRanges()
    hide()
  })

  removeButton.addEventListener('click', async () => {
    if (!chosenMark) return
    const id = chosenMark
    const response = await fetch(`/api/highlights/${id}`, { method: 'DELETE', credentials: 'same-origin' })
    if (response.ok) {
      for (const mark of body.querySelectorAll<HTMLElement>(`mark[data-highlight="${id}"]`)) mark.replaceWith(...mark.childNodes)
    }
    hide()
  })

  respondButton.addEventListener('click', () => {
    const form = root.querySelector<HTMLFormElement>('form.responses__form')
    if (!selected || !form) return
    setField(form, 'block_id', selected.blockId)
    setField(form, 'quote_start', String(selected.start))
    setField(form, 'quote_end', String(selected.end))
    let preview = form.querySelector<HTMLElement>('.responses__quote')
    if (!preview) {
      preview = root.createElement('blockquote')
      preview.className = 'responses__quote'
      form.querySelector('textarea')?.before(preview)
    }
    preview.textContent = selected.quote
    hide()
    form.scrollIntoView({ block: 'center' })
    form.querySelector('textarea')?.focus()
  })
}

function setField(form: HTMLFormElement, name: string, value: string): void {
  let input = form.querySelector<HTMLInputElement>(`input[name="${name}"]`)
  if (!input) {
    input = document.createElement('input')
    input.type = 'hidden'
    input.name = name
    form.append(input)
  }
  input.value = value
}

function button(label: string, className: string): HTMLButtonElement {
  const element = document.createElement('button')
  element.type = 'button'
  element.className = className
  element.textContent = label
  return element
}

/**
 * Passage responses: each one the page lists says which passage it quotes; the passage gets an
 * underline and a marker linking to the response (the marker, not the page, carries the count).
 */
function markPassageResponses(root: Document, body: HTMLElement): void {
  const byPassage = new Map<string, { range: Range; ids: string[] }>()
  for (const response of root.querySelectorAll<HTMLElement>('.response[data-quote-block]')) {
    const range = { blockId: response.dataset.quoteBlock as string, start: Number(response.dataset.quoteStart), end: Number(response.dataset.quoteEnd) }
    const key = `${range.blockId}:${range.start}:${range.end}`
    const entry = byPassage.get(key) ?? { range, ids: [] }
    entry.ids.push(response.id)
    byPassage.set(key, entry)
  }
  for (const { range, ids } of byPassage.values()) {
    const marks = wrap(body, range, 'passage-response')
    const last = marks[marks.length - 1]
    if (!last) continue
    const marker = document.createElement('a')
    marker.className = 'passage-response__marker'
    marker.href = `#${ids[0]}`
    marker.dataset.noOffset = ''
    marker.textContent = String(ids.length)
    marker.setAttribute('aria-label', `${ids.length} ${ids.length === 1 ? 'response' : 'responses'} to this passage`)
    last.after(marker)
  }
}
