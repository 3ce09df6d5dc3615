import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeUser, type TestUser } from '../testing/factories.ts'

for (const engine of engines()) {
  describe(`highlights API (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    /** A story of three paragraphs; answers its slug and its blocks as GET /api/articles/:slug shows them. */
    async function story(writer: TestUser) {
      const created = await call(t.app, 'POST', '/api/articles', {
        token: writer.token,
        body: { article: { title: 'Tides', description: 'On the sea', body: 'The sea comes in twice a day.\n\nThe moon pulls it.\n\nNobody minds.' } },
      })
      assert.equal(created.statusCode, 201, created.body)
      const slug: string = created.json().article.slug
      const fetched = await call(t.app, 'GET', `/api/articles/${slug}`)
      const blocks: { id: string; type: string }[] = fetched.json().article.document.blocks
      return { slug, blocks }
    }
    const mark = (slug: string, user: TestUser, highlight: unknown) => call(t.app, 'POST', `/api/articles/${slug}/highlights`, { token: user.token, body: { highlight } })

    describe('GET /api/articles/:slug', () => {
      it('includes the block document, whose ids the story page carries', async () => {
        const writer = await makeUser(t.db)
        const { slug, blocks } = await story(writer)
        assert.equal(blocks.length, 3)
        const page = await call(t.app, 'GET', `/@${writer.user.username}/${slug}`)
        for (const block of blocks) assert.match(page.body, new RegExp(`<p id="${block.id}" data-block="${block.id}">`))
      })
    })

    describe('POST /api/articles/:slug/highlights', () => {
      it('stores the passage with its words and answers 201', async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const { slug, blocks } = await story(writer)
        const response = await mark(slug, reader, { blockId: blocks[0]?.id, start: 4, end: 7 })
        assert.equal(response.statusCode, 201, response.body)
        const { highlight } = response.json()
        assert.deepEqual({ ...highlight, id: 0, createdAt: '' }, { id: 0, blockId: blocks[0]?.id, start: 4, end: 7, quote: 'sea', detached: false, createdAt: '' })
      })
      it('refuses a range that is empty, inverted, outside the block or in no block (422), and changes nothing', async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const { slug, blocks } = await story(writer)
        const id = blocks[1]?.id
        const cases: [unknown, string][] = [
          [{ blockId: id, start: 3, end: 3 }, 'end'],
          [{ blockId: id, start: 5, end: 2 }, 'end'],
          [{ blockId: id, start: 0, end: 500 }, 'end'],
          [{ blockId: id, start: -1, end: 3 }, 'end'],
          [{ blockId: 'nope00', start: 0, end: 3 }, 'blockId'],
        ]
        for (const [highlight, field] of cases) {
          const response = await mark(slug, reader, highlight)
          assert.equal(response.statusCode, 422, JSON.stringify(highlight))
          assert.ok(response.json().errors[field], response.body)
        }
        const missing = await mark(slug, reader, { blockId: id, start: 1 })
        assert.equal(missing.statusCode, 422)
        const list = await call(t.app, 'GET', `/api/articles/${slug}/highlights`, { token: reader.token })
        assert.deepEqual(list.json().highlights, [])
      })
      it('requires sign-in, and answers 404 for a story that does not exist', async () => {
        const writer = await makeUser(t.db)
        const { slug, blocks } = await story(writer)
        const anonymous = await call(t.app, 'POST', `/api/articles/${slug}/highlights`, { body: { highlight: { blockId: blocks[0]?.id, start: 0, end: 3 } } })
        assert.equal(anonymous.statusCode, 401)
        const missing = await mark('no-such-story-zzzzzz', writer, { blockId: 'abc', start: 0, end: 1 })
        assert.equal(missing.statusCode, 404)
        assert.deepEqual(missing.json().errors, { article: ['not found'] })
      })
    })

    describe('GET /api/articles/:slug/highlights', () => {
      it("shows each reader only their own, and everyone the top highlight once two readers share it", async () => {
        const writer = await makeUser(t.db)
        const [ann, bob, cat] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)]
        const { slug, blocks } = await story(writer)
        const moon = { blockId: blocks[1]?.id as string, start: 4, end: 8 }
        await mark(slug, ann as TestUser, moon)
        let anonymous = await call(t.app, 'GET', `/api/articles/${slug}/highlights`)
        assert.deepEqual(anonymous.json(), { highlights: [], topHighlight: null }, 'one reader is not yet a top highlight')
        await mark(slug, bob as TestUser, moon)
        await mark(slug, cat as TestUser, { blockId: blocks[2]?.id as string, start: 0, end: 6 })
        anonymous = await call(t.app, 'GET', `/api/articles/${slug}/highlights`)
        assert.deepEqual(anonymous.json().topHighlight, { ...moon, quote: 'moon', readers: 2 })
        const cats = await call(t.app, 'GET', `/api/articles/${slug}/highlights`, { token: cat?.token as string })
        assert.deepEqual(cats.json().highlights.map((h: { quote: string }) => h.quote), ['Nobody'])
        assert.equal(cats.headers['cache-control'], 'private, no-store')
      })
      it('keeps a highlight through edits elsewhere, follows moved words, and detaches it when its block goes', async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const { slug, blocks } = await story(writer)
        const first = (await mark(slug, reader, { blockId: blocks[0]?.id, start: 4, end: 7 })).json().highlight
        const last = (await mark(slug, reader, { blockId: blocks[2]?.id, start: 0, end: 6 })).json().highlight
        const edit = (body: string) => call(t.app, 'PUT', `/api/articles/${slug}`, { token: writer.token, body: { article: { body } } })
        assert.equal((await edit('Every day, the sea comes in twice a day.\n\nThe moon pulls it.\n\nNobody minds.')).statusCode, 200)
        let mine = (await call(t.app, 'GET', `/api/articles/${slug}/highlights`, { token: reader.token })).json().highlights
        // An edited paragraph keeps its id (stories/document/stable-ids.ts); its words moved.
        assert.deepEqual(mine.find((h: { id: number }) => h.id === first.id), { ...first, start: 15, end: 18 })
        assert.deepEqual(mine.find((h: { id: number }) => h.id === last.id), last)
        assert.equal((await edit('Every day, the sea comes in twice a day.\n\nThe moon pulls it.')).statusCode, 200)
        mine = (await call(t.app, 'GET', `/api/articles/${slug}/highlights`, { token: reader.token })).json().highlights
        assert.equal(mine.find((h: { id: number }) => h.id === last.id).detached, true)
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: reader.user.email, password: reader.password } }))
        const page = await call(t.app, 'GET', '/me/highlights', { cookie })
        assert.equal(page.statusCode, 200)
        assert.match(page.body, /<mark>Nobody<\/mark>/)
        assert.match(page.body, /removed this passage/)
      })
    })

    describe('DELETE /api/highlights/:id', () => {
      it("removes the reader's own, refuses another reader's, and answers 404 for no such id", async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const { slug, blocks } = await story(writer)
        const { highlight } = (await mark(slug, reader, { blockId: blocks[0]?.id, start: 0, end: 3 })).json()
        const refused = await call(t.app, 'DELETE', `/api/highlights/${highlight.id}`, { token: writer.token })
        assert.equal(refused.statusCode, 403)
        assert.deepEqual(refused.json().errors, { highlight: ['forbidden'] })
        assert.equal((await call(t.app, 'DELETE', `/api/highlights/${highlight.id}`)).statusCode, 401)
        assert.equal((await call(t.app, 'DELETE', `/api/highlights/${highlight.id}`, { token: reader.token })).statusCode, 204)
        for (const id of [String(highlight.id), 'abc', '0', '99999999999']) {
          const gone = await call(t.app, 'DELETE', `/api/highlights/${id}`, { token: reader.token })
          assert.equal(gone.statusCode, 404, id)
        }
      })
    })

    describe('notifications', () => {
      it("tells the story's author, gathering a story's highlighters while unread", async () => {
        const writer = await makeUser(t.db)
        const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)]
        const { slug, blocks } = await story(writer)
        await mark(slug, ann as TestUser, { blockId: blocks[0]?.id, start: 0, end: 3 })
        await mark(slug, ann as TestUser, { blockId: blocks[1]?.id, start: 0, end: 3 })
        await mark(slug, bob as TestUser, { blockId: blocks[0]?.id, start: 0, end: 3 })
        const { notifications } = (await call(t.app, 'GET', '/api/notifications', { token: writer.token })).json()
        assert.equal(notifications.length, 1)
        assert.equal(notifications[0].type, 'highlight')
        assert.equal(notifications[0].count, 2)
        assert.equal(notifications[0].article.slug, slug)
      })
      it('removes a highlight from the highlights page with a plain form', async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const { slug, blocks } = await story(writer)
        const { highlight } = (await mark(slug, reader, { blockId: blocks[2]?.id, start: 0, end: 6 })).json()
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: reader.user.email, password: reader.password } }))
        const other = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: writer.user.email, password: writer.password } }))
        assert.equal((await call(t.app, 'POST', `/me/highlights/${highlight.id}/delete`, { cookie: other, form: {} })).statusCode, 403)
        const removed = await call(t.app, 'POST', `/me/highlights/${highlight.id}/delete`, { cookie, form: {} })
        assert.equal(removed.statusCode, 303)
        assert.doesNotMatch((await call(t.app, 'GET', '/me/highlights', { cookie })).body, /<mark>Nobody<\/mark>/)
      })
    })
  })
}
