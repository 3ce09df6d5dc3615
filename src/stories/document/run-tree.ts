import type { Mark, TextRun } from './types.ts'
import { sameMark } from './text-runs.ts'

/**
 * Runs regrouped as a tree of marks, so that neighbouring runs sharing a mark
 * share one element: `**a _b_**` rather than `**a**` next to `**_b_**`, which
 * Markdown would misread, and one `<a>` rather than several for one link.
 */
export type RunNode =
  | { kind: 'text'; text: string; code: boolean }
  | { kind: 'mark'; mark: Exclude<Mark, { type: 'code' }>; children: RunNode[] }

type WrapperMark = Exclude<Mark, { type: 'code' }>

function wrappers(run: TextRun): WrapperMark[] {
  return (run.marks ?? []).filter((mark): mark is WrapperMark => mark.type !== 'code')
}

function hasSame(run: TextRun, mark: Mark): boolean {
  return run.marks?.some((other) => sameMark(other, mark)) ?? false
}

function without(run: TextRun, mark: Mark): TextRun {
  const marks = (run.marks ?? []).filter((other) => !sameMark(other, mark))
  return marks.length > 0 ? { text: run.text, marks } : { text: run.text }
}

/**
 * Builds the tree greedily: at each position the mark that spans the most runs
 * becomes the outer element (ties go to the canonical order: link, bold, italic).
 * Expects runs whose marks are canonical (see mergeRuns).
 */
export function runTree(runs: readonly TextRun[]): RunNode[] {
  const nodes: RunNode[] = []
  let index = 0
  while (index < runs.length) {
    const run = runs[index] as TextRun
    const marks = wrappers(run)
    if (marks.length === 0) {
      nodes.push({ kind: 'text', text: run.text, code: hasCode(run) })
      index += 1
      continue
    }
    let best = marks[0] as WrapperMark
    let bestEnd = index + 1
    for (const mark of marks) {
      let end = index + 1
      while (end < runs.length && hasSame(runs[end] as TextRun, mark)) end += 1
      if (end > bestEnd) {
        best = mark
        bestEnd = end
      }
    }
    const inner = runs.slice(index, bestEnd).map((inside) => without(inside, best))
    nodes.push({ kind: 'mark', mark: best, children: runTree(inner) })
    index = bestEnd
  }
  return nodes
}

function hasCode(run: TextRun): boolean {
  return run.marks?.some((mark) => mark.type === 'code') ?? false
}
