import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeUser, type TestUser } from '../testing/factories.ts'

for (const engine of engines()) {
  describe(`response forms (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    async function makeStory(writer: TestUser): Promise<{ slug: string; path: string }> {
      const response = await call(t.app, 'POST', '/api/articles', {
        token: writer.token,
        body: { article: { title: 'On ferries', description: 'Slow boats', body: 'The ferry leaves at dawn.' } },
      })
      const { article } = response.json()
      return { slug: article.slug, path: new URL(article.url).pathname }
    }

    async function signIn(user: TestUser): Promise<string> {
      const response = await call(t.app, 'POST', '/signin', { form: { email: user.user.email, password: user.password } })
      assert.equal(response.statusCode, 303)
      return sessionCookieFrom(response)
    }

    const comments = (slug: string) => call(t.app, 'GET', `/api/articles/${slug}/comments`).then((r) => r.json().comments as Array<{ id: number; body: string }>)

    describe('POST /responses/:slug', () => {
      it('adds the response and returns to it on the story page', async () => {
        const { slug, path } = await makeStory(await makeUser(t.db))
        const reader = await makeUser(t.db)
        const response = await call(t.app, 'POST', `/responses/${slug}`, { cookie: await signIn(reader), form: { body: 'Lovely *crossing*.' } })
        assert.equal(response.statusCode, 303)
        const [created] = await comments(slug)
        assert.equal(created?.body, 'Lovely *crossing*.')
        assert.equal(response.headers.location, `${path}#response-${created?.id}`)
      })

      it('sends a signed-out reader to sign in, then back to the responses', async () => {
        const { slug, path } = await makeStory(await makeUser(t.db))
        const response = await call(t.app, 'POST', `/responses/${slug}`, { form: { body: 'Hello' } })
        assert.equal(response.statusCode, 303)
        assert.equal(response.headers.location, `/signin?next=${encodeURIComponent(`${path}#responses`)}`)
        assert.deepEqual(await comments(slug), [])
      })

      it('returns a blank response to the form with its error, storing nothing', async () => {
        const { slug, path } = await makeStory(await makeUser(t.db))
        const cookie = await signIn(await makeUser(t.db))
        for (const form of [{ body: '  \n ' }, {} as Record<string, string>]) {
          const response = await call(t.app, 'POST', `/responses/${slug}`, { cookie, form })
          assert.equal(response.statusCode, 303)
          assert.equal(response.headers.location, `${path}?response_error=blank#responses`)
        }
        const tooLong = await call(t.app, 'POST', `/responses/${slug}`, { cookie, form: { body: 'a'.repeat(10_001) } })
        assert.equal(tooLong.headers.location, `${path}?response_error=too_long#responses`)
        assert.deepEqual(await comments(slug), [])
      })

      it('answers a friendly 404 page for a story that does not exist', async () => {
        const cookie = await signIn(await makeUser(t.db))
        const response = await call(t.app, 'POST', '/responses/nothing-here-zzzzzz', { cookie, form: { body: 'Hello' } })
        assert.equal(response.statusCode, 404)
        assert.match(String(response.headers['content-type']), /text\/html/)
      })

      it('refuses a post from another site', async () => {
        const { slug } = await makeStory(await makeUser(t.db))
        const cookie = await signIn(await makeUser(t.db))
        const response = await call(t.app, 'POST', `/responses/${slug}`, { cookie, form: { body: 'Forged' }, headers: { origin: 'https://evil.example.com' } })
        assert.equal(response.statusCode, 403)
        assert.deepEqual(await comments(slug), [])
      })
    })

    describe('POST /responses/:slug/:id/delete', () => {
      it('deletes the response and returns to the responses', async () => {
        const writer = await makeUser(t.db)
        const { slug, path } = await makeStory(writer)
        const reader = await makeUser(t.db)
        const cookie = await signIn(reader)
        await call(t.app, 'POST', `/responses/${slug}`, { cookie, form: { body: 'Second thoughts' } })
        const [created] = await comments(slug)
        const response = await call(t.app, 'POST', `/responses/${slug}/${created?.id}/delete`, { cookie })
        assert.equal(response.statusCode, 303)
        assert.equal(response.headers.location, `${path}#responses`)
        assert.deepEqual(await comments(slug), [])
      })

      it("lets the story's author delete, and refuses others with a 403 page", async () => {
        const writer = await makeUser(t.db)
        const { slug } = await makeStory(writer)
        await call(t.app, 'POST', `/responses/${slug}`, { cookie: await signIn(await makeUser(t.db)), form: { body: 'Hmm' } })
        const [created] = await comments(slug)
        const refused = await call(t.app, 'POST', `/responses/${slug}/${created?.id}/delete`, { cookie: await signIn(await makeUser(t.db)) })
        assert.equal(refused.statusCode, 403)
        assert.match(String(refused.headers['content-type']), /text\/html/)
        assert.equal((await comments(slug)).length, 1)
        const allowed = await call(t.app, 'POST', `/responses/${slug}/${created?.id}/delete`, { cookie: await signIn(writer) })
        assert.equal(allowed.statusCode, 303)
        assert.deepEqual(await comments(slug), [])
      })

      it('sends a signed-out reader to sign in, and answers 404 for ids that are not responses here', async () => {
        const writer = await makeUser(t.db)
        const { slug, path } = await makeStory(writer)
        const signedOut = await call(t.app, 'POST', `/responses/${slug}/1/delete`, { form: {} })
        assert.equal(signedOut.statusCode, 303)
        assert.equal(signedOut.headers.location, `/signin?next=${encodeURIComponent(`${path}#responses`)}`)
        const cookie = await signIn(writer)
        for (const id of ['999999', 'abc']) {
          assert.equal((await call(t.app, 'POST', `/responses/${slug}/${id}/delete`, { cookie })).statusCode, 404, `id ${id}`)
        }
      })
    })
  })
}
