// When a story change becomes a revision: every publish and republish, and autosaved drafts at
// most once per checkpoint interval (a writer typing for an hour leaves a dozen, not thousands).
import type { Transaction } from 'kysely'
import { toDate } from '../../db/codecs.ts'
import type { Database, StoryRevisionKind } from '../../db/schema.ts'
import { insertRevision, latestRevisionAt } from './queries.ts'

export const CHECKPOINT_MS = 5 * 60_000

export type RevisionContent = { title: string; subtitle: string; body: string }

/**
 * Records the story as it now stands. 'autosave' is a checkpoint: skipped when the story's
 * latest revision is younger than CHECKPOINT_MS. Runs inside the transaction of the change.
 */
export async function recordRevision(
  trx: Transaction<Database>, storyId: number, userId: number | null, kind: StoryRevisionKind, content: RevisionContent, at: Date,
): Promise<void> {
  if (kind === 'autosave') {
    const latest = await latestRevisionAt(trx, storyId)
    if (latest !== undefined && at.getTime() - toDate(latest).getTime() < CHECKPOINT_MS) return
  }
  await insertRevision(trx, { storyId, userId, kind, ...content, at })
}
