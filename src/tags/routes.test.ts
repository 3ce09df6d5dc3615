import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, uniqueName } from '../testing/factories.ts'
import { tagKey } from '../stories/tags.ts'

const DAY_MS = 24 * 60 * 60 * 1000

for (const engine of engines()) {
  describe(`tags (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`
    const newTag = (prefix = 'Topic') => {
      const name = uniqueName(prefix)
      return { name, key: tagKey(name) }
    }
    const signIn = async (user: { user: { email: string }; password: string }) =>
      sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: user.user.email, password: user.password } }))

    /** Claps through the API, then moves the reader's last clapping `daysAgo` into the past. */
    async function clapAt(story: { id: number; slug: string }, reader: { user: { id: number }; token: string }, count: number, daysAgo: number) {
      const response = await call(t.app, 'POST', `/api/articles/${story.slug}/claps`, { token: reader.token, body: { count } })
      assert.equal(response.statusCode, 200)
      await t.db.kysely.updateTable('claps').set({ updated_at: new Date(Date.now() - daysAgo * DAY_MS) })
        .where('story_id', '=', story.id).where('user_id', '=', reader.user.id).execute()
    }

    /** The titles of the page's story cards, in order. */
    const cardTitles = (body: string) => [...body.matchAll(/<h2 class="story-card__title"><a href="[^"]*">([^<]*)<\/a>/g)].map((match) => match[1])

    describe('GET /tag/:tag', () => {
      it('orders stories by the claps given in the week, the month or ever, ties to the newer, and latest by date', async () => {
        const { user } = await makeUser(t.db)
        const [first, second] = [await makeUser(t.db), await makeUser(t.db)]
        const tag = newTag()
        const make = async (title: string) => {
          const story = await makeStory(t.db, user.id, { title, tags: [tag.name] })
          return { id: story.row.id, slug: slugOf(story) }
        }
        const old = await make('Old favourite')     // 30 claps, 40 days ago
        const fresh = await make('Fresh applause')  // 10 + 3 claps, in the last days
        const month = await make('Earlier this month') // 20 claps, 20 days ago
        await make('Not yet applauded')             // newest, no claps
        await clapAt(old, first, 30, 40)
        await clapAt(fresh, first, 10, 2)
        await clapAt(fresh, second, 3, 0)
        await clapAt(month, second, 20, 20)

        const order = async (sort: string) => {
          const page = await call(t.app, 'GET', `/tag/${tag.key}${sort ? `?sort=${sort}` : ''}`)
          assert.equal(page.statusCode, 200)
          return cardTitles(page.body)
        }
        assert.deepEqual(await order(''), ['Not yet applauded', 'Earlier this month', 'Fresh applause', 'Old favourite'])
        assert.deepEqual(await order('latest'), ['Not yet applauded', 'Earlier this month', 'Fresh applause', 'Old favourite'])
        assert.deepEqual(await order('week'), ['Fresh applause', 'Not yet applauded', 'Earlier this month', 'Old favourite'])
        assert.deepEqual(await order('month'), ['Earlier this month', 'Fresh applause', 'Not yet applauded', 'Old favourite'])
        assert.deepEqual(await order('all'), ['Old favourite', 'Earlier this month', 'Fresh applause', 'Not yet applauded'])
      })

      it('marks the current order in accessible tabs that are plain links', async () => {
        const { user } = await makeUser(t.db)
        const tag = newTag()
        await makeStory(t.db, user.id, { tags: [tag.name] })
        const page = await call(t.app, 'GET', `/tag/${tag.key}?sort=month`)
        assert.match(page.body, /<nav class="sort-tabs" aria-label="Sort stories">/)
        assert.match(page.body, new RegExp(`href="/tag/${tag.key}\\?sort=month" aria-current="page">Top this month</a>`))
        assert.match(page.body, new RegExp(`href="/tag/${tag.key}">Latest</a>`))
        assert.equal([...page.body.matchAll(/aria-current="page"/g)].length, 1)
        assert.equal((await call(t.app, 'GET', `/tag/${tag.key}?sort=sideways`)).statusCode, 422)
      })

      it('pages past ten stories in every order, and answers 404 past the last page', async () => {
        const { user } = await makeUser(t.db)
        const tag = newTag()
        for (let i = 1; i <= 11; i++) await makeStory(t.db, user.id, { title: `Tagged ${i}`, tags: [tag.name] })
        const first = await call(t.app, 'GET', `/tag/${tag.key}?sort=week`)
        assert.equal(cardTitles(first.body).length, 10)
        assert.match(first.body, new RegExp(`href="/tag/${tag.key}\\?sort=week&amp;page=2" rel="next">More stories</a>`))
        const latest = await call(t.app, 'GET', `/tag/${tag.key}`)
        assert.match(latest.body, new RegExp(`href="/tag/${tag.key}\\?page=2" rel="next">Older stories</a>`))
        const second = await call(t.app, 'GET', `/tag/${tag.key}?sort=week&page=2`)
        assert.deepEqual(cardTitles(second.body), ['Tagged 1'])
        assert.doesNotMatch(second.body, /rel="next"/)
        assert.equal((await call(t.app, 'GET', `/tag/${tag.key}?page=3`)).statusCode, 404)
      })

      it('counts published stories and followers, and lists the tags most often used with it', async () => {
        const { user } = await makeUser(t.db)
        const [tag, often, once, draftOnly] = [newTag(), newTag('Often'), newTag('Once'), newTag('Hidden')]
        await makeStory(t.db, user.id, { tags: [tag.name, often.name] })
        await makeStory(t.db, user.id, { tags: [often.name, tag.name] })
        await makeStory(t.db, user.id, { tags: [tag.name, once.name] })
        await makeStory(t.db, user.id, { tags: [tag.name, draftOnly.name], status: 'draft' })
        await makeStory(t.db, user.id, { tags: [tag.name, draftOnly.name], status: 'unlisted' })
        const page = await call(t.app, 'GET', `/tag/${tag.key}`)
        assert.match(page.body, /3 stories · 0 followers/)
        const related = page.body.slice(page.body.indexOf('Related tags'))
        assert.match(related, new RegExp(`href="/tag/${often.key}">${often.name}</a>.*href="/tag/${once.key}">${once.name}</a>`, 's'))
        assert.ok(!page.body.includes(draftOnly.name), 'a tag met only on drafts and unlisted stories is not related')
      })

      it('keeps its head metadata, its RSS link and the redirect from any spelling', async () => {
        const { user } = await makeUser(t.db)
        const name = uniqueName('Slow Travel')
        const key = tagKey(name)
        await makeStory(t.db, user.id, { title: 'By ferry', tags: [name] })
        const page = await call(t.app, 'GET', `/tag/${key}`)
        assert.match(page.body, new RegExp(`<link rel="canonical" href="http://127.0.0.1:3000/tag/${key}"`))
        assert.match(page.body, new RegExp(`<link rel="alternate" type="application/rss\\+xml" title="${name} on Ovation" href="http://127.0.0.1:3000/feed/tag/${key}"`))
        const redirect = await call(t.app, 'GET', `/tag/${encodeURIComponent(name)}?sort=week`)
        assert.equal(redirect.statusCode, 301)
        assert.equal(redirect.headers.location, `/tag/${key}?sort=week`)
        const unknown = await call(t.app, 'GET', '/tag/nothing-uses-this-tag')
        assert.equal(unknown.statusCode, 200)
        assert.match(unknown.body, /No stories with this tag yet/)
        assert.doesNotMatch(unknown.body, /follow-button/)
      })
    })

    describe('following a tag with the plain form', () => {
      it('sends a signed-out reader to sign in and back to the tag', async () => {
        const { user } = await makeUser(t.db)
        const tag = newTag()
        await makeStory(t.db, user.id, { tags: [tag.name] })
        const response = await call(t.app, 'POST', `/tag/${tag.key}/follow`, { form: { next: `/tag/${tag.key}` } })
        assert.equal(response.statusCode, 303)
        assert.equal(response.headers.location, `/signin?next=${encodeURIComponent(`/tag/${tag.key}`)}`)
      })

      it('follows and unfollows, returning to the page, which shows the follower count', async () => {
        const { user } = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const tag = newTag()
        await makeStory(t.db, user.id, { tags: [tag.name] })
        const cookie = await signIn(reader)
        const before = await call(t.app, 'GET', `/tag/${tag.key}`, { cookie })
        assert.match(before.body, new RegExp(`action="/tag/${tag.key}/follow"`))
        const followed = await call(t.app, 'POST', `/tag/${tag.key}/follow`, { cookie, form: { next: `/tag/${tag.key}?sort=week` } })
        assert.equal(followed.statusCode, 303)
        assert.equal(followed.headers.location, `/tag/${tag.key}?sort=week`)
        const page = await call(t.app, 'GET', `/tag/${tag.key}`, { cookie })
        assert.match(page.body, /1 story · 1 follower/)
        assert.match(page.body, new RegExp(`action="/tag/${tag.key}/unfollow"`))
        assert.match(page.body, /aria-pressed="true">Following</)
        assert.match((await call(t.app, 'GET', `/tag/${tag.key}`)).body, /1 follower/, 'everyone sees the count')
        const unfollowed = await call(t.app, 'POST', `/tag/${tag.key}/unfollow`, { cookie, form: {} })
        assert.equal(unfollowed.statusCode, 303)
        assert.equal(unfollowed.headers.location, `/tag/${tag.key}`)
        assert.match((await call(t.app, 'GET', `/tag/${tag.key}`, { cookie })).body, /0 followers/)
      })

      it('answers a friendly 404 for a tag no story uses', async () => {
        const reader = await makeUser(t.db)
        const cookie = await signIn(reader)
        const response = await call(t.app, 'POST', '/tag/nothing-uses-this-tag/follow', { cookie, form: {} })
        assert.equal(response.statusCode, 404)
        assert.match(response.body, /Go to the home page/)
      })
    })

    describe('POST and DELETE /api/tags/:tag/follow', () => {
      it('requires authentication', async () => {
        const { user } = await makeUser(t.db)
        const tag = newTag()
        await makeStory(t.db, user.id, { tags: [tag.name] })
        for (const method of ['POST', 'DELETE'] as const) {
          const response = await call(t.app, method, `/api/tags/${tag.key}/follow`)
          assert.equal(response.statusCode, 401)
          assert.deepEqual(response.json().errors, { token: ['is missing'] })
        }
      })

      it('follows and unfollows by any spelling, answering the tag with its followers', async () => {
        const { user } = await makeUser(t.db)
        const [reader, other] = [await makeUser(t.db), await makeUser(t.db)]
        const name = uniqueName('Machine Learning')
        const key = tagKey(name)
        await makeStory(t.db, user.id, { tags: [name] })
        const followed = await call(t.app, 'POST', `/api/tags/${encodeURIComponent(name)}/follow`, { token: reader.token })
        assert.equal(followed.statusCode, 200)
        assert.deepEqual(followed.json(), { tag: { name, key, followersCount: 1, following: true } })
        const again = await call(t.app, 'POST', `/api/tags/${key}/follow`, { token: reader.token })
        assert.deepEqual(again.json().tag, { name, key, followersCount: 1, following: true }, 'following twice is one follow')
        assert.deepEqual((await call(t.app, 'POST', `/api/tags/${key}/follow`, { token: other.token })).json().tag.followersCount, 2)
        const unfollowed = await call(t.app, 'DELETE', `/api/tags/${key}/follow`, { token: reader.token })
        assert.equal(unfollowed.statusCode, 200)
        assert.deepEqual(unfollowed.json(), { tag: { name, key, followersCount: 1, following: false } })
      })

      it('answers 404 for a tag no published story uses', async () => {
        const { user, token } = await makeUser(t.db)
        const draftOnly = newTag('Hidden')
        await makeStory(t.db, user.id, { tags: [draftOnly.name], status: 'draft' })
        for (const key of ['nothing-uses-this-tag', draftOnly.key]) {
          for (const method of ['POST', 'DELETE'] as const) {
            const response = await call(t.app, method, `/api/tags/${key}/follow`, { token })
            assert.equal(response.statusCode, 404, `${method} ${key}`)
            assert.equal(response.json().code, 'tag_not_found')
          }
        }
      })
    })

    describe('GET /api/tags', () => {
      it('keeps RealWorld’s shape: tag names, most used first', async () => {
        const { user } = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const [busy, quiet] = [newTag('Busy'), newTag('Quiet')]
        for (let i = 0; i < 40; i++) await makeStory(t.db, user.id, { tags: [busy.name] })
        await makeStory(t.db, user.id, { tags: [quiet.name] })
        await call(t.app, 'POST', `/api/tags/${quiet.key}/follow`, { token: reader.token })
        const response = await call(t.app, 'GET', '/api/tags')
        assert.equal(response.statusCode, 200)
        const body = response.json()
        assert.deepEqual(Object.keys(body), ['tags'])
        assert.ok(body.tags.every((tag: unknown) => typeof tag === 'string'))
        assert.equal(body.tags[0], busy.name)
        assert.ok(body.tags.includes(quiet.name))
      })
    })
  })
}
