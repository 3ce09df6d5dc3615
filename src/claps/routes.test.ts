import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeReaders, makeStory, makeUser } from '../testing/factories.ts'

for (const engine of engines()) {
  describe(`claps (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`

    describe('POST /api/articles/:slug/claps', () => {
      it('adds claps and answers with the article, totals and the reader’s own count', async () => {
        const author = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const response = await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: reader.token, body: { count: 7 } })
        assert.equal(response.statusCode, 200)
        const { article } = response.json()
        assert.equal(article.claps, 7)
        assert.equal(article.myClaps, 7)
        assert.equal(article.favoritesCount, 1)
        assert.equal(article.favorited, true)
        // The totals, as lists show an article: a clap storm does not re-send the story.
        assert.equal(article.body, undefined)
        assert.equal(article.document, undefined)
        assert.equal(article.slug, slug)
      })

      it('defaults to one clap', async () => {
        const author = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const response = await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: reader.token })
        assert.equal(response.json().article.myClaps, 1)
      })

      it('caps one reader at fifty, silently, and still answers 200', async () => {
        const author = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: reader.token, body: { count: 45 } })
        const over = await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: reader.token, body: { count: 10 } })
        assert.equal(over.statusCode, 200)
        assert.equal(over.json().article.myClaps, 50)
        const absorbed = await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: reader.token, body: { count: 1 } })
        assert.equal(absorbed.statusCode, 200)
        assert.equal(absorbed.json().article.claps, 50)
      })

      for (const count of [0, 51, 2.5, -1, '5', true, null]) {
        it(`refuses count ${JSON.stringify(count)} with 422 and changes nothing`, async () => {
          const author = await makeUser(t.db)
          const reader = await makeUser(t.db)
          const slug = slugOf(await makeStory(t.db, author.user.id))
          const response = await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: reader.token, body: { count } })
          assert.equal(response.statusCode, 422)
          assert.ok(response.json().errors.count, 'the error names the count field')
          const after = await call(t.app, 'GET', `/api/articles/${slug}`, { token: reader.token })
          assert.equal(after.json().article.claps, 0)
        })
      }

      it('refuses an author clapping for their own story', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const response = await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: author.token, body: { count: 3 } })
        assert.equal(response.statusCode, 403)
        assert.equal(response.json().code, 'own_story_clap')
      })

      it('requires sign-in', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const response = await call(t.app, 'POST', `/api/articles/${slug}/claps`, { body: { count: 3 } })
        assert.equal(response.statusCode, 401)
      })

      it('answers 404 for an unknown story and for someone else’s draft', async () => {
        const author = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const draft = slugOf(await makeStory(t.db, author.user.id, { status: 'draft' }))
        for (const slug of ['no-such-story-0123456789ab', draft]) {
          const response = await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: reader.token })
          assert.equal(response.statusCode, 404)
          assert.deepEqual(response.json().errors, { article: ['not found'] })
        }
      })
    })

    describe('DELETE /api/articles/:slug/claps', () => {
      it('takes back all of the reader’s claps and only theirs', async () => {
        const author = await makeUser(t.db)
        const [a, b] = await makeReaders(t.db, 2)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: a!.token, body: { count: 10 } })
        await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: b!.token, body: { count: 4 } })
        const response = await call(t.app, 'DELETE', `/api/articles/${slug}/claps`, { token: a!.token })
        assert.equal(response.statusCode, 200)
        const { article } = response.json()
        assert.equal(article.myClaps, 0)
        assert.equal(article.claps, 4)
        assert.equal(article.favoritesCount, 1)
      })
    })

    describe('favorite and unfavorite (RealWorld)', () => {
      it('gives one clap once, however often it is repeated, and unfavorite undoes the claps', async () => {
        const author = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        await call(t.app, 'POST', `/api/articles/${slug}/favorite`, { token: reader.token })
        const again = await call(t.app, 'POST', `/api/articles/${slug}/favorite`, { token: reader.token })
        assert.equal(again.json().article.claps, 1)
        assert.equal(again.json().article.favorited, true)
        assert.equal(again.json().article.favoritesCount, 1)
        const listed = await call(t.app, 'GET', `/api/articles?favorited=${reader.user.username}`)
        assert.equal(listed.json().articlesCount, 1)
        const undone = await call(t.app, 'DELETE', `/api/articles/${slug}/favorite`, { token: reader.token })
        assert.equal(undone.json().article.favorited, false)
        assert.equal(undone.json().article.favoritesCount, 0)
      })

      it('lets an author favorite their own article, as RealWorld clients expect', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const response = await call(t.app, 'POST', `/api/articles/${slug}/favorite`, { token: author.token })
        assert.equal(response.statusCode, 200)
        assert.equal(response.json().article.favoritesCount, 1)
      })
    })

    describe('under concurrency', () => {
      it('ends at exactly fifty after sixty parallel single claps from one reader', async () => {
        const author = await makeUser(t.db)
        const [reader] = await makeReaders(t.db, 1)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const responses = await Promise.all(Array.from({ length: 60 }, () => call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: reader!.token })))
        assert.ok(responses.every((r) => r.statusCode === 200), 'every clap is answered 200')
        const { article } = (await call(t.app, 'GET', `/api/articles/${slug}`, { token: reader!.token })).json()
        assert.equal(article.myClaps, 50)
        assert.equal(article.claps, 50)
      })

      it('gives the exact sum when two hundred readers clap at once', async () => {
        const author = await makeUser(t.db)
        const readers = await makeReaders(t.db, 200)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const counts = readers.map((_, i) => (i % 50) + 1)
        const responses = await Promise.all(readers.map((reader, i) => call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: reader.token, body: { count: counts[i] } })))
        assert.ok(responses.every((r) => r.statusCode === 200))
        const { article } = (await call(t.app, 'GET', `/api/articles/${slug}`)).json()
        assert.equal(article.claps, counts.reduce((a, b) => a + b, 0))
        assert.equal(article.favoritesCount, 200)
      })
    })

    describe('the no-JavaScript clap form', () => {
      it('adds a clap and returns to the applause section of the story', async () => {
        const author = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const story = await makeStory(t.db, author.user.id)
        const slug = slugOf(story)
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: reader.user.email, password: reader.password } }))
        const response = await call(t.app, 'POST', `/claps/${slug}`, { cookie, form: { count: '1' } })
        assert.equal(response.statusCode, 303)
        assert.equal(response.headers.location, `/@${author.user.username}/${slug}#applause`)
        const page = await call(t.app, 'GET', `/@${author.user.username}/${slug}`, { cookie })
        assert.match(page.body, /1 clap</)
        assert.match(page.body, /You clapped 1 time/)
      })

      it('sends a signed-out reader to sign in and back to the story', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const response = await call(t.app, 'POST', `/claps/${slug}`, { form: { count: '1' } })
        assert.equal(response.statusCode, 303)
        assert.equal(response.headers.location, `/signin?next=${encodeURIComponent(`/@${author.user.username}/${slug}`)}`)
      })
    })
  })
}
