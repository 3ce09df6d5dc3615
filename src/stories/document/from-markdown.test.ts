import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { markdownToDocument } from './from-markdown.ts'
import { documentToMarkdown } from './to-markdown.ts'
import type { Block, StoryDocument, TextRun } from './types.ts'
import { withoutIds } from './document-arbitraries.ts'

/** The blocks of the parsed Markdown, ids blanked. */
function blocks(markdown: string): Block[] {
  return withoutIds(markdownToDocument(markdown)).blocks
}

function paragraph(...content: TextRun[]): Block {
  return { id: '', type: 'paragraph', content }
}

describe('markdownToDocument', () => {
  it('maps # and ## to level-2 headings and deeper ones to level 3', () => {
    assert.deepEqual(
      blocks('# One\n\n## Two\n\n### Three\n\n###### Six').map((block) => block.type === 'heading' && block.level),
      [2, 2, 3, 3],
    )
  })

  it('combines nested strong, emphasis, code and link marks on runs', () => {
    assert.deepEqual(blocks('a **b _c [d `e`](https://x.y)_**'), [
      paragraph(
        { text: 'a ' },
        { text: 'b ', marks: [{ type: 'bold' }] },
        { text: 'c ', marks: [{ type: 'bold' }, { type: 'italic' }] },
        { text: 'd ', marks: [{ type: 'link', href: 'https://x.y' }, { type: 'bold' }, { type: 'italic' }] },
        { text: 'e', marks: [{ type: 'link', href: 'https://x.y' }, { type: 'bold' }, { type: 'italic' }, { type: 'code' }] },
      ),
    ])
  })

  it('merges neighbouring runs with the same marks', () => {
    assert.deepEqual(blocks('**a** **b**'), [paragraph({ text: 'a', marks: [{ type: 'bold' }] }, { text: ' ' }, { text: 'b', marks: [{ type: 'bold' }] })])
    assert.deepEqual(blocks('a~~b~~c'), [paragraph({ text: 'abc' })])
  })

  it('reads hard breaks as "\\n" and soft breaks as spaces', () => {
    assert.deepEqual(blocks('one\ntwo  \nthree\\\nfour'), [paragraph({ text: 'one two\nthree\nfour' })])
  })

  it('keeps strikethrough text without a mark', () => {
    assert.deepEqual(blocks('~~gone~~ here'), [paragraph({ text: 'gone here' })])
  })

  it('makes each paragraph of a blockquote its own quote block', () => {
    assert.deepEqual(blocks('> one\n> still one\n>\n> two'), [
      { id: '', type: 'quote', content: [{ text: 'one still one' }] },
      { id: '', type: 'quote', content: [{ text: 'two' }] },
    ])
  })

  it('reads a blockquote whose first line is [!pullquote] as a pull quote', () => {
    const pull: Block = { id: '', type: 'pullquote', content: [{ text: 'Big words' }] }
    assert.deepEqual(blocks('> [!pullquote]\n> Big words'), [pull])
    assert.deepEqual(blocks('> [!PullQuote]\n>\n> Big words'), [pull])
    assert.deepEqual(blocks('> [!pullquote] Big words'), [pull])
  })

  it('keeps an escaped \\[!pullquote] as the text of a plain quote', () => {
    assert.deepEqual(blocks('> \\[!pullquote]\n> Big words'), [
      { id: '', type: 'quote', content: [{ text: '[!pullquote] Big words' }] },
    ])
  })

  it('lets lists and code leave a quote as blocks of their own', () => {
    assert.deepEqual(blocks('> said\n>\n> - a').map((block) => block.type), ['quote', 'list'])
  })

  it('flattens nested lists after their parent item', () => {
    const [list] = blocks('1. one\n   - one.a\n     - one.a.i\n2. two')
    assert.ok(list?.type === 'list')
    assert.equal(list.ordered, true)
    assert.deepEqual(list.items.map((item) => item.content[0]?.text), ['one', 'one.a', 'one.a.i', 'two'])
  })

  it('joins the paragraphs of a list item with line breaks', () => {
    const [list] = blocks('- first\n\n  second\n- next')
    assert.ok(list?.type === 'list')
    assert.deepEqual(list.items[0]?.content, [{ text: 'first\nsecond' }])
  })

  it('keeps GFM task list items as ☐ and ☑ prefixes', () => {
    const [list] = blocks('- [ ] todo\n- [x] done')
    assert.ok(list?.type === 'list')
    assert.deepEqual(list.items.map((item) => item.content), [[{ text: '☐ todo' }], [{ text: '☑ done' }]])
  })

  it('reads fenced and indented code with its language', () => {
    assert.deepEqual(blocks('```ts title="x"\nconst a = 1\n```\n\n    indented'), [
      { id: '', type: 'code', language: 'ts', text: 'const a = 1' },
      { id: '', type: 'code', text: 'indented' },
    ])
  })

  it('reads a thematic break as a divider', () => {
    assert.deepEqual(blocks('a\n\n---\n\n***'), [paragraph({ text: 'a' }), { id: '', type: 'divider' }, { id: '', type: 'divider' }])
  })

  it('makes an image alone in a paragraph an image block, its title the caption', () => {
    assert.deepEqual(blocks('![A cat](/media/cat.webp "Our cat")'), [
      { id: '', type: 'image', src: '/media/cat.webp', alt: 'A cat', caption: [{ text: 'Our cat' }] },
    ])
  })

  it('splits a paragraph around its images, in order', () => {
    assert.deepEqual(blocks('before ![one](1.png) middle ![two](2.png)'), [
      paragraph({ text: 'before' }),
      { id: '', type: 'image', src: '1.png', alt: 'one' },
      paragraph({ text: 'middle' }),
      { id: '', type: 'image', src: '2.png', alt: 'two' },
    ])
  })

  it('reads @[embed](url "caption") alone in a paragraph as an embed', () => {
    assert.deepEqual(blocks('@[embed](https://youtu.be/x "A talk")'), [
      { id: '', type: 'embed', url: 'https://youtu.be/x', caption: [{ text: 'A talk' }] },
    ])
  })

  it('keeps an embed spelling among other text, or with an escaped @, as a paragraph', () => {
    assert.deepEqual(blocks('see @[embed](https://e.x)').map((block) => block.type), ['paragraph'])
    assert.deepEqual(blocks('\\@[embed](https://e.x)').map((block) => block.type), ['paragraph'])
  })

  it('writes each table row as a paragraph with cells joined by " | "', () => {
    assert.deepEqual(blocks('| a | **b** |\n| - | - |\n| c | d |'), [
      paragraph({ text: 'a | ' }, { text: 'b', marks: [{ type: 'bold' }] }),
      paragraph({ text: 'c | d' }),
    ])
  })

  it('keeps raw HTML as its literal text', () => {
    assert.deepEqual(blocks('<script>alert(1)</script>\n\nhi <b>there</b>'), [
      paragraph({ text: '<script>alert(1)</script>' }),
      paragraph({ text: 'hi <b>there</b>' }),
    ])
  })

  it('reads footnote references and definitions as references and notes', () => {
    const doc = markdownToDocument('Claim[^1]. Again[^1], and _more_[^two.words].\n\n[^1]: The **source**.\n\n[^two.words]: Other.\n\n[^unused]: Nobody cites this.')
    const [block] = doc.blocks
    assert.ok(block?.type === 'paragraph')
    const generated = doc.notes?.[1]?.id as string
    assert.match(generated, /^[a-z0-9]{6}$/, 'a label that is not a valid id gets a new one')
    assert.deepEqual(block.content, [
      { text: 'Claim' },
      { text: '1', marks: [{ type: 'footnote', noteId: '1' }] },
      { text: '. Again' },
      { text: '1', marks: [{ type: 'footnote', noteId: '1' }] },
      { text: ', and ' },
      { text: 'more', marks: [{ type: 'italic' }] },
      { text: generated, marks: [{ type: 'footnote', noteId: generated }] },
      { text: '.' },
    ])
    assert.deepEqual(doc.notes, [
      { id: '1', content: [{ text: 'The ' }, { text: 'source', marks: [{ type: 'bold' }] }, { text: '.' }] },
      { id: generated, content: [{ text: 'Other.' }] },
    ])
  })

  it('keeps an undefined footnote reference as its text', () => {
    assert.deepEqual(blocks('Claim[^9].'), [paragraph({ text: 'Claim[^9].' })])
  })

  it('gives notes that end with the citation of one of the story\'s sources that source back', () => {
    const previous: StoryDocument = {
      version: 1,
      blocks: [{ id: 'p', type: 'paragraph', content: [{ text: 'Claim' }, { text: 'n1', marks: [{ type: 'footnote', noteId: 'n1' }] }] }],
      notes: [{ id: 'n1', content: [{ text: 'See' }], sourceId: 's1' }],
      sources: [{ id: 's1', title: 'Work', url: 'https://w.example/', date: '2020' }, { id: 's2', title: 'Uncited' }],
    }
    const markdown = documentToMarkdown(previous)
    assert.equal(markdown, 'Claim[^n1]\n\n[^n1]: See [Work](https://w.example/), 2020.\n')
    assert.deepEqual(markdownToDocument(markdown, previous).notes, previous.notes, 'the body sent back unchanged')
    assert.deepEqual(markdownToDocument(markdown, previous).sources, previous.sources)

    const edited = markdownToDocument(markdown.replace('See', 'Read').replace('Claim[^n1]', 'Claim[^n1] and more[^x]\n\n[^x]: Uncited.'), previous)
    assert.deepEqual(edited.notes, [{ id: 'n1', content: [{ text: 'Read' }], sourceId: 's1' }, { id: 'x', content: [], sourceId: 's2' }])

    const recited = markdownToDocument(markdown.replace('2020', '2021'), previous)
    assert.deepEqual(recited.notes, [{ id: 'n1', content: [{ text: 'See ' }, { text: 'Work', marks: [{ type: 'link', href: 'https://w.example/' }] }, { text: ', 2021.' }] }])
    assert.deepEqual(recited.sources, previous.sources, 'sources stay listed, cited or not')
  })

  it('resolves reference links and images from their definitions', () => {
    assert.deepEqual(blocks('[text][r] ![pic][p]\n\n[r]: https://r.example\n[p]: /media/p.png "P"'), [
      paragraph({ text: 'text', marks: [{ type: 'link', href: 'https://r.example' }] }),
      { id: '', type: 'image', src: '/media/p.png', alt: 'pic', caption: [{ text: 'P' }] },
    ])
  })

  it('links bare URLs but not escaped ones', () => {
    assert.deepEqual(blocks('https://a.example and https\\://b.example'), [
      paragraph({ text: 'https://a.example', marks: [{ type: 'link', href: 'https://a.example' }] }, { text: ' and https://b.example' }),
    ])
  })

  it('keeps link and image URLs as written, even unsafe ones', () => {
    assert.deepEqual(blocks('[x](javascript:alert(1))'), [paragraph({ text: 'x', marks: [{ type: 'link', href: 'javascript:alert(1)' }] })])
  })

  it('drops empty paragraphs, headings, quotes and list items', () => {
    assert.deepEqual(blocks('#\n\n>\n\n-\n\n&#x20;\n\ntext'), [paragraph({ text: 'text' })])
  })

  it('gives every block and list item a unique short id', () => {
    const doc: StoryDocument = markdownToDocument('a\n\n- b\n- c\n\n---\n\nd')
    const ids = doc.blocks.flatMap((block) => (block.type === 'list' ? [block.id, ...block.items.map((item) => item.id)] : [block.id]))
    assert.equal(ids.length, 6)
    assert.equal(new Set(ids).size, 6)
    for (const id of ids) assert.match(id, /^[a-z0-9]{4,8}$/)
  })
})
