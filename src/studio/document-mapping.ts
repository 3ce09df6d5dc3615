// The story's block document ↔ the editor's ProseMirror JSON, exactly (see editorNormalForm).
// Pure data in and out, no ProseMirror or DOM: the editor bundle uses it in the browser, the
// property test in Node. Node names are those of editor-schema.ts.
//
// Blocks are top-level nodes carrying the block id in an `id` attribute; list items carry
// theirs. Inline text is text nodes and hard breaks ('\n') with marks; a footnote reference
// is an inline atom `footnoteRef` (its run's text is its note id, see types.ts).
import type { Block, ListItem, Mark, StoryDocument, TextRun } from '../stories/document/types.ts'
import { canonicalMarks, mergeRuns } from '../stories/document/text-runs.ts'

export type PmMark = { type: string; attrs?: Record<string, unknown> }
export type PmNode = { type: string; attrs?: Record<string, unknown>; content?: PmNode[]; text?: string; marks?: PmMark[] }

/** What a document holds besides its blocks; the editor carries it through untouched. */
export type DocumentExtras = Omit<StoryDocument, 'version' | 'blocks'>

// ---- document → ProseMirror ----

export function toProseMirror(doc: StoryDocument): PmNode {
  const content = doc.blocks.flatMap(blockToPm)
  // ProseMirror's document needs one block at least: an empty story is one empty paragraph.
  return { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph', attrs: { id: null } }] }
}

function blockToPm(block: Block): PmNode[] {
  const id = block.id
  switch (block.type) {
    case 'paragraph':
      return [textblock('paragraph', { id }, block.content)]
    case 'heading':
      return [textblock('heading', { id, level: block.level }, block.content)]
    case 'quote':
      return [textblock('quote', { id }, block.content)]
    case 'pullquote':
      return [textblock('pullquote', { id }, block.content)]
    case 'list':
      if (block.items.length === 0) return []
      return [{
        type: block.ordered ? 'orderedList' : 'bulletList',
        attrs: { id },
        content: block.items.map((item) => ({ type: 'listItem', attrs: { id: item.id }, content: [textblock('paragraph', { id: null }, item.content)] })),
      }]
    case 'code':
      return [withContent({ type: 'codeBlock', attrs: { id, language: block.language || null } }, block.text === '' ? [] : [{ type: 'text', text: block.text }])]
    case 'image':
      return [textblock('image', { id, src: block.src, alt: block.alt, width: block.width ?? null, height: block.height ?? null }, block.caption ?? [])]
    case 'embed':
      return [textblock('embed', { id, url: block.url }, block.caption ?? [])]
    case 'divider':
      return [{ type: 'horizontalRule', attrs: { id } }]
  }
}

function textblock(type: string, attrs: Record<string, unknown>, runs: readonly TextRun[]): PmNode {
  return withContent({ type, attrs }, runs.flatMap(runToPm))
}

function withContent(node: PmNode, content: PmNode[]): PmNode {
  return content.length > 0 ? { ...node, content } : node
}

function runToPm(run: TextRun): PmNode[] {
  const marks = canonicalMarks(run.marks) ?? []
  const footnote = marks.find((mark) => mark.type === 'footnote')
  if (footnote?.type === 'footnote') {
    // A reference is a point, never code: code cannot wrap an atom.
    const refMarks = marks.filter((mark) => mark.type !== 'footnote' && mark.type !== 'code').map(markToPm)
    const node: PmNode = { type: 'footnoteRef', attrs: { noteId: footnote.noteId } }
    return [refMarks.length > 0 ? { ...node, marks: refMarks } : node]
  }
  const pmMarks = marks.map(markToPm)
  const withMarks = (node: PmNode): PmNode => (pmMarks.length > 0 ? { ...node, marks: pmMarks } : node)
  return run.text.split(/(\n)/).flatMap((part) => {
    if (part === '') return []
    return [withMarks(part === '\n' ? { type: 'hardBreak' } : { type: 'text', text: part })]
  })
}

function markToPm(mark: Mark): PmMark {
  return mark.type === 'link' ? { type: 'link', attrs: { href: mark.href } } : { type: mark.type }
}

// ---- ProseMirror → document ----

export type IdSource = () => string

/**
 * The document the editor holds. Nodes without an id, or with one used earlier in the
 * document (a pasted copy, the second half of a split paragraph), get a new one from `newId`:
 * the first holder of an id keeps it, so an edited block keeps its own.
 */
export function fromProseMirror(json: PmNode, extras: DocumentExtras = {}, newId: IdSource = randomId): StoryDocument {
  const used = new Set<string>()
  const idFor = (value: unknown): string => {
    let id = typeof value === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(value) && !used.has(value) ? value : newId()
    while (used.has(id)) id = newId()
    used.add(id)
    return id
  }
  const blocks = (json.content ?? []).flatMap((node) => pmToBlock(node, idFor))
  return { version: 1, blocks, ...extras }
}

function pmToBlock(node: PmNode, idFor: (value: unknown) => string): Block[] {
  const attrs = node.attrs ?? {}
  switch (node.type) {
    case 'paragraph':
    case 'quote':
    case 'pullquote': {
      const content = pmRuns(node.content)
      // An empty line is spacing the writer made while typing, not part of the story.
      return content.length > 0 ? [{ id: idFor(attrs.id), type: node.type, content }] : []
    }
    case 'heading': {
      const content = pmRuns(node.content)
      return content.length > 0 ? [{ id: idFor(attrs.id), type: 'heading', level: attrs.level === 3 ? 3 : 2, content }] : []
    }
    case 'bulletList':
    case 'orderedList': {
      const id = idFor(attrs.id)
      const items = (node.content ?? []).flatMap((item): ListItem[] => {
        const content = pmRuns((item.content ?? []).flatMap((child, i) => (i > 0 ? [{ type: 'hardBreak' }, ...(child.content ?? [])] : (child.content ?? []))))
        return content.length > 0 ? [{ id: idFor(item.attrs?.id), content }] : []
      })
      return items.length > 0 ? [{ id, type: 'list', ordered: node.type === 'orderedList', items }] : []
    }
    case 'codeBlock': {
      const text = (node.content ?? []).map((child) => child.text ?? '').join('')
      const language = typeof attrs.language === 'string' && attrs.language !== '' ? attrs.language : undefined
      return [language === undefined ? { id: idFor(attrs.id), type: 'code', text } : { id: idFor(attrs.id), type: 'code', language, text }]
    }
    case 'image': {
      const block: Extract<Block, { type: 'image' }> = { id: idFor(attrs.id), type: 'image', src: String(attrs.src ?? ''), alt: String(attrs.alt ?? '') }
      const caption = pmRuns(node.content)
      if (caption.length > 0) block.caption = caption
      if (typeof attrs.width === 'number') block.width = attrs.width
      if (typeof attrs.height === 'number') block.height = attrs.height
      return [block]
    }
    case 'embed': {
      const caption = pmRuns(node.content)
      const block: Extract<Block, { type: 'embed' }> = { id: idFor(attrs.id), type: 'embed', url: String(attrs.url ?? '') }
      return [caption.length > 0 ? { ...block, caption } : block]
    }
    case 'horizontalRule':
      return [{ id: idFor(attrs.id), type: 'divider' }]
    default:
      return []
  }
}

function pmRuns(content: readonly PmNode[] | undefined): TextRun[] {
  const runs = (content ?? []).flatMap((node): TextRun[] => {
    const marks = (node.marks ?? []).flatMap(pmMark)
    const run = (text: string, extra: Mark[] = []): TextRun => (marks.length + extra.length > 0 ? { text, marks: [...extra, ...marks] } : { text })
    if (node.type === 'text') return node.text ? [run(node.text)] : []
    if (node.type === 'hardBreak') return [run('\n')]
    if (node.type === 'footnoteRef' && typeof node.attrs?.noteId === 'string') {
      const noteId = node.attrs.noteId
      return [run(noteId, [{ type: 'footnote', noteId }])]
    }
    return []
  })
  return mergeRuns(runs)
}

function pmMark(mark: PmMark): Mark[] {
  switch (mark.type) {
    case 'bold':
    case 'italic':
    case 'code':
      return [{ type: mark.type }]
    case 'link':
      return typeof mark.attrs?.href === 'string' ? [{ type: 'link', href: mark.attrs.href }] : []
    default:
      return []
  }
}

// ---- the normal form ----

/**
 * The document as it comes back from the editor: the mapping is exact for documents in this
 * form (fromProseMirror(toProseMirror(d)) equals d), and any document maps to its normal form.
 * What it reshapes, because the editor holds it one way only:
 * - runs merged and their marks canonical (one per type, in text-runs.ts's order), empty runs dropped;
 * - a footnote reference's text is its note id, and it carries no code mark;
 * - empty paragraphs, headings and quotes, empty list items and lists are dropped;
 * - an empty caption or code language is absent.
 */
export function editorNormalForm(doc: StoryDocument): StoryDocument {
  return fromProseMirror(toProseMirror(doc), extrasOf(doc), () => {
    throw new Error('editorNormalForm keeps ids: give each block and item a unique one')
  })
}

export function extrasOf(doc: StoryDocument): DocumentExtras {
  const { version: _version, blocks: _blocks, ...extras } = doc
  return extras
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A new block id like newBlockId()'s, from Web Crypto (which Node and browsers both have). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6))
  return [...bytes].map((byte) => ID_ALPHABET[byte % 36]).join('')
}
