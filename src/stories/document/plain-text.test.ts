import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { documentPlainText, excerpt } from './plain-text.ts'
import type { Block, StoryDocument } from './types.ts'

function doc(...blocks: Block[]): StoryDocument {
  return { version: 1, blocks }
}

function paragraph(text: string): Block {
  return { id: 'p', type: 'paragraph', content: [{ text }] }
}

describe('documentPlainText', () => {
  it('separates the blocks’ text with blank lines', () => {
    const story = doc(
      { id: 'h', type: 'heading', level: 2, content: [{ text: 'Title' }] },
      { id: 'p', type: 'paragraph', content: [{ text: 'Some ' }, { text: 'bold', marks: [{ type: 'bold' }] }] },
      { id: 'd', type: 'divider' },
      { id: 'l', type: 'list', ordered: true, items: [{ id: 'a', content: [{ text: 'one' }] }, { id: 'b', content: [{ text: 'two' }] }] },
      { id: 'i', type: 'image', src: '/a.webp', alt: 'Alt' },
      { id: 'c', type: 'code', text: 'x = 1' },
    )
    assert.equal(documentPlainText(story), 'Title\n\nSome bold\n\none\ntwo\n\nAlt\n\nx = 1')
  })
})

describe('excerpt', () => {
  it('returns the first paragraph whole when it is short', () => {
    const story = doc({ id: 'h', type: 'heading', level: 2, content: [{ text: 'Title' }] }, paragraph('First\nparagraph.'), paragraph('Second.'))
    assert.equal(excerpt(story), 'First paragraph.')
  })

  it('cuts a long paragraph at a word boundary with an ellipsis', () => {
    const result = excerpt(doc(paragraph('The quick brown fox jumps over the lazy dog.')), 20)
    assert.equal(result, 'The quick brown fox…')
    assert.ok(result.length <= 20)
  })

  it('cuts a single long word rather than returning nothing', () => {
    assert.equal(excerpt(doc(paragraph('Supercalifragilistic')), 6), 'Super…')
  })

  it('never splits an emoji in two', () => {
    assert.equal(excerpt(doc(paragraph('ab😀cd')), 4), 'ab…')
  })

  it('falls back to quotes, lists and headings when there is no paragraph', () => {
    assert.equal(excerpt(doc({ id: 'q', type: 'quote', content: [{ text: 'Quoted' }] })), 'Quoted')
    assert.equal(excerpt(doc({ id: 'd', type: 'divider' })), '')
  })
})
