import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { h } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { engines } from '../testing/databases.ts'
import { buildTestApp, type TestApp } from '../testing/app.ts'
import { makeUser } from '../testing/factories.ts'
import { createStory, storyBySlug } from '../stories/service.ts'
import type { Viewer } from '../http/auth.ts'
import { deleteResponse, respond, responsesForStory } from './service.ts'
import { responsesSlot } from './slot.tsx'
import { ResponsesSection } from './views.tsx'

for (const engine of engines()) {
  describe(`responses service (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    async function setUp() {
      const writer = await makeUser(t.db, { name: 'Ann Writer' })
      const reader = await makeUser(t.db, { name: 'Bob Reader' })
      const story = await createStory(t.db, writer.user.id, { title: 'On ferries', body: 'The ferry leaves at dawn.' })
      const slug = `${story.row.slug}-${story.row.short_id}`
      return { writer, reader, story, slug }
    }

    describe('responsesForStory', () => {
      it('gives a page the rendered responses, oldest first', async () => {
        const { writer, reader, story, slug } = await setUp()
        await respond(t.db, reader.user.id, slug, 'First, *really*.')
        await respond(t.db, writer.user.id, slug, 'Thanks!')
        const items = await responsesForStory(t.db, story.row.id, null)
        assert.deepEqual(items.map((item) => item.author), [
          { username: reader.user.username, name: 'Bob Reader', image: null },
          { username: writer.user.username, name: 'Ann Writer', image: null },
        ])
        assert.match(items[0]?.html ?? '', /<p [^>]*>First, <em>really<\/em>\.<\/p>/)
        assert.ok(items[0]?.createdAt instanceof Date)
      })

      it('lets the response author and the story author delete, nobody else', async () => {
        const { writer, reader, story, slug } = await setUp()
        const stranger = await makeUser(t.db)
        await respond(t.db, reader.user.id, slug, 'Hello')
        const canDelete = async (viewerId: number | null) => (await responsesForStory(t.db, story.row.id, viewerId))[0]?.canDelete
        assert.equal(await canDelete(reader.user.id), true)
        assert.equal(await canDelete(writer.user.id), true)
        assert.equal(await canDelete(stranger.user.id), false)
        assert.equal(await canDelete(null), false)
      })

      it('renders script and javascript: links inert in the section', async () => {
        const { reader, story, slug } = await setUp()
        await respond(t.db, reader.user.id, slug, '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>')
        const responses = await responsesForStory(t.db, story.row.id, reader.user.id)
        const html = renderToString(h(ResponsesSection, { storySlug: slug, storyPath: '/@a/s', responses, viewer: null }))
        assert.doesNotMatch(html, /<script/i)
        assert.doesNotMatch(html, /javascript:alert\(1\)"/i, 'no attribute carries the javascript: URL')
        assert.doesNotMatch(html, /href="javascript:/i)
        assert.doesNotMatch(html, /<img src=x/i)
        assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the text is shown, escaped')
      })
    })

    describe('the story page slot', () => {
      it('loads the responses and renders them for the viewer, with the error the form came back with', async () => {
        const { reader, slug } = await setUp()
        await respond(t.db, reader.user.id, slug, 'Hello from the slot')
        const story = await storyBySlug(t.db, slug, reader.user.id)
        const viewer: Viewer = { id: reader.user.id, username: reader.user.username, name: 'Bob Reader', image: null, sessionId: 's', via: 'cookie', token: 'secret-token' }
        const slot = responsesSlot(t.db)
        const loaded = await slot.load(story, viewer)
        const html = renderToString(h('div', null, slot.render(story, viewer, loaded, { response_error: 'blank' })))
        assert.match(html, /Responses \(1\)/)
        assert.match(html, /Hello from the slot/)
        assert.match(html, new RegExp(`action="/responses/${slug}"`))
        assert.match(html, /Write something before you respond/)
        assert.match(html, /class="response__delete"/)
        assert.doesNotMatch(html, /secret-token/)
      })
    })

    describe('deleteResponse', () => {
      it('keeps the response count exact', async () => {
        const { writer, reader, story, slug } = await setUp()
        const first = await respond(t.db, reader.user.id, slug, 'One')
        await respond(t.db, writer.user.id, slug, 'Two')
        await deleteResponse(t.db, writer.user.id, slug, String(first.id))
        const again = await storyBySlug(t.db, slug, null)
        assert.equal(again.row.response_count, 1)
        assert.equal((await responsesForStory(t.db, story.row.id, null)).length, 1)
      })
    })
  })
}
