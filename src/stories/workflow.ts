// The editorial workflow (issue 4): a writer submits a story to a publication's queue and may
// withdraw it; the publication's editors leave private notes, publish it now or at a time, or
// return it to the writer with a note; editors and owners publish their own stories directly.
// Every step is one transaction that moves the story, records the step in its editorial history
// and tells the people concerned. The policy module decides who may take which step.
import type { Transaction } from 'kysely'
import type { Db } from '../db/database.ts'
import type { Database, EditorialEventKind, StoryStatus, StoryUpdate } from '../db/schema.ts'
import { conflict, invalid, notFound } from '../http/errors.ts'
import { actorFor, authorizeStory, isEditorOf, may, storySubject, type Actor, type StoryAction } from '../policy/service.ts'
import { editorialHistory, latestEditorialEvent, latestRevisionAuthor, recordEditorialEvent, submissionsOf, unpinStory } from './editorial-events.ts'
import * as q from './queries.ts'
import { recordRevision, type RevisionContent } from './revisions/record.ts'
import { insertRevision } from './revisions/queries.ts'
import { schedulePublishing, unschedulePublishing } from './scheduling.ts'
import { shortIdOf, storySlug } from './slug.ts'
import { toDate } from '../db/codecs.ts'

export const NOTE_MAX = 5000

type Step = {
  action: StoryAction
  status: StoryStatus
  event: EditorialEventKind
  note?: string | null
  scheduledAt?: Date | undefined
  publishedAt?: Date | undefined
}

/** Puts the writer's story into its publication's submissions queue. */
export function submitStory(db: Db, viewerId: number, slug: string): Promise<void> {
  return takeStep(db, viewerId, slug, { action: 'submit', status: 'submitted', event: 'submitted' })
}

/** Takes a pending submission back out of the queue, as a draft. */
export function withdrawSubmission(db: Db, viewerId: number, slug: string): Promise<void> {
  return takeStep(db, viewerId, slug, { action: 'withdraw', status: 'draft', event: 'withdrawn' })
}

export type PublishOptions = {
  /** Publish at this time (in the future) through the scheduled-publishing job. */
  scheduledAt?: Date | undefined
  /** The date it first appeared; the demo seed and imports keep original dates. Default now. */
  publishedAt?: Date | undefined
}

/** Publishes a story now, or schedules it. */
export async function publishSubmission(db: Db, viewerId: number, slug: string, options: PublishOptions = {}): Promise<void> {
  const { scheduledAt, publishedAt } = options
  if (scheduledAt && (Number.isNaN(scheduledAt.getTime()) || scheduledAt.getTime() <= Date.now())) throw invalid({ scheduledAt: ['must be in the future'] })
  return scheduledAt
    ? takeStep(db, viewerId, slug, { action: 'publish', status: 'scheduled', event: 'scheduled', scheduledAt })
    : takeStep(db, viewerId, slug, { action: 'publish', status: 'published', event: 'published', publishedAt })
}

/** Sends a submission back to its writer as a draft, with a note saying why. */
export function returnSubmission(db: Db, viewerId: number, slug: string, note: string): Promise<void> {
  return takeStep(db, viewerId, slug, { action: 'return', status: 'draft', event: 'returned', note: checkNote(note) })
}

/** A private note from an editor to the writer on a pending submission; the story stays put. */
export async function addEditorialNote(db: Db, viewerId: number, slug: string, note: string): Promise<void> {
  const text = checkNote(note)
  await db.kysely.transaction().execute(async (trx) => {
    const { row, actor } = await load(trx, viewerId, slug)
    authorizeStory(actor, 'note', storySubject(row))
    await recordEditorialEvent(trx, { publicationId: row.publication_id as number, storyId: row.id, actorId: viewerId, kind: 'note', note: text }, new Date())
  })
}

/**
 * Takes a story out of its publication. A published story stays published, on the writer's
 * profile; a pending submission goes back to being the writer's draft.
 */
export async function removeFromPublication(db: Db, viewerId: number, slug: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const { row, actor } = await load(trx, viewerId, slug)
    authorizeStory(actor, 'remove-from-publication', storySubject(row))
    const pending = row.status === 'submitted' || row.status === 'scheduled'
    const changes: StoryUpdate = { publication_id: null, updated_at: new Date(), ...(pending ? { status: 'draft', scheduled_at: null } : {}) }
    if (!(await q.updateStoryRowAtVersion(trx, row.id, row.version, changes))) throw staleVersion()
    if (row.status === 'scheduled') await unschedulePublishing(trx, row.id)
    await unpinStory(trx, row.id)
    await recordEditorialEvent(trx, { publicationId: row.publication_id as number, storyId: row.id, actorId: viewerId, kind: 'removed' }, new Date())
  })
}

export type EditorialStep = { kind: EditorialEventKind; note: string | null; at: Date | string; by: { username: string; name: string } | null }

/** A story's editorial history, for its writer and its publication's editors (404 for others). */
export async function storyEditorialHistory(db: Db, viewerId: number | null, slug: string): Promise<EditorialStep[]> {
  const { row, actor } = await load(db.kysely, viewerId, slug)
  if (row.author_id !== viewerId && !isEditorOf(actor, row.publication_id)) throw notFound('article', 'story_not_found')
  const rows = await editorialHistory(db.kysely, row.id)
  return rows.map((event) => ({ kind: event.kind, note: event.note, at: event.created_at, by: event.username && event.name ? { username: event.username, name: event.name } : null }))
}

/**
 * The status a save through the articles API or the write page leaves a story in: a writer who
 * asks to publish a story in a publication submits it instead (its editors publish it). Throws
 * when the policy allows neither. `publicationId` is the story's publication after the save.
 */
export function statusOnSave(actor: Actor, story: { authorId: number; status: StoryStatus; publicationId: number | null }, requested: StoryStatus, movedIntoPublication = false): StoryStatus {
  const subject = { kind: 'story' as const, ...story }
  const wantsPublic = requested === 'published' || requested === 'unlisted'
  // A story brought into a publication goes through its editors like any other.
  if (movedIntoPublication && wantsPublic && !isEditorOf(actor, story.publicationId)) return 'submitted'
  if (requested === story.status) return requested
  const isPublic = story.status === 'published' || story.status === 'unlisted'
  if (wantsPublic && isPublic) return requested
  if (wantsPublic || requested === 'scheduled') {
    if (may(actor, 'publish', subject)) return requested
    if (story.status === 'submitted' || may(actor, 'submit', subject)) return 'submitted'
    authorizeStory(actor, 'publish', subject)
  }
  if (requested === 'submitted') {
    if (story.publicationId === null) throw invalid({ publication: ["can't be blank when submitting"] })
    authorizeStory(actor, 'submit', subject)
  }
  if (requested === 'draft') authorizeStory(actor, story.status === 'submitted' ? 'withdraw' : 'unpublish', subject)
  return requested
}

/** The editorial step a save took, if it was one (for the story's history). */
export function stepOfSave(before: StoryStatus, after: StoryStatus): EditorialEventKind | undefined {
  if (before === after) return undefined
  if (after === 'submitted') return 'submitted'
  if (before === 'submitted' && after === 'draft') return 'withdrawn'
  if (after === 'published' || after === 'unlisted') return 'published'
  if (after === 'scheduled') return 'scheduled'
  return undefined
}

/**
 * Records a save's editorial step inside the save's transaction. An editor's edit of someone
 * else's story is a step too, once per run of saves (autosave sends many): the history says
 * "edited", the writer hears of it, and the story's revisions get one in the editor's name
 * whenever the hand changes, whatever the autosave checkpoint interval.
 */
export async function recordSave(
  trx: Transaction<Database>, story: { id: number; authorId: number; publicationId: number | null }, actorId: number, step: EditorialEventKind | undefined, content?: RevisionContent,
): Promise<void> {
  if (story.publicationId === null) return
  if (step) {
    await recordEditorialEvent(trx, { publicationId: story.publicationId, storyId: story.id, actorId, kind: step }, new Date())
    return
  }
  if (actorId === story.authorId) return
  const now = new Date()
  if (content && (await latestRevisionAuthor(trx, story.id)) !== actorId) {
    await insertRevision(trx, { storyId: story.id, userId: actorId, kind: 'autosave', ...content, at: now })
  }
  const last = await latestEditorialEvent(trx, story.id)
  if (last?.kind === 'edited' && last.actor_id === actorId) return
  await recordEditorialEvent(trx, { publicationId: story.publicationId, storyId: story.id, actorId, kind: 'edited' }, now)
}

async function takeStep(db: Db, viewerId: number, slug: string, step: Step): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const { row, actor } = await load(trx, viewerId, slug)
    authorizeStory(actor, step.action, storySubject(row))
    const now = new Date()
    const changes: StoryUpdate = { status: step.status, updated_at: now, scheduled_at: step.scheduledAt ?? null }
    if (step.status === 'published' && row.published_at === null) changes.published_at = step.publishedAt ?? now
    if (!(await q.updateStoryRowAtVersion(trx, row.id, row.version, changes))) throw staleVersion()
    if (step.scheduledAt) await schedulePublishing(trx, row.id, step.scheduledAt)
    else if (row.status === 'scheduled') await unschedulePublishing(trx, row.id)
    // Publishing is a revision, attributed to whoever pressed the button.
    if (step.status === 'published') await recordRevision(trx, row.id, viewerId, 'publish', { title: row.title, subtitle: row.subtitle, body: row.body }, now)
    if (row.publication_id === null) return
    await recordEditorialEvent(trx, { publicationId: row.publication_id, storyId: row.id, actorId: viewerId, kind: step.event, note: step.note ?? null }, now)
  })
}

async function load(db: Parameters<typeof actorFor>[0] & Parameters<typeof q.storyByShortId>[0], viewerId: number | null, slug: string) {
  const shortId = shortIdOf(slug)
  const row = shortId ? await q.storyByShortId(db, shortId) : undefined
  if (!row) throw notFound('article', 'story_not_found')
  return { row, actor: await actorFor(db, viewerId) }
}

function checkNote(note: string): string {
  const text = note.trim()
  if (!text) throw invalid({ note: ["can't be blank"] })
  if (text.length > NOTE_MAX) throw invalid({ note: [`is too long (maximum is ${NOTE_MAX} characters)`] })
  return text
}

function staleVersion() {
  return conflict('story_version_conflict', { version: ['is out of date: the story changed meanwhile; reload and try again'] })
}

export type QueuedStory = { slug: string; title: string; subtitle: string; status: StoryStatus; updatedAt: Date; readingTime: number; author: { username: string; name: string; image: string | null } }

/** A publication's submissions queue, oldest first (the route asks the policy first). */
export async function submissionQueue(db: Db, publicationId: number): Promise<QueuedStory[]> {
  const rows = await submissionsOf(db.kysely, publicationId)
  return rows.map((row) => ({
    slug: storySlug(row.slug, row.short_id), title: row.title, subtitle: row.subtitle, status: row.status, updatedAt: toDate(row.updated_at), readingTime: row.reading_time,
    author: { username: row.author_username, name: row.author_name, image: row.author_image },
  }))
}
