import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { markdownToDocument } from './from-markdown.ts'
import type { Block, StoryDocument } from './types.ts'

function ids(doc: StoryDocument): string[] {
  return doc.blocks.map((block) => block.id)
}

function itemIds(block: Block | undefined): string[] {
  return block?.type === 'list' ? block.items.map((item) => item.id) : []
}

const STORY = '# Title\n\nFirst paragraph.\n\nSecond paragraph.\n\n---\n\nThird paragraph.'

describe('stable block ids', () => {
  it('keeps every id when the Markdown is unchanged', () => {
    const before = markdownToDocument(STORY)
    assert.deepEqual(markdownToDocument(STORY, before), before)
  })

  it('keeps the ids of untouched blocks and of a block edited in place', () => {
    const before = markdownToDocument(STORY)
    const after = markdownToDocument(STORY.replace('Second paragraph.', 'Second paragraph, *rewritten*.'), before)
    assert.deepEqual(ids(after), ids(before))
  })

  it('keeps the ids of blocks that moved', () => {
    const before = markdownToDocument('One.\n\nTwo.\n\nThree.')
    const after = markdownToDocument('Three.\n\nOne.\n\nTwo.', before)
    const [one, two, three] = ids(before)
    assert.deepEqual(ids(after), [three, one, two])
  })

  it('gives an inserted block a new id and keeps the others', () => {
    const before = markdownToDocument(STORY)
    const after = markdownToDocument(STORY.replace('Second paragraph.', 'Inserted.\n\nSecond paragraph.'), before)
    const [title, first, second, divider, third] = ids(before)
    const inserted = after.blocks[2]?.id
    assert.deepEqual(ids(after), [title, first, inserted, second, divider, third])
    assert.ok(inserted && !ids(before).includes(inserted))
  })

  it('never hands a deleted block’s id to a new block', () => {
    const before = markdownToDocument('Keep.\n\nDelete me.')
    const after = markdownToDocument('Keep.\n\n## A heading now', before)
    assert.equal(after.blocks[0]?.id, before.blocks[0]?.id)
    assert.notEqual(after.blocks[1]?.id, before.blocks[1]?.id)
  })

  it('keeps list item ids through an edit of one item', () => {
    const before = markdownToDocument('- apples\n- pears\n- plums')
    const after = markdownToDocument('- apples\n- ripe pears\n- plums\n- figs', before)
    const [apples, pears, plums] = itemIds(before.blocks[0])
    const afterIds = itemIds(after.blocks[0])
    assert.equal(after.blocks[0]?.id, before.blocks[0]?.id)
    assert.deepEqual(afterIds.slice(0, 3), [apples, pears, plums])
    assert.equal(new Set([...itemIds(before.blocks[0]), ...afterIds]).size, 4)
  })

  it('keeps an image’s width and height while its source is unchanged', () => {
    const parsed = markdownToDocument('![a](/media/a.webp)')
    const image = parsed.blocks[0]
    assert.ok(image?.type === 'image')
    const before: StoryDocument = { version: 1, blocks: [{ ...image, width: 800, height: 600 }] }
    assert.deepEqual(markdownToDocument('![new alt](/media/a.webp)', before).blocks[0], {
      ...image, alt: 'new alt', width: 800, height: 600,
    })
    const replaced = markdownToDocument('![a](/media/b.webp)', before).blocks[0]
    assert.ok(replaced?.type === 'image' && replaced.width === undefined)
  })

  it('stays unique when the previous document repeats an id', () => {
    const broken: StoryDocument = {
      version: 1,
      blocks: [
        { id: 'same', type: 'paragraph', content: [{ text: 'a' }] },
        { id: 'same', type: 'paragraph', content: [{ text: 'b' }] },
      ],
    }
    assert.equal(new Set(ids(markdownToDocument('a\n\nb', broken))).size, 2)
  })
})
