// Pages assembled from cached parts. A page that differs per reader in a few places (the
// header's account links, the clap button, the responses form) is rendered once with a mark in
// each such place, kept as a template, and filled per request with those small parts rendered
// for the reader. Rendering and flattening the big unchanging rest is most of a page's cost.
//
// A mark carries a token made at start-up and never sent to anyone, so text a writer typed can
// never pose as a mark.
import { randomBytes } from 'node:crypto'

const token = randomBytes(8).toString('hex')
const pattern = new RegExp(`\u2063slot-${token}-([a-z-]+)\u2063`, 'g')

/** The mark for a slot, to render as text where the part goes. */
export function slotMark(name: string): string {
  return `\u2063slot-${token}-${name}\u2063`
}

/** A rendered page cut at its marks: parts[i], slot names[i], parts[i + 1], ... */
export type Template = { parts: string[]; names: string[]; bytes: Buffer[] }

export function toTemplate(html: string): Template {
  const pieces = html.split(pattern)
  const parts: string[] = []
  const names: string[] = []
  pieces.forEach((piece, i) => (i % 2 === 0 ? parts : names).push(piece))
  // Encoded once: turning the big unchanging stretches into UTF-8 on every request was a tenth of
  // a signed-in story page's time.
  return { parts, names, bytes: parts.map((part) => Buffer.from(part)) }
}

/** The page for one reader; a slot without a value is left empty. */
export function fillTemplate(template: Template, values: Readonly<Record<string, string>>): string {
  let html = template.parts[0] ?? ''
  for (let i = 0; i < template.names.length; i++) html += (values[template.names[i] as string] ?? '') + template.parts[i + 1]
  return html
}

/** fillTemplate as the bytes to send: only the small parts are encoded per request. */
export function fillTemplateBytes(template: Template, values: Readonly<Record<string, string>>): Buffer {
  const chunks: Buffer[] = [template.bytes[0] ?? Buffer.alloc(0)]
  for (let i = 0; i < template.names.length; i++) {
    const value = values[template.names[i] as string]
    if (value) chunks.push(Buffer.from(value))
    chunks.push(template.bytes[i + 1] as Buffer)
  }
  return Buffer.concat(chunks)
}
