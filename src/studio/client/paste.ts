// Pasted HTML from Word, Google Docs and web pages, cleaned before ProseMirror reads it: the
// structure stays (paragraphs, headings, lists, quotes, links, bold and italic), styles,
// classes, scripts and unknown markup go. ProseMirror then keeps only what the schema knows.

const DROP = 'script, style, noscript, template, iframe, object, embed, meta, link, title, head, svg, canvas, form, input, button, select, textarea, o\\:p'

// Attributes the editor's parse rules read; everything else (style, class, ids, handlers) goes.
const KEEP: Record<string, readonly string[]> = {
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  blockquote: ['class'],
  figure: ['class'],
  sup: ['data-note-id'],
  pre: [],
  code: [],
  ol: ['start'],
}

export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html')
  const body = doc.body
  for (const element of [...body.querySelectorAll(DROP)]) element.remove()
  // Comments (Word's conditional ones among them) carry nothing a story wants.
  const walker = doc.createTreeWalker(body, NodeFilter.SHOW_COMMENT)
  const comments: Node[] = []
  while (walker.nextNode()) comments.push(walker.currentNode)
  for (const comment of comments) comment.parentNode?.removeChild(comment)

  for (const element of [...body.querySelectorAll<HTMLElement>('*')]) styleToMarkup(doc, element)
  for (const element of [...body.querySelectorAll('*')]) keepOnly(element)
  for (const quote of [...body.querySelectorAll('blockquote')]) splitQuote(doc, quote)
  return body.innerHTML
}

/**
 * Google Docs and Word say bold and italic with styles, and wrap whole documents in a
 * <b style="font-weight:normal">: the style decides, not the tag.
 */
function styleToMarkup(doc: Document, element: HTMLElement): void {
  // Read from the attribute text: the page's CSP may keep the parsed document from applying styles.
  const style = element.getAttribute('style') ?? ''
  const weight = /font-weight\s*:\s*([a-z0-9]+)/i.exec(style)?.[1]?.toLowerCase() ?? ''
  const italic = /font-style\s*:\s*italic/i.test(style)
  const bold = weight === 'bold' || weight === 'bolder' || Number(weight) >= 600
  const tag = element.tagName.toLowerCase()
  if ((tag === 'b' || tag === 'strong') && (weight === 'normal' || (weight !== '' && Number(weight) < 600))) {
    element.replaceWith(...element.childNodes)
    return
  }
  if (tag !== 'span' || (!bold && !italic)) return
  let content: Node[] = [...element.childNodes]
  if (italic) {
    const em = doc.createElement('em')
    em.append(...content)
    content = [em]
  }
  if (bold) {
    const strong = doc.createElement('strong')
    strong.append(...content)
    content = [strong]
  }
  element.replaceChildren(...content)
}

function keepOnly(element: Element): void {
  const keep = KEEP[element.tagName.toLowerCase()] ?? []
  for (const name of element.getAttributeNames()) {
    if (!keep.includes(name)) element.removeAttribute(name)
  }
  if (element.tagName === 'BLOCKQUOTE' && element.getAttribute('class') !== 'pullquote') element.removeAttribute('class')
  if (element.tagName === 'FIGURE' && element.getAttribute('class') !== 'embed') element.removeAttribute('class')
  const href = element.getAttribute('href')
  if (href !== null && !/^(https?:|mailto:)/i.test(href.trim())) element.removeAttribute('href')
}

/** A quote is one paragraph in the document: a quoted passage of several becomes several quotes. */
function splitQuote(doc: Document, quote: Element): void {
  const paragraphs = [...quote.children].filter((child) => /^(P|DIV|H[1-6])$/.test(child.tagName))
  if (paragraphs.length === 0) return
  const quotes = paragraphs.map((paragraph) => {
    const single = doc.createElement('blockquote')
    const className = quote.getAttribute('class')
    if (className) single.setAttribute('class', className)
    single.append(...paragraph.childNodes)
    return single
  })
  quote.replaceWith(...quotes)
}
