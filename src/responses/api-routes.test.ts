import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeUser, type TestUser } from '../testing/factories.ts'

for (const engine of engines()) {
  describe(`responses API (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    async function makeStory(writer: TestUser, status?: 'draft'): Promise<string> {
      const response = await call(t.app, 'POST', '/api/articles', {
        token: writer.token,
        body: { article: { title: 'On ferries', description: 'Slow boats', body: 'The ferry leaves at *dawn*.', ...(status ? { status } : {}) } },
      })
      assert.equal(response.statusCode, 201, response.body)
      return response.json().article.slug
    }

    function comment(slug: string, user: TestUser, body: string) {
      return call(t.app, 'POST', `/api/articles/${slug}/comments`, { token: user.token, body: { comment: { body } } })
    }

    async function responseCount(slug: string): Promise<number> {
      const shortId = slug.slice(slug.lastIndexOf('-') + 1)
      const row = await t.db.kysely.selectFrom('stories').select('response_count').where('short_id', '=', shortId).executeTakeFirstOrThrow()
      return Number(row.response_count)
    }

    describe('POST /api/articles/:slug/comments', () => {
      it('adds a response and answers 201 with the comment as written', async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const slug = await makeStory(writer)
        const response = await comment(slug, reader, 'Took it **last** summer.\n')
        assert.equal(response.statusCode, 201)
        const { comment: created } = response.json()
        assert.ok(Number.isInteger(created.id))
        assert.equal(created.body, 'Took it **last** summer.\n', 'the Markdown comes back exactly as sent')
        assert.equal(new Date(created.createdAt).toISOString(), created.createdAt)
        assert.equal(created.updatedAt, created.createdAt)
        assert.deepEqual(created.author, { username: reader.user.username, bio: null, image: null, following: false })
      })

      it('stores the block document beside the Markdown', async () => {
        const writer = await makeUser(t.db)
        const slug = await makeStory(writer)
        const { comment: created } = (await comment(slug, writer, 'Mine, *and* I answer it.')).json()
        const row = await t.db.kysely.selectFrom('responses').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
        assert.equal(row.markdown, 'Mine, *and* I answer it.')
        const document = JSON.parse(row.body)
        assert.equal(document.version, 1)
        assert.equal(document.blocks[0].type, 'paragraph')
      })

      it('requires sign-in', async () => {
        const slug = await makeStory(await makeUser(t.db))
        const response = await call(t.app, 'POST', `/api/articles/${slug}/comments`, { body: { comment: { body: 'Hello' } } })
        assert.equal(response.statusCode, 401)
        assert.deepEqual(response.json().errors, { token: ['is missing'] })
      })

      it('answers 404 for a story that does not exist', async () => {
        const reader = await makeUser(t.db)
        const response = await comment('no-such-story-zzzzzz', reader, 'Hello')
        assert.equal(response.statusCode, 404)
        assert.deepEqual(response.json().errors, { article: ['not found'] })
      })

      it("hides another writer's draft, but lets its author respond to it", async () => {
        const writer = await makeUser(t.db)
        const slug = await makeStory(writer, 'draft')
        const other = await comment(slug, await makeUser(t.db), 'Sneaky')
        assert.equal(other.statusCode, 404)
        assert.deepEqual(other.json().errors, { article: ['not found'] })
        assert.equal((await comment(slug, writer, 'A note to self')).statusCode, 201)
      })

      it('refuses a blank body and changes nothing', async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const slug = await makeStory(writer)
        for (const body of ['', '   \n\t']) {
          const response = await comment(slug, reader, body)
          assert.equal(response.statusCode, 422)
          assert.deepEqual(response.json(), { errors: { body: ["can't be blank"] } })
        }
        const missing = await call(t.app, 'POST', `/api/articles/${slug}/comments`, { token: reader.token, body: { comment: {} } })
        assert.equal(missing.statusCode, 422)
        assert.deepEqual(missing.json().errors.body, ["can't be blank"])
        assert.equal(await responseCount(slug), 0)
        assert.deepEqual((await call(t.app, 'GET', `/api/articles/${slug}/comments`)).json(), { comments: [] })
      })

      it('takes up to 10,000 characters and refuses more', async () => {
        const writer = await makeUser(t.db)
        const slug = await makeStory(writer)
        assert.equal((await comment(slug, writer, 'a'.repeat(10_000))).statusCode, 201)
        const tooLong = await comment(slug, writer, 'a'.repeat(10_001))
        assert.equal(tooLong.statusCode, 422)
        assert.deepEqual(tooLong.json().errors, { body: ['is too long (maximum is 10000 characters)'] })
      })
    })

    describe('GET /api/articles/:slug/comments', () => {
      it('lists responses oldest first, to anyone', async () => {
        const writer = await makeUser(t.db)
        const slug = await makeStory(writer)
        const authors = [await makeUser(t.db), await makeUser(t.db), writer]
        for (const [i, author] of authors.entries()) assert.equal((await comment(slug, author, `Response ${i}`)).statusCode, 201)
        const response = await call(t.app, 'GET', `/api/articles/${slug}/comments`)
        assert.equal(response.statusCode, 200)
        const { comments } = response.json()
        assert.deepEqual(comments.map((c: { body: string }) => c.body), ['Response 0', 'Response 1', 'Response 2'])
        assert.deepEqual(comments.map((c: { author: { username: string } }) => c.author.username), authors.map((a) => a.user.username))
        assert.ok(comments[0].id < comments[1].id && comments[1].id < comments[2].id)
      })

      it('marks the authors the reader follows', async () => {
        const writer = await makeUser(t.db)
        const followed = await makeUser(t.db)
        const stranger = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const slug = await makeStory(writer)
        await comment(slug, followed, 'Followed')
        await comment(slug, stranger, 'Not followed')
        assert.equal((await call(t.app, 'POST', `/api/profiles/${followed.user.username}/follow`, { token: reader.token })).statusCode, 200)
        const following = (token?: string) =>
          call(t.app, 'GET', `/api/articles/${slug}/comments`, token ? { token } : {}).then((r) => r.json().comments.map((c: { author: { following: boolean } }) => c.author.following))
        assert.deepEqual(await following(reader.token), [true, false])
        assert.deepEqual(await following(), [false, false], 'signed out, nobody is followed')
        assert.deepEqual(await following(stranger.token), [false, false])
      })

      it('answers 404 for a story that does not exist', async () => {
        const response = await call(t.app, 'GET', '/api/articles/nothing-here-zzzzzz/comments')
        assert.equal(response.statusCode, 404)
        assert.deepEqual(response.json().errors, { article: ['not found'] })
      })
    })

    describe('DELETE /api/articles/:slug/comments/:id', () => {
      it("lets the response's author delete it", async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const slug = await makeStory(writer)
        const { comment: created } = (await comment(slug, reader, 'Second thoughts')).json()
        const response = await call(t.app, 'DELETE', `/api/articles/${slug}/comments/${created.id}`, { token: reader.token })
        assert.equal(response.statusCode, 204)
        assert.equal(response.body, '')
        assert.deepEqual((await call(t.app, 'GET', `/api/articles/${slug}/comments`)).json(), { comments: [] })
      })

      it("lets the story's author delete any response on it", async () => {
        const writer = await makeUser(t.db)
        const slug = await makeStory(writer)
        const { comment: created } = (await comment(slug, await makeUser(t.db), 'Rude')).json()
        assert.equal((await call(t.app, 'DELETE', `/api/articles/${slug}/comments/${created.id}`, { token: writer.token })).statusCode, 204)
      })

      it('refuses anyone else and keeps the response', async () => {
        const slug = await makeStory(await makeUser(t.db))
        const { comment: created } = (await comment(slug, await makeUser(t.db), 'Mine')).json()
        const response = await call(t.app, 'DELETE', `/api/articles/${slug}/comments/${created.id}`, { token: (await makeUser(t.db)).token })
        assert.equal(response.statusCode, 403)
        assert.deepEqual(response.json().errors, { comment: ['forbidden'] })
        assert.equal((await call(t.app, 'GET', `/api/articles/${slug}/comments`)).json().comments.length, 1)
      })

      it('requires sign-in', async () => {
        const writer = await makeUser(t.db)
        const slug = await makeStory(writer)
        const { comment: created } = (await comment(slug, writer, 'Hi')).json()
        const response = await call(t.app, 'DELETE', `/api/articles/${slug}/comments/${created.id}`)
        assert.equal(response.statusCode, 401)
        assert.deepEqual(response.json().errors, { token: ['is missing'] })
      })

      it('answers 404 for an unknown id, an id on another story, and ids that are not ids', async () => {
        const writer = await makeUser(t.db)
        const slug = await makeStory(writer)
        const otherSlug = await makeStory(writer)
        const { comment: elsewhere } = (await comment(otherSlug, writer, 'Elsewhere')).json()
        // A response on another story must not be deletable through this one's URL, even by
        // someone who could delete it through its own.
        for (const id of [String(elsewhere.id), '999999', 'abc', '1.5', '-1', '0', '99999999999999999999']) {
          const response = await call(t.app, 'DELETE', `/api/articles/${slug}/comments/${id}`, { token: writer.token })
          assert.equal(response.statusCode, 404, `id ${id}`)
          assert.deepEqual(response.json().errors, { comment: ['not found'] })
        }
        assert.equal((await call(t.app, 'GET', `/api/articles/${otherSlug}/comments`)).json().comments.length, 1)
      })

      it('answers 404 for a story that does not exist', async () => {
        const reader = await makeUser(t.db)
        const response = await call(t.app, 'DELETE', '/api/articles/nothing-zzzzzz/comments/1', { token: reader.token })
        assert.equal(response.statusCode, 404)
        assert.deepEqual(response.json().errors, { article: ['not found'] })
      })
    })

    describe('the story response count', () => {
      it('stays exact through responses and deletions, concurrent ones included', async () => {
        const writer = await makeUser(t.db)
        const readers = await Promise.all([1, 2, 3, 4, 5].map(() => makeUser(t.db)))
        const slug = await makeStory(writer)
        const created = await Promise.all(readers.map((reader, i) => comment(slug, reader, `Response ${i}`)))
        assert.ok(created.every((r) => r.statusCode === 201))
        assert.equal(await responseCount(slug), 5)
        await Promise.all(created.slice(0, 3).map((r, i) =>
          call(t.app, 'DELETE', `/api/articles/${slug}/comments/${r.json().comment.id}`, { token: readers[i]?.token as string })))
        assert.equal(await responseCount(slug), 2)
        const refused = await call(t.app, 'DELETE', `/api/articles/${slug}/comments/${created[3]?.json().comment.id}`, { token: readers[0]?.token as string })
        assert.equal(refused.statusCode, 403)
        assert.equal(await responseCount(slug), 2, 'a refused deletion changes nothing')
      })
    })
  })
}
