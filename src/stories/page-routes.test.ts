import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, uniqueName } from '../testing/factories.ts'
import { createPublication } from '../publications/service.ts'
import { updateStory } from './service.ts'

for (const engine of engines()) {
  describe(`story pages (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`

    it('shows title, subtitle, byline, reading time, body, tags and the applause call', async () => {
      const { user } = await makeUser(t.db, { name: 'Mara Lindqvist' })
      const story = await makeStory(t.db, user.id, { title: 'Night trains', subtitle: 'Why they are back', body: '## Sleepers\n\nA **bold** claim.', tags: ['Travel'] })
      const page = await call(t.app, 'GET', `/@${user.username}/${slugOf(story)}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.headers['content-type'] as string, /text\/html/)
      for (const text of ['<h1 class="story__title">Night trains</h1>', 'Why they are back', 'Mara Lindqvist', '1 min read', '<strong>bold</strong>', '>Travel</a>', 'Give Mara Lindqvist a round of applause', '0 claps']) {
        assert.ok(page.body.includes(text), `page shows ${text}`)
      }
    })

    it('shows the author’s title at the publication in the byline, under the publication’s address', async () => {
      const { user } = await makeUser(t.db)
      const slug = uniqueName('pub').replace(/_/g, '-')
      await createPublication(t.db, { slug, name: 'The Long View', ownerId: user.id, ownerTitle: 'U.S. Politics Editor' })
      const story = await makeStory(t.db, user.id, { publication: slug })
      const page = await call(t.app, 'GET', `/${slug}/${slugOf(story)}`)
      assert.equal(page.statusCode, 200)
      assert.match(page.body, /U\.S\. Politics Editor at <a href="\/[^"]+">The Long View<\/a>/)
      const underAuthor = await call(t.app, 'GET', `/@${user.username}/${slugOf(story)}`)
      assert.equal(underAuthor.statusCode, 301)
      assert.equal(underAuthor.headers.location, `/${slug}/${slugOf(story)}`)
    })

    it('redirects an old slug to the current one after a title change', async () => {
      const { user } = await makeUser(t.db)
      const story = await makeStory(t.db, user.id, { title: 'First title' })
      const oldSlug = slugOf(story)
      await updateStory(t.db, user.id, oldSlug, { title: 'A better title' })
      const response = await call(t.app, 'GET', `/@${user.username}/${oldSlug}`)
      assert.equal(response.statusCode, 301)
      assert.equal(response.headers.location, `/@${user.username}/a-better-title-${story.row.short_id}`)
    })

    it('answers 304 to a matching If-None-Match and a new ETag once the page changes', async () => {
      const { user } = await makeUser(t.db)
      const reader = await makeUser(t.db)
      const story = await makeStory(t.db, user.id)
      const path = `/@${user.username}/${slugOf(story)}`
      const first = await call(t.app, 'GET', path)
      const etag = first.headers.etag as string
      assert.ok(etag)
      const again = await call(t.app, 'GET', path, { headers: { 'if-none-match': etag } })
      assert.equal(again.statusCode, 304)
      assert.equal(again.body, '')
      await call(t.app, 'POST', `/api/articles/${slugOf(story)}/claps`, { token: reader.token, body: { count: 3 } })
      const changed = await call(t.app, 'GET', path, { headers: { 'if-none-match': etag } })
      assert.equal(changed.statusCode, 200)
      assert.match(changed.body, /3 claps/)
    })

    it('renders a signed-in reader’s own claps into their page, never into the shared one', async () => {
      const { user } = await makeUser(t.db)
      const reader = await makeUser(t.db)
      const story = await makeStory(t.db, user.id)
      await call(t.app, 'POST', `/api/articles/${slugOf(story)}/claps`, { token: reader.token, body: { count: 5 } })
      const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: reader.user.email, password: reader.password } }))
      const path = `/@${user.username}/${slugOf(story)}`
      const mine = await call(t.app, 'GET', path, { cookie })
      assert.match(mine.body, /You clapped 5 times/)
      assert.match(mine.headers['cache-control'] as string, /private/)
      const anonymous = await call(t.app, 'GET', path)
      assert.doesNotMatch(anonymous.body, /You clapped/)
    })

    it('hides a draft from everyone but its author', async () => {
      const { user, password } = await makeUser(t.db)
      const story = await makeStory(t.db, user.id, { status: 'draft' })
      const path = `/@${user.username}/${slugOf(story)}`
      const anonymous = await call(t.app, 'GET', path)
      assert.equal(anonymous.statusCode, 404)
      assert.match(anonymous.body, /couldn’t find this page/)
      const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: user.email, password } }))
      const own = await call(t.app, 'GET', path, { cookie })
      assert.equal(own.statusCode, 200)
      assert.match(own.body, /This is a draft/)
    })

    it('renders hostile text and links inert', async () => {
      const { user } = await makeUser(t.db)
      const story = await makeStory(t.db, user.id, {
        title: '<script>alert(1)</script>',
        subtitle: '"><img src=x onerror=alert(2)>',
        body: 'Hi <script>alert(3)</script> [x](javascript:alert(4)) <img src=x onerror=alert(5)>\n\n![y](javascript:alert(6))',
        tags: ['<i>tag</i>'],
      })
      const page = await call(t.app, 'GET', `/@${user.username}/${slugOf(story)}`)
      assert.equal(page.statusCode, 200)
      assert.doesNotMatch(page.body, /<script>alert/)
      assert.doesNotMatch(page.body, /<img src=x/)
      assert.doesNotMatch(page.body, /href="javascript:/i)
      assert.doesNotMatch(page.body, /src="javascript:/i)
      assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>/)
      assert.match(page.headers['content-security-policy'] as string, /script-src 'self'/)
    })

    it('answers a friendly 404 page for an unknown story', async () => {
      const { user } = await makeUser(t.db)
      const page = await call(t.app, 'GET', `/@${user.username}/nothing-here-0123456789ab`)
      assert.equal(page.statusCode, 404)
      assert.match(page.body, /Go to the home page/)
    })
  })

  describe(`list pages (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    it('shows the latest stories on the home page, with an Older link past ten', async () => {
      const { user } = await makeUser(t.db)
      for (let i = 1; i <= 11; i++) await makeStory(t.db, user.id, { title: `Story number ${i}` })
      const home = await call(t.app, 'GET', '/')
      assert.match(home.body, /Story number 11/)
      assert.doesNotMatch(home.body, /Story number 1</)
      assert.match(home.body, /href="\/\?page=2"/)
      const older = await call(t.app, 'GET', '/?page=2')
      assert.match(older.body, /Story number 1</)
    })

    it('shows a profile with its stories, and the writer’s drafts only to the writer', async () => {
      const { user, password } = await makeUser(t.db, { name: 'June Park' })
      await makeStory(t.db, user.id, { title: 'Published piece' })
      await makeStory(t.db, user.id, { title: 'Secret draft', status: 'draft' })
      const profile = await call(t.app, 'GET', `/@${user.username}`)
      assert.match(profile.body, /June Park/)
      assert.match(profile.body, /Published piece/)
      assert.doesNotMatch(profile.body, /Secret draft/)
      const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: user.email, password } }))
      assert.match((await call(t.app, 'GET', `/@${user.username}`, { cookie })).body, /Secret draft/)
      assert.equal((await call(t.app, 'GET', '/@nobody-at-all')).statusCode, 404)
    })

    it('shows a publication with its masthead and stories', async () => {
      const { user } = await makeUser(t.db, { name: 'Anselm Roth' })
      const slug = uniqueName('pub').replace(/_/g, '-')
      await createPublication(t.db, { slug, name: 'Build Notes', tagline: 'How software gets made', ownerId: user.id, ownerTitle: 'Founding Editor' })
      await makeStory(t.db, user.id, { title: 'Idempotency keys', publication: slug })
      const page = await call(t.app, 'GET', `/${slug}`)
      assert.equal(page.statusCode, 200)
      for (const text of ['Build Notes', 'How software gets made', 'Anselm Roth', 'Founding Editor', 'Idempotency keys']) assert.ok(page.body.includes(text), text)
    })

    it('shows a tag page, reached by any spelling of the tag', async () => {
      const { user } = await makeUser(t.db)
      const tag = uniqueName('Slow Travel')
      await makeStory(t.db, user.id, { title: 'By ferry', tags: [tag] })
      const key = tag.toLowerCase().replace(/[\s_]+/g, '-')
      const page = await call(t.app, 'GET', `/tag/${key}`)
      assert.match(page.body, /By ferry/)
      const redirect = await call(t.app, 'GET', `/tag/${encodeURIComponent(tag)}`)
      assert.equal(redirect.statusCode, 301)
    })

    it('follows and unfollows a writer with the plain form', async () => {
      const writer = await makeUser(t.db)
      const reader = await makeUser(t.db)
      const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: reader.user.email, password: reader.password } }))
      const followed = await call(t.app, 'POST', `/@${writer.user.username}/follow`, { cookie, form: { next: `/@${writer.user.username}` } })
      assert.equal(followed.statusCode, 303)
      assert.match((await call(t.app, 'GET', `/@${writer.user.username}`, { cookie })).body, /1 follower/)
      await call(t.app, 'POST', `/@${writer.user.username}/unfollow`, { cookie, form: {} })
      assert.match((await call(t.app, 'GET', `/@${writer.user.username}`, { cookie })).body, /0 followers/)
    })

    it('writes, publishes, edits and deletes a story with the plain forms', async () => {
      const { user, password } = await makeUser(t.db)
      const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: user.email, password } }))
      assert.equal((await call(t.app, 'GET', '/new-story')).statusCode, 303, 'signed out, writing starts with signing in')
      const blank = await call(t.app, 'POST', '/new-story', { cookie, form: { title: '', body: 'words', intent: 'publish' } })
      assert.equal(blank.statusCode, 422)
      assert.match(blank.body, /Title can&#39;t be blank|Title can't be blank/)
      const created = await call(t.app, 'POST', '/new-story', { cookie, form: { title: 'From the form', subtitle: '', body: 'Hello **world**', tags: 'One, Two', intent: 'publish' } })
      assert.equal(created.statusCode, 303)
      const path = created.headers.location as string
      assert.match(path, new RegExp(`^/@${user.username}/from-the-form-[0-9a-f]{12}$`))
      const slug = path.split('/').pop() as string
      const edit = await call(t.app, 'GET', `/edit/${slug}`, { cookie })
      assert.match(edit.body, /Hello \*\*world\*\*/)
      await call(t.app, 'POST', `/edit/${slug}`, { cookie, form: { title: 'From the form', body: 'Changed', tags: 'One', intent: 'draft' } })
      assert.equal((await call(t.app, 'GET', path)).statusCode, 404, 'back to draft, hidden from others')
      const deleted = await call(t.app, 'POST', `/edit/${slug}/delete`, { cookie, form: {} })
      assert.equal(deleted.statusCode, 303)
      assert.equal((await call(t.app, 'GET', path, { cookie })).statusCode, 404)
    })
  })
}
