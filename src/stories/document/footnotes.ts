import type { Block, Mark, Note, Source, StoryDocument, TextRun } from './types.ts'
import { footnoteNoteId, isFootnoteReference } from './text-runs.ts'

/**
 * Footnotes and sources (issue 3): how references, notes and sources relate, shared by
 * the renderer, the Markdown conversion, the sources API and the editorial check.
 * A reference is a run `{ text: noteId, marks: [{ type: 'footnote', noteId }] }` (see types.ts).
 */

/** Every run of inline text in a block, in reading order (captions included). */
export function blockRuns(block: Block): readonly TextRun[][] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'pullquote':
      return [block.content]
    case 'list':
      return block.items.map((item) => item.content)
    case 'image':
    case 'embed':
      return block.caption ? [block.caption] : []
    case 'code':
    case 'divider':
      return []
  }
}

/** Note ids in the order of their first reference in the body. */
export function referencedNoteIds(blocks: readonly Block[]): string[] {
  const seen = new Set<string>()
  for (const block of blocks) {
    for (const runs of blockRuns(block)) {
      for (const run of runs) {
        const id = footnoteNoteId(run)
        if (id !== undefined) seen.add(id)
      }
    }
  }
  return [...seen]
}

/**
 * The notes a reader sees, numbered from 1 in the order of their first reference: notes
 * nothing points at are left out, as are references to missing notes.
 */
export function numberedNotes(doc: StoryDocument): Array<{ number: number; note: Note; source: Source | undefined }> {
  const notes = new Map((doc.notes ?? []).map((note) => [note.id, note]))
  const sources = new Map((doc.sources ?? []).map((source) => [source.id, source]))
  return referencedNoteIds(doc.blocks)
    .flatMap((id) => notes.get(id) ?? [])
    .map((note, index) => ({ number: index + 1, note, source: note.sourceId === undefined ? undefined : sources.get(note.sourceId) }))
}

/**
 * A source written out as one line of text, for Markdown and plain-text readers:
 * `Author, Title, Date. “Excerpt”`, the title linked to the URL when there is one.
 */
export function citationRuns(source: Source): TextRun[] {
  const runs: TextRun[] = []
  const author = oneLine(source.author ?? '')
  if (author) runs.push({ text: `${author}, ` })
  const title = oneLine(source.title)
  runs.push(source.url ? { text: title, marks: [{ type: 'link', href: source.url }] } : { text: title })
  runs.push({ text: source.date ? `, ${source.date}.` : '.' })
  const excerpt = oneLine(source.excerpt ?? '')
  if (excerpt) runs.push({ text: ` “${excerpt}”` })
  return runs
}

/** A citation is one line: line breaks and runs of spaces in a source's fields become one space. */
function oneLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim()
}

/** A note's text followed by its source's citation, as Markdown carries it. */
export function noteWithCitation(note: Note, source: Source | undefined): TextRun[] {
  if (!source) return note.content
  const gap: TextRun[] = note.content.length > 0 ? [{ text: ' ' }] : []
  return [...note.content, ...gap, ...citationRuns(source)]
}

/** The run as a footnote reference to `noteId`, keeping its bold, italic or link marks. */
export function referenceRun(noteId: string, marks: readonly Mark[] = []): TextRun {
  const others = marks.filter((mark) => mark.type !== 'footnote' && mark.type !== 'code')
  return { text: noteId, marks: [...others, { type: 'footnote', noteId }] }
}

/** Runs without footnote references (notes cannot hold references of their own). */
export function withoutReferences(runs: readonly TextRun[]): TextRun[] {
  return runs.filter((run) => !isFootnoteReference(run))
}
