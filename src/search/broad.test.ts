// Both engines' story search indexes hold published stories only (SQLite's FTS table, PostgreSQL's
// story_search), and broad searches (words in most stories) rank title matches first, then by
// claps, page after page without gaps or repeats.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Db } from '../db/database.ts'
import { parseSearchQuery } from '../db/full-text.ts'
import { engines, openTestDb } from '../testing/databases.ts'
import { makeStory, makeUser } from '../testing/factories.ts'
import { deleteStory, updateStory } from '../stories/service.ts'
import * as pg from './postgres-stories.ts'
import * as q from './queries.ts'
import { searchStories } from './service.ts'

for (const engine of engines()) describe(`broad searches and the published-only index (${engine})`, () => {
  let db: Db
  let authorId: number
  const titled: number[] = []
  const bodied: number[] = []
  before(async () => {
    db = await openTestDb(engine)
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
    const ids = await q.broadStoryIds(db.kysely, engine, terms, { limit: 20, offset: 0 }, 10)
    assert.deepEqual(ids, [...byClaps(titled), ...byClaps(bodied)])
  })

  it('pages through the boundary between the groups without gaps or repeats', async () => {
    const titleMatches = await q.titleMatchCount(db.kysely, engine, terms)
    assert.equal(titleMatches, 4)
    const pages = []
    for (let offset = 0; offset < 12; offset += 3) pages.push(...await q.broadStoryIds(db.kysely, engine, terms, { limit: 3, offset }, 10))
    assert.deepEqual(pages, [...byClaps(titled), ...byClaps(bodied)])
  })

  it('gives the same pages walking the claps index as sorting the matches (postgres)', async (t) => {
    if (engine !== 'postgres') return t.skip('PostgreSQL chooses between the two')
    for (const text of ['lantern', 'lant', '"a lantern"', 'lantern number']) {
      const phrase = parseSearchQuery(text)
      const count = await q.matchCount(db.kysely, engine, 'stories', phrase)
      for (const page of [{ limit: 20, offset: 0 }, { limit: 3, offset: 0 }, { limit: 3, offset: 3 }, { limit: 3, offset: 6 }]) {
        const walked = await pg.broadStoryIds(db.kysely, phrase, page, count, 0)
        const sorted = await pg.broadStoryIds(db.kysely, phrase, page, count, Infinity)
        assert.deepEqual(walked, sorted, `${text} ${JSON.stringify(page)}`)
      }
    }
    assert.deepEqual(await pg.broadStoryIds(db.kysely, terms, { limit: 20, offset: 0 }, 10, 0), [...byClaps(titled), ...byClaps(bodied)])
  })

  it('never finds drafts, counts published stories only, and follows status and title changes', async () => {
    assert.equal(await q.matchCount(db.kysely, engine, 'stories', terms), 10)
    const story = await makeStory(db, authorId, { title: 'Moth and lantern', body: 'Drawn to it.', status: 'draft' })
    const slug = `${story.row.slug}-${story.row.short_id}`
    assert.equal(await q.matchCount(db.kysely, engine, 'stories', terms), 10)
    await updateStory(db, authorId, slug, { status: 'published' })
    assert.equal(await q.matchCount(db.kysely, engine, 'stories', terms), 11)
    await updateStory(db, authorId, slug, { title: 'Moth and candle', body: 'Drawn to it.' })
    assert.equal(await q.matchCount(db.kysely, engine, 'stories', terms), 10)
    assert.equal(await q.matchCount(db.kysely, engine, 'stories', parseSearchQuery('candle')), 1)
    await updateStory(db, authorId, slug, { status: 'unlisted' })
    assert.equal(await q.matchCount(db.kysely, engine, 'stories', parseSearchQuery('candle')), 0)
    await updateStory(db, authorId, slug, { status: 'published' })
    assert.equal(await q.matchCount(db.kysely, engine, 'stories', parseSearchQuery('candle')), 1)
    await deleteStory(db, authorId, slug)
    assert.equal(await q.matchCount(db.kysely, engine, 'stories', parseSearchQuery('candle')), 0)
  })

  it('counts title matches apart, and a title edit moves a story between the groups', async () => {
    assert.equal(await q.titleMatchCount(db.kysely, engine, terms), 4)
    assert.equal(await q.titleMatchCount(db.kysely, engine, parseSearchQuery('number')), 4)
    assert.equal(await q.titleMatchCount(db.kysely, engine, parseSearchQuery('window')), 0, 'a body word is not a title match')
    assert.equal(await q.titleMatchCount(db.kysely, engine, parseSearchQuery('"lantern number"')), 4, 'a phrase')
    assert.equal(await q.titleMatchCount(db.kysely, engine, parseSearchQuery('"number lantern"')), 0, 'words out of order')
    const story = await makeStory(db, authorId, { title: 'Evening lantern', body: 'A lantern in the window.' })
    assert.equal(await q.titleMatchCount(db.kysely, engine, terms), 5)
    await updateStory(db, authorId, `${story.row.slug}-${story.row.short_id}`, { title: 'Evening glow', body: 'A lantern in the window.' })
    assert.equal(await q.titleMatchCount(db.kysely, engine, terms), 4)
    assert.equal(await q.matchCount(db.kysely, engine, 'stories', terms), 11)
    await deleteStory(db, authorId, `${story.row.slug}-${story.row.short_id}`)
    assert.equal(await q.matchCount(db.kysely, engine, 'stories', terms), 10)
  })

  it('takes the broad path through the service past the threshold: same order for words, prefixes and phrases, snippets marked', async () => {
    const broad = { broadMatches: 5 }
    const expected = [...byClaps(titled), ...byClaps(bodied)]
    for (const text of ['lantern', 'lant', 'lantern ']) {
      const { hits, count } = await searchStories(db, text, { limit: 20, offset: 0 }, null, broad)
      assert.equal(count, 10, text)
      assert.deepEqual(hits.map((hit) => hit.story.row.id), expected, text)
    }
    const second = await searchStories(db, 'lantern', { limit: 4, offset: 3 }, null, broad)
    assert.deepEqual(second.hits.map((hit) => hit.story.row.id), expected.slice(3, 7))
    const { hits } = await searchStories(db, '"a lantern in"', { limit: 20, offset: 0 }, null, { broadMatches: 2 })
    assert.deepEqual(hits.map((hit) => hit.story.row.id), byClaps(bodied), 'a phrase in the body only')
    assert.deepEqual(hits[0]!.snippet.filter((piece) => piece.match).map((piece) => piece.text), ['A', 'lantern', 'in'])
    const none = await searchStories(db, 'lantern', { limit: 20, offset: 10 }, null, broad)
    assert.deepEqual(none, { hits: [], count: 10 })
  })

  it('gives the same first page through the service as the relevance ranking would for titles', async () => {
    const { hits, count } = await searchStories(db, 'lantern', { limit: 4, offset: 0 }, null)
    assert.equal(count, 10)
    assert.deepEqual(new Set(hits.map((hit) => hit.story.row.id)), new Set(titled))
  })
})
