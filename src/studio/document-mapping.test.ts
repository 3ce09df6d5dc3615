import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { getSchema } from '@tiptap/core'
import { Node as PmModelNode } from '@tiptap/pm/model'
import { blockArb, documentArb, runArb } from '../stories/document/document-arbitraries.ts'
import type { Block, StoryDocument, TextRun } from '../stories/document/types.ts'
import { editorNormalForm, extrasOf, fromProseMirror, toProseMirror, type PmNode } from './document-mapping.ts'
import { documentExtensions } from './editor-schema.ts'

const schema = getSchema(documentExtensions())
const noNewIds = () => { throw new Error('a block lost its id') }

/** Through the real ProseMirror schema: it checks the structure and adds its default attributes. */
function throughProseMirror(doc: StoryDocument): PmNode {
  const node = PmModelNode.fromJSON(schema, toProseMirror(doc))
  node.check()
  return node.toJSON() as PmNode
}

/** One document per block type, so a failure names the block. */
const singleBlockDoc = (type: Block['type']) => blockArb.filter((block) => block.type === type).map((block): StoryDocument => ({
  version: 1,
  blocks: [block.type === 'list' ? { ...block, id: 'b0', items: block.items.map((item, i) => ({ ...item, id: `i${i}` })) } : { ...block, id: 'b0' }],
}))

describe('document ↔ ProseMirror mapping', () => {
  for (const type of ['paragraph', 'heading', 'quote', 'pullquote', 'list', 'code', 'image', 'embed', 'divider'] as const) {
    it(`round-trips ${type} blocks exactly, in the editor's normal form`, () => {
      fc.assert(fc.property(singleBlockDoc(type), (doc) => {
        const normal = editorNormalForm(doc)
        assert.deepEqual(fromProseMirror(throughProseMirror(normal), {}, noNewIds), normal)
        assert.deepEqual(fromProseMirror(throughProseMirror(doc), {}, noNewIds), normal)
      }), { numRuns: 150 })
    })
  }

  for (const mark of ['bold', 'italic', 'code', 'link', 'footnote'] as const) {
    it(`round-trips the ${mark} mark`, () => {
      // A footnote reference is never code (normal form drops the mark), so those runs are left out here.
      const isReference = (run: TextRun) => run.marks?.some((m) => m.type === 'footnote') ?? false
      const marked = runArb.filter((run) => (run.marks?.some((m) => m.type === mark) ?? false) && (mark !== 'code' || !isReference(run)))
      fc.assert(fc.property(fc.array(marked, { minLength: 1, maxLength: 4 }), (content) => {
        const normal = editorNormalForm({ version: 1, blocks: [{ id: 'p', type: 'paragraph', content }] })
        const back = fromProseMirror(throughProseMirror(normal), {}, noNewIds)
        assert.deepEqual(back, normal)
        assert.ok(back.blocks.length === 1 && back.blocks[0]?.type === 'paragraph' && back.blocks[0].content.some((run) => run.marks?.some((m) => m.type === mark)))
      }), { numRuns: 150 })
    })
  }

  it('round-trips whole documents, keeping every block and item id', () => {
    fc.assert(fc.property(documentArb, (doc) => {
      const normal = editorNormalForm(doc)
      assert.deepEqual(fromProseMirror(throughProseMirror(normal), extrasOf(doc), noNewIds), normal)
      assert.deepEqual(editorNormalForm(normal), normal)
    }), { numRuns: 300 })
  })

  it('keeps the text a reader reads: normal form changes no block content but empty ones', () => {
    fc.assert(fc.property(documentArb, (doc) => {
      const text = (d: StoryDocument) => JSON.stringify(d.blocks.map((b) => 'content' in b ? b.content.filter((r) => !r.marks?.some((m) => m.type === 'footnote')).map((r) => r.text).join('') : b.type === 'code' ? b.text : ''))
      const nonEmpty = { ...doc, blocks: doc.blocks.filter((b) => !('content' in b) || b.content.some((r) => r.text !== '')) }
      assert.equal(text(editorNormalForm(doc)), text(nonEmpty))
    }), { numRuns: 200 })
  })

  it('carries notes and sources through untouched', () => {
    const doc: StoryDocument = {
      version: 1,
      blocks: [{ id: 'a', type: 'paragraph', content: [{ text: 'Said so' }, { text: 'n1', marks: [{ type: 'footnote', noteId: 'n1' }] }] }],
      notes: [{ id: 'n1', content: [{ text: 'See' }], sourceId: 's1' }],
      sources: [{ id: 's1', title: 'A book' }],
    }
    const { version: _v, blocks: _b, ...extras } = doc
    assert.deepEqual(fromProseMirror(throughProseMirror(doc), extras, noNewIds), doc)
  })

  it('gives a block without an id, or with one already used above it, a new id', () => {
    const pm: PmNode = { type: 'doc', content: [
      { type: 'paragraph', attrs: { id: 'same' }, content: [{ type: 'text', text: 'first' }] },
      { type: 'paragraph', attrs: { id: 'same' }, content: [{ type: 'text', text: 'pasted copy' }] },
      { type: 'paragraph', attrs: { id: null }, content: [{ type: 'text', text: 'new' }] },
    ] }
    let n = 0
    const doc = fromProseMirror(pm, {}, () => `new${n++}`)
    assert.deepEqual(doc.blocks.map((b) => b.id), ['same', 'new0', 'new1'])
  })

  it('maps an empty editor to an empty document and back', () => {
    assert.deepEqual(fromProseMirror(throughProseMirror({ version: 1, blocks: [] }), {}, noNewIds), { version: 1, blocks: [] })
  })
})
