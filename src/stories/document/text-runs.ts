import type { Mark, MarkType, TextRun } from './types.ts'

/**
 * Marks in nesting order, outermost first. Code is innermost because Markdown's
 * inline code is a leaf: nothing can be nested inside it.
 */
const MARK_ORDER: readonly MarkType[] = ['link', 'bold', 'italic', 'footnote', 'code']

/** One mark per type, in nesting order; undefined when there are none. */
export function canonicalMarks(marks: readonly Mark[] | undefined): Mark[] | undefined {
  if (!marks || marks.length === 0) return undefined
  const byType = new Map<MarkType, Mark>()
  for (const mark of marks) if (!byType.has(mark.type)) byType.set(mark.type, mark)
  const sorted = MARK_ORDER.flatMap((type) => {
    const mark = byType.get(type)
    return mark ? [mark] : []
  })
  return sorted.length > 0 ? sorted : undefined
}

export function sameMark(a: Mark, b: Mark): boolean {
  if (a.type === 'link' && b.type === 'link') return a.href === b.href
  if (a.type === 'footnote' && b.type === 'footnote') return a.noteId === b.noteId
  return a.type === b.type
}

/** Whether two runs carry the same set of marks (compares canonical forms). */
export function sameMarks(a: readonly Mark[] | undefined, b: readonly Mark[] | undefined): boolean {
  const left = canonicalMarks(a) ?? []
  const right = canonicalMarks(b) ?? []
  return left.length === right.length && left.every((mark, i) => sameMark(mark, right[i] as Mark))
}

export function hasMark(run: TextRun, type: MarkType): boolean {
  return run.marks?.some((mark) => mark.type === type) ?? false
}

function makeRun(text: string, marks: readonly Mark[] | undefined): TextRun {
  const canonical = canonicalMarks(marks)
  return canonical ? { text, marks: canonical } : { text }
}

/**
 * Drops empty runs, puts marks in canonical order and merges neighbours with equal marks.
 * Footnote references never merge: each is one reference whose text is its note id.
 */
export function mergeRuns(runs: readonly TextRun[]): TextRun[] {
  const merged: TextRun[] = []
  for (const run of runs) {
    if (run.text === '') continue
    const last = merged[merged.length - 1]
    if (last && sameMarks(last.marks, run.marks) && !hasMark(run, 'footnote')) {
      merged[merged.length - 1] = makeRun(last.text + run.text, last.marks)
    } else {
      merged.push(makeRun(run.text, run.marks))
    }
  }
  return merged
}

// Only the whitespace Markdown itself strips at the edges of a paragraph: not
// U+00A0 and friends, which String#trim would also remove.
const LEADING_SPACE = /^[ \t\n]+/
const TRAILING_SPACE = /[ \t\n]+$/

/**
 * Removes spaces, tabs and line breaks at both ends of the content. Inline code
 * keeps its spaces, as Markdown's code spans do.
 */
export function trimRuns(runs: readonly TextRun[]): TextRun[] {
  const result = [...runs]
  while (result.length > 0) {
    const first = result[0] as TextRun
    if (hasMark(first, 'code')) break
    const text = first.text.replace(LEADING_SPACE, '')
    if (text !== '') {
      result[0] = { ...first, text }
      break
    }
    result.shift()
  }
  while (result.length > 0) {
    const index = result.length - 1
    const last = result[index] as TextRun
    if (hasMark(last, 'code')) break
    const text = last.text.replace(TRAILING_SPACE, '')
    if (text !== '') {
      result[index] = { ...last, text }
      break
    }
    result.pop()
  }
  return result
}

/** The text a reader reads: footnote references (whose text is a note id) are left out. */
export function runsText(runs: readonly TextRun[] | undefined): string {
  return runs ? runs.map((run) => (hasMark(run, 'footnote') ? '' : run.text)).join('') : ''
}

/** Whether the run is a footnote reference (see TextRun in types.ts). */
export function isFootnoteReference(run: TextRun): run is TextRun & { marks: Mark[] } {
  return hasMark(run, 'footnote')
}

/** The note a footnote reference points at, or undefined for other runs. */
export function footnoteNoteId(run: TextRun): string | undefined {
  const mark = run.marks?.find((m) => m.type === 'footnote')
  return mark?.type === 'footnote' ? mark.noteId : undefined
}

/**
 * Line breaks carry no marks. A break is invisible, and Markdown cannot end
 * emphasis right after one (`_a\` + newline + `_` does not close), so marked
 * text around a break is written as two spans.
 */
export function unmarkLineBreaks(runs: readonly TextRun[]): TextRun[] {
  return runs.flatMap((run) => {
    if (!run.marks || !run.text.includes('\n')) return [run]
    return run.text.split(/(\n+)/).flatMap((part) => {
      if (part === '') return []
      return part.startsWith('\n') ? [{ text: part }] : [{ text: part, marks: run.marks }]
    })
  })
}
