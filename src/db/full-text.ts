// Full-text search queries, from what a reader types to what each engine matches: SQLite FTS5's
// MATCH syntax and PostgreSQL's tsquery. Reader text never reaches either grammar as syntax:
// it is cut into words (letters, digits and marks only, so no operator, quote, parenthesis,
// star or colon survives), every word is quoted, and the result is sent as a bound parameter.
//
// What the reader may use:
// - words: every one must match (AND); `OR`, `NOT`, `NEAR` and `-` are just more text.
// - "quoted phrases": the words in that order, side by side. An unclosed quote runs to the end.
// - type-ahead: the last word matches as a prefix ("trai" finds "trains") unless the text ends
//   in something else than a letter or digit (a space, a closing quote, punctuation). Words
//   shorter than PREFIX_MIN stay whole: a one-letter prefix matches nearly everything and costs
//   an index scan to say so.

export const MAX_TERMS = 12
export const PREFIX_MIN = 2

/** Marks around matched words in engine-made snippets; turned into <mark> by the view, never into HTML here. */
export const MATCH_START = '\uE000'
export const MATCH_END = '\uE001'

export type SearchTerm = { words: string[]; prefix: boolean }

/** The terms of a reader's query; empty when it holds no word at all (then nothing matches). */
export function parseSearchQuery(input: string): SearchTerm[] {
  const text = input.normalize('NFKC')
  const terms: SearchTerm[] = []
  // Alternating outside/inside quotes: even pieces are loose words, odd pieces are phrases.
  const pieces = text.split('"')
  pieces.forEach((piece, index) => {
    const words = wordsOf(piece)
    if (!words.length) return
    if (index % 2 === 1) terms.push({ words, prefix: false })
    else for (const word of words) terms.push({ words: [word], prefix: false })
  })
  const last = terms.at(-1)
  // An unclosed quote counts as a phrase running to the end, so type-ahead works inside it too.
  const endsOpen = /[\p{L}\p{N}\p{M}]$/u.test(text)
  if (last && endsOpen && (last.words.at(-1) ?? '').length >= PREFIX_MIN) last.prefix = true
  return terms.slice(0, MAX_TERMS)
}

function wordsOf(text: string): string[] {
  return (text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []).map((word) => word.toLowerCase())
}

/**
 * An FTS5 MATCH expression: `"night" "train"*`, or with `columns` the same terms restricted to
 * those columns (`{title} : ("night" "train"*)`).
 */
export function fts5Query(terms: SearchTerm[], columns?: string[]): string {
  const expression = terms.map((term) => `"${term.words.join(' ')}"${term.prefix ? '*' : ''}`).join(' ')
  return columns ? `{${columns.join(' ')}} : (${expression})` : expression
}

/**
 * A to_tsquery('simple', …) text: `'night' & 'train':*`; phrases join with `<->`. With `weight`
 * every lexeme must carry it (`'night':A`), which is how "the title matches" is asked.
 */
export function tsQueryText(terms: SearchTerm[], weight?: 'A'): string {
  const w = weight ?? ''
  return terms.map((term) => {
    const lexemes = term.words.map((word, i) => {
      const prefix = term.prefix && i === term.words.length - 1
      return prefix || w ? `'${word}':${prefix ? '*' : ''}${w}` : `'${word}'`
    })
    return lexemes.length > 1 ? `(${lexemes.join(' <-> ')})` : lexemes[0]
  }).join(' & ')
}

export type MarkedText = { text: string; match: boolean }[]

/** Engine-made snippet text, cut at the match marks into plain pieces, each flagged matched or not. */
export function splitMarked(snippet: string | null | undefined): MarkedText {
  if (!snippet) return []
  const pieces: MarkedText = []
  let match = false
  let text = ''
  for (const char of snippet) {
    if (char === MATCH_START || char === MATCH_END) {
      if (text) pieces.push({ text, match })
      text = ''
      match = char === MATCH_START
    } else {
      text += char
    }
  }
  if (text) pieces.push({ text, match })
  return pieces
}
