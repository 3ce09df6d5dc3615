import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, type TestUser } from '../testing/factories.ts'

for (const engine of engines()) {
  describe(`reading lists (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`
    const create = (user: TestUser, list: unknown) => call(t.app, 'POST', '/api/lists', { token: user.token, body: { list } })
    const titles = (body: { list: { articles: { title: string }[] } }) => body.list.articles.map((a) => a.title)

    describe('GET/POST /api/lists', () => {
      it('creates public and private lists, listed after the Reading list', async () => {
        const reader = await makeUser(t.db)
        const created = await create(reader, { name: '  Sailing  ', private: true })
        assert.equal(created.statusCode, 201)
        const { list } = created.json()
        assert.deepEqual({ ...list, id: 0, createdAt: '', updatedAt: '' }, { id: 0, name: 'Sailing', private: true, isReadingList: false, owner: reader.user.username, articlesCount: 0, createdAt: '', updatedAt: '' })
        const mine = (await call(t.app, 'GET', '/api/lists', { token: reader.token })).json().lists
        assert.deepEqual(mine.map((l: { name: string; isReadingList: boolean }) => [l.name, l.isReadingList]), [['Reading list', true], ['Sailing', false]])
      })
      it('refuses a blank or overlong name, and requires sign-in', async () => {
        const reader = await makeUser(t.db)
        assert.deepEqual((await create(reader, { name: '   ' })).json(), { errors: { name: ["can't be blank"] } })
        assert.equal((await create(reader, { name: 'x'.repeat(101) })).statusCode, 422)
        assert.equal((await create(reader, {})).statusCode, 422)
        assert.equal((await call(t.app, 'POST', '/api/lists', { body: { list: { name: 'x' } } })).statusCode, 401)
        assert.equal((await call(t.app, 'GET', '/api/lists')).statusCode, 401)
      })
    })

    describe('/api/lists/:id and its articles', () => {
      it('adds, orders, moves and removes stories, and says which lists hold one', async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const [a, b, c] = [await makeStory(t.db, writer.user.id, { title: 'A' }), await makeStory(t.db, writer.user.id, { title: 'B' }), await makeStory(t.db, writer.user.id, { title: 'C' })]
        const { list } = (await create(reader, { name: 'Favourites' })).json()
        const add = (story: typeof a) => call(t.app, 'POST', `/api/lists/${list.id}/articles/${slugOf(story)}`, { token: reader.token })
        await add(a)
        await add(b)
        const added = await add(c)
        assert.equal(added.statusCode, 200)
        assert.deepEqual(titles(added.json()), ['A', 'B', 'C'])
        assert.deepEqual(titles((await add(a)).json()), ['A', 'B', 'C'], 'adding again changes nothing')
        const moved = await call(t.app, 'PUT', `/api/lists/${list.id}/articles/${slugOf(c)}`, { token: reader.token, body: { position: 1 } })
        assert.deepEqual(titles(moved.json()), ['C', 'A', 'B'])
        const removed = await call(t.app, 'DELETE', `/api/lists/${list.id}/articles/${slugOf(a)}`, { token: reader.token })
        assert.deepEqual(titles(removed.json()), ['C', 'B'])
        const holding = (await call(t.app, 'GET', `/api/lists?article=${slugOf(b)}`, { token: reader.token })).json().lists
        assert.deepEqual(holding.map((l: { name: string; hasArticle: boolean }) => [l.name, l.hasArticle]), [['Reading list', false], ['Favourites', true]])
        const publicView = await call(t.app, 'GET', `/api/lists/${list.id}`)
        assert.equal(publicView.statusCode, 200)
        assert.deepEqual(titles(publicView.json()), ['C', 'B'])
      })
      it('saves to the Reading list in one request', async () => {
        const reader = await makeUser(t.db)
        const story = await makeStory(t.db, (await makeUser(t.db)).user.id, { title: 'Later' })
        const saved = await call(t.app, 'POST', `/api/lists/reading-list/articles/${slugOf(story)}`, { token: reader.token })
        assert.equal(saved.statusCode, 200)
        assert.equal(saved.json().list.isReadingList, true)
        assert.deepEqual(titles(saved.json()), ['Later'])
      })
      it('keeps a private list from everyone else (404) and a public one from other writers (403)', async () => {
        const owner = await makeUser(t.db)
        const other = await makeUser(t.db)
        const story = await makeStory(t.db, owner.user.id)
        const secret = (await create(owner, { name: 'Secret', private: true })).json().list
        const open = (await create(owner, { name: 'Open' })).json().list
        for (const user of [undefined, other]) {
          const response = await call(t.app, 'GET', `/api/lists/${secret.id}`, user ? { token: user.token } : {})
          assert.equal(response.statusCode, 404)
          assert.deepEqual(response.json().errors, { list: ['not found'] })
        }
        assert.equal((await call(t.app, 'POST', `/api/lists/${secret.id}/articles/${slugOf(story)}`, { token: other.token })).statusCode, 404)
        assert.equal((await call(t.app, 'POST', `/api/lists/${open.id}/articles/${slugOf(story)}`, { token: other.token })).statusCode, 403)
        assert.equal((await call(t.app, 'POST', `/api/lists/${open.id}/articles/${slugOf(story)}`)).statusCode, 401)
        assert.equal((await call(t.app, 'GET', `/lists/${secret.id}`)).statusCode, 404)
        const profile = (await call(t.app, 'GET', `/@${owner.user.username}`)).body
        assert.match(profile, new RegExp(`<a class="list-summaries__name" href="/lists/${open.id}">Open</a>`), 'a public list shows on its owner\'s profile')
        assert.doesNotMatch(profile, /Secret/)
        for (const id of ['abc', '0', '99999999']) assert.equal((await call(t.app, 'GET', `/api/lists/${id}`)).statusCode, 404, id)
        assert.equal((await call(t.app, 'POST', `/api/lists/${open.id}/articles/no-such-story-zzzzzz`, { token: owner.token })).statusCode, 404)
      })
      it('deletes a list, but not the Reading list', async () => {
        const reader = await makeUser(t.db)
        const { list } = (await create(reader, { name: 'Temp' })).json()
        assert.equal((await call(t.app, 'DELETE', `/api/lists/${list.id}`, { token: reader.token })).statusCode, 204)
        assert.equal((await call(t.app, 'GET', `/api/lists/${list.id}`, { token: reader.token })).statusCode, 404)
        assert.equal((await call(t.app, 'DELETE', '/api/lists/reading-list', { token: reader.token })).statusCode, 422)
      })
    })

    describe('pages without JavaScript', () => {
      it('saves with one click, shows the list page, and reorders and removes by plain forms', async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: reader.user.email, password: reader.password } }))
        const [one, two] = [await makeStory(t.db, writer.user.id, { title: 'Story one' }), await makeStory(t.db, writer.user.id, { title: 'Story two' })]
        const anonymous = await call(t.app, 'POST', `/lists/save/${slugOf(one)}`, { form: {} })
        assert.equal(anonymous.statusCode, 303)
        assert.match(anonymous.headers.location as string, /^\/signin\?next=/)
        for (const story of [one, two]) assert.equal((await call(t.app, 'POST', `/lists/save/${slugOf(story)}`, { cookie, form: {} })).statusCode, 303)
        const id = (await call(t.app, 'GET', '/api/lists', { token: reader.token })).json().lists[0].id
        let page = await call(t.app, 'GET', `/lists/${id}`, { cookie })
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /Story one.*Story two/s)
        await call(t.app, 'POST', `/lists/${id}/move/${slugOf(two)}`, { cookie, form: { position: '1' } })
        page = await call(t.app, 'GET', `/lists/${id}`, { cookie })
        assert.match(page.body, /Story two.*Story one/s)
        await call(t.app, 'POST', `/lists/${id}/remove/${slugOf(two)}`, { cookie, form: {} })
        page = await call(t.app, 'GET', `/lists/${id}`, { cookie })
        assert.doesNotMatch(page.body, /Story two/)
        const created = await call(t.app, 'POST', '/lists', { cookie, form: { name: 'Weekend', private: '1' } })
        assert.equal(created.statusCode, 303)
        assert.match((await call(t.app, 'GET', '/me/lists', { cookie })).body, /Weekend/)
      })
    })
  })
}
