// Claps: a reader gives a story 1 to 50 claps in all, more is absorbed silently (as on Medium),
// and can take them all back. Writers do not clap for themselves.
import type { Db } from '../db/database.ts'
import { AppError, notFound } from '../http/errors.ts'
import { shortIdOf } from '../stories/slug.ts'
import * as q from './queries.ts'
import { actorWithoutRoles, may, mayReadStory, storySubject } from '../policy/service.ts'
import { notify } from '../notifications/service.ts'

export { MAX_CLAPS } from './queries.ts'

export type ClapOptions = {
  /**
   * RealWorld's favorite endpoint lets authors favorite their own articles (its suite does), so
   * that compatibility path may record one clap by the author; Ovation's own clap paths never.
   */
  allowOwnStory?: boolean
}

/** Adds claps; returns the reader's count after the cap. */
export async function clap(db: Db, readerId: number, slug: string, count: number, options: ClapOptions = {}): Promise<number> {
  return db.kysely.transaction().execute(async (trx) => {
    const story = await findLocked(db, trx, slug, readerId)
    // The policy refuses only the author here: anyone else reaching this far may clap.
    if (!options.allowOwnStory && !may(actorWithoutRoles(readerId), 'clap', storySubject({ ...story, publication_id: null }))) {
      throw new AppError(403, 'own_story_clap', { claps: ["can't be given to your own story"] })
    }
    const before = await q.clapsOf(trx, story.id, readerId)
    const mine = await q.addClaps(trx, db.engine, story.id, readerId, count, new Date())
    await q.adjustTotals(trx, story.id, mine - before, before === 0 ? 1 : 0)
    // Issue 5: the author hears of each new fan (a reader's first claps; later bursts by the
    // same reader would only repeat their name), gathered into one notification per story.
    if (before === 0) await notify(trx, { type: 'clap', recipientId: story.author_id, actorId: readerId, storyId: story.id })
    return mine
  })
}

/** Takes back all of the reader's claps on a story. */
export async function undoClaps(db: Db, readerId: number, slug: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const story = await findLocked(db, trx, slug, readerId)
    const removed = await q.removeClaps(trx, story.id, readerId)
    await q.adjustTotals(trx, story.id, -removed, removed > 0 ? -1 : 0)
  })
}

async function findLocked(db: Db, trx: Parameters<typeof q.lockStory>[0], slug: string, readerId: number) {
  const shortId = shortIdOf(slug)
  const story = shortId ? await q.lockStory(trx, db.engine, shortId) : undefined
  // Drafts and scheduled stories are their author's alone until published.
  // Who may see what is the policy's (issue 4); a story's publication only widens who may see a
  // submission, never who may clap, so it is left out here.
  if (!story || !(await mayReadStory(trx, readerId, { ...story, publication_id: null }))) throw notFound('article', 'story_not_found')
  return story
}
