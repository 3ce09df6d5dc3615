import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeUser, uniqueName } from '../testing/factories.ts'
import { createPublication } from '../publications/service.ts'

for (const engine of engines()) {
  describe(`articles API (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const create = (token: string, article: Record<string, unknown>) =>
      call(t.app, 'POST', '/api/articles', { token, body: { article: { title: 'Night trains', description: 'Why they are back', body: 'A sleeper carriage.', ...article } } })

    describe('POST /api/articles', () => {
      it('publishes by default and answers with the RealWorld article plus Ovation’s fields', async () => {
        const { user, token } = await makeUser(t.db)
        const response = await create(token, { tagList: ['Trains', 'Travel'], body: '## A heading\n\nSome **bold** words.' })
        assert.equal(response.statusCode, 201)
        const { article } = response.json()
        assert.match(article.slug, /^night-trains-[0-9a-f]{12}$/)
        assert.equal(article.body, '## A heading\n\nSome **bold** words.')
        assert.deepEqual(article.tagList, ['Trains', 'Travel'])
        assert.equal(article.status, 'published')
        assert.equal(article.subtitle, 'Why they are back')
        assert.equal(article.readingTime, 1)
        assert.equal(article.claps, 0)
        assert.equal(article.myClaps, 0)
        assert.equal(article.publication, null)
        assert.equal(article.url, `http://127.0.0.1:3000/@${user.username}/${article.slug}`)
        assert.match(article.publishedAt, /^\d{4}-\d{2}-\d{2}T/)
        // title: the author's title at the story's publication (issue 4); none here.
        assert.deepEqual(article.author, { username: user.username, bio: null, image: null, following: false, title: null })
      })

      it('saves a draft that only its author can read, and no list shows', async () => {
        const { user, token } = await makeUser(t.db)
        const other = await makeUser(t.db)
        const { article } = (await create(token, { status: 'draft' })).json()
        assert.equal(article.status, 'draft')
        assert.equal(article.publishedAt, null)
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}`, { token })).statusCode, 200)
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}`, { token: other.token })).statusCode, 404)
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}`)).statusCode, 404)
        assert.equal((await call(t.app, 'GET', `/api/articles?author=${user.username}`)).json().articlesCount, 0)
      })

      it('publishes unlisted stories to anyone with the link but lists them nowhere', async () => {
        const { user, token } = await makeUser(t.db)
        const { article } = (await create(token, { status: 'unlisted' })).json()
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}`)).statusCode, 200)
        assert.equal((await call(t.app, 'GET', `/api/articles?author=${user.username}`)).json().articlesCount, 0)
      })

      it('names every missing field with 422', async () => {
        const { token } = await makeUser(t.db)
        for (const [field, value] of [['title', ''], ['description', ''], ['body', '  ']] as const) {
          const response = await create(token, { [field]: value })
          assert.equal(response.statusCode, 422, field)
          assert.deepEqual(response.json().errors[field], ["can't be blank"])
        }
      })

      it('refuses more than five tags and changes nothing', async () => {
        const { user, token } = await makeUser(t.db)
        const response = await create(token, { tagList: ['a', 'b', 'c', 'd', 'e', 'f'] })
        assert.equal(response.statusCode, 422)
        assert.ok(response.json().errors.tagList)
        assert.equal((await call(t.app, 'GET', `/api/articles?author=${user.username}`)).json().articlesCount, 0)
      })

      it('normalises tags: duplicates in another case collapse, listed alphabetically', async () => {
        const { token } = await makeUser(t.db)
        const { article } = (await create(token, { tagList: ['  Machine Learning ', 'machine-learning', 'AI'] })).json()
        assert.deepEqual(article.tagList, ['AI', 'Machine Learning'])
        const listed = await call(t.app, 'GET', '/api/articles?tag=machine-learning')
        assert.ok(listed.json().articles.some((a: { slug: string }) => a.slug === article.slug))
      })

      it('publishes in a publication the writer belongs to, and refuses one they do not', async () => {
        const { user, token } = await makeUser(t.db)
        const slug = uniqueName('pub').replace(/_/g, '-')
        await createPublication(t.db, { slug, name: 'The Long View', ownerId: user.id, ownerTitle: 'Editor in Chief' })
        const { article } = (await create(token, { publication: slug })).json()
        assert.equal(article.publication, slug)
        assert.equal(article.url, `http://127.0.0.1:3000/${slug}/${article.slug}`)
        const outsider = await makeUser(t.db)
        const refused = await create(outsider.token, { publication: slug })
        assert.equal(refused.statusCode, 422)
        assert.ok(refused.json().errors.publication)
      })

      it('requires a token', async () => {
        const response = await call(t.app, 'POST', '/api/articles', { body: { article: { title: 'x', description: 'y', body: 'z' } } })
        assert.equal(response.statusCode, 401)
        assert.deepEqual(response.json().errors, { token: ['is missing'] })
      })
    })

    describe('GET /api/articles', () => {
      it('lists newest first without bodies, filtered by author, with count and paging', async () => {
        const { user, token } = await makeUser(t.db)
        for (const title of ['First', 'Second', 'Third']) await create(token, { title })
        const page = (await call(t.app, 'GET', `/api/articles?author=${user.username}&limit=2&offset=1`)).json()
        assert.equal(page.articlesCount, 3)
        assert.deepEqual(page.articles.map((a: { title: string }) => a.title), ['Second', 'First'])
        assert.equal(page.articles[0].body, undefined)
      })

      it('refuses a limit out of range with 422', async () => {
        assert.equal((await call(t.app, 'GET', '/api/articles?limit=0')).statusCode, 422)
        assert.equal((await call(t.app, 'GET', '/api/articles?limit=abc')).statusCode, 422)
      })
    })

    describe('GET /api/articles/feed', () => {
      it('lists stories by followed writers only, and needs a token', async () => {
        const writer = await makeUser(t.db)
        const stranger = await makeUser(t.db)
        const reader = await makeUser(t.db)
        await create(writer.token, { title: 'Followed' })
        await create(stranger.token, { title: 'Not followed' })
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: reader.token })
        const feed = (await call(t.app, 'GET', '/api/articles/feed', { token: reader.token })).json()
        assert.deepEqual(feed.articles.map((a: { title: string }) => a.title), ['Followed'])
        assert.equal(feed.articles[0].author.following, true)
        assert.equal((await call(t.app, 'GET', '/api/articles/feed')).statusCode, 401)
      })
    })

    describe('PUT /api/articles/:slug', () => {
      it('updates the body keeping the slug, and a new title keeps the old slug working', async () => {
        const { token } = await makeUser(t.db)
        const { article } = (await create(token, { tagList: ['Trains'] })).json()
        const updated = (await call(t.app, 'PUT', `/api/articles/${article.slug}`, { token, body: { article: { body: 'New body' } } })).json().article
        assert.equal(updated.slug, article.slug)
        assert.equal(updated.body, 'New body')
        assert.deepEqual(updated.tagList, ['Trains'])
        assert.notEqual(updated.updatedAt, article.updatedAt)
        assert.equal(updated.createdAt, article.createdAt)
        const retitled = (await call(t.app, 'PUT', `/api/articles/${article.slug}`, { token, body: { article: { title: 'Sleeper carriages' } } })).json().article
        assert.match(retitled.slug, /^sleeper-carriages-[0-9a-f]{12}$/)
        const old = await call(t.app, 'GET', `/api/articles/${article.slug}`)
        assert.equal(old.json().article.title, 'Sleeper carriages')
      })

      it('takes the old title out of search and puts the new one in', async () => {
        const { token } = await makeUser(t.db)
        const [before, after] = [uniqueName('w').replace(/_/g, ''), uniqueName('w').replace(/_/g, '')]
        const { article } = (await create(token, { title: `Night ${before}` })).json()
        const found = (q: string) => call(t.app, 'GET', `/api/search?type=stories&q=${q}`).then((r) => r.json().articles.map((a: { slug: string }) => a.slug))
        assert.deepEqual(await found(before), [article.slug])
        const retitled = (await call(t.app, 'PUT', `/api/articles/${article.slug}`, { token, body: { article: { title: `Sleeper ${after}` } } })).json().article
        assert.deepEqual(await found(before), [])
        assert.deepEqual(await found(after), [retitled.slug])
      })

      it('clears tags with an empty list and refuses a null list', async () => {
        const { token } = await makeUser(t.db)
        const { article } = (await create(token, { tagList: ['Trains'] })).json()
        const cleared = await call(t.app, 'PUT', `/api/articles/${article.slug}`, { token, body: { article: { tagList: [] } } })
        assert.deepEqual(cleared.json().article.tagList, [])
        const refused = await call(t.app, 'PUT', `/api/articles/${article.slug}`, { token, body: { article: { tagList: null } } })
        assert.equal(refused.statusCode, 422)
      })

      it('publishes a draft, setting publishedAt', async () => {
        const { token } = await makeUser(t.db)
        const { article } = (await create(token, { status: 'draft' })).json()
        const published = (await call(t.app, 'PUT', `/api/articles/${article.slug}`, { token, body: { article: { status: 'published' } } })).json().article
        assert.equal(published.status, 'published')
        assert.match(published.publishedAt, /^\d{4}-/)
      })

      it('refuses another writer with 403 and an unknown slug with 404', async () => {
        const owner = await makeUser(t.db)
        const other = await makeUser(t.db)
        const { article } = (await create(owner.token, {})).json()
        const forbidden = await call(t.app, 'PUT', `/api/articles/${article.slug}`, { token: other.token, body: { article: { body: 'mine now' } } })
        assert.equal(forbidden.statusCode, 403)
        assert.deepEqual(forbidden.json().errors, { article: ['forbidden'] })
        const missing = await call(t.app, 'PUT', '/api/articles/unknown-slug', { token: other.token, body: { article: { body: 'x' } } })
        assert.equal(missing.statusCode, 404)
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}`)).json().article.body, 'A sleeper carriage.')
      })
    })

    describe('DELETE /api/articles/:slug', () => {
      it('deletes for the author only', async () => {
        const owner = await makeUser(t.db)
        const other = await makeUser(t.db)
        const { article } = (await create(owner.token, {})).json()
        assert.equal((await call(t.app, 'DELETE', `/api/articles/${article.slug}`, { token: other.token })).statusCode, 403)
        assert.equal((await call(t.app, 'DELETE', `/api/articles/${article.slug}`, { token: owner.token })).statusCode, 204)
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}`)).statusCode, 404)
      })

      it('takes the story out of search', async () => {
        const { token } = await makeUser(t.db)
        const w = uniqueName('w').replace(/_/g, '')
        const { article } = (await create(token, { title: `Doomed ${w}`, tagList: [`Tag${w}`] })).json()
        assert.equal((await call(t.app, 'GET', `/api/search?type=stories&q=${w}`)).json().articlesCount, 1)
        assert.equal((await call(t.app, 'DELETE', `/api/articles/${article.slug}`, { token })).statusCode, 204)
        for (const q of [w, `tag${w}`, 'doomed']) {
          assert.deepEqual((await call(t.app, 'GET', `/api/search?type=stories&q=${q}`)).json(), { articles: [], articlesCount: 0 }, q)
        }
      })
    })

    describe('GET /api/tags', () => {
      it('lists tags in use on published stories', async () => {
        const { token } = await makeUser(t.db)
        const tag = uniqueName('Tag')
        await create(token, { tagList: [tag] })
        await create(token, { tagList: [`${tag}-draft-only`], status: 'draft' })
        const { tags } = (await call(t.app, 'GET', '/api/tags')).json()
        assert.ok(tags.includes(tag))
        assert.ok(!tags.includes(`${tag}-draft-only`))
      })
    })

    describe('GET /api/openapi.json', () => {
      it('documents the API and none of the pages', async () => {
        const doc = (await call(t.app, 'GET', '/api/openapi.json')).json()
        assert.equal(doc.openapi, '3.1.0')
        assert.ok(doc.paths['/api/articles/{slug}/claps'])
        assert.ok(doc.paths['/api/users/login'])
        assert.equal(doc.paths['/signin'], undefined)
      })
    })
  })
}
