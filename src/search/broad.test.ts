// SQLite's search index holds published stories only, and broad searches (words in most
// stories) rank title matches first, then by claps, page after page without gaps or repeats.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../db/database.ts'
import { parseSearchQuery } from '../db/full-text.ts'
import { openTestDb } from '../testing/databases.ts'
import { makeStory, makeUser } from '../testing/factories.ts'
import { updateStory } from '../stories/service.ts'
import * as q from './queries.ts'
import { searchStories } from './service.ts'

describe('broad searches and the published-only index (sqlite)', () => {
  let db: Db
  let authorId: number
  const titled: number[] = []
  const bodied: number[] = []
  before(async () => {
    db = await openTestDb('sqlite')
    authorId = (await makeUser(db)).user.id
    // Claps decide the order inside each group: give every story a distinct total.
    for (let i = 0; i < 4; i++) {
      const story = await makeStory(db, authorId, { title: `Lantern number ${i}`, body: 'Light in the dark.' })
      titled.push(story.row.id)
      await db.kysely.updateTable('stories').set({ clap_total: 10 * i }).where('id', '=', story.row.id).execute()
    }
    for (let i = 0; i < 6; i++) {
      const story = await makeStory(db, authorId, { title: `Evening ${i}`, body: 'A lantern in the window.' })
      bodied.push(story.row.id)
      await db.kysely.updateTable('stories').set({ clap_total: 100 + i }).where('id', '=', story.row.id).execute()
    }
    await makeStory(db, authorId, { title: 'Lantern draft', body: 'Unfinished lantern.', status: 'draft' })
  })
  after(() => db.close())

  const terms = parseSearchQuery('lantern')
  const byClaps = (ids: number[]) => ids.toReversed()

  it('ranks title matches first, then the rest, each by claps', async () => {
    const ids = await q.broadStoryIds(db.kysely, terms, { limit: 20, offset: 0 }, await q.titleMatchCount(db.kysely, terms))
    assert.deepEqual(ids, [...byClaps(titled), ...byClaps(bodied)])
  })

  it('pages through the boundary between the groups without gaps or repeats', async () => {
    const titleMatches = await q.titleMatchCount(db.kysely, terms)
    assert.equal(titleMatches, 4)
    const pages = []
    for (let offset = 0; offset < 12; offset += 3) pages.push(...await q.broadStoryIds(db.kysely, terms, { limit: 3, offset }, titleMatches))
    assert.deepEqual(pages, [...byClaps(titled), ...byClaps(bodied)])
  })

  it('never finds drafts, counts published stories only, and follows status and title changes', async () => {
    assert.equal(await q.matchCount(db.kysely, 'sqlite', 'stories', terms), 10)
    const story = await makeStory(db, authorId, { title: 'Moth and lantern', body: 'Drawn to it.', status: 'draft' })
    const slug = `${story.row.slug}-${story.row.short_id}`
    assert.equal(await q.matchCount(db.kysely, 'sqlite', 'stories', terms), 10)
    await updateStory(db, authorId, slug, { status: 'published' })
    assert.equal(await q.matchCount(db.kysely, 'sqlite', 'stories', terms), 11)
    await updateStory(db, authorId, slug, { title: 'Moth and candle', body: 'Drawn to it.' })
    assert.equal(await q.matchCount(db.kysely, 'sqlite', 'stories', terms), 10)
    assert.equal(await q.matchCount(db.kysely, 'sqlite', 'stories', parseSearchQuery('candle')), 1)
    await updateStory(db, authorId, slug, { status: 'unlisted' })
    assert.equal(await q.matchCount(db.kysely, 'sqlite', 'stories', parseSearchQuery('candle')), 0)
  })

  it('gives the same first page through the service as the relevance ranking would for titles', async () => {
    const { hits, count } = await searchStories(db, 'lantern', { limit: 4, offset: 0 }, null)
    assert.equal(count, 10)
    assert.deepEqual(new Set(hits.map((hit) => hit.story.row.id)), new Set(titled))
  })
})
