import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { imageSeconds, readingTimeMinutes, wordCount } from './reading-time.ts'
import type { Block, StoryDocument } from './types.ts'

function words(count: number): Block {
  return { id: `p${count}`, type: 'paragraph', content: [{ text: Array.from({ length: count }, () => 'word').join(' ') }] }
}

function images(count: number): Block[] {
  return Array.from({ length: count }, (_, index): Block => ({ id: `i${index}`, type: 'image', src: '/m.webp', alt: 'not counted' }))
}

function doc(...blocks: Block[]): StoryDocument {
  return { version: 1, blocks }
}

describe('wordCount', () => {
  it('counts words in every block, code and captions included, punctuation not', () => {
    const story = doc(
      { id: 'h', type: 'heading', level: 2, content: [{ text: 'Two words' }] },
      { id: 'p', type: 'paragraph', content: [{ text: 'Don’t ' }, { text: 'stop — now.', marks: [{ type: 'bold' }] }] },
      { id: 'l', type: 'list', ordered: false, items: [{ id: 'a', content: [{ text: 'one' }] }, { id: 'b', content: [{ text: 'two\nthree' }] }] },
      { id: 'c', type: 'code', text: 'const x = 1' },
      { id: 'i', type: 'image', src: '/a.webp', alt: 'alt is not read', caption: [{ text: 'A caption' }] },
      { id: 'd', type: 'divider' },
    )
    assert.equal(wordCount(story), 2 + 3 + 3 + 3 + 2)
  })
})

describe('imageSeconds', () => {
  it('gives 12 seconds to the first image and one less to each next, down to 3', () => {
    assert.equal(imageSeconds(0), 0)
    assert.equal(imageSeconds(1), 12)
    assert.equal(imageSeconds(2), 23)
    assert.equal(imageSeconds(10), 75)
    assert.equal(imageSeconds(12), 81)
  })
})

describe('readingTimeMinutes', () => {
  it('reads 265 words a minute, rounded to the nearest minute', () => {
    assert.equal(readingTimeMinutes(doc(words(265))), 1)
    assert.equal(readingTimeMinutes(doc(words(397))), 1)
    assert.equal(readingTimeMinutes(doc(words(398))), 2)
    assert.equal(readingTimeMinutes(doc(words(2650))), 10)
  })

  it('adds the time spent on images', () => {
    // 265 words (60 s) + 10 images (75 s) = 2.25 min.
    assert.equal(readingTimeMinutes(doc(words(265), ...images(10))), 2)
    // 20 images: 75 s + 10 × 3 s = 105 s = 1.75 min.
    assert.equal(readingTimeMinutes(doc(...images(20))), 2)
  })

  it('is at least one minute', () => {
    assert.equal(readingTimeMinutes(doc()), 1)
    assert.equal(readingTimeMinutes(doc(words(3))), 1)
  })
})
