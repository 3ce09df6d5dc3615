// Publication pages without JavaScript: home, about, the desk, review steps and settings as plain
// forms, and the reserved addresses a publication may never take.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, uniqueName, type TestUser } from '../testing/factories.ts'
import { createPublication, isReservedSlug, setMember } from './service.ts'

/** Every route's full path, rebuilt from Fastify's printed route tree. */
function routePaths(tree: string): string[] {
  const stack: string[] = []
  const paths: string[] = []
  for (const line of tree.split('\n')) {
    const match = /^([\s│]*)(?:├── |└── )(.*?)(?: \(.*\))?$/.exec(line)
    if (!match) continue
    const depth = (match[1] ?? '').length / 4
    stack.length = depth
    stack.push(match[2] ?? '')
    paths.push(stack.join(''))
  }
  return paths
}

for (const engine of engines()) {
  describe(`publication pages (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const signIn = async (person: TestUser) => sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: person.user.email, password: person.password } }))

    async function newsroom() {
      const [owner, editor, writer, reader] = await Promise.all([makeUser(t.db, { name: 'Olive Owner' }), makeUser(t.db, { name: 'Eddie Editor' }), makeUser(t.db, { name: 'Wren Writer' }), makeUser(t.db)])
      const slug = uniqueName('gazette').toLowerCase().replace(/_/g, '-')
      const id = await createPublication(t.db, { slug, name: 'The Gazette', tagline: 'All the news', description: 'We report.\n\nWe check.', accentColor: '#aa3300', ownerId: owner!.user.id, ownerTitle: 'Publisher' })
      await setMember(t.db, id, editor!.user.id, 'editor', 'Night Editor')
      await setMember(t.db, id, writer!.user.id, 'writer', 'U.S. Politics Editor')
      return { slug, owner: owner!, editor: editor!, writer: writer!, reader: reader! }
    }

    it('reserves every address Ovation itself answers at', () => {
      const firstSegments = new Set(routePaths(t.app.printRoutes({ commonPrefix: false }))
        .map((path) => path.split('/')[1] ?? '')
        .filter((segment) => segment && !/^[:*@]/.test(segment)))
      assert.ok(firstSegments.has('api') && firstSegments.has('search'), 'the route tree was read')
      assert.deepEqual([...firstSegments].filter((segment) => !isReservedSlug(segment)), [])
    })

    it('shows the home page with featured stories, latest, sections by tag and the masthead', async () => {
      const room = await newsroom()
      const featured = await makeStory(t.db, room.editor.user.id, { title: 'The lead story', publication: room.slug, tags: ['Elections'] })
      await makeStory(t.db, room.owner.user.id, { title: 'A second story', publication: room.slug, tags: ['Elections'] })
      const cookie = await signIn(room.editor)
      const pinned = await call(t.app, 'POST', `/${room.slug}/pins/${featured.row.slug}-${featured.row.short_id}`, { cookie, form: {} })
      assert.equal(pinned.statusCode, 303)
      const page = await call(t.app, 'GET', `/${room.slug}`)
      assert.equal(page.statusCode, 200)
      const featuredAt = page.body.indexOf('Featured')
      assert.ok(featuredAt > 0 && page.body.indexOf('The lead story') > featuredAt, 'the pinned story leads')
      for (const text of ['The Gazette', 'All the news', 'Latest', 'A second story', 'Elections', 'Masthead', 'Olive Owner', 'Publisher', 'Night Editor', 'U.S. Politics Editor']) assert.ok(page.body.includes(text), text)
      assert.match(page.body, new RegExp(`href="/${room.slug}/theme.css\\?c=aa3300"`), 'the accent colour arrives as a stylesheet')
      const theme = await call(t.app, 'GET', `/${room.slug}/theme.css`)
      assert.match(theme.body, /--color-accent:#aa3300/)
      // Readers see no desk links; editors do.
      assert.ok(!page.body.includes(`/${room.slug}/submissions"`))
      assert.ok((await call(t.app, 'GET', `/${room.slug}`, { cookie })).body.includes(`/${room.slug}/submissions"`))
      assert.equal((await call(t.app, 'GET', '/no-such-publication-here')).statusCode, 404)
    })

    it('shows the about page with the description and the whole masthead', async () => {
      const room = await newsroom()
      const page = await call(t.app, 'GET', `/${room.slug}/about`)
      assert.equal(page.statusCode, 200)
      for (const text of ['We report.', 'We check.', 'Olive Owner', 'Publisher', 'Wren Writer', 'U.S. Politics Editor']) assert.ok(page.body.includes(text), text)
    })

    it('runs a submission through the desk with plain forms', async () => {
      const room = await newsroom()
      const story = await makeStory(t.db, room.writer.user.id, { title: 'Ballots and buses', publication: room.slug })
      assert.equal(story.row.status, 'submitted')
      const slug = `${story.row.slug}-${story.row.short_id}`
      const editor = await signIn(room.editor)
      const queue = await call(t.app, 'GET', `/${room.slug}/submissions`, { cookie: editor })
      assert.equal(queue.statusCode, 200)
      assert.match(queue.body, /Ballots and buses/)
      const review = `/${room.slug}/submissions/${slug}`
      assert.equal((await call(t.app, 'GET', review, { cookie: editor })).statusCode, 200)
      const blank = await call(t.app, 'POST', `${review}/return`, { cookie: editor, form: { note: ' ' } })
      assert.equal(blank.statusCode, 422, 'a return needs a note')
      assert.match(blank.body, /Note can(&#x27;|')t be blank/)
      assert.equal((await call(t.app, 'POST', `${review}/note`, { cookie: editor, form: { note: 'Check the turnout figure.' } })).statusCode, 303)
      const writer = await signIn(room.writer)
      const seen = await call(t.app, 'GET', review, { cookie: writer })
      assert.match(seen.body, /Check the turnout figure\./)
      assert.match(seen.body, /Withdraw my submission/)
      assert.equal((await call(t.app, 'POST', `${review}/publish`, { cookie: writer, form: {} })).statusCode, 403)
      const published = await call(t.app, 'POST', `${review}/publish`, { cookie: editor, form: {} })
      assert.equal(published.statusCode, 303)
      const storyPage = await call(t.app, 'GET', `/${room.slug}/${slug}`)
      assert.equal(storyPage.statusCode, 200)
      assert.match(storyPage.body, /U\.S\. Politics Editor at /)
      // Taken out of the publication, it stays published on the writer's profile.
      assert.equal((await call(t.app, 'POST', `${review}/remove`, { cookie: editor, form: {} })).statusCode, 303)
      assert.equal((await call(t.app, 'GET', `/${room.slug}/${slug}`)).statusCode, 301)
      assert.equal((await call(t.app, 'GET', `/@${room.writer.user.username}/${slug}`)).statusCode, 200)
    })

    it('keeps the desk from readers and writers, and asks the signed-out to sign in', async () => {
      const room = await newsroom()
      assert.equal((await call(t.app, 'GET', `/${room.slug}/submissions`)).statusCode, 303)
      assert.equal((await call(t.app, 'GET', `/${room.slug}/submissions`, { cookie: await signIn(room.writer) })).statusCode, 403)
      assert.equal((await call(t.app, 'GET', `/${room.slug}/settings`, { cookie: await signIn(room.editor) })).statusCode, 403)
      assert.equal((await call(t.app, 'GET', `/${room.slug}/settings`, { cookie: await signIn(room.reader) })).statusCode, 403)
    })

    it('creates a publication from the form, and shows the form again with its problems', async () => {
      const owner = await makeUser(t.db)
      const cookie = await signIn(owner)
      const slug = uniqueName('quarterly').toLowerCase().replace(/_/g, '-')
      const bad = await call(t.app, 'POST', '/new-publication', { cookie, form: { name: 'The Quarterly', slug: 'settings' } })
      assert.equal(bad.statusCode, 422)
      assert.match(bad.body, /is reserved/)
      assert.match(bad.body, /value="The Quarterly"/, 'what was typed is kept')
      const made = await call(t.app, 'POST', '/new-publication', { cookie, form: { name: 'The Quarterly', slug, title: 'Founder' } })
      assert.equal(made.statusCode, 303)
      assert.equal(made.headers.location, `/${slug}`)
      assert.match((await call(t.app, 'GET', `/${slug}/about`)).body, /Founder/)
    })

    it('invites from the settings page; the invitee accepts on the publication page', async () => {
      const room = await newsroom()
      const invitee = await makeUser(t.db, { name: 'Nina New' })
      const owner = await signIn(room.owner)
      const missing = await call(t.app, 'POST', `/${room.slug}/members`, { cookie: owner, form: { who: 'nobody-by-this-name', role: 'writer', title: '' } })
      assert.equal(missing.statusCode, 422)
      assert.match(missing.body, /is not anyone on Ovation/)
      assert.equal((await call(t.app, 'POST', `/${room.slug}/members`, { cookie: owner, form: { who: invitee.user.username, role: 'writer', title: 'Culture Writer' } })).statusCode, 303)
      const cookie = await signIn(invitee)
      const home = await call(t.app, 'GET', `/${room.slug}`, { cookie })
      assert.match(home.body, /You are invited to join The Gazette/)
      assert.equal((await call(t.app, 'POST', `/${room.slug}/invitation/accept`, { cookie, form: {} })).statusCode, 303)
      const about = await call(t.app, 'GET', `/${room.slug}/about`)
      assert.match(about.body, /Nina New/)
      assert.match(about.body, /Culture Writer/)
      // Settings: a new title; then the owner hands over ownership.
      assert.equal((await call(t.app, 'POST', `/${room.slug}/members/${invitee.user.username}`, { cookie: owner, form: { role: 'editor', title: 'Culture Editor' } })).statusCode, 303)
      assert.match((await call(t.app, 'GET', `/${room.slug}/about`)).body, /Culture Editor/)
      assert.equal((await call(t.app, 'POST', `/${room.slug}/members/${invitee.user.username}/transfer`, { cookie: owner, form: {} })).statusCode, 303)
      assert.equal((await call(t.app, 'GET', `/${room.slug}/settings`, { cookie: owner })).statusCode, 403, 'no longer an owner')
      assert.equal((await call(t.app, 'GET', `/${room.slug}/settings`, { cookie })).statusCode, 200)
    })
  })
}
