import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeUser, uniqueName } from '../testing/factories.ts'
import { createPublication } from '../publications/service.ts'

const word = () => `w${randomBytes(5).toString('hex')}`

for (const engine of engines()) {
  describe(`search API (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const create = async (token: string, article: Record<string, unknown>) =>
      (await call(t.app, 'POST', '/api/articles', { token, body: { article: { description: 'Why', body: 'A body.', ...article } } })).json().article

    describe('GET /api/search', () => {
      it('answers stories as exactly the article objects GET /api/articles lists', async () => {
        const { user, token } = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const w = word()
        await create(token, { title: `Night ${w}`, tagList: ['Trains', 'Alpha'] })
        const response = await call(t.app, 'GET', `/api/search?q=${w}&type=stories`, { token: reader.token })
        assert.equal(response.statusCode, 200)
        const listed = (await call(t.app, 'GET', `/api/articles?author=${user.username}`, { token: reader.token })).json()
        assert.deepEqual(response.json(), { articles: listed.articles, articlesCount: 1 })
      })

      it('answers people as RealWorld profiles, with the reader’s follows', async () => {
        const w = word()
        const writer = await makeUser(t.db, { name: `Mara ${w}` })
        const reader = await makeUser(t.db)
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: reader.token })
        const body = (await call(t.app, 'GET', `/api/search?q=${w}&type=people`, { token: reader.token })).json()
        assert.deepEqual(body, { profiles: [{ username: writer.user.username, bio: null, image: null, following: true }], profilesCount: 1 })
      })

      it('answers publications with their page address', async () => {
        const { user } = await makeUser(t.db)
        const w = word()
        const slug = uniqueName('pub').replace(/_/g, '-')
        await createPublication(t.db, { slug, name: `The ${w} Review`, tagline: 'Long reads', ownerId: user.id })
        const body = (await call(t.app, 'GET', `/api/search?q=${w}&type=publications`)).json()
        assert.deepEqual(body, { publications: [{ slug, name: `The ${w} Review`, tagline: 'Long reads', url: `http://127.0.0.1:3000/${slug}` }], publicationsCount: 1 })
      })

      it('answers all three kinds without a type', async () => {
        const w = word()
        const { user, token } = await makeUser(t.db, { name: `Writer ${w}` })
        await create(token, { title: `Story ${w}` })
        await createPublication(t.db, { slug: uniqueName('pub').replace(/_/g, '-'), name: `Pub ${w}`, ownerId: user.id })
        const body = (await call(t.app, 'GET', `/api/search?q=${w}`)).json()
        assert.deepEqual(Object.keys(body).sort(), ['articles', 'articlesCount', 'profiles', 'profilesCount', 'publications', 'publicationsCount'])
        assert.deepEqual([body.articlesCount, body.profilesCount, body.publicationsCount], [1, 1, 1])
        assert.equal(body.articles[0].title, `Story ${w}`)
        assert.equal(body.profiles[0].username, user.username)
      })

      it('pages with limit and offset, counting every match', async () => {
        const { token } = await makeUser(t.db)
        const w = word()
        for (const n of [1, 2, 3]) await create(token, { title: `Part ${n} ${w}` })
        const body = (await call(t.app, 'GET', `/api/search?q=${w}&type=stories&limit=2&offset=2`)).json()
        assert.equal(body.articlesCount, 3)
        assert.equal(body.articles.length, 1)
      })

      it('answers nothing for an empty query', async () => {
        const body = (await call(t.app, 'GET', '/api/search')).json()
        assert.deepEqual(body, { articles: [], articlesCount: 0, profiles: [], profilesCount: 0, publications: [], publicationsCount: 0 })
      })

      it('reads injection-looking queries as text: 200, never a 500', async () => {
        for (const q of [`'; drop table stories; --`, 'OR 1=1', 'NEAR(', '*', '"', '-', '"unclosed', '東京 😀', '\\', '%00']) {
          const response = await call(t.app, 'GET', `/api/search?q=${encodeURIComponent(q)}`)
          assert.equal(response.statusCode, 200, q)
        }
      })

      it('refuses an unknown type, a bad limit and an overlong query with 422', async () => {
        for (const query of ['type=tags', 'limit=0', 'limit=101', 'offset=-1', `q=${'a'.repeat(201)}`]) {
          assert.equal((await call(t.app, 'GET', `/api/search?${query}`)).statusCode, 422, query)
        }
      })

      it('is documented in the OpenAPI document', async () => {
        const doc = (await call(t.app, 'GET', '/api/openapi.json')).json()
        assert.ok(doc.paths['/api/search'])
        assert.equal(doc.paths['/search'], undefined)
      })
    })
  })
}
