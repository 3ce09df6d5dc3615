// Stories: write, publish, revise, delete, and read them as a given reader sees them.
// Every write is one transaction; reads assemble whole stories in a fixed number of queries.
import type { Db } from '../db/database.ts'
import type { StoryStatus, StoryUpdate } from '../db/schema.ts'
import { forbidden, invalid, notFound, type ErrorFields } from '../http/errors.ts'
import { markdownToDocument } from './document/from-markdown.ts'
import { readingTimeMinutes, wordCount } from './document/reading-time.ts'
import { documentPlainText } from './document/plain-text.ts'
import type { StoryDocument } from './document/types.ts'
import * as q from './queries.ts'
import { newShortId, shortIdOf, titleWords } from './slug.ts'
import { normaliseTags, type NormalisedTag } from './tags.ts'
import { authorOf, type Story } from './story.ts'
import type { CardStory } from '../web/components/story-card.tsx'
import { toDate } from '../db/codecs.ts'
import { storyPath } from './present.ts'

export type { Story, StoryAuthor } from './story.ts'
export { authorOf } from './story.ts'
// Other features link to and answer with stories exactly as the stories API does.
export { presentArticle, storyPath } from './present.ts'

export const TITLE_MAX = 200
export const SUBTITLE_MAX = 300
export const BODY_MAX = 200_000

export type StoryInput = {
  title?: string | undefined
  subtitle?: string | undefined
  /** Markdown. */
  body?: string | undefined
  tags?: string[] | undefined
  status?: StoryStatus | undefined
  /** Publication slug; null takes the story out of its publication. */
  publication?: string | null | undefined
  canonicalUrl?: string | null | undefined
  /** When it was first published; imports and the demo seed keep original dates. Default now. */
  publishedAt?: Date | undefined
}

export async function createStory(db: Db, authorId: number, input: StoryInput): Promise<Story> {
  const errors: ErrorFields = {}
  const title = input.title?.trim() ?? ''
  const body = input.body ?? ''
  if (!title) errors.title = ["can't be blank"]
  if (!body.trim()) errors.body = ["can't be blank"]
  const fields = checkFields(errors, { ...input, title, body })
  if (Object.keys(errors).length) throw invalid(errors)
  const document = markdownToDocument(body)
  const now = new Date()
  const status = input.status ?? 'published'
  const id = await db.kysely.transaction().execute(async (trx) => {
    const publicationId = await resolvePublication(trx, authorId, input.publication)
    const storyId = await q.insertStory(trx, {
      short_id: newShortId(),
      slug: titleWords(title),
      author_id: authorId,
      publication_id: publicationId ?? null,
      title,
      subtitle: fields.subtitle ?? '',
      body: JSON.stringify(document),
      markdown: body,
      status,
      reading_time: readingTimeMinutes(document),
      word_count: wordCount(document),
      canonical_url: fields.canonicalUrl ?? null,
      // Search: the database indexes these (triggers / generated column), the service keeps them.
      search_text: documentPlainText(document),
      tag_names: tagNamesText(fields.tags ?? []),
      published_at: status === 'draft' ? null : (input.publishedAt ?? now),
      created_at: input.publishedAt ?? now,
      updated_at: input.publishedAt ?? now,
    })
    await q.replaceTags(trx, storyId, fields.tags ?? [])
    return storyId
  })
  return (await storyForReader(db, id, authorId)) as Story
}

export async function updateStory(db: Db, viewerId: number, slug: string, input: StoryInput): Promise<Story> {
  const existing = await findStory(db, slug, viewerId)
  if (existing.author_id !== viewerId) throw forbidden('article', 'not_story_author')
  const errors: ErrorFields = {}
  if (input.title !== undefined && !input.title.trim()) errors.title = ["can't be blank"]
  if (input.body !== undefined && !input.body.trim()) errors.body = ["can't be blank"]
  const fields = checkFields(errors, input)
  if (Object.keys(errors).length) throw invalid(errors)

  const now = new Date()
  const changes: StoryUpdate = { updated_at: now }
  if (input.title !== undefined) {
    changes.title = input.title.trim()
    changes.slug = titleWords(changes.title)
  }
  if (fields.subtitle !== undefined) changes.subtitle = fields.subtitle
  if (input.body !== undefined) {
    // Blocks that survive the edit keep their ids, so highlights and responses stay anchored.
    const document = markdownToDocument(input.body, JSON.parse(existing.body) as StoryDocument)
    changes.body = JSON.stringify(document)
    changes.markdown = input.body
    changes.reading_time = readingTimeMinutes(document)
    changes.word_count = wordCount(document)
    changes.search_text = documentPlainText(document) // search: keeps the index in step
  }
  if (input.status !== undefined) {
    changes.status = input.status
    if (input.status !== 'draft' && !existing.published_at) changes.published_at = now
  }
  if (fields.canonicalUrl !== undefined) changes.canonical_url = fields.canonicalUrl
  if (fields.tags !== undefined) changes.tag_names = tagNamesText(fields.tags) // search: keeps the index in step
  await db.kysely.transaction().execute(async (trx) => {
    if (input.publication !== undefined) changes.publication_id = await resolvePublication(trx, viewerId, input.publication)
    await q.updateStoryRow(trx, existing.id, changes)
    if (fields.tags !== undefined) await q.replaceTags(trx, existing.id, fields.tags)
  })
  return (await storyForReader(db, existing.id, viewerId)) as Story
}

export async function deleteStory(db: Db, viewerId: number, slug: string): Promise<void> {
  const existing = await findStory(db, slug, viewerId)
  if (existing.author_id !== viewerId) throw forbidden('article', 'not_story_author')
  await db.kysely.transaction().execute((trx) => q.deleteStoryRow(trx, existing.id))
}

/**
 * The story a slug names as this reader may see it: drafts only to their author, published and
 * unlisted stories to anyone with the link. Throws not found otherwise.
 */
export async function storyBySlug(db: Db, slug: string, viewerId: number | null): Promise<Story> {
  const row = await findStory(db, slug, viewerId)
  return (await assemble(db, [row], viewerId))[0] as Story
}

/** The publications a writer may publish in (any membership). */
export function publicationsOfWriter(db: Db, userId: number): Promise<{ slug: string; name: string }[]> {
  return q.publicationsOfMember(db.kysely, userId)
}

/** The writer's title at the story's publication ("U.S. Politics Editor"), for the byline. */
export async function authorTitleAt(db: Db, story: Story): Promise<string | null> {
  if (!story.publication) return null
  const membership = await q.membershipOf(db.kysely, story.publication.id, story.author.id)
  return membership?.title ?? null
}

async function storyForReader(db: Db, id: number, viewerId: number | null): Promise<Story | undefined> {
  const row = await q.storyById(db.kysely, id)
  return row && (await assemble(db, [row], viewerId))[0]
}

/**
 * Stories by id as this reader may see them (drafts only to their author), in the order of
 * `ids`; ids that name no such story are skipped. For lists ranked elsewhere (search).
 */
export async function storiesByIds(db: Db, ids: number[], viewerId: number | null): Promise<Story[]> {
  if (!ids.length) return []
  const rows = await q.storiesByIds(db.kysely, ids)
  const byId = new Map(rows.filter((row) => row.status !== 'draft' || row.author_id === viewerId).map((row) => [row.id, row]))
  return assemble(db, ids.flatMap((id) => byId.get(id) ?? []), viewerId)
}

export type StoryListQuery = q.StoryFilter & { limit: number; offset: number }

/** A page of published stories, newest first, and how many there are in all. */
export async function listStories(db: Db, query: StoryListQuery, viewerId: number | null): Promise<{ stories: Story[]; count: number }> {
  const { limit, offset, ...filter } = query
  if (filter.tagKey === '') return { stories: [], count: 0 }
  const [rows, count] = await Promise.all([q.storyPage(db.kysely, filter, limit, offset), q.storyCount(db.kysely, filter)])
  return { stories: await assemble(db, rows, viewerId), count }
}

/** A page of stories as cards for list pages (home, profile, publication, tag). */
export async function listStoryCards(db: Db, query: StoryListQuery, viewerId: number | null): Promise<{ cards: CardStory[]; count: number }> {
  const { stories, count } = await listStories(db, query, viewerId)
  return { cards: stories.map(toCard), count }
}

/** Tags in use on published stories, most used first, counted now (the API's answer). */
export function tagsInUse(db: Db, limit = 1000): Promise<string[]> {
  return q.popularTags(db.kysely, limit)
}

/**
 * Tags in use, most used first, for page sidebars. Counting them reads every tag of every published story, so the
 * answer is kept for a minute: a new tag shows up in lists that much later, which readers
 * cannot tell from a quiet minute.
 */
export async function popularTags(db: Db, limit: number): Promise<string[]> {
  const key = `${limit}`
  const cached = tagCache.get(db)?.get(key)
  if (cached && Date.now() - cached.at < TAG_CACHE_MS) return cached.tags
  const tags = await q.popularTags(db.kysely, limit)
  if (!tagCache.has(db)) tagCache.set(db, new Map())
  tagCache.get(db)?.set(key, { at: Date.now(), tags })
  return tags
}
const TAG_CACHE_MS = 60_000
const tagCache = new WeakMap<Db, Map<string, { at: number; tags: string[] }>>()

async function findStory(db: Db, slug: string, viewerId: number | null) {
  const shortId = shortIdOf(slug)
  const row = shortId ? await q.storyByShortId(db.kysely, shortId) : undefined
  if (!row || (row.status === 'draft' && row.author_id !== viewerId)) throw notFound('article', 'story_not_found')
  return row
}

// Tags, the reader's claps and follows for a list of rows, in three queries whatever its length.
async function assemble(db: Db, rows: q.StoryWithAuthorRow[], viewerId: number | null): Promise<Story[]> {
  const ids = rows.map((row) => row.id)
  const [tags, myClaps, following] = await Promise.all([
    q.tagsOfStories(db.kysely, ids),
    viewerId ? q.clapsOfReader(db.kysely, viewerId, ids) : new Map<number, number>(),
    viewerId ? q.followedAmong(db.kysely, viewerId, [...new Set(rows.map((row) => row.author_id))]) : new Set<number>(),
  ])
  return rows.map((row) => ({
    row,
    author: authorOf(row, following),
    publication: row.publication_id && row.publication_slug && row.publication_name
      ? { id: row.publication_id, slug: row.publication_slug, name: row.publication_name }
      : null,
    tags: tags.get(row.id) ?? [],
    myClaps: myClaps.get(row.id) ?? 0,
  }))
}

type CheckedFields = {
  subtitle?: string | undefined
  tags?: NormalisedTag[]
  canonicalUrl?: string | null | undefined
}

function checkFields(errors: ErrorFields, input: StoryInput): CheckedFields {
  const fields: CheckedFields = {}
  if (input.title !== undefined && input.title.trim().length > TITLE_MAX) errors.title = [`is too long (maximum is ${TITLE_MAX} characters)`]
  if (input.subtitle !== undefined) {
    fields.subtitle = input.subtitle.trim()
    if (fields.subtitle.length > SUBTITLE_MAX) errors.subtitle = [`is too long (maximum is ${SUBTITLE_MAX} characters)`]
  }
  if (input.body !== undefined && input.body.length > BODY_MAX) errors.body = [`is too long (maximum is ${BODY_MAX} characters)`]
  if (input.tags !== undefined) {
    const tags = normaliseTags(input.tags)
    if ('error' in tags) errors.tagList = [tags.error]
    else fields.tags = tags
  }
  if (input.canonicalUrl !== undefined) {
    const url = input.canonicalUrl?.trim() || null
    if (url && (!/^https?:\/\/[^\s]+$/i.test(url) || url.length > 2000)) errors.canonicalUrl = ['must be an http(s) URL']
    fields.canonicalUrl = url
  }
  return fields
}

async function resolvePublication(trx: Parameters<typeof q.publicationBySlug>[0], authorId: number, slug: string | null | undefined) {
  if (slug === undefined || slug === null || slug === '') return slug === undefined ? undefined : null
  const publication = await q.publicationBySlug(trx, slug)
  if (!publication) throw invalid({ publication: ['does not exist'] })
  const membership = await q.membershipOf(trx, publication.id, authorId)
  if (!membership) throw invalid({ publication: ['is not one you are a member of'] })
  return publication.id
}

/** The tag names as one text for the search index. */
function tagNamesText(tags: NormalisedTag[]): string {
  return tags.map((tag) => tag.name).join(' ')
}

/** A story as list pages show it. */
export function toCard(story: Story): CardStory {
  const { row } = story
  return {
    path: storyPath(story),
    title: row.title,
    subtitle: row.subtitle,
    author: { username: story.author.username, name: story.author.name, image: story.author.image },
    publication: story.publication && { slug: story.publication.slug, name: story.publication.name },
    publishedAt: row.published_at === null ? null : toDate(row.published_at),
    readingTime: row.reading_time,
    claps: row.clap_total,
    responses: row.response_count,
    tags: story.tags,
    status: row.status,
  }
}
