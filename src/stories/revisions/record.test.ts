import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines, openTestDb } from '../../testing/databases.ts'
import { makeStory, makeUser } from '../../testing/factories.ts'
import type { Db } from '../../db/database.ts'
import { CHECKPOINT_MS, recordRevision } from './record.ts'

for (const engine of engines()) {
  describe(`recording revisions (${engine})`, () => {
    let db: Db
    before(async () => { db = await openTestDb(engine) })
    after(() => db.close())

    const kinds = async (storyId: number) =>
      (await db.kysely.selectFrom('story_revisions').select('kind').where('story_id', '=', storyId).orderBy('id').execute()).map((row) => row.kind)
    const record = (storyId: number, userId: number, kind: 'publish' | 'autosave', at: Date) =>
      db.kysely.transaction().execute((trx) => recordRevision(trx, storyId, userId, kind, { title: 't', subtitle: '', body: '{"version":1,"blocks":[]}' }, at))

    it('keeps at most one autosave checkpoint per interval, and every publish', async () => {
      const { user } = await makeUser(db)
      const story = await makeStory(db, user.id, { status: 'draft' })
      const start = new Date(Date.now() + 60_000)
      // makeStory recorded the first checkpoint just now; two minutes on is too soon for another.
      await record(story.row.id, user.id, 'autosave', new Date(start.getTime() + 60_000))
      await record(story.row.id, user.id, 'publish', new Date(start.getTime() + 90_000))
      // The interval counts from the latest revision of any kind, here the publish.
      await record(story.row.id, user.id, 'autosave', new Date(start.getTime() + 90_000 + CHECKPOINT_MS - 1))
      await record(story.row.id, user.id, 'autosave', new Date(start.getTime() + 90_000 + CHECKPOINT_MS))
      assert.deepEqual(await kinds(story.row.id), ['autosave', 'publish', 'autosave'])
    })
  })
}
