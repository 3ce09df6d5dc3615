import type { Definition, PhrasingContent } from 'mdast'
import type { Mark, TextRun } from './types.ts'
import { referenceRun } from './footnotes.ts'

/** An image met inside a paragraph; the paragraph is split around it. */
export type InlineImage = { kind: 'image'; src: string; alt: string; title: string | null }

export type Inline = TextRun | InlineImage

export type InlineContext = {
  /** Link reference definitions by identifier, to resolve `[text][ref]`. */
  definitions: ReadonlyMap<string, Definition>
  /** Note ids by footnote definition identifier, to resolve `[^label]`. */
  noteIds: ReadonlyMap<string, string>
}

export function isInlineImage(item: Inline): item is InlineImage {
  return 'kind' in item
}

/**
 * Phrasing content as runs, with marks from the enclosing emphasis, strong and
 * links combined. Images come out as InlineImage items for the caller to place.
 */
export function inlineItems(nodes: readonly PhrasingContent[], marks: readonly Mark[], ctx: InlineContext): Inline[] {
  return nodes.flatMap((node) => inlineItem(node, marks, ctx))
}

function run(text: string, marks: readonly Mark[]): TextRun {
  return marks.length > 0 ? { text, marks: [...marks] } : { text }
}

/** A soft line break inside a paragraph is just a space; hard breaks are '\n'. */
function softBreaksAsSpaces(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ')
}

function inlineItem(node: PhrasingContent, marks: readonly Mark[], ctx: InlineContext): Inline[] {
  switch (node.type) {
    case 'text':
      return [run(softBreaksAsSpaces(node.value), marks)]
    case 'break':
      return [run('\n', marks)]
    case 'inlineCode':
      return [run(softBreaksAsSpaces(node.value), [...marks, { type: 'code' }])]
    case 'strong':
      return inlineItems(node.children, [...marks, { type: 'bold' }], ctx)
    case 'emphasis':
      return inlineItems(node.children, [...marks, { type: 'italic' }], ctx)
    case 'delete':
      // Strikethrough has no mark in Ovation: its text stays, plain.
      return inlineItems(node.children, marks, ctx)
    case 'link':
      return inlineItems(node.children, [...marks, { type: 'link', href: node.url }], ctx)
    case 'linkReference': {
      const definition = ctx.definitions.get(node.identifier)
      const linkMarks = definition ? [...marks, { type: 'link' as const, href: definition.url }] : marks
      return inlineItems(node.children, linkMarks, ctx)
    }
    case 'image':
      return [{ kind: 'image', src: node.url, alt: node.alt ?? '', title: node.title ?? null }]
    case 'imageReference': {
      const definition = ctx.definitions.get(node.identifier)
      if (!definition) return [run(node.alt ?? '', marks)]
      return [{ kind: 'image', src: definition.url, alt: node.alt ?? '', title: definition.title ?? null }]
    }
    case 'html':
      // Raw HTML is kept as the literal text the writer typed; it is escaped on render.
      return [run(softBreaksAsSpaces(node.value), marks)]
    case 'footnoteReference': {
      const noteId = ctx.noteIds.get(node.identifier)
      if (noteId === undefined) return [run(`[^${node.label ?? node.identifier}]`, marks)]
      return [referenceRun(noteId, marks)]
    }
    default:
      return []
  }
}

/** Images as their alt text, for places that cannot hold an image block. */
export function imagesAsText(items: readonly Inline[]): TextRun[] {
  return items.map((item) => (isInlineImage(item) ? { text: item.alt } : item))
}
