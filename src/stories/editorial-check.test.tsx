import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { editorialCheck, quotations } from './editorial-check.ts'
import type { Block, StoryDocument, TextRun } from './document/types.ts'
import { markdownToDocument } from './document/from-markdown.ts'
import { renderToString } from 'preact-render-to-string'
import { EditorialWarnings } from './views/editorial-warnings.tsx'

const doc = (...blocks: Block[]): StoryDocument => ({ version: 1, blocks })
const p = (id: string, ...content: TextRun[]): Block => ({ id, type: 'paragraph', content })
const ref = (noteId: string): TextRun => ({ text: noteId, marks: [{ type: 'footnote', noteId }] })
const kinds = (d: StoryDocument) => editorialCheck(d).map((w) => `${w.kind}@${w.blockId ?? '-'}`)

describe('editorialCheck', () => {
  it('flags a quote block with no source', () => {
    const warnings = editorialCheck(doc({ id: 'q', type: 'quote', content: [{ text: 'We choose to go to the moon.' }] }))
    assert.equal(warnings.length, 1)
    assert.deepEqual(warnings[0], { kind: 'unsourced_quote', blockId: 'q', quote: 'We choose to go to the moon.', message: 'This quotation has no source: attach one, or name who said it.' })
  })

  it('accepts a quote block with a footnote, a link, a signature or an introduction naming its speaker', () => {
    assert.deepEqual(kinds(doc({ id: 'q', type: 'quote', content: [{ text: 'We choose to go.' }, ref('n1')] })), [])
    assert.deepEqual(kinds(doc({ id: 'q', type: 'pullquote', content: [{ text: 'We choose to go.', marks: [{ type: 'link', href: 'https://jfk.example' }] }] })), [])
    assert.deepEqual(kinds(doc({ id: 'q', type: 'quote', content: [{ text: 'We choose to go.\n— John F. Kennedy' }] })), [])
    assert.deepEqual(kinds(doc(p('a', { text: 'As the president said in 1962:' }), { id: 'q', type: 'quote', content: [{ text: 'We choose to go.' }] })), [])
    assert.deepEqual(kinds(doc(p('a', { text: 'Consider this:' }), { id: 'q', type: 'quote', content: [{ text: 'We choose to go.' }] })), ['unsourced_quote@q'])
  })

  it('flags a pull quote with no source too', () => {
    assert.deepEqual(kinds(doc({ id: 'pq', type: 'pullquote', content: [{ text: 'Reading is the product.' }] })), ['unsourced_quote@pq'])
  })

  it('flags inline quoted speech of five words or more, not shorter phrases', () => {
    assert.deepEqual(kinds(doc(p('a', { text: 'The plan was “to move fast and break things” from day one.' }))), ['unsourced_quote@a'])
    assert.deepEqual(kinds(doc(p('a', { text: 'They called it "the cloud" and moved on.' }))), [])
    assert.deepEqual(kinds(doc({ id: 'l', type: 'list', ordered: false, items: [{ id: 'i1', content: [{ text: '"one two three four five"' }] }] })), ['unsourced_quote@i1'])
  })

  it('accepts inline quoted speech whose paragraph names the speaker or cites a source', () => {
    assert.deepEqual(kinds(doc(p('a', { text: '“We will move fast and break things,” said the founder.' }))), [])
    assert.deepEqual(kinds(doc(p('a', { text: 'According to the report, “costs rose by a third in a year”.' }))), [])
    assert.deepEqual(kinds(doc(p('a', { text: '“Costs rose by a third in a year”' }, ref('n1'), { text: '.' }))), [])
  })

  it('flags every link that is not https, in text, embeds, images, notes and sources', () => {
    const d: StoryDocument = {
      version: 1,
      blocks: [
        p('a', { text: 'old', marks: [{ type: 'link', href: 'http://old.example' }] }, { text: ' new', marks: [{ type: 'link', href: 'https://new.example' }] }, { text: ' mail', marks: [{ type: 'link', href: 'mailto:me@x.org' }] }),
        { id: 'e', type: 'embed', url: 'http://video.example/1' },
        { id: 'i', type: 'image', src: 'http://img.example/a.png', alt: '' },
        { id: 'j', type: 'image', src: '/media/a.webp', alt: '' },
      ],
      notes: [{ id: 'n', content: [{ text: 'see', marks: [{ type: 'link', href: 'http://note.example' }] }] }],
      sources: [{ id: 's', title: 'Report', url: 'http://report.example' }],
    }
    assert.deepEqual(
      editorialCheck(d).map((w) => (w.kind === 'insecure_link' ? `${w.url}@${w.blockId ?? '-'}` : w.kind)),
      ['http://old.example@a', 'http://video.example/1@e', 'http://img.example/a.png@i', 'http://note.example@-', 'http://report.example@-'],
    )
  })

  it('finds quotes in a story written in Markdown', () => {
    const d = markdownToDocument('> Unsourced wisdom for the ages.\n\n> Sourced wisdom.[^1]\n\n[^1]: A book.')
    assert.deepEqual(kinds(d).length, 1)
  })

  it('reads curly, straight and guillemet quotes', () => {
    assert.deepEqual(quotations('a “one two three four five” b "six seven eight nine ten" « un deux trois quatre cinq »'), [
      'one two three four five', 'six seven eight nine ten', 'un deux trois quatre cinq',
    ])
  })
})

describe('EditorialWarnings', () => {
  it('lists each warning with its quote or URL, escaped', () => {
    const html = renderToString(<EditorialWarnings warnings={editorialCheck(doc({ id: 'q', type: 'quote', content: [{ text: '<b>Bold</b> claim with no source at all' }] }))} />)
    assert.match(html, /Before you publish: 1 thing to check/)
    assert.match(html, /<q>&lt;b>Bold&lt;\/b> claim with no source at all<\/q>/)
  })

  it('says so when there is nothing to check', () => {
    assert.match(renderToString(<EditorialWarnings warnings={[]} />), /every quotation has a source/)
  })
})
