// Medium's inline markup → our text runs: strong/b → bold, em/i → italic, code → code,
// a[href] → link (http(s) and mailto only: anything else keeps its text and loses the link),
// br → a hard line break. Every other element contributes its text and nothing else, so no
// markup of Medium's reaches a page.
import { NodeType, type HTMLElement, type Node } from 'node-html-parser'
import type { Mark, TextRun } from '../../stories/document/types.ts'
import { mergeRuns, trimRuns } from '../../stories/document/text-runs.ts'

/** The runs of an element's content, whitespace collapsed as a browser shows it, ends trimmed. */
export function inlineRuns(element: HTMLElement): TextRun[] {
  const runs: TextRun[] = []
  collect(element, [], runs, false)
  return trimRuns(mergeRuns(runs.filter((run) => run.text !== '')))
}

/** The text of a `pre`: line breaks kept (`<br>` and newlines), no marks (a code block has none). */
export function preText(element: HTMLElement): string {
  const runs: TextRun[] = []
  collect(element, [], runs, true)
  return runs.map((run) => run.text).join('').replace(/\u00a0/g, ' ').replace(/\s+$/, '')
}

function collect(node: Node, marks: Mark[], out: TextRun[], pre: boolean): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    const text = pre ? node.text : node.text.replace(/[ \t\r\n\f]+/g, ' ')
    out.push(marks.length ? { text, marks } : { text })
    return
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return
  const element = node as HTMLElement
  const tag = element.tagName.toLowerCase()
  if (tag === 'br') {
    out.push({ text: '\n' })
    return
  }
  if (tag === 'script' || tag === 'style' || tag === 'noscript') return
  const mark = markOf(element, tag)
  const inner = mark && !marks.some((m) => m.type === mark.type) ? [...marks, mark] : marks
  for (const child of element.childNodes) collect(child, inner, out, pre)
}

function markOf(element: HTMLElement, tag: string): Mark | undefined {
  if (tag === 'strong' || tag === 'b') return { type: 'bold' }
  if (tag === 'em' || tag === 'i') return { type: 'italic' }
  if (tag === 'code') return { type: 'code' }
  if (tag === 'a') {
    const href = safeLink(element.getAttribute('href') ?? element.getAttribute('data-href'))
    return href ? { type: 'link', href } : undefined
  }
  return undefined
}

/** The URL when it is an absolute http(s) or mailto address, else undefined. */
export function safeLink(raw: string | undefined): string | undefined {
  const value = raw?.trim()
  if (!value || !/^(https?:\/\/|mailto:)/i.test(value)) return undefined
  const parsed = URL.parse(value)
  if (!parsed) return undefined
  if (parsed.protocol === 'mailto:') return parsed.href
  return parsed.hostname ? parsed.href : undefined
}
