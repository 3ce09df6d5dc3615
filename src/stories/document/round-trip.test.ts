import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { markdownToDocument } from './from-markdown.ts'
import { documentToMarkdown } from './to-markdown.ts'
import { normalizeDocument } from './normalize.ts'
import { documentArb, markdownArb, withoutIds } from './document-arbitraries.ts'

// Deeper runs (20,000 each) pass too; 300 keeps the suite quick.
const RUNS = { numRuns: 300 }

describe('Markdown round trip', () => {
  it('brings back any document in normal form, ids aside', () => {
    fc.assert(
      fc.property(documentArb, (generated) => {
        const doc = normalizeDocument(generated)
        const markdown = documentToMarkdown(doc)
        assert.deepEqual(withoutIds(markdownToDocument(markdown)), withoutIds(doc), markdown)
      }),
      RUNS,
    )
  })

  it('returns documents already in normal form', () => {
    fc.assert(
      fc.property(markdownArb, (markdown) => {
        const doc = markdownToDocument(markdown)
        assert.deepEqual(normalizeDocument(doc), doc)
      }),
      RUNS,
    )
  })

  it('writes the same Markdown again after one pass', () => {
    fc.assert(
      fc.property(markdownArb, (markdown) => {
        const once = documentToMarkdown(markdownToDocument(markdown))
        const twice = documentToMarkdown(markdownToDocument(once))
        assert.equal(twice, once)
      }),
      RUNS,
    )
  })

  it('is idempotent when normalizing', () => {
    fc.assert(
      fc.property(documentArb, (generated) => {
        const doc = normalizeDocument(generated)
        assert.deepEqual(normalizeDocument(doc), doc)
      }),
      RUNS,
    )
  })
})
