// Unpublished changes to a published story. Readers must not see edits half made, so the editor
// does not save a live story while the writer types; it saves the working copy as the story's
// latest revision (an autosave) instead, one row updated in place, and "Republish" publishes it
// (a publish revision then follows it, and the changes are no longer pending).
import type { Db } from '../../db/database.ts'
import { toDate } from '../../db/codecs.ts'
import { conflict, invalid, type ErrorFields } from '../../http/errors.ts'
import { actorFor, authorizeStory, storySubject } from '../../policy/service.ts'
import { parseDocument } from '../document/validate.ts'
import { storyBySlug, SUBTITLE_MAX, TITLE_MAX } from '../service.ts'
import type { StoryWithAuthorRow } from '../queries.ts'
import { insertRevision, latestRevision, updateRevision } from './queries.ts'

export type PendingChanges = { title: string; subtitle: string; body: string; savedAt: Date }

const isLive = (status: string) => status === 'published' || status === 'unlisted'

/** The writer's unpublished changes to a live story, if any: its latest revision, when that is an autosave. */
export async function pendingChanges(db: Db, row: Pick<StoryWithAuthorRow, 'id' | 'status'>): Promise<PendingChanges | undefined> {
  if (!isLive(row.status)) return undefined
  const latest = await latestRevision(db.kysely, row.id)
  if (latest?.kind !== 'autosave') return undefined
  return { title: latest.title, subtitle: latest.subtitle, body: latest.body, savedAt: toDate(latest.created_at) }
}

export type ChangesInput = { title: string; subtitle: string; document: unknown; version: number }

/**
 * Saves the working copy of a live story without publishing it. `version` is the story's
 * version the editor loaded: if the story was republished since, 409 as for any stale save.
 */
export async function saveChanges(db: Db, slug: string, viewerId: number, input: ChangesInput): Promise<{ savedAt: Date }> {
  const story = await storyBySlug(db, slug, viewerId)
  authorizeStory(await actorFor(db, viewerId), 'edit', storySubject(story.row))
  const errors: ErrorFields = {}
  const title = input.title.trim()
  const subtitle = input.subtitle.trim()
  if (!title) errors.title = ["can't be blank"]
  if (title.length > TITLE_MAX) errors.title = [`is too long (maximum is ${TITLE_MAX} characters)`]
  if (subtitle.length > SUBTITLE_MAX) errors.subtitle = [`is too long (maximum is ${SUBTITLE_MAX} characters)`]
  const document = parseDocument(input.document)
  if ('error' in document) errors.document = [document.error]
  if (!isLive(story.row.status)) errors.status = ['is not published: save the story itself']
  if (Object.keys(errors).length) throw invalid(errors)
  if (input.version !== story.row.version) {
    throw conflict('story_version_conflict', { version: [`is out of date: the story was saved elsewhere (now version ${story.row.version}); reload to see it`] })
  }
  const at = new Date()
  const content = { title, subtitle, body: JSON.stringify(document), at, userId: viewerId }
  await db.kysely.transaction().execute(async (trx) => {
    const latest = await latestRevision(trx, story.row.id)
    if (latest?.kind === 'autosave') await updateRevision(trx, Number(latest.id), content)
    else await insertRevision(trx, { storyId: story.row.id, userId: viewerId, kind: 'autosave', title, subtitle, body: content.body, at })
  })
  return { savedAt: at }
}
