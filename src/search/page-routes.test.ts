import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, uniqueName } from '../testing/factories.ts'
import { createPublication } from '../publications/service.ts'

const word = () => `w${randomBytes(5).toString('hex')}`

for (const engine of engines()) {
  describe(`search page (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    it('asks what to look for when there is no query', async () => {
      const page = await call(t.app, 'GET', '/search')
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /Find stories, writers and publications/)
      assert.match(page.body, /<form class="search-form" method="get" action="\/search"/)
      assert.doesNotMatch(page.body, /search-tabs/)
    })

    it('lists matching stories as cards, matched words in <mark>, as plain HTML', async () => {
      const { user } = await makeUser(t.db, { name: 'Mara Lindqvist' })
      const w = word()
      await makeStory(t.db, user.id, { title: `Night trains ${w}`, subtitle: 'Why they are back', body: `The sleeper ${w} rolls on.` })
      const page = await call(t.app, 'GET', `/search?q=${w}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.headers['content-type'] as string, /text\/html/)
      for (const text of ['class="story-card"', `Night trains ${w}`, 'Why they are back', 'Mara Lindqvist', `The sleeper <mark>${w}</mark> rolls on`, '1 story found', `value="${w}"`]) {
        assert.ok(page.body.includes(text), `page shows ${text}`)
      }
      assert.match(page.body, /aria-current="page"[^>]*>Stories <span class="search-tabs__count">1<\/span>/)
      assert.match(page.body, /href="\/search\?q=[^"]+&amp;type=people"/)
    })

    it('escapes what writers and readers typed; only our <mark> is markup', async () => {
      const { user } = await makeUser(t.db)
      const w = word()
      await makeStory(t.db, user.id, { title: `<script>alert(1)</script> ${w}`, body: `<img src=x onerror=alert(1)> ${w} <b>bold</b>` })
      const page = await call(t.app, 'GET', `/search?q=${encodeURIComponent(`${w} <script>`)}`)
      assert.equal(page.statusCode, 200)
      assert.ok(!page.body.includes('<script>alert'))
      assert.ok(!page.body.includes('<img src=x'))
      assert.ok(!page.body.includes('<b>bold'))
      assert.ok(page.body.includes('&lt;script>') || page.body.includes('&lt;script&gt;'))
    })

    it('shows people and publications on their tabs', async () => {
      const w = word()
      const { user } = await makeUser(t.db, { name: `Ada ${w}` })
      const slug = uniqueName('pub').replace(/_/g, '-')
      await createPublication(t.db, { slug, name: `The ${w} Review`, tagline: 'Long reads', ownerId: user.id })
      const people = await call(t.app, 'GET', `/search?q=${w}&type=people`)
      assert.equal(people.statusCode, 200)
      assert.ok(people.body.includes(`href="/@${user.username}">Ada <mark>${w}</mark></a>`))
      assert.ok(people.body.includes('1 person found'))
      const publications = await call(t.app, 'GET', `/search?q=${w}&type=publications`)
      assert.ok(publications.body.includes(`href="/${slug}">The <mark>${w}</mark> Review</a>`))
      assert.ok(publications.body.includes('Long reads'))
      assert.ok(publications.body.includes('<input type="hidden" name="type" value="publications"/>'))
    })

    it('says so when nothing matches, and pages through many results', async () => {
      const empty = await call(t.app, 'GET', `/search?q=${word()}`)
      assert.equal(empty.statusCode, 200)
      assert.match(empty.body, /No stories match/)
      const { user } = await makeUser(t.db)
      const w = word()
      for (let i = 0; i < 11; i++) await makeStory(t.db, user.id, { title: `Part ${i} ${w}` })
      const first = await call(t.app, 'GET', `/search?q=${w}`)
      assert.match(first.body, new RegExp(`href="/search\\?q=${w}&amp;page=2" rel="next"`))
      const second = await call(t.app, 'GET', `/search?q=${w}&page=2`)
      assert.equal((second.body.match(/class="story-card"/g) ?? []).length, 1)
      assert.match(second.body, /rel="prev"/)
    })

    it('answers odd queries with a page, never a 500', async () => {
      for (const q of [`'; drop table stories; --`, 'OR 1=1', 'NEAR(', '*', '"', '-', '"unclosed']) {
        assert.equal((await call(t.app, 'GET', `/search?q=${encodeURIComponent(q)}`)).statusCode, 200, q)
      }
      assert.equal((await call(t.app, 'GET', '/search?q=x&type=tags')).statusCode, 422)
    })
  })
}
