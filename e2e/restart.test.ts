// Everything lives in the database: a server process that stops and starts again (a deploy, a
// crash, a reboot) finds every user, story, clap and response where it left them.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines, startServer, type TestServer } from './server.ts'
import { api, clapViaApi, createStoryViaApi, getStoryViaApi, pathOf, respondViaApi, responsesViaApi, signInViaApi, signUpViaApi } from './api.ts'

const BODY = [
  'The server went down at midnight and came back at one.',
  '',
  '## What survived',
  '',
  'Every **word** of this story, and every clap.',
].join('\n')

// The engines run side by side, each with a server (and database) of its own.
describe('a restarted server', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer

      before(async () => {
        server = await startServer({ engine })
      }, { timeout: 90_000 })
      after(async () => {
        await server?.close()
      }, { timeout: 90_000 })

      it('keeps users, stories, claps and responses across a restart', { timeout: 60_000 }, async () => {
        const author = await signUpViaApi(server.baseUrl, { name: 'Pia Persist' })
        const reader = await signUpViaApi(server.baseUrl, { name: 'Quin Reader' })
        const story = await createStoryViaApi(server.baseUrl, author.token, { title: 'After the Restart', description: 'A story that outlives its process', body: BODY, tagList: ['Operations'] })
        assert.equal((await clapViaApi(server.baseUrl, reader.token, story.slug, 7)).claps, 7)
        await respondViaApi(server.baseUrl, reader.token, story.slug, 'Still here after the **restart**?')

        await server.restart()

        // Passwords and accounts survive: both can sign in again and get fresh tokens.
        const authorToken = await signInViaApi(server.baseUrl, author.email, author.password)
        const readerToken = await signInViaApi(server.baseUrl, reader.email, reader.password)
        const { user } = await api<{ user: { username: string } }>(server.baseUrl, 'GET', '/api/user', { token: readerToken })
        assert.equal(user.username, reader.username)
        // Tokens issued before the restart still work: sessions live in the database too.
        await api(server.baseUrl, 'GET', '/api/user', { token: author.token })

        const seen = await getStoryViaApi(server.baseUrl, story.slug, readerToken)
        assert.equal(seen.title, 'After the Restart')
        assert.equal(seen.subtitle, 'A story that outlives its process')
        assert.equal(seen.body.trim(), BODY)
        assert.deepEqual(seen.tagList, ['Operations'])
        assert.equal(seen.claps, 7)
        assert.equal(seen.myClaps, 7)
        assert.equal(seen.favoritesCount, 1)
        assert.equal((await getStoryViaApi(server.baseUrl, story.slug, authorToken)).myClaps, 0)

        const responses = await responsesViaApi(server.baseUrl, story.slug)
        assert.equal(responses.length, 1)
        assert.equal(responses[0]?.body, 'Still here after the **restart**?')
        assert.equal(responses[0]?.author.username, reader.username)

        // The page, rendered by the new process, shows the same.
        const page = await fetch(server.baseUrl + pathOf(story))
        assert.equal(page.status, 200)
        const html = await page.text()
        assert.match(html, /After the Restart/)
        assert.match(html, /7 claps/)
        assert.match(html, /Still here after the <strong>restart<\/strong>\?/)
      })
    })
  }
})
