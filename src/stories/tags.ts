// Tags: up to five a story. A tag has a key (how it is looked up: lowercase, hyphenated) and a
// name (how it was first written), so "Machine Learning" and "machine-learning" are one tag.

export const MAX_TAGS = 5
export const MAX_TAG_LENGTH = 40

export type NormalisedTag = { key: string; name: string }

export function tagKey(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/[^\p{L}\p{N}-]+/gu, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
}

/**
 * Cleans a tag list as written by a client: trims, drops empties and duplicates (by key), keeps
 * the order given. Returns an error message instead when the list cannot be accepted.
 */
export function normaliseTags(names: readonly string[]): NormalisedTag[] | { error: string } {
  const seen = new Set<string>()
  const tags: NormalisedTag[] = []
  for (const raw of names) {
    const name = raw.normalize('NFKC').trim().replace(/\s+/g, ' ')
    const key = tagKey(name)
    if (!key || seen.has(key)) continue
    if (name.length > MAX_TAG_LENGTH) return { error: `must each be at most ${MAX_TAG_LENGTH} characters` }
    seen.add(key)
    tags.push({ key, name })
  }
  if (tags.length > MAX_TAGS) return { error: `can hold at most ${MAX_TAGS} tags` }
  return tags
}
