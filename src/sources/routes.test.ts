import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser } from '../testing/factories.ts'
import type { StoryDocument, TextRun } from '../stories/document/types.ts'

const ref = (noteId: string): TextRun => ({ text: noteId, marks: [{ type: 'footnote', noteId }] })

/** A story as the editor saves it: two notes citing sources, one source cited by none. */
const CITED: StoryDocument = {
  version: 1,
  blocks: [
    { id: 'p1', type: 'paragraph', content: [{ text: 'The river rose a metre' }, ref('n1'), { text: ' in one night.' }] },
    { id: 'q1', type: 'quote', content: [{ text: 'We had never seen the water so high.' }, ref('n2')] },
    { id: 'q2', type: 'quote', content: [{ text: 'Nobody said this, and nobody cites it.' }] },
    { id: 'p2', type: 'paragraph', content: [{ text: 'See the ' }, { text: 'old map', marks: [{ type: 'link', href: 'http://maps.example/old' }] }, { text: '.' }] },
  ],
  notes: [
    { id: 'n1', content: [{ text: 'Gauge readings,' }], sourceId: 'gauge' },
    { id: 'n2', content: [], sourceId: 'paper' },
  ],
  sources: [
    { id: 'book', title: 'Rivers of Europe', author: 'A. Hydro', date: '1999' },
    { id: 'paper', title: 'The Night of the Flood', author: 'Daily Example', url: 'https://news.example/flood', date: '2024-09-15', excerpt: 'We had never seen the water so high.' },
    { id: 'gauge', title: 'Gauge 12 readings', author: 'River Authority', url: 'https://river.example/12' },
  ],
}

for (const engine of engines()) {
  describe(`sources and the editorial check (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())
    const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`

    describe('GET /api/articles/:slug/sources', () => {
      it('lists sources cited ones first, in the order of their footnotes, then the rest', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id, { body: undefined, document: CITED }))
        const response = await call(t.app, 'GET', `/api/articles/${slug}/sources`)
        assert.equal(response.statusCode, 200)
        assert.deepEqual(response.json().sources, [
          { id: 'gauge', title: 'Gauge 12 readings', author: 'River Authority', url: 'https://river.example/12', notes: [1] },
          { ...CITED.sources?.[1], notes: [2] },
          { id: 'book', title: 'Rivers of Europe', author: 'A. Hydro', date: '1999', notes: [] },
        ])
      })

      it('answers an empty list for a story without sources', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        assert.deepEqual((await call(t.app, 'GET', `/api/articles/${slug}/sources`)).json(), { sources: [] })
      })

      it('shows a draft’s sources to its author only', async () => {
        const author = await makeUser(t.db)
        const other = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id, { body: undefined, document: CITED, status: 'draft' }))
        assert.equal((await call(t.app, 'GET', `/api/articles/${slug}/sources`)).statusCode, 404)
        assert.equal((await call(t.app, 'GET', `/api/articles/${slug}/sources`, { token: other.token })).statusCode, 404)
        assert.equal((await call(t.app, 'GET', `/api/articles/${slug}/sources`, { token: author.token })).json().sources.length, 3)
      })
    })

    describe('POST /api/articles/:slug/sources', () => {
      it('adds a source to the story’s list', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const response = await call(t.app, 'POST', `/api/articles/${slug}/sources`, {
          token: author.token,
          body: { source: { title: '  The   Report ', author: 'Office', url: 'https://office.example/r', date: '2023-02', excerpt: 'Costs rose.' } },
        })
        assert.equal(response.statusCode, 201, response.body)
        const { source } = response.json()
        assert.match(source.id, /^[a-z0-9]{6}$/)
        assert.deepEqual({ ...source, id: '' }, { id: '', title: 'The Report', author: 'Office', url: 'https://office.example/r', date: '2023-02', excerpt: 'Costs rose.', notes: [] })
        assert.deepEqual((await call(t.app, 'GET', `/api/articles/${slug}/sources`)).json().sources, [source])
        const page = await t.app.inject({ method: 'GET', url: (await call(t.app, 'GET', `/api/articles/${slug}`)).json().article.url.replace(/^https?:\/\/[^/]+/, '') })
        assert.match(page.body, /<h2 id="sources-title">Sources<\/h2>/)
        assert.match(page.body, /<a href="https:\/\/office\.example\/r" rel="nofollow noopener"><cite>The Report<\/cite><\/a>/)
      })

      it('keeps every source of several added at once, when the client sent no version', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => call(t.app, 'POST', `/api/articles/${slug}/sources`, {
          token: author.token, body: { source: { title: `Report ${i}` } },
        })))
        assert.deepEqual(answers.map((answer) => answer.statusCode), [201, 201, 201, 201, 201, 201])
        const titles = (await call(t.app, 'GET', `/api/articles/${slug}/sources`)).json().sources.map((source: { title: string }) => source.title)
        assert.deepEqual(titles.sort(), ['Report 0', 'Report 1', 'Report 2', 'Report 3', 'Report 4', 'Report 5'])
      })

      it('refuses a javascript: URL, and other bad fields, with 422 and stores nothing', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const bad = await call(t.app, 'POST', `/api/articles/${slug}/sources`, { token: author.token, body: { source: { title: 'X', url: 'javascript:alert(document.cookie)' } } })
        assert.equal(bad.statusCode, 422)
        assert.match(bad.json().errors.url[0], /must be a web address starting with http:\/\/ or https:\/\//)
        const worse = await call(t.app, 'POST', `/api/articles/${slug}/sources`, { token: author.token, body: { source: { title: ' ', url: 'data:text/html,x', date: '2024-13-01' } } })
        assert.equal(worse.statusCode, 422)
        assert.deepEqual(Object.keys(worse.json().errors).sort(), ['date', 'title', 'url'])
        assert.deepEqual((await call(t.app, 'GET', `/api/articles/${slug}/sources`)).json().sources, [])
      })

      it('refuses a javascript: URL in a source saved with the editor’s document too', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const document = { ...CITED, sources: [{ id: 'evil', title: 'Evil', url: 'javascript:alert(1)' }] }
        const response = await call(t.app, 'PUT', `/api/articles/${slug}`, { token: author.token, body: { article: { document } } })
        assert.equal(response.statusCode, 422)
        assert.match(JSON.stringify(response.json().errors), /sources\[0\]\.url: must be an http:\/\/ or https:\/\/ address/)
        assert.deepEqual((await call(t.app, 'GET', `/api/articles/${slug}/sources`)).json().sources, [])
      })

      it('requires sign-in and refuses another writer', async () => {
        const author = await makeUser(t.db)
        const other = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        const body = { source: { title: 'X' } }
        assert.equal((await call(t.app, 'POST', `/api/articles/${slug}/sources`, { body })).statusCode, 401)
        assert.equal((await call(t.app, 'POST', `/api/articles/${slug}/sources`, { token: other.token, body })).statusCode, 403)
      })
    })

    describe('DELETE /api/articles/:slug/sources/:id', () => {
      it('removes the source and the citation from its notes, which keep their text', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id, { body: undefined, document: CITED }))
        const response = await call(t.app, 'DELETE', `/api/articles/${slug}/sources/gauge`, { token: author.token })
        assert.equal(response.statusCode, 204)
        assert.deepEqual((await call(t.app, 'GET', `/api/articles/${slug}/sources`)).json().sources.map((s: { id: string }) => s.id), ['paper', 'book'])
        const body = (await call(t.app, 'GET', `/api/articles/${slug}`)).json().article.body
        assert.match(body, /\[\^n1\]: Gauge readings,\n/)
        assert.equal((await call(t.app, 'DELETE', `/api/articles/${slug}/sources/gauge`, { token: author.token })).statusCode, 404)
      })
    })

    describe('GET /api/articles/:slug/check', () => {
      it('lists unsourced quotations and links that are not https, for the author', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id, { body: undefined, document: CITED, status: 'draft' }))
        const response = await call(t.app, 'GET', `/api/articles/${slug}/check`, { token: author.token })
        assert.equal(response.statusCode, 200)
        assert.deepEqual(response.json().check.warnings, [
          { kind: 'unsourced_quote', blockId: 'q2', quote: 'Nobody said this, and nobody cites it.', message: 'This quotation has no source: attach one, or name who said it.' },
          { kind: 'insecure_link', blockId: 'p2', url: 'http://maps.example/old', message: 'This link is not https.' },
        ])
      })

      it('requires sign-in and refuses readers who may not edit the story', async () => {
        const author = await makeUser(t.db)
        const reader = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id))
        assert.equal((await call(t.app, 'GET', `/api/articles/${slug}/check`)).statusCode, 401)
        assert.equal((await call(t.app, 'GET', `/api/articles/${slug}/check`, { token: reader.token })).statusCode, 403)
      })
    })

    describe('footnotes through the API body', () => {
      it('takes Markdown footnotes in and gives the same Markdown back, with numbered notes on the page', async () => {
        const author = await makeUser(t.db)
        const body = 'The river rose a metre[^gauge] in one night.[^2]\n\n[^gauge]: Readings of [gauge 12](https://river.example/12).\n\n[^2]: Witnesses.\n'
        const created = await call(t.app, 'POST', '/api/articles', { token: author.token, body: { article: { title: 'Flood', description: 'Night', body } } })
        assert.equal(created.statusCode, 201, created.body)
        assert.equal(created.json().article.body, body)
        const page = await t.app.inject({ method: 'GET', url: created.json().article.url.replace(/^https?:\/\/[^/]+/, '') })
        assert.match(page.body, /metre<sup class="fn" id="fnref-gauge" data-no-offset><a href="#fn-gauge" role="doc-noteref" aria-label="Note 1">1<\/a><\/sup> in one night\.<sup class="fn" id="fnref-2" data-no-offset><a href="#fn-2" role="doc-noteref" aria-label="Note 2">2<\/a><\/sup>/)
        assert.match(page.body, /<li id="fn-gauge">Readings of <a href="https:\/\/river\.example\/12" rel="nofollow noopener">gauge 12<\/a>\. <a class="fn-back" href="#fnref-gauge" role="doc-backlink" aria-label="Back to reference 1">/)
        assert.doesNotMatch(page.body, /\[\^/)
      })

      it('writes a story saved as a document out as Markdown footnotes, sources as text', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id, { body: undefined, document: CITED }))
        const { body } = (await call(t.app, 'GET', `/api/articles/${slug}`)).json().article
        assert.match(body, /The river rose a metre\[\^n1\] in one night\./)
        assert.match(body, /\[\^n1\]: Gauge readings, River Authority, \[Gauge 12 readings\]\(https:\/\/river\.example\/12\)\.\n/)
        assert.match(body, /\[\^n2\]: Daily Example, \[The Night of the Flood\]\(https:\/\/news\.example\/flood\), 2024-09-15\. “We had never seen the water so high\.”$/)
      })

      it('keeps structured sources when a client sends the Markdown body back', async () => {
        const author = await makeUser(t.db)
        const slug = slugOf(await makeStory(t.db, author.user.id, { body: undefined, document: CITED }))
        const { body } = (await call(t.app, 'GET', `/api/articles/${slug}`)).json().article
        const updated = await call(t.app, 'PUT', `/api/articles/${slug}`, { token: author.token, body: { article: { body: body.replace('in one night', 'overnight') } } })
        assert.equal(updated.statusCode, 200, updated.body)
        const sources = (await call(t.app, 'GET', `/api/articles/${slug}/sources`)).json().sources
        assert.deepEqual(sources.map((s: { id: string; notes: number[] }) => [s.id, s.notes]), [['gauge', [1]], ['paper', [2]], ['book', []]])
      })
    })
  })
}

for (const engine of engines()) {
  describe(`the sources page (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    async function signedIn() {
      const user = await makeUser(t.db)
      const login = await call(t.app, 'POST', '/signin', { form: { email: `${user.user.username}@example.com`, password: user.password } })
      return { ...user, cookie: sessionCookieFrom(login) }
    }

    it('adds a source with a plain form and shows how to cite it from Markdown, which then cites it', async () => {
      const writer = await signedIn()
      const story = await makeStory(t.db, writer.user.id, { body: 'The claim.[^1]\n\n[^1]: See the report.' })
      const slug = `${story.row.slug}-${story.row.short_id}`
      const added = await call(t.app, 'POST', `/edit/${slug}/sources`, { cookie: writer.cookie, form: { title: 'The Report', author: 'Office', url: 'https://office.example/r', date: '2023', excerpt: '' } })
      assert.equal(added.statusCode, 303)
      const page = await call(t.app, 'GET', `/edit/${slug}/sources`, { cookie: writer.cookie })
      assert.equal(page.statusCode, 200)
      const markdown = 'Office, [The Report](https://office.example/r), 2023.'
      assert.ok(page.body.includes(`end a footnote with: <code>${markdown}</code>`), page.body)

      const cited = await call(t.app, 'PUT', `/api/articles/${slug}`, { token: writer.token, body: { article: { body: `The claim.[^1]\n\n[^1]: See ${markdown}` } } })
      assert.equal(cited.statusCode, 200, cited.body)
      assert.deepEqual((await call(t.app, 'GET', `/api/articles/${slug}/sources`)).json().sources.map((s: { title: string; notes: number[] }) => [s.title, s.notes]), [['The Report', [1]]])
    })

    it('shows the form again with clear messages for a javascript: address, saving nothing', async () => {
      const writer = await signedIn()
      const story = await makeStory(t.db, writer.user.id)
      const slug = `${story.row.slug}-${story.row.short_id}`
      const response = await call(t.app, 'POST', `/edit/${slug}/sources`, { cookie: writer.cookie, form: { title: 'Evil', url: 'javascript:alert(1)' } })
      assert.equal(response.statusCode, 422)
      assert.match(response.body, /Address must be a web address starting with http:\/\/ or https:\/\//)
      assert.match(response.body, /value="javascript:alert\(1\)"/)
      assert.deepEqual((await call(t.app, 'GET', `/api/articles/${slug}/sources`)).json().sources, [])
    })

    it('removes a source', async () => {
      const writer = await signedIn()
      const story = await makeStory(t.db, writer.user.id)
      const slug = `${story.row.slug}-${story.row.short_id}`
      const { source } = (await call(t.app, 'POST', `/api/articles/${slug}/sources`, { token: writer.token, body: { source: { title: 'Gone soon' } } })).json()
      const removed = await call(t.app, 'POST', `/edit/${slug}/sources/${source.id}/delete`, { cookie: writer.cookie, form: {} })
      assert.equal(removed.statusCode, 303)
      assert.deepEqual((await call(t.app, 'GET', `/api/articles/${slug}/sources`)).json().sources, [])
    })

    it('is for those who may edit the story', async () => {
      const writer = await signedIn()
      const other = await signedIn()
      const story = await makeStory(t.db, writer.user.id)
      const slug = `${story.row.slug}-${story.row.short_id}`
      assert.equal((await call(t.app, 'GET', `/edit/${slug}/sources`)).statusCode, 303)
      assert.equal((await call(t.app, 'GET', `/edit/${slug}/sources`, { cookie: other.cookie })).statusCode, 403)
      assert.equal((await call(t.app, 'POST', `/edit/${slug}/sources`, { cookie: other.cookie, form: { title: 'x' } })).statusCode, 403)
    })
  })
}
