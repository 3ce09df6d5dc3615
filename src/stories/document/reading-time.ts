import type { StoryDocument } from './types.ts'
import { blockPlainText } from './plain-text.ts'
import { runsText } from './text-runs.ts'

/** Medium's average adult reading speed. */
const WORDS_PER_MINUTE = 265

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' })

function countWords(text: string): number {
  let count = 0
  // Word-like segments skip punctuation and spaces, and split CJK text into words.
  for (const segment of wordSegmenter.segment(text)) if (segment.isWordLike) count += 1
  return count
}

/** Words in every text of the story, code and captions included (alt texts are not read, so not counted). */
export function wordCount(doc: StoryDocument): number {
  return doc.blocks.reduce((sum, block) => {
    const text = block.type === 'image' ? runsText(block.caption) : blockPlainText(block)
    return sum + countWords(text)
  }, 0)
}

/**
 * Seconds a reader spends on images, by Medium's rule: 12 s for the first,
 * 11 s for the second, one second less for each next one, down to 3 s for the
 * tenth and every image after it.
 */
export function imageSeconds(imageCount: number): number {
  let seconds = 0
  for (let index = 0; index < imageCount; index += 1) seconds += Math.max(3, 12 - index)
  return seconds
}

/** Estimated reading time in whole minutes, at least 1. */
export function readingTimeMinutes(doc: StoryDocument): number {
  const images = doc.blocks.filter((block) => block.type === 'image').length
  const minutes = wordCount(doc) / WORDS_PER_MINUTE + imageSeconds(images) / 60
  return Math.max(1, Math.round(minutes))
}
