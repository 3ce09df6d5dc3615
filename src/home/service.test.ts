import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeReaders, makeStory, makeUser } from '../testing/factories.ts'
import { trendingScores, trendingStories } from './service.ts'

const HOUR_MS = 60 * 60 * 1000

describe('trendingScores', () => {
  const now = new Date('2026-11-25T12:00:00Z')
  const ago = (hours: number) => new Date(now.getTime() - hours * HOUR_MS)

  it('weighs each fan’s claps plus five, halved for every day since they clapped', () => {
    const scores = trendingScores([
      { story_id: 1, count: 10, updated_at: ago(0) },
      { story_id: 1, count: 1, updated_at: ago(24) },
      { story_id: 2, count: 50, updated_at: ago(48).toISOString() },
    ], now)
    assert.deepEqual(scores.map((entry) => entry.storyId), [1, 2])
    assert.equal(scores[0]?.score, 15 + 6 / 2)
    assert.equal(scores[1]?.score, 55 / 4)
  })

  it('ranks ten readers clapping once above one reader clapping fifty', () => {
    const rows = [
      ...Array.from({ length: 10 }, () => ({ story_id: 1, count: 1, updated_at: ago(1) })),
      { story_id: 2, count: 50, updated_at: ago(1) },
    ]
    assert.deepEqual(trendingScores(rows, now).map((entry) => entry.storyId), [1, 2])
  })

  it('breaks ties in favour of the newer story', () => {
    const rows = [{ story_id: 3, count: 5, updated_at: ago(2) }, { story_id: 4, count: 5, updated_at: ago(2) }]
    assert.deepEqual(trendingScores(rows, now).map((entry) => entry.storyId), [4, 3])
  })
})

for (const engine of engines()) {
  describe(`trending on the home page (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    it('ranks a recent small burst above an older big one, and leaves out drafts, unlisted stories and claps older than a week', async () => {
      const { user } = await makeUser(t.db)
      const readers = await makeReaders(t.db, 3)
      const now = new Date()
      const story = async (title: string, status: 'published' | 'draft' | 'unlisted' = 'published') => (await makeStory(t.db, user.id, { title, status })).row.id
      const older = await story('Last week’s sensation')
      const recent = await story('Talk of the hour')
      const steady = await story('A steady favourite')
      const stale = await story('Long ago applauded')
      const draft = await story('Unfinished thoughts', 'draft')
      const unlisted = await story('For friends only', 'unlisted')
      await story('Nobody clapped yet')
      // Claps placed in time directly: the claps service stamps them with the present.
      const clap = (storyId: number, reader: number, count: number, hoursAgo: number) => {
        const at = new Date(now.getTime() - hoursAgo * HOUR_MS)
        return t.db.kysely.insertInto('claps').values({ story_id: storyId, user_id: readers[reader]!.id, count, created_at: at, updated_at: at }).execute()
      }
      // 3 fans × (40 + 5) × 0.5^4 ≈ 8.4: a big burst, four days ago.
      for (const reader of [0, 1, 2]) await clap(older, reader, 40, 96)
      // (10 + 5) × 0.5^(1/24) ≈ 14.6: a small one, an hour ago.
      await clap(recent, 0, 10, 1)
      // 2 × (2 + 5) × 0.5^(12/24) ≈ 9.9: between the two.
      await clap(steady, 1, 2, 12)
      await clap(steady, 2, 2, 12)
      await clap(stale, 0, 50, 8 * 24)
      await clap(draft, 0, 50, 1)
      await clap(unlisted, 0, 50, 1)

      const trending = await trendingStories(t.db, 6, now)
      assert.deepEqual(trending.map((card) => card.title), ['Talk of the hour', 'A steady favourite', 'Last week’s sensation'])

      const home = await call(t.app, 'GET', '/')
      assert.equal(home.statusCode, 200)
      const section = home.body.slice(home.body.indexOf('<section class="trending"'), home.body.indexOf('</section>', home.body.indexOf('<section class="trending"')))
      assert.match(section, /Trending on Ovation/)
      assert.match(section, /Talk of the hour.*A steady favourite.*Last week’s sensation/s)
      for (const title of ['Long ago applauded', 'Unfinished thoughts', 'For friends only', 'Nobody clapped yet']) assert.ok(!section.includes(title), title)
      assert.doesNotMatch((await call(t.app, 'GET', '/?page=2')).body, /Trending on Ovation/)
    })

    it('shows at most six', async () => {
      const { user } = await makeUser(t.db)
      const [reader] = await makeReaders(t.db, 1)
      for (let i = 0; i < 8; i++) {
        const story = await makeStory(t.db, user.id, { title: `Popular ${i}` })
        await t.db.kysely.insertInto('claps').values({ story_id: story.row.id, user_id: reader!.id, count: 10 + i, created_at: new Date(), updated_at: new Date() }).execute()
      }
      const trending = await trendingStories(t.db, 6)
      assert.deepEqual(trending.map((card) => card.title), ['Popular 7', 'Popular 6', 'Popular 5', 'Popular 4', 'Popular 3', 'Popular 2'])
    })
  })
}
