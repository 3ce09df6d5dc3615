import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MATCH_END as E, MATCH_START as S, parseSearchQuery } from '../db/full-text.ts'
import { snippetOf } from './snippet.ts'

describe('search snippets', () => {
  it('marks whole words and the typed prefix, whatever their case', () => {
    assert.equal(snippetOf('The River runs by the rivers of home.', parseSearchQuery('river')), `The ${S}River${E} runs by the ${S}rivers${E} of home.`)
    assert.equal(snippetOf('A river, a riverbank.', parseSearchQuery('river ')), `A ${S}river${E}, a riverbank.`)
  })

  it('shows a window of words around the first match, with ellipses where text was cut', () => {
    const text = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ').replace('w50', 'lantern')
    const snippet = snippetOf(text, parseSearchQuery('lantern '), 10)
    assert.equal(snippet, `…w46 w47 w48 w49 ${S}lantern${E} w51 w52 w53 w54 w55…`)
  })

  it('starts at the beginning when the match is early, and ends with the text when it is short', () => {
    assert.equal(snippetOf('Night train to Lisbon.', parseSearchQuery('train ')), `Night ${S}train${E} to Lisbon.`)
  })

  it('marks each word of a phrase', () => {
    assert.equal(snippetOf('A careful engineer checks twice.', parseSearchQuery('"careful engineer"')), `A ${S}careful${E} ${S}engineer${E} checks twice.`)
  })

  it('is empty for empty text and the text’s opening when nothing matches', () => {
    assert.equal(snippetOf('', parseSearchQuery('x')), '')
    assert.equal(snippetOf('Nothing here at all.', parseSearchQuery('lantern ')), 'Nothing here at all.')
  })
})
