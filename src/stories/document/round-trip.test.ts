import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { markdownToDocument } from './from-markdown.ts'
import { documentToMarkdown } from './to-markdown.ts'
import { normalizeContent, normalizeDocument } from './normalize.ts'
import { documentArb, markdownArb, withoutIds } from './document-arbitraries.ts'
import { citationRuns, numberedNotes } from './footnotes.ts'
import type { StoryDocument } from './types.ts'

/** What each numbered note cites, as readers see it: the source's citation, or nothing. */
function citedSources(doc: StoryDocument): string[] {
  return numberedNotes(doc).map(({ source }) => (source ? JSON.stringify(normalizeContent(citationRuns(source), true)) : ''))
}

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

  it('keeps the sources a document cites when its Markdown comes back over it', () => {
    fc.assert(
      fc.property(documentArb, (generated) => {
        // As the stories service reads an API body: Markdown generated from the stored document.
        const back = markdownToDocument(documentToMarkdown(generated), generated)
        const cited = citedSources(generated)
        // Notes that come back (empty ones with no source do not) cite what they cited before.
        const before = new Map(numberedNotes(generated).map(({ note }, i) => [note.id, cited[i]]))
        for (const [i, { note }] of numberedNotes(back).entries()) {
          assert.equal(citedSources(back)[i], before.get(note.id), note.id)
        }
        assert.deepEqual(back.sources ?? [], generated.sources ?? [])
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
