import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { fts5Query, MATCH_END, MATCH_START, parseSearchQuery, splitMarked, tsQueryText } from './full-text.ts'

describe('full-text queries', () => {
  it('quotes every word and makes the last one a prefix for type-ahead', () => {
    const terms = parseSearchQuery('Night trai')
    assert.equal(fts5Query(terms), '"night" "trai"*')
    assert.equal(tsQueryText(terms), `'night' & 'trai':*`)
  })

  it('keeps a whole last word when the text ends with a space, and one-letter words whole', () => {
    assert.equal(fts5Query(parseSearchQuery('night trai ')), '"night" "trai"')
    assert.equal(fts5Query(parseSearchQuery('night t')), '"night" "t"')
  })

  it('keeps quoted phrases together, in order', () => {
    const terms = parseSearchQuery('"night train" sleeper')
    assert.equal(fts5Query(terms), '"night train" "sleeper"*')
    assert.equal(tsQueryText(terms), `('night' <-> 'train') & 'sleeper':*`)
    assert.equal(fts5Query(parseSearchQuery('"night train"')), '"night train"')
  })

  it('reads an unclosed quote as a phrase to the end, its last word a prefix', () => {
    assert.equal(fts5Query(parseSearchQuery('"night tra')), '"night tra"*')
    assert.equal(tsQueryText(parseSearchQuery('"night tra')), `('night' <-> 'tra':*)`)
  })

  it('asks for the primary columns with a column filter (FTS5) or weight A (tsquery)', () => {
    const terms = parseSearchQuery('night trai')
    assert.equal(fts5Query(terms, ['title']), '{title} : ("night" "trai"*)')
    assert.equal(tsQueryText(terms, 'A'), `'night':A & 'trai':*A`)
  })

  it('reads operators and punctuation as nothing but text', () => {
    assert.equal(fts5Query(parseSearchQuery(`'; drop table stories; --`)), '"drop" "table" "stories"')
    assert.equal(fts5Query(parseSearchQuery('a OR 1=1')), '"a" "or" "1" "1"')
    assert.equal(fts5Query(parseSearchQuery('NEAR(a b) NOT c -d')), '"near" "a" "b" "not" "c" "d"')
    for (const nothing of ['*', '"', '-', '""', '()', ':', "'", '   ', '']) assert.deepEqual(parseSearchQuery(nothing), [], nothing)
  })

  it('folds case across scripts and keeps letters of any script', () => {
    assert.equal(fts5Query(parseSearchQuery('Zürich ПРИВЕТ 東京 ')), '"zürich" "привет" "東京"')
  })

  it('never lets anything but quoted words through, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (input) => {
      const terms = parseSearchQuery(input)
      assert.match(fts5Query(terms), /^(?:(?:"[\p{L}\p{N}\p{M} ]+"\*?)(?: |$))*$/u)
      assert.match(tsQueryText(terms), /^[\p{L}\p{N}\p{M}':*A&<>\-() ]*$/u)
      assert.ok(!tsQueryText(terms).split(/'[\p{L}\p{N}\p{M}]+'/u).join('').includes("'"))
    }))
  })

  it('cuts snippets at the match marks into plain pieces', () => {
    assert.deepEqual(splitMarked(`the ${MATCH_START}night${MATCH_END} <b>train</b>`), [
      { text: 'the ', match: false },
      { text: 'night', match: true },
      { text: ' <b>train</b>', match: false },
    ])
    assert.deepEqual(splitMarked(null), [])
  })
})
