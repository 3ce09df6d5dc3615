// The editorial history of stories in publications (issue 4): submitted, withdrawn, returned
// with a note, a private note, edited by an editor, published, scheduled, removed. Shown to the
// writer and the publication's editors only, and the source of their notifications.
import type { Kysely, Transaction } from 'kysely'
import type { Database, EditorialEventKind } from '../db/schema.ts'
import { notify } from '../notifications/service.ts'

type Q = Kysely<Database> | Transaction<Database>

export type EditorialEvent = {
  publicationId: number
  storyId: number
  actorId: number
  kind: EditorialEventKind
  note?: string | null
}

/**
 * Records one step of the workflow, inside the transaction that takes it, and tells who should
 * hear of it: the writer when an editor acts, the publication's editors and owners when the
 * writer submits or withdraws.
 */
export async function recordEditorialEvent(trx: Transaction<Database>, event: EditorialEvent, at: Date): Promise<void> {
  await trx.insertInto('editorial_events').values({
    publication_id: event.publicationId, story_id: event.storyId, actor_id: event.actorId, kind: event.kind, note: event.note ?? null, created_at: at,
  }).execute()
  await notifyEditorialEvent(trx, await recipientsOf(trx, event), event)
}

// Read after the publication's name and before the story's title: "The Long View published your story “…”".
const MESSAGES: Record<EditorialEventKind, string> = {
  submitted: 'has a new submission:',
  withdrawn: 'had a submission withdrawn by its writer:',
  returned: 'returned your story with a note:',
  note: 'has a note for you on',
  edited: 'edited your story',
  published: 'published your story',
  scheduled: 'scheduled your story',
  removed: 'took out your story',
}

/** The one place the workflow tells people about a step: in-app (and e-mail) notifications. */
export async function notifyEditorialEvent(trx: Transaction<Database>, recipientIds: number[], event: EditorialEvent): Promise<void> {
  for (const recipientId of recipientIds) {
    await notify(trx, { type: 'publication', recipientId, actorId: event.actorId, storyId: event.storyId, publicationId: event.publicationId, message: MESSAGES[event.kind] })
  }
}

/** Takes a story off every publication's pinned list (it left its publication). */
export async function unpinStory(trx: Transaction<Database>, storyId: number): Promise<void> {
  await trx.deleteFrom('publication_pins').where('story_id', '=', storyId).execute()
}

async function recipientsOf(trx: Q, event: EditorialEvent): Promise<number[]> {
  const story = await trx.selectFrom('stories').select('author_id').where('id', '=', event.storyId).executeTakeFirst()
  const editors = await trx.selectFrom('memberships').select('user_id').where('publication_id', '=', event.publicationId)
    .where('role', 'in', ['owner', 'editor']).execute()
  const toEditors = event.kind === 'submitted' || event.kind === 'withdrawn'
  const ids = toEditors ? editors.map((row) => row.user_id) : story ? [story.author_id] : []
  return [...new Set(ids)].filter((id) => id !== event.actorId)
}

/** A story's editorial history, oldest first, with who did each step. */
export function editorialHistory(db: Q, storyId: number) {
  return db.selectFrom('editorial_events').leftJoin('users', 'users.id', 'editorial_events.actor_id')
    .select(['editorial_events.id', 'editorial_events.kind', 'editorial_events.note', 'editorial_events.created_at', 'users.username', 'users.name'])
    .where('editorial_events.story_id', '=', storyId)
    .orderBy('editorial_events.created_at').orderBy('editorial_events.id')
    .execute()
}

/** The submissions queue: a publication's submitted (and scheduled) stories, oldest first. */
export function submissionsOf(db: Q, publicationId: number) {
  return db.selectFrom('stories').innerJoin('users', 'users.id', 'stories.author_id')
    .select(['stories.id', 'stories.short_id', 'stories.slug', 'stories.title', 'stories.subtitle', 'stories.status', 'stories.updated_at', 'stories.reading_time',
      'users.username as author_username', 'users.name as author_name', 'users.image as author_image'])
    .where('stories.publication_id', '=', publicationId)
    .where('stories.status', 'in', ['submitted', 'scheduled'])
    .orderBy('stories.updated_at').orderBy('stories.id')
    .execute()
}

/** The story's latest editorial event, to fold a run of an editor's saves into one "edited". */
export function latestEditorialEvent(db: Q, storyId: number) {
  return db.selectFrom('editorial_events').select(['kind', 'actor_id']).where('story_id', '=', storyId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
}

/** Who made the story's latest revision (undefined: none, or a deleted account). */
export async function latestRevisionAuthor(db: Q, storyId: number): Promise<number | undefined> {
  const row = await db.selectFrom('story_revisions').select('user_id').where('story_id', '=', storyId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.user_id ?? undefined
}
