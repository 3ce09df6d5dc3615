import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser } from '../testing/factories.ts'
import { assetUrls } from '../web/assets.ts'

const doc = (text: string) => JSON.stringify({ version: 1, blocks: [{ id: 'p1', type: 'paragraph', content: [{ text }] }] })

for (const engine of engines()) {
  describe(`the studio's pages (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    async function writer() {
      const made = await makeUser(t.db)
      const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: made.user.email, password: made.password } }))
      return { ...made, cookie }
    }
    const slugFrom = (location: string) => location.split('/').pop() as string

    describe('the editor bundle', () => {
      it('loads on the write pages and never on reading pages', async () => {
        const { user, cookie } = await writer()
        const editorScript = `src="${assetUrls().editor}"`
        assert.ok((await call(t.app, 'GET', '/new-story', { cookie })).body.includes(editorScript))
        const story = await makeStory(t.db, user.id)
        const slug = `${story.row.slug}-${story.row.short_id}`
        const edit = await call(t.app, 'GET', `/edit/${slug}`, { cookie })
        assert.ok(edit.body.includes(editorScript))
        // The document travels as inert JSON, with '<' escaped so no text can close the element.
        assert.match(edit.body, /<script type="application\/json" id="story-document">\{/)
        for (const path of ['/', `/@${user.username}/${slug}`, `/@${user.username}`, '/me/stories']) {
          const page = await call(t.app, 'GET', path, { cookie })
          assert.equal(page.statusCode, 200, path)
          assert.ok(!page.body.includes(editorScript), `${path} does not load the editor`)
        }
      })
    })

    describe('the publish settings', () => {
      it('suggest tags already in use', async () => {
        const { user, cookie } = await writer()
        await makeStory(t.db, user.id, { tags: ['Night Trains'] })
        const page = await call(t.app, 'GET', '/new-story', { cookie })
        assert.match(page.body, /<datalist id="tag-suggestions">[^]*<option value="Night Trains"/)
      })
    })

    describe('POST /edit/:slug', () => {
      it('saves the editor’s document and refuses a stale version with 409, keeping the newer text', async () => {
        const { cookie } = await writer()
        const created = await call(t.app, 'POST', '/new-story', { cookie, form: { title: 'Two tabs', document: doc('First.'), intent: 'draft' } })
        assert.equal(created.statusCode, 303)
        const slug = slugFrom(created.headers.location as string)
        const saved = await call(t.app, 'POST', `/edit/${slug}`, { cookie, form: { title: 'Two tabs', document: doc('Second.'), version: '1', intent: 'draft' } })
        assert.equal(saved.statusCode, 303)
        const stale = await call(t.app, 'POST', `/edit/${slug}`, { cookie, form: { title: 'Two tabs', document: doc('Stale.'), version: '1', intent: 'draft' } })
        assert.equal(stale.statusCode, 409)
        assert.match(stale.body, /saved elsewhere/)
        assert.match((await call(t.app, 'GET', `/edit/${slug}`, { cookie })).body, /Second\./)
      })

      it('re-shows the form with 422 for a document that is not JSON', async () => {
        const { cookie } = await writer()
        const response = await call(t.app, 'POST', '/new-story', { cookie, form: { title: 'Broken', document: '{not json', intent: 'draft' } })
        assert.equal(response.statusCode, 422)
        assert.match(response.body, /not valid JSON/)
      })

      it('schedules from the publish settings, and "Your stories" lists it under Scheduled', async () => {
        const { cookie } = await writer()
        const at = new Date(Date.now() + 2 * 60 * 60_000)
        const created = await call(t.app, 'POST', '/new-story', {
          cookie, form: { title: 'Later on', body: 'Soon.', when: 'later', publishAt: '2000-01-01T00:00', publishAtIso: at.toISOString(), intent: 'publish' },
        })
        assert.equal(created.statusCode, 303)
        const scheduled = await call(t.app, 'GET', '/me/stories?tab=scheduled', { cookie })
        assert.match(scheduled.body, /Later on/)
        assert.match(scheduled.body, /Publishes/)
        assert.doesNotMatch((await call(t.app, 'GET', '/me/stories?tab=drafts', { cookie })).body, /Later on/)
        assert.equal((await call(t.app, 'GET', created.headers.location as string)).statusCode, 404, 'readers cannot see it yet')
      })

      it('reads a time without JavaScript as UTC and refuses one in the past with 422', async () => {
        const { cookie } = await writer()
        const response = await call(t.app, 'POST', '/new-story', { cookie, form: { title: 'Too late', body: 'Gone.', when: 'later', publishAt: '2001-01-01T10:00', intent: 'publish' } })
        assert.equal(response.statusCode, 422)
        assert.match(response.body, /must be in the future/)
      })
    })

    describe('history pages', () => {
      it('lists revisions, shows one with its changes, and restores it', async () => {
        const { cookie } = await writer()
        const created = await call(t.app, 'POST', '/new-story', { cookie, form: { title: 'History', body: 'The original line.', intent: 'publish' } })
        const slug = slugFrom(created.headers.location as string)
        await call(t.app, 'POST', `/edit/${slug}`, { cookie, form: { title: 'History', body: 'A rewritten line.', intent: 'publish' } })
        const list = await call(t.app, 'GET', `/edit/${slug}/revisions`, { cookie })
        assert.equal(list.statusCode, 200)
        const ids = [...list.body.matchAll(new RegExp(`/edit/${slug}/revisions/(\\d+)"`, 'g'))].map((m) => Number(m[1]))
        assert.equal(ids.length, 2)
        const newest = await call(t.app, 'GET', `/edit/${slug}/revisions/${ids[0]}`, { cookie })
        assert.match(newest.body, /<del>The original<\/del>/)
        assert.match(newest.body, /<ins>A rewritten<\/ins>/)
        const restored = await call(t.app, 'POST', `/edit/${slug}/revisions/${ids[1]}/restore`, { cookie, form: {} })
        assert.equal(restored.statusCode, 303)
        assert.match((await call(t.app, 'GET', restored.headers.location as string)).body, /The original line\./)
      })

      it('sends a signed-out visitor to sign in and refuses another writer', async () => {
        const { user } = await writer()
        const other = await writer()
        const story = await makeStory(t.db, user.id)
        const slug = `${story.row.slug}-${story.row.short_id}`
        assert.equal((await call(t.app, 'GET', `/edit/${slug}/revisions`)).statusCode, 303)
        assert.equal((await call(t.app, 'GET', '/me/stories')).statusCode, 303)
        assert.equal((await call(t.app, 'GET', `/edit/${slug}/revisions`, { cookie: other.cookie })).statusCode, 403)
      })
    })
  })
}
