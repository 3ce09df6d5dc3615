import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { DOCUMENT_LIMITS, parseDocument } from './validate.ts'
import { documentArb } from './document-arbitraries.ts'

const VALID = {
  version: 1,
  blocks: [
    { id: 'a1', type: 'heading', level: 2, content: [{ text: 'T' }] },
    { id: 'a2', type: 'paragraph', content: [{ text: 'x', marks: [{ type: 'link', href: 'https://x.y' }, { type: 'footnote', noteId: 'x' }] }] },
    { id: 'a3', type: 'list', ordered: false, items: [{ id: 'a4', content: [{ text: 'i' }] }] },
    { id: 'a5', type: 'code', language: 'js', text: '' },
    { id: 'a6', type: 'image', src: '/m.webp', alt: '', caption: [{ text: 'c' }], width: 10, height: 20 },
    { id: 'a7', type: 'embed', url: 'https://e.x' },
    { id: 'a8', type: 'divider' },
  ],
}

/** VALID with its block at `index` replaced. */
function withBlock(index: number, block: unknown): unknown {
  return { ...VALID, blocks: VALID.blocks.map((original, i) => (i === index ? block : original)) }
}

function errorOf(value: unknown): string {
  const result = parseDocument(value)
  assert.ok('error' in result, 'expected an error')
  return result.error
}

describe('parseDocument', () => {
  it('accepts a valid document and returns a copy', () => {
    const result = parseDocument(VALID)
    assert.deepEqual(result, VALID)
    assert.notEqual(result, VALID)
  })

  it('accepts every generated document', () => {
    fc.assert(fc.property(documentArb, (doc) => assert.deepEqual(parseDocument(JSON.parse(JSON.stringify(doc))), doc)))
  })

  it('rejects values that are not documents', () => {
    assert.match(errorOf(null), /document: must be an object/)
    assert.match(errorOf([]), /document: must be an object/)
    assert.match(errorOf({ version: 2, blocks: [] }), /document.version: must be 1/)
    assert.match(errorOf({ version: 1 }), /document.blocks: must be an array/)
  })

  it('rejects unknown block types, marks and fields', () => {
    assert.match(errorOf(withBlock(0, { id: 'a1', type: 'table' })), /blocks\[0\].type: must be one of/)
    assert.match(errorOf(withBlock(0, { id: 'a1', type: 'divider', html: '<b>' })), /blocks\[0\].html: is not allowed/)
    assert.match(errorOf(withBlock(0, { id: 'a1', type: 'paragraph', content: [{ text: 'x', marks: [{ type: 'underline' }] }] })), /marks\[0\].type/)
    assert.match(errorOf(withBlock(0, { id: 'a1', type: 'paragraph', content: [{ text: 'x', marks: [{ type: 'bold', href: 'x' }] }] })), /href: is not allowed/)
  })

  it('rejects duplicate ids, across blocks and list items too', () => {
    assert.match(errorOf(withBlock(1, { id: 'a1', type: 'divider' })), /blocks\[1\].id: duplicates id "a1"/)
    assert.match(errorOf(withBlock(1, { id: 'zz', type: 'list', ordered: true, items: [{ id: 'a3', content: [] }] })), /duplicates id "a3"/)
  })

  it('rejects ids that are not short letters and digits', () => {
    assert.match(errorOf(withBlock(0, { id: '', type: 'divider' })), /blocks\[0\].id/)
    assert.match(errorOf(withBlock(0, { id: 'a b"', type: 'divider' })), /blocks\[0\].id/)
  })

  it('rejects wrong field values', () => {
    assert.match(errorOf(withBlock(0, { id: 'a1', type: 'heading', level: 1, content: [] })), /level: must be 2 or 3/)
    assert.match(errorOf(withBlock(0, { id: 'a1', type: 'list', ordered: 'yes', items: [] })), /ordered: must be a boolean/)
    assert.match(errorOf(withBlock(0, { id: 'a1', type: 'image', src: '/a', alt: '', width: 1.5 })), /width: must be a whole number/)
    assert.match(errorOf(withBlock(0, { id: 'a1', type: 'paragraph', content: [{ text: 1 }] })), /content\[0\].text: must be a string/)
  })

  it('rejects documents over the size limits', () => {
    const blocks = Array.from({ length: DOCUMENT_LIMITS.blocks + 1 }, (_, i) => ({ id: `b${i}`, type: 'divider' }))
    assert.match(errorOf({ version: 1, blocks }), /at most 2000 entries/)
    const long = 'x'.repeat(DOCUMENT_LIMITS.textChars + 1)
    assert.match(errorOf(withBlock(0, { id: 'a1', type: 'code', text: long })), /text: must be at most 100000 characters/)
    const half = 'x'.repeat(DOCUMENT_LIMITS.textChars / 2 + 1)
    assert.match(errorOf(withBlock(0, { id: 'a1', type: 'paragraph', content: [{ text: half }, { text: half }] })), /at most 100000 characters in all/)
  })
})
