// A story's snippet for a search hit, made from its plain text: a window of words around the
// first match, with every matching word marked (MATCH_START/END, as the engines' snippets are).
// SQLite's snippet() would do it, but for a prefix ("river" typed as a prefix of "rivers")
// FTS5 first merges the doclists of every word with that prefix across all stories, 70 ms for a
// word in most of 100,000 stories, whichever few stories the snippets are for.
import { MATCH_END, MATCH_START, type SearchTerm } from '../db/full-text.ts'

const WORD = /[\p{L}\p{N}\p{M}]+/gu

export function snippetOf(text: string, terms: SearchTerm[], maxWords = 32): string {
  const whole = new Set<string>()
  const prefixes: string[] = []
  for (const term of terms) {
    term.words.forEach((word, i) => {
      if (term.prefix && i === term.words.length - 1) prefixes.push(word)
      else whole.add(word)
    })
  }
  const matches = (word: string) => {
    const lower = word.toLowerCase()
    return whole.has(lower) || prefixes.some((prefix) => lower.startsWith(prefix))
  }
  const words = [...text.matchAll(WORD)]
  if (words.length === 0) return ''
  const first = Math.max(0, words.findIndex((word) => matches(word[0])))
  // The first match a few words in, so the reader sees what leads up to it.
  const start = Math.max(0, Math.min(first - 4, words.length - maxWords))
  const end = Math.min(words.length, start + maxWords)
  let out = start > 0 ? '…' : ''
  let position = (words[start]?.index ?? 0)
  for (let i = start; i < end; i++) {
    const word = words[i] as RegExpExecArray
    out += text.slice(position, word.index)
    out += matches(word[0]) ? `${MATCH_START}${word[0]}${MATCH_END}` : word[0]
    position = word.index + word[0].length
  }
  const tail = text.slice(position, end < words.length ? (words[end]?.index ?? position) : text.length)
  // Keep closing punctuation of the last word ("end."), not the whitespace before the next one.
  out += end < words.length ? `${tail.trimEnd()}…` : tail
  return out
}
