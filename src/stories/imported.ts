// Stories written elsewhere and brought in by an import (issue 7): saved inside the importer's
// transaction, so a story, its tags and the importer's own record of it commit together or not
// at all. The document arrives already parsed and checked, with the ids its source gave it.
import type { Transaction } from 'kysely'
import type { Database, StoryUpdate } from '../db/schema.ts'
import { documentPlainText } from './document/plain-text.ts'
import { readingTimeMinutes, wordCount } from './document/reading-time.ts'
import type { Block, StoryDocument } from './document/types.ts'
import * as q from './queries.ts'
import { recordRevision } from './revisions/record.ts'
import { newShortId, titleWords } from './slug.ts'
import { MAX_TAG_LENGTH, MAX_TAGS, normaliseTags, type NormalisedTag } from './tags.ts'

export type ImportedStory = {
  title: string
  subtitle: string
  document: StoryDocument
  tags: string[]
  status: 'draft' | 'published'
  /** When it was first published where it came from (published stories); default now. */
  publishedAt: Date | undefined
  canonicalUrl: string | undefined
}

const TITLE_MAX = 200
const SUBTITLE_MAX = 300

/**
 * Creates the story, or replaces the content of `existingId` when that story still exists and is
 * the author's. Returns the story's id and version after the save, and whether it was created.
 */
export async function saveImportedStory(
  trx: Transaction<Database>, authorId: number, existingId: number | undefined, input: ImportedStory,
): Promise<{ id: number; version: number; created: boolean; slug: string; shortId: string }> {
  const now = new Date()
  const title = clip(input.title.trim() || 'Untitled', TITLE_MAX)
  const subtitle = clip(input.subtitle.trim(), SUBTITLE_MAX)
  const tags = importTags(input.tags)
  const body = JSON.stringify(input.document)
  const content = {
    title,
    slug: titleWords(title),
    subtitle,
    body,
    markdown: null,
    status: input.status,
    reading_time: readingTimeMinutes(input.document),
    word_count: wordCount(input.document),
    canonical_url: input.canonicalUrl ?? null,
    search_text: documentPlainText(input.document),
    tag_names: tags.map((tag) => tag.name).join(' '),
    published_at: input.status === 'published' ? (input.publishedAt ?? now) : null,
  }
  const existing = existingId === undefined ? undefined : await q.storyById(trx, existingId)
  if (existing && existing.author_id === authorId) {
    const version = existing.version + 1
    await q.updateStoryRow(trx, existing.id, { ...content, scheduled_at: null, updated_at: now, version } satisfies StoryUpdate)
    await q.replaceTags(trx, existing.id, tags)
    await recordRevision(trx, existing.id, authorId, input.status === 'published' ? 'publish' : 'autosave', { title, subtitle, body }, now)
    return { id: existing.id, version, created: false, slug: content.slug, shortId: existing.short_id }
  }
  const created = input.publishedAt ?? now
  const shortId = newShortId()
  const id = await q.insertStory(trx, { ...content, short_id: shortId, author_id: authorId, publication_id: null, created_at: created, updated_at: now })
  await q.replaceTags(trx, id, tags)
  await recordRevision(trx, id, authorId, input.status === 'published' ? 'publish' : 'autosave', { title, subtitle, body }, now)
  const row = await q.storyById(trx, id)
  return { id, version: row?.version ?? 0, created: true, slug: content.slug, shortId }
}

/**
 * Points an image block at its fetched copy, if the block still shows `from` (the writer may have
 * changed it meanwhile). Returns the story's new version, or undefined when nothing changed.
 */
export async function replaceImageSource(
  trx: Transaction<Database>, storyId: number, blockId: string, from: string, to: { url: string; width?: number | undefined; height?: number | undefined },
): Promise<number | undefined> {
  const row = await q.storyById(trx, storyId)
  if (!row) return undefined
  const document = JSON.parse(row.body) as StoryDocument
  let changed = false
  const blocks = document.blocks.map((block): Block => {
    if (block.type !== 'image' || block.id !== blockId || block.src !== from) return block
    changed = true
    const size = to.width && to.height ? { width: to.width, height: to.height } : {}
    return { ...block, src: to.url, ...size }
  })
  if (!changed) return undefined
  const version = row.version + 1
  await q.updateStoryRow(trx, storyId, { body: JSON.stringify({ ...document, blocks }), version, updated_at: new Date() })
  return version
}

/** Medium allows five tags like us, but its spelling rules differ: clip rather than refuse. */
function importTags(names: string[]): NormalisedTag[] {
  const tags = normaliseTags(names.slice(0, MAX_TAGS).map((name) => clip(name, MAX_TAG_LENGTH)))
  return 'error' in tags ? [] : tags
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
