import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, uniqueName, type TestUser } from '../testing/factories.ts'
import { createPublication } from '../publications/service.ts'
import { queryFollowedTags, queryFollowedTagsByRecency } from './queries.ts'

for (const engine of engines()) {
  describe(`feed and publication follows (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    async function publication(owner: TestUser): Promise<string> {
      const slug = uniqueName('pub').toLowerCase().replace(/_/g, '-')
      await createPublication(t.db, { slug, name: `The ${slug}`, ownerId: owner.user.id })
      return slug
    }
    const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`
    const feedSlugs = async (reader: TestUser, url: string) => {
      const response = await call(t.app, 'GET', url, { token: reader.token })
      assert.equal(response.statusCode, 200, response.body)
      return response.json()
    }

    describe('POST/DELETE /api/publications/:slug/follow', () => {
      it('follows and unfollows, counting followers, and following twice changes nothing', async () => {
        const owner = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const slug = await publication(owner)
        for (let i = 0; i < 2; i++) {
          const response = await call(t.app, 'POST', `/api/publications/${slug}/follow`, { token: reader.token })
          assert.equal(response.statusCode, 200)
          assert.deepEqual(response.json(), { publication: { slug, name: `The ${slug}`, followersCount: 1, following: true } })
        }
        const off = await call(t.app, 'DELETE', `/api/publications/${slug}/follow`, { token: reader.token })
        assert.deepEqual(off.json().publication, { slug, name: `The ${slug}`, followersCount: 0, following: false })
      })
      it('requires sign-in', async () => {
        const slug = await publication(await makeUser(t.db))
        for (const method of ['POST', 'DELETE'] as const) {
          const response = await call(t.app, method, `/api/publications/${slug}/follow`)
          assert.equal(response.statusCode, 401)
          assert.deepEqual(response.json().errors, { token: ['is missing'] })
        }
      })
      it('answers 404 for a publication that does not exist', async () => {
        const reader = await makeUser(t.db)
        const response = await call(t.app, 'POST', '/api/publications/no-such-pub/follow', { token: reader.token })
        assert.equal(response.statusCode, 404)
        assert.deepEqual(response.json().errors, { publication: ['not found'] })
      })
      it('works as a plain form that returns to the page, and sends a signed-out reader to sign in', async () => {
        const slug = await publication(await makeUser(t.db))
        const anonymous = await call(t.app, 'POST', `/publications/${slug}/follow`, { form: { next: `/${slug}` } })
        assert.equal(anonymous.statusCode, 303)
        assert.equal(anonymous.headers.location, `/signin?next=${encodeURIComponent(`/${slug}`)}`)
        const reader = await makeUser(t.db)
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: reader.user.email, password: reader.password } }))
        const response = await call(t.app, 'POST', `/publications/${slug}/follow`, { cookie, form: { next: `/${slug}` } })
        assert.equal(response.statusCode, 303)
        assert.equal(response.headers.location, `/${slug}`)
        assert.equal((await call(t.app, 'POST', `/api/publications/${slug}/follow`, { token: reader.token })).json().publication.followersCount, 1)
      })
    })

    describe('GET /api/articles/feed', () => {
      it("holds followed writers', publications' and tags' stories, newest first, and nothing else", async () => {
        const reader = await makeUser(t.db)
        const writer = await makeUser(t.db)
        const editor = await makeUser(t.db)
        const stranger = await makeUser(t.db)
        const pub = await publication(editor)
        const tag = uniqueName('topic')
        const byWriter = await makeStory(t.db, writer.user.id, { title: 'By a followed writer' })
        const inPub = await makeStory(t.db, editor.user.id, { title: 'In a followed publication', publication: pub })
        const tagged = await makeStory(t.db, stranger.user.id, { title: 'On a followed tag', tags: [tag] })
        await makeStory(t.db, stranger.user.id, { title: 'Unrelated' })
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: reader.token })
        await call(t.app, 'POST', `/api/publications/${pub}/follow`, { token: reader.token })
        assert.equal((await call(t.app, 'POST', `/api/tags/${tag}/follow`, { token: reader.token })).statusCode, 200)
        const body = await feedSlugs(reader, '/api/articles/feed')
        assert.deepEqual(body.articles.map((a: { slug: string }) => a.slug), [tagged, inPub, byWriter].map(slugOf))
        assert.equal(body.articlesCount, 3)
        // Both ways of reading followed tags (few tagged stories, many) give the same stories.
        const fromTags = await queryFollowedTags(t.db.kysely, reader.user.id, undefined, 20).execute()
        const byRecency = await queryFollowedTagsByRecency(t.db.kysely, reader.user.id, undefined, 20).execute()
        assert.deepEqual(byRecency.map((row) => row.id), fromTags.map((row) => row.id))
        assert.deepEqual(fromTags.map((row) => row.id), [tagged.row.id])
        const following = await feedSlugs(reader, '/api/feed?tab=following')
        assert.deepEqual(following.articles.map((a: { slug: string }) => a.slug), [tagged, inPub, byWriter].map(slugOf))
        assert.equal(following.nextCursor, null)
      })
      it('requires sign-in', async () => {
        assert.equal((await call(t.app, 'GET', '/api/articles/feed')).statusCode, 401)
        assert.equal((await call(t.app, 'GET', '/api/feed')).statusCode, 401)
      })
    })

    describe('GET /api/feed?tab=following pagination', () => {
      it('neither repeats nor skips a story while new ones are published between pages', async () => {
        const reader = await makeUser(t.db)
        const writer = await makeUser(t.db)
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: reader.token })
        const before: string[] = []
        for (let i = 0; i < 7; i++) before.push(slugOf(await makeStory(t.db, writer.user.id, { title: `Old ${i}` })))
        const seen: string[] = []
        let cursor: string | null = null
        let pages = 0
        do {
          const url: string = `/api/feed?tab=following&limit=3${cursor ? `&cursor=${cursor}` : ''}`
          const body = await feedSlugs(reader, url)
          seen.push(...body.articles.map((a: { slug: string }) => a.slug))
          cursor = body.nextCursor
          // A new story arrives after each page: it belongs before the first page, not in the rest.
          await makeStory(t.db, writer.user.id, { title: `New ${pages}` })
          pages += 1
        } while (cursor && pages < 10)
        assert.deepEqual(seen, [...before].reverse())
        assert.equal(pages, 3)
      })
      it('treats a cursor it did not write as the first page', async () => {
        const reader = await makeUser(t.db)
        const response = await call(t.app, 'GET', '/api/feed?tab=following&cursor=garbage', { token: reader.token })
        assert.equal(response.statusCode, 200)
        assert.deepEqual(response.json(), { articles: [], nextCursor: null })
      })
      it('refuses a limit out of range', async () => {
        const reader = await makeUser(t.db)
        const response = await call(t.app, 'GET', '/api/feed?limit=500', { token: reader.token })
        assert.equal(response.statusCode, 422)
      })
    })

    describe('GET /api/feed (For you)', () => {
      it('ranks followed and applauded stories, and sinks what the reader already clapped for', async () => {
        const reader = await makeUser(t.db)
        const writer = await makeUser(t.db)
        const other = await makeUser(t.db)
        const fans = await Promise.all([1, 2, 3].map(() => makeUser(t.db)))
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: reader.token })
        const followed = await makeStory(t.db, writer.user.id, { title: 'Followed' })
        const applauded = await makeStory(t.db, other.user.id, { title: 'Applauded' })
        const quiet = await makeStory(t.db, other.user.id, { title: 'Quiet, never clapped' })
        const clappedByReader = await makeStory(t.db, writer.user.id, { title: 'Already clapped' })
        for (const fan of fans) await call(t.app, 'POST', `/api/articles/${slugOf(applauded)}/claps`, { token: fan.token, body: { count: 10 } })
        await call(t.app, 'POST', `/api/articles/${slugOf(clappedByReader)}/claps`, { token: reader.token, body: { count: 1 } })
        const body = await feedSlugs(reader, '/api/feed')
        const mine = new Set([followed, applauded, clappedByReader, quiet].map(slugOf))
        const order = body.articles.map((a: { slug: string }) => a.slug).filter((slug: string) => mine.has(slug))
        // A new story nobody follows or applauds is still offered (a new reader finds something), last.
        assert.deepEqual(order, [followed, applauded, clappedByReader, quiet].map(slugOf))
      })
      it('pages through one frozen ranking without repeats', async () => {
        const reader = await makeUser(t.db)
        const writer = await makeUser(t.db)
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: reader.token })
        for (let i = 0; i < 5; i++) await makeStory(t.db, writer.user.id, { title: `Story ${i}` })
        const first = await feedSlugs(reader, '/api/feed?limit=2')
        await makeStory(t.db, writer.user.id, { title: 'Arrives between pages' })
        const second = await feedSlugs(reader, `/api/feed?limit=2&cursor=${first.nextCursor}`)
        const third = await feedSlugs(reader, `/api/feed?limit=2&cursor=${second.nextCursor}`)
        // Other tests' applauded stories are candidates too: count this writer's.
        const pages = [first, second, third]
        for (let cursor = third.nextCursor; cursor; ) {
          const next = await feedSlugs(reader, `/api/feed?limit=2&cursor=${cursor}`)
          pages.push(next)
          cursor = next.nextCursor
        }
        const all = pages.flatMap((p) => p.articles).filter((a: { author: { username: string } }) => a.author.username === writer.user.username)
          .map((a: { title: string }) => a.title)
        assert.deepEqual(all, ['Story 4', 'Story 3', 'Story 2', 'Story 1', 'Story 0'])
      })
    })

    describe('the home page when signed in', () => {
      it('shows For you and Following tabs with an Older link that works without JavaScript', async () => {
        const reader = await makeUser(t.db)
        const writer = await makeUser(t.db)
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: reader.token })
        for (let i = 0; i < 12; i++) await makeStory(t.db, writer.user.id, { title: `Feed story ${i}` })
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: reader.user.email, password: reader.password } }))
        const page = await call(t.app, 'GET', '/?tab=following', { cookie })
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /<a class="feed-tabs__tab feed-tabs__tab--current" href="\/\?tab=following" aria-current="page">Following<\/a>/)
        assert.match(page.body, /Feed story 11/)
        assert.doesNotMatch(page.body, /Feed story 1</)
        const older = /href="(\/\?tab=following&amp;cursor=[^"]+)" rel="next"/.exec(page.body)
        assert.ok(older, 'an Older link')
        const next = await call(t.app, 'GET', (older[1] as string).replace(/&amp;/g, '&'), { cookie })
        assert.match(next.body, /Feed story 1</)
        assert.doesNotMatch(next.body, /Feed story 11/)
      })
    })

    describe('followers lists', () => {
      it("lists a person's followers and the people they follow", async () => {
        const writer = await makeUser(t.db, { name: 'Wanda Writer' })
        const reader = await makeUser(t.db, { name: 'Rita Reader' })
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: reader.token })
        const followers = await call(t.app, 'GET', `/@${writer.user.username}/followers`)
        assert.equal(followers.statusCode, 200)
        assert.match(followers.body, /Rita Reader/)
        const following = await call(t.app, 'GET', `/@${reader.user.username}/following`)
        assert.match(following.body, /Wanda Writer/)
        assert.equal((await call(t.app, 'GET', '/@nobody-at-all/followers')).statusCode, 404)
      })
    })
  })
}
