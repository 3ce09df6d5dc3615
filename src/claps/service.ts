// Claps: a reader gives a story 1 to 50 claps in all, more is absorbed silently (as on Medium),
// and can take them all back. Writers do not clap for themselves.
import type { Db } from '../db/database.ts'
import { AppError, notFound } from '../http/errors.ts'
import { shortIdOf } from '../stories/slug.ts'
import * as q from './queries.ts'

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
    if (story.author_id === readerId && !options.allowOwnStory) {
      throw new AppError(403, 'own_story_clap', { claps: ["can't be given to your own story"] })
    }
    const before = await q.clapsOf(trx, story.id, readerId)
    const mine = await q.addClaps(trx, db.engine, story.id, readerId, count, new Date())
    await q.adjustTotals(trx, story.id, mine - before, before === 0 ? 1 : 0)
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
  if (!story || (story.status === 'draft' && story.author_id !== readerId)) throw notFound('article', 'story_not_found')
  return story
}
