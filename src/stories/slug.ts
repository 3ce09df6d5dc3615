// Medium's URL scheme: /@username/title-words-<shortid>. The short id is the story's identity;
// the words are decoration that follows the title, so any old slug still finds the story and
// is redirected to the current one.
import { randomBytes } from 'node:crypto'

const SHORT_ID = /^[0-9a-f]{12}$/

/** A new story's short id: 12 hex characters, like Medium's. */
export function newShortId(): string {
  return randomBytes(6).toString('hex')
}

/** "The Quiet Economics of Night Trains!" → "the-quiet-economics-of-night-trains". */
export function titleWords(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
  let slug = ''
  for (const word of words) {
    if (slug && slug.length + word.length + 1 > 60) break
    slug = slug ? `${slug}-${word}` : word.slice(0, 60)
  }
  return slug || 'story'
}

/** The full slug of a story as it appears in URLs and as the RealWorld `slug`. */
export function storySlug(words: string, shortId: string): string {
  return `${words}-${shortId}`
}

/** The short id at the end of any slug we ever issued, or undefined. */
export function shortIdOf(slug: string): string | undefined {
  const candidate = slug.slice(slug.lastIndexOf('-') + 1)
  return SHORT_ID.test(candidate) ? candidate : undefined
}
