// Sources (issue 3): the works a story cites, as readers and API clients see them, and the
// editorial check of a story for those who may edit it. Sources live in the story's document
// (see stories/document/types.ts), so they are saved, revised and restored with it.
import type { Db } from '../db/database.ts'
import { AppError, invalid, notFound, type ErrorFields } from '../http/errors.ts'
import { actorFor, authorizeStory, storySubject } from '../policy/service.ts'
import { citationRuns, numberedNotes } from '../stories/document/footnotes.ts'
import { documentToMarkdown } from '../stories/document/to-markdown.ts'
import { uniqueBlockId, type Source, type StoryDocument } from '../stories/document/types.ts'
import { DOCUMENT_LIMITS, isHttpUrl, SOURCE_DATE } from '../stories/document/validate.ts'
import { editorialCheck, type EditorialWarning } from '../stories/editorial-check.ts'
import { storyBySlug, updateStory, type Story } from '../stories/service.ts'

/** A source as the API lists it; `notes` are the numbers of the footnotes that cite it. */
export type CitedSource = Source & { notes: number[] }

/** The story's sources, cited ones first in the order readers meet them. Same visibility as the story. */
export async function sourcesOfStory(db: Db, slug: string, viewerId: number | null): Promise<CitedSource[]> {
  const story = await storyBySlug(db, slug, viewerId)
  return citedSources(JSON.parse(story.row.body) as StoryDocument)
}

export function citedSources(doc: StoryDocument): CitedSource[] {
  const numbers = new Map<string, number[]>()
  for (const { number, source } of numberedNotes(doc)) {
    if (source) numbers.set(source.id, [...(numbers.get(source.id) ?? []), number])
  }
  const all = doc.sources ?? []
  const cited = all.filter((source) => numbers.has(source.id)).sort((a, b) => (numbers.get(a.id)?.[0] ?? 0) - (numbers.get(b.id)?.[0] ?? 0))
  const rest = all.filter((source) => !numbers.has(source.id))
  return [...cited, ...rest].map((source) => ({ ...source, notes: numbers.get(source.id) ?? [] }))
}

/** The editorial check of a story, for those who may edit it (its author, its publication's editors). */
export async function checkStory(db: Db, slug: string, viewerId: number | null): Promise<EditorialWarning[]> {
  const story = await storyBySlug(db, slug, viewerId)
  authorizeStory(await actorFor(db, viewerId), 'edit', storySubject(story.row), { code: 'not_story_author' })
  return editorialCheck(JSON.parse(story.row.body) as StoryDocument)
}

export { editorialCheck, type EditorialWarning } from '../stories/editorial-check.ts'

/** A source as a writer enters it; blank optional fields are left out. */
export type SourceInput = { title: string; author?: string | undefined; url?: string | undefined; date?: string | undefined; excerpt?: string | undefined }

/**
 * Adds a source to the story's list (cited by no note yet: the editor attaches it to passages),
 * for those who may edit the story. A URL must be http(s): `javascript:` and friends are refused
 * with 422 and nothing is saved. `version`, when given, guards against a concurrent save (409).
 */
export async function addSource(db: Db, viewerId: number, slug: string, input: SourceInput, version?: number): Promise<CitedSource> {
  const source = checkSource(input)
  return onLatestVersion(version, async () => {
    const story = await storyBySlug(db, slug, viewerId)
    authorizeStory(await actorFor(db, viewerId), 'edit', storySubject(story.row), { code: 'not_story_author' })
    const doc = JSON.parse(story.row.body) as StoryDocument
    const sources = doc.sources ?? []
    if (sources.length >= DOCUMENT_LIMITS.sources) throw invalid({ source: [`a story holds at most ${DOCUMENT_LIMITS.sources} sources`] })
    const added: Source = { id: uniqueBlockId(new Set(sources.map((s) => s.id))), ...source }
    await updateStory(db, viewerId, slug, { document: { ...doc, sources: [...sources, added] }, version: version ?? story.row.version })
    return { ...added, notes: [] }
  })
}

/** Removes a source, and the source from every note citing it (the notes' own text stays). */
export async function removeSource(db: Db, viewerId: number, slug: string, sourceId: string, version?: number): Promise<void> {
  await onLatestVersion(version, async () => {
    const story = await storyBySlug(db, slug, viewerId)
    authorizeStory(await actorFor(db, viewerId), 'edit', storySubject(story.row), { code: 'not_story_author' })
    const doc = JSON.parse(story.row.body) as StoryDocument
    if (!doc.sources?.some((source) => source.id === sourceId)) throw notFound('source')
    const sources = doc.sources.filter((source) => source.id !== sourceId)
    const notes = doc.notes?.map(({ sourceId: cited, ...note }) => (cited === undefined || cited === sourceId ? note : { ...note, sourceId: cited }))
    const { sources: _sources, notes: _notes, ...rest } = doc
    const updated: StoryDocument = { ...rest, ...(notes && notes.length > 0 ? { notes } : {}), ...(sources.length > 0 ? { sources } : {}) }
    await updateStory(db, viewerId, slug, { document: updated, version: version ?? story.row.version })
  })
}

/**
 * A change made to the story as read a moment ago. A client that sent its own `version` is told
 * of a concurrent save (409); one that did not (two sources added at once through the API) has
 * the change made again on the newer story, a few times, instead of being refused.
 */
async function onLatestVersion<T>(version: number | undefined, change: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await change()
    } catch (error) {
      if (version !== undefined || attempt >= 10 || !(error instanceof AppError) || error.status !== 409) throw error
      // A moment's jitter, so writers that collided do not collide again in step.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt))
    }
  }
}

/** The fields checked and trimmed, or 422 naming each bad one. */
export function checkSource(input: SourceInput): Omit<Source, 'id'> {
  const errors: ErrorFields = {}
  const text = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim() || undefined
  const title = text(input.title)
  const source: Omit<Source, 'id'> = { title: title ?? '' }
  if (!title) errors.title = ["can't be blank"]
  else if (title.length > DOCUMENT_LIMITS.sourceField) errors.title = [`is too long (maximum is ${DOCUMENT_LIMITS.sourceField} characters)`]
  const author = text(input.author)
  if (author) {
    if (author.length > DOCUMENT_LIMITS.sourceField) errors.author = [`is too long (maximum is ${DOCUMENT_LIMITS.sourceField} characters)`]
    source.author = author
  }
  const url = input.url?.trim()
  if (url) {
    if (url.length > DOCUMENT_LIMITS.sourceUrl || !isHttpUrl(url)) errors.url = ['must be a web address starting with http:// or https:// (javascript:, data: and other kinds of link are not allowed)']
    source.url = url
  }
  const date = input.date?.trim()
  if (date) {
    if (!SOURCE_DATE.test(date)) errors.date = ['must be a date: YYYY, YYYY-MM or YYYY-MM-DD']
    source.date = date
  }
  const excerpt = input.excerpt?.trim()
  if (excerpt) {
    if (excerpt.length > DOCUMENT_LIMITS.sourceExcerpt) errors.excerpt = [`is too long (maximum is ${DOCUMENT_LIMITS.sourceExcerpt} characters)`]
    source.excerpt = excerpt
  }
  if (Object.keys(errors).length > 0) throw invalid(errors)
  return source
}

/** The story and its sources for the sources page, each with how to cite it from Markdown. */
export async function sourcesForEditing(db: Db, viewerId: number, slug: string): Promise<{ story: Story; sources: Array<CitedSource & { markdown: string }> }> {
  const story = await storyBySlug(db, slug, viewerId)
  authorizeStory(await actorFor(db, viewerId), 'edit', storySubject(story.row), { code: 'not_story_author', thing: 'story' })
  const sources = citedSources(JSON.parse(story.row.body) as StoryDocument)
  return { story, sources: sources.map((source) => ({ ...source, markdown: citationMarkdown(source) })) }
}

/**
 * The source's citation as Markdown: a footnote ending with exactly this text cites the source
 * (see keepSources in stories/document/from-markdown.ts).
 */
export function citationMarkdown(source: Source): string {
  return documentToMarkdown({ version: 1, blocks: [{ id: 'c', type: 'paragraph', content: citationRuns(source) }] }).trim()
}
