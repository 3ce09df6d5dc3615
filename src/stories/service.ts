// Stories: write, publish, revise, delete, and read them as a given reader sees them.
// Every write is one transaction; reads assemble whole stories in a fixed number of queries.
import type { Db } from '../db/database.ts'
import type { StoryStatus, StoryUpdate } from '../db/schema.ts'
import { AppError, conflict, invalid, notFound, type ErrorFields } from '../http/errors.ts'
import { markdownToDocument } from './document/from-markdown.ts'
import { readingTimeMinutes, wordCount } from './document/reading-time.ts'
import { documentPlainText } from './document/plain-text.ts'
import type { StoryDocument } from './document/types.ts'
import { parseDocument } from './document/validate.ts'
import { safeImageSrc } from './document/render-html.ts'
import { coverOf } from './cover.ts'
import { recordRevision } from './revisions/record.ts'
import { schedulePublishing, unschedulePublishing } from './scheduling.ts'
import * as q from './queries.ts'
import { actorFor, authorizeStory, mayReadStory, storySubject } from '../policy/service.ts'
import { recordSave, statusOnSave, stepOfSave } from './workflow.ts'
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
// Imports (issue 7) save stories inside their own transaction, with the record of the import.
export { saveImportedStory, replaceImageSource, type ImportedStory } from './imported.ts'
// The editorial workflow (issue 4): submissions, review, publishing in publications.
export {
  submitStory, withdrawSubmission, publishSubmission, returnSubmission, addEditorialNote, removeFromPublication, storyEditorialHistory, submissionQueue,
  NOTE_MAX, type EditorialStep, type QueuedStory, type PublishOptions,
} from './workflow.ts'

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
  /** The cover image (issue 3): a site path from the uploads API or an http(s) URL; null removes it. */
  coverImage?: string | null | undefined
  /** The cover's alt text. */
  coverAlt?: string | undefined
  /** When it was first published; imports and the demo seed keep original dates. Default now. */
  publishedAt?: Date | undefined
  /** The block document, as the editor saves it; takes the place of the Markdown `body`. */
  document?: unknown
  /** The version the change was made to; when the story has moved on, 409 instead of overwriting. */
  version?: number | undefined
  /** With status 'scheduled': when the story is published (in the future). */
  scheduledAt?: Date | undefined
  /** The revision a change that does not publish records: an autosave checkpoint unless it is a restore. */
  revisionKind?: 'autosave' | 'restore' | undefined
}

/** The statuses readers can open: a scheduled story stays invisible until its job publishes it. */
const READABLE: ReadonlySet<StoryStatus> = new Set(['published', 'unlisted'])

export async function createStory(db: Db, authorId: number, input: StoryInput): Promise<Story> {
  const errors: ErrorFields = {}
  const title = input.title?.trim() ?? ''
  const body = input.body ?? ''
  if (!title) errors.title = ["can't be blank"]
  const given = input.document === undefined ? undefined : documentOf(errors, input.document)
  if (input.document === undefined && !body.trim()) errors.body = ["can't be blank"]
  const fields = checkFields(errors, { ...input, title, body })
  const requested = input.status ?? 'published'
  const scheduledAt = checkSchedule(errors, requested, input.scheduledAt, null)
  if (Object.keys(errors).length) throw invalid(errors)
  const document = given ?? markdownToDocument(body)
  const now = new Date()
  const id = await db.kysely.transaction().execute(async (trx) => {
    const publicationId = await resolvePublication(trx, authorId, input.publication)
    // Issue 4: the policy settles the status (in a publication, a writer's "publish" submits).
    const status = statusOnSave(await actorFor(trx, authorId), { authorId, status: 'draft', publicationId: publicationId ?? null }, requested)
    const storyId = await q.insertStory(trx, {
      short_id: newShortId(),
      slug: titleWords(title),
      author_id: authorId,
      publication_id: publicationId ?? null,
      title,
      subtitle: fields.subtitle ?? '',
      body: JSON.stringify(document),
      markdown: given ? null : body,
      status,
      scheduled_at: scheduledAt ?? null,
      reading_time: readingTimeMinutes(document),
      word_count: wordCount(document),
      canonical_url: fields.canonicalUrl ?? null,
      cover_image: fields.coverImage ?? null,
      cover_alt: fields.coverAlt ?? '',
      // Search: the database indexes these (triggers / generated column), the service keeps them.
      search_text: documentPlainText(document),
      tag_names: tagNamesText(fields.tags ?? []),
      published_at: READABLE.has(status) ? (input.publishedAt ?? now) : null,
      created_at: input.publishedAt ?? now,
      updated_at: input.publishedAt ?? now,
    })
    await q.replaceTags(trx, storyId, fields.tags ?? [])
    if (scheduledAt && status === 'scheduled') await schedulePublishing(trx, storyId, scheduledAt)
    await recordSave(trx, { id: storyId, authorId, publicationId: publicationId ?? null }, authorId, stepOfSave('draft', status))
    const kind = READABLE.has(status) ? 'publish' : 'autosave'
    await recordRevision(trx, storyId, authorId, kind, { title, subtitle: fields.subtitle ?? '', body: JSON.stringify(document) }, now)
    return storyId
  })
  return (await storyForReader(db, id, authorId)) as Story
}

export async function updateStory(db: Db, viewerId: number, slug: string, input: StoryInput): Promise<Story> {
  const existing = await findStory(db, slug, viewerId)
  // The author, or an editor of the story's publication once it is submitted (issue 4).
  const actor = await actorFor(db, viewerId)
  authorizeStory(actor, 'edit', storySubject(existing), { code: 'not_story_author' })
  const errors: ErrorFields = {}
  if (input.title !== undefined && !input.title.trim()) errors.title = ["can't be blank"]
  if (input.body !== undefined && input.document === undefined && !input.body.trim()) errors.body = ["can't be blank"]
  const given = input.document === undefined ? undefined : documentOf(errors, input.document)
  const fields = checkFields(errors, input)
  const scheduledAt = input.status === undefined ? undefined : checkSchedule(errors, input.status, input.scheduledAt, existing.published_at)
  if (Object.keys(errors).length) throw invalid(errors)
  if (input.version !== undefined && input.version !== existing.version) throw staleVersion(existing.version)

  const now = new Date()
  const changes: StoryUpdate = { updated_at: now }
  if (input.title !== undefined) {
    changes.title = input.title.trim()
    changes.slug = titleWords(changes.title)
  }
  if (fields.subtitle !== undefined) changes.subtitle = fields.subtitle
  if (given !== undefined || input.body !== undefined) {
    // Blocks that survive the edit keep their ids, so highlights and responses stay anchored.
    // The editor keeps the ids itself; Markdown is matched against the blocks it replaces.
    const document = given ?? markdownToDocument(input.body ?? '', JSON.parse(existing.body) as StoryDocument)
    changes.body = JSON.stringify(document)
    changes.markdown = given ? null : (input.body ?? null)
    changes.reading_time = readingTimeMinutes(document)
    changes.word_count = wordCount(document)
    changes.search_text = documentPlainText(document) // search: keeps the index in step
  }
  if (input.status !== undefined) {
    changes.status = input.status
    if (READABLE.has(input.status) && !existing.published_at) changes.published_at = now
    changes.scheduled_at = scheduledAt ?? null
  }
  if (fields.canonicalUrl !== undefined) changes.canonical_url = fields.canonicalUrl
  if (fields.coverImage !== undefined) changes.cover_image = fields.coverImage
  if (fields.coverAlt !== undefined) changes.cover_alt = fields.coverAlt
  if (fields.tags !== undefined) changes.tag_names = tagNamesText(fields.tags) // search: keeps the index in step
  await db.kysely.transaction().execute(async (trx) => {
    if (input.publication !== undefined) {
      // Only the writer chooses where their story appears: an editor of one publication must not
      // move it into another they run (taking it out of theirs is 'remove-from-publication').
      const publicationId = await resolvePublication(trx, viewerId, input.publication)
      if (publicationId !== existing.publication_id && viewerId !== existing.author_id) {
        throw new AppError(403, 'not_story_author', { publication: ['only the writer can move a story to another publication'] })
      }
      changes.publication_id = publicationId
    }
    // Issue 4: the policy settles the status (in a publication, a writer's "publish" submits).
    const publicationId = changes.publication_id === undefined ? existing.publication_id : changes.publication_id
    const requested = changes.status ?? existing.status
    const settled = statusOnSave(actor, { authorId: existing.author_id, status: existing.status, publicationId }, requested, publicationId !== null && publicationId !== existing.publication_id)
    if (settled !== requested) Object.assign(changes, { status: settled, scheduled_at: null, published_at: existing.published_at })
    // Compared again in the statement: a save from another tab may have landed since the read.
    if (!(await q.updateStoryRowAtVersion(trx, existing.id, existing.version, changes))) throw staleVersion(existing.version + 1)
    if (fields.tags !== undefined) await q.replaceTags(trx, existing.id, fields.tags)
    if (scheduledAt && changes.status === 'scheduled') await schedulePublishing(trx, existing.id, scheduledAt)
    else if (existing.status === 'scheduled' && input.status !== undefined) await unschedulePublishing(trx, existing.id)
    await recordSave(trx, { id: existing.id, authorId: existing.author_id, publicationId }, viewerId, stepOfSave(existing.status, changes.status ?? existing.status),
      { title: changes.title ?? existing.title, subtitle: changes.subtitle ?? existing.subtitle, body: changes.body ?? existing.body })
    await recordChange(trx, existing, changes, viewerId, input.revisionKind, now)
  })
  return (await storyForReader(db, existing.id, viewerId)) as Story
}

export async function deleteStory(db: Db, viewerId: number, slug: string): Promise<void> {
  const existing = await findStory(db, slug, viewerId)
  authorizeStory(await actorFor(db, viewerId), 'delete', storySubject(existing), { code: 'not_story_author' })
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

/**
 * storyBySlug without the body and its Markdown (both empty), for answers that leave them out
 * (`presentArticle(story, baseUrl, false)`): a clap's answer, given thousands of times a second.
 */
export async function storyMetaBySlug(db: Db, slug: string, viewerId: number | null): Promise<Story> {
  const row = await findStory(db, slug, viewerId, q.storyMetaByShortId)
  return (await assemble(db, [row], viewerId))[0] as Story
}

/** A story's block document as stored (JSON text); '' when the story is gone. */
export async function storyBodyText(db: Db, storyId: number): Promise<string> {
  return (await q.storyBodyById(db.kysely, storyId)) ?? ''
}

/** The publications a writer may publish in (any membership). */
export function publicationsOfWriter(db: Db, userId: number): Promise<{ slug: string; name: string }[]> {
  return q.publicationsOfMember(db.kysely, userId)
}

/** The writer's title at the story's publication ("U.S. Politics Editor"), for the byline. */
export async function authorTitleAt(_db: Db, story: Story): Promise<string | null> {
  // The story's own query carries the title (issue 4): no second look-up.
  return story.publication ? (story.row.author_title ?? null) : null
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
  const byId = new Map(rows.filter((row) => READABLE.has(row.status) || row.author_id === viewerId).map((row) => [row.id, row]))
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

async function findStory(db: Db, slug: string, viewerId: number | null, read = q.storyByShortId) {
  const shortId = shortIdOf(slug)
  const row = shortId ? await read(db.kysely, shortId) : undefined
  // Drafts are their author's; a submission is also its publication's editors' (policy.ts).
  if (!row || !(await mayReadStory(db, viewerId, row))) throw notFound('article', 'story_not_found')
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
  coverImage?: string | null | undefined
  coverAlt?: string | undefined
}

export const COVER_ALT_MAX = 1000

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
  if (input.coverImage !== undefined) {
    // The same rule as images in the body: our own /media/ paths or absolute http(s) URLs.
    const url = input.coverImage?.trim() || null
    if (url && (url.length > 2000 || safeImageSrc(url) === undefined)) errors.coverImage = ['must be an uploaded image (/media/…) or an http(s) URL']
    fields.coverImage = url
  }
  if (input.coverAlt !== undefined) {
    fields.coverAlt = input.coverAlt.replace(/\s+/g, ' ').trim()
    if (fields.coverAlt.length > COVER_ALT_MAX) errors.coverAlt = [`is too long (maximum is ${COVER_ALT_MAX} characters)`]
  }
  return fields
}

/** The editor's document, checked; undefined (and an error noted) when it is not one. */
function documentOf(errors: ErrorFields, value: unknown): StoryDocument | undefined {
  const parsed = parseDocument(value)
  if ('error' in parsed) {
    errors.document = [parsed.error]
    return undefined
  }
  const hasMedia = parsed.blocks.some((block) => block.type === 'image' || block.type === 'embed')
  if (!hasMedia && !documentPlainText(parsed).trim()) errors.body = ["can't be blank"]
  return parsed
}

/** The publishing time of a story going to 'scheduled' (undefined for any other status). */
function checkSchedule(errors: ErrorFields, status: StoryStatus, at: Date | undefined, publishedAt: Date | string | null): Date | undefined {
  if (status !== 'scheduled') return undefined
  if (publishedAt !== null) errors.status = ['cannot be scheduled: the story is already published']
  else if (!at || Number.isNaN(at.getTime())) errors.scheduledAt = ["can't be blank when scheduling"]
  else if (at.getTime() <= Date.now()) errors.scheduledAt = ['must be in the future']
  return at
}

function staleVersion(current: number) {
  return conflict('story_version_conflict', { version: [`is out of date: the story was saved elsewhere (now version ${current}); reload to see it`] })
}

/**
 * The revision a change leaves: every publish and republish; a restore; otherwise an autosave
 * checkpoint when the text changed (at most one per checkpoint interval).
 */
async function recordChange(
  trx: Parameters<typeof recordRevision>[0], existing: q.StoryWithAuthorRow, changes: StoryUpdate, userId: number, kind: StoryInput['revisionKind'], now: Date,
) {
  const status = changes.status ?? existing.status
  const textChanged = changes.body !== undefined || changes.title !== undefined || changes.subtitle !== undefined
  const publishing = READABLE.has(status) && (textChanged || !READABLE.has(existing.status))
  if (!publishing && !textChanged && kind !== 'restore') return
  const content = { title: changes.title ?? existing.title, subtitle: changes.subtitle ?? existing.subtitle, body: changes.body ?? existing.body }
  await recordRevision(trx, existing.id, userId, kind === 'restore' ? 'restore' : publishing ? 'publish' : 'autosave', content, now)
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
    cover: coverOf(row, 'card'),
  }
}
