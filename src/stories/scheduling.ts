// Scheduled publishing: a story with status 'scheduled' is published by a job at scheduled_at.
// The job is queued in the transaction that schedules the story, keyed by the story, so
// rescheduling moves it and unscheduling removes it; it lives in the database, so it survives
// a restart. Delivery is at least once, so the handler publishes only a story that is still
// scheduled for that very time: a second run, or a run for an old time, changes nothing.
import type { Transaction } from 'kysely'
import { toDate } from '../db/codecs.ts'
import type { Database } from '../db/schema.ts'
import { cancelJob, defineJob, enqueueJob } from '../jobs/service.ts'
import { recordRevision } from './revisions/record.ts'

export const PUBLISH_SCHEDULED = 'stories.publish-scheduled'

type Payload = { storyId: number; at: string }

const jobKey = (storyId: number) => `story-publish:${storyId}`

/** Queues the publishing of a story at `at` (replacing any earlier schedule of it). */
export function schedulePublishing(trx: Transaction<Database>, storyId: number, at: Date): Promise<void> {
  const payload: Payload = { storyId, at: at.toISOString() }
  return enqueueJob(trx, PUBLISH_SCHEDULED, payload, { runAt: at, key: jobKey(storyId) })
}

/** Takes a story off the schedule. */
export function unschedulePublishing(trx: Transaction<Database>, storyId: number): Promise<void> {
  return cancelJob(trx, jobKey(storyId))
}

defineJob(PUBLISH_SCHEDULED, async (payload: Payload, { db, log }) => {
  await db.kysely.transaction().execute(async (trx) => {
    const story = await trx.selectFrom('stories').select(['id', 'status', 'scheduled_at', 'author_id', 'title', 'subtitle', 'body'])
      .where('id', '=', payload.storyId).executeTakeFirst()
    if (!story || story.status !== 'scheduled' || story.scheduled_at === null) return
    const at = toDate(story.scheduled_at)
    if (at.toISOString() !== payload.at) return
    const now = new Date()
    await trx.updateTable('stories')
      .set((eb) => ({ status: 'published', published_at: at, scheduled_at: null, updated_at: now, version: eb('version', '+', 1) }))
      .where('id', '=', story.id).where('status', '=', 'scheduled')
      .execute()
    await recordRevision(trx, story.id, story.author_id, 'publish', { title: story.title, subtitle: story.subtitle, body: story.body }, now)
    log.info({ story: story.id }, 'scheduled story published')
  })
})
