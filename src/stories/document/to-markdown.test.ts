import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { documentToMarkdown } from './to-markdown.ts'
import { markdownToDocument } from './from-markdown.ts'
import type { Block, StoryDocument } from './types.ts'

function markdown(...blocks: Block[]): string {
  return documentToMarkdown({ version: 1, blocks })
}

describe('documentToMarkdown', () => {
  it('writes conventional Markdown for every block type', () => {
    const result = markdown(
      { id: 'h', type: 'heading', level: 2, content: [{ text: 'Title' }] },
      { id: 'p', type: 'paragraph', content: [
        { text: 'Some ' }, { text: 'bold', marks: [{ type: 'bold' }] }, { text: ', ' },
        { text: 'italic', marks: [{ type: 'italic' }] }, { text: ', ' }, { text: 'code', marks: [{ type: 'code' }] },
        { text: ' and a ' }, { text: 'link', marks: [{ type: 'link', href: 'https://x.example' }] }, { text: '.\nNext line' },
      ] },
      { id: 's', type: 'heading', level: 3, content: [{ text: 'Sub' }] },
      { id: 'q', type: 'quote', content: [{ text: 'Quoted' }] },
      { id: 'l', type: 'list', ordered: false, items: [{ id: 'i1', content: [{ text: 'one' }] }, { id: 'i2', content: [{ text: 'two' }] }] },
      { id: 'o', type: 'list', ordered: true, items: [{ id: 'i3', content: [{ text: 'first' }] }] },
      { id: 'c', type: 'code', language: 'js', text: 'let a = 1' },
      { id: 'd', type: 'divider' },
      { id: 'm', type: 'image', src: '/media/a.webp', alt: 'Alt', caption: [{ text: 'Caption' }] },
    )
    assert.equal(result, [
      '## Title', '',
      'Some **bold**, _italic_, `code` and a [link](https://x.example).\\', 'Next line', '',
      '### Sub', '',
      '> Quoted', '',
      '- one', '- two', '',
      '1. first', '',
      '```js', 'let a = 1', '```', '',
      '---', '',
      '![Alt](/media/a.webp "Caption")', '',
    ].join('\n'))
  })

  it('spells a pull quote as a blockquote opening with [!pullquote]', () => {
    assert.equal(markdown({ id: 'p', type: 'pullquote', content: [{ text: '# Big words' }] }), '> [!pullquote]\n> \\# Big words\n')
  })

  it('spells an embed as @[embed](url "caption")', () => {
    assert.equal(
      markdown({ id: 'e', type: 'embed', url: 'https://youtu.be/x', caption: [{ text: 'A "talk"' }] }),
      '@[embed](https://youtu.be/x "A \\"talk\\"")\n',
    )
  })

  it('escapes an @ that would otherwise read as an embed', () => {
    const lookalike: Block = {
      id: 'p', type: 'paragraph', content: [{ text: '@' }, { text: 'embed', marks: [{ type: 'link', href: 'https://e.x' }] }],
    }
    assert.equal(markdown(lookalike), '\\@[embed](https://e.x)\n')
  })

  it('escapes text that Markdown would read as syntax', () => {
    const text = '1. *not* a _list_ # [x](y) > <b> `c`'
    const result = markdown({ id: 'p', type: 'paragraph', content: [{ text }] })
    assert.equal(result, '1\\. \\*not\\* a \\_list\\_ # \\[x]\\(y) > \\<b> \\`c\\`\n')
    assert.deepEqual(markdownToDocument(result).blocks.map((block) => block.type === 'paragraph' && block.content), [[{ text }]])
  })

  it('writes ☐ and ☑ items as GFM task items', () => {
    const list: Block = {
      id: 'l', type: 'list', ordered: false,
      items: [{ id: 'a', content: [{ text: '☐ todo' }] }, { id: 'b', content: [{ text: '☑ done' }] }, { id: 'c', content: [{ text: '☐' }] }],
    }
    assert.equal(markdown(list), '- [ ] todo\n- [x] done\n- ☐\n')
  })

  it('writes line breaks in a heading as spaces', () => {
    assert.equal(markdown({ id: 'h', type: 'heading', level: 2, content: [{ text: 'a\nb' }] }), '## a b\n')
  })

  it('writes footnote references and their notes as GFM footnotes, a source as text at the end of its note', () => {
    const doc: StoryDocument = {
      version: 1,
      blocks: [{ id: 'p', type: 'paragraph', content: [{ text: 'Cited.' }, { text: 'n2', marks: [{ type: 'footnote', noteId: 'n2' }] }, { text: ' More' }, { text: 'n1', marks: [{ type: 'footnote', noteId: 'n1' }] }] }],
      notes: [
        { id: 'n1', content: [{ text: 'Second.' }] },
        { id: 'n2', content: [{ text: 'See' }], sourceId: 's' },
        { id: 'unused', content: [{ text: 'never referenced' }] },
      ],
      sources: [{ id: 's', title: 'The Work', author: 'Ada', url: 'https://work.example/', date: '2024-05', excerpt: 'quoted' }],
    }
    assert.equal(
      documentToMarkdown(doc),
      'Cited.[^n2] More[^n1]\n\n[^n2]: See Ada, [The Work](https://work.example/), 2024-05. “quoted”\n\n[^n1]: Second.\n',
    )
  })

  it('keeps bold around a line break readable', () => {
    const result = markdown({ id: 'p', type: 'paragraph', content: [{ text: 'a\nb', marks: [{ type: 'bold' }] }] })
    assert.equal(result, '**a**\\\n**b**\n')
  })
})
