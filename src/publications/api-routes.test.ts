import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeUser, uniqueName, type TestUser } from '../testing/factories.ts'

for (const engine of engines()) {
  describe(`publications API (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const newSlug = () => uniqueName('pub').toLowerCase().replace(/_/g, '-')

    async function publicationBy(owner: TestUser, extra: Record<string, unknown> = {}) {
      const slug = newSlug()
      const response = await call(t.app, 'POST', '/api/publications', { token: owner.token, body: { publication: { name: 'The Daily Note', slug, ...extra } } })
      assert.equal(response.statusCode, 201, response.body)
      return slug
    }

    async function memberOf(slug: string, owner: TestUser, role: 'owner' | 'editor' | 'writer', title: string | null = null) {
      const person = await makeUser(t.db)
      const invited = await call(t.app, 'POST', `/api/publications/${slug}/members`, { token: owner.token, body: { member: { username: person.user.username, role, title } } })
      assert.equal(invited.statusCode, 201, invited.body)
      const accepted = await call(t.app, 'POST', `/api/publications/${slug}/invitations/accept`, { token: person.token })
      assert.equal(accepted.statusCode, 200, accepted.body)
      return person
    }

    describe('POST /api/publications', () => {
      it('creates a publication with its creator as owner', async () => {
        const owner = await makeUser(t.db)
        const slug = newSlug()
        const response = await call(t.app, 'POST', '/api/publications', {
          token: owner.token,
          body: { publication: { name: 'The Daily Note', slug, tagline: 'Short and true', description: 'About us.', logoUrl: 'https://example.com/logo.png', accentColor: '#1A8917', title: 'Editor in Chief' } },
        })
        assert.equal(response.statusCode, 201)
        assert.deepEqual(response.json().publication, {
          slug, name: 'The Daily Note', tagline: 'Short and true', description: 'About us.', logoUrl: 'https://example.com/logo.png', accentColor: '#1a8917',
          url: `http://127.0.0.1:3000/${slug}`, createdAt: response.json().publication.createdAt,
        })
        const members = await call(t.app, 'GET', `/api/publications/${slug}/members`)
        assert.deepEqual(members.json().members.map((m: { username: string; role: string; title: string }) => [m.username, m.role, m.title]), [[owner.user.username, 'owner', 'Editor in Chief']])
      })

      it('requires sign-in', async () => {
        const response = await call(t.app, 'POST', '/api/publications', { body: { publication: { name: 'X', slug: newSlug() } } })
        assert.equal(response.statusCode, 401)
      })

      it("refuses Ovation's own addresses, usernames, taken slugs and bad settings with 422", async () => {
        const owner = await makeUser(t.db)
        const taken = await publicationBy(owner)
        const cases: [Record<string, unknown>, string][] = [
          [{ slug: 'api' }, 'slug'],
          [{ slug: 'search' }, 'slug'],
          [{ slug: owner.user.username.toLowerCase().replace(/_/g, '-') === owner.user.username.toLowerCase() ? owner.user.username.toLowerCase() : 'signin' }, 'slug'],
          [{ slug: taken }, 'slug'],
          [{ slug: 'Has Spaces' }, 'slug'],
          [{ slug: newSlug(), name: '   ' }, 'name'],
          [{ slug: newSlug(), accentColor: 'green' }, 'accentColor'],
          [{ slug: newSlug(), logoUrl: 'javascript:alert(1)' }, 'logoUrl'],
        ]
        for (const [fields, field] of cases) {
          const response = await call(t.app, 'POST', '/api/publications', { token: owner.token, body: { publication: { name: 'Name', ...fields } } })
          assert.equal(response.statusCode, 422, JSON.stringify(fields))
          assert.ok(response.json().errors[field], `${JSON.stringify(fields)} names ${field}`)
        }
      })

      it('refuses a slug that is a username', async () => {
        const owner = await makeUser(t.db, { username: `name-${Date.now().toString(36)}` })
        const response = await call(t.app, 'POST', '/api/publications', { token: owner.token, body: { publication: { name: 'Mine', slug: owner.user.username } } })
        assert.equal(response.statusCode, 422)
        assert.deepEqual(response.json().errors, { slug: ['has already been taken'] })
      })

      it('refuses unknown fields with 422', async () => {
        const owner = await makeUser(t.db)
        const response = await call(t.app, 'POST', '/api/publications', { token: owner.token, body: { publication: { name: 'X', slug: newSlug(), owner: 1 } } })
        assert.equal(response.statusCode, 422)
      })
    })

    describe('GET and PUT /api/publications/:slug', () => {
      it('shows a publication to anyone and 404s an unknown one', async () => {
        const slug = await publicationBy(await makeUser(t.db), { tagline: 'Hello' })
        const response = await call(t.app, 'GET', `/api/publications/${slug}`)
        assert.equal(response.statusCode, 200)
        assert.equal(response.json().publication.tagline, 'Hello')
        assert.equal((await call(t.app, 'GET', '/api/publications/no-such-thing')).statusCode, 404)
      })

      it('lets owners change the settings, and nobody else', async () => {
        const owner = await makeUser(t.db)
        const slug = await publicationBy(owner)
        const editor = await memberOf(slug, owner, 'editor')
        const outsider = await makeUser(t.db)
        const change = { publication: { tagline: 'New line', accentColor: '#123456', description: 'We write.' } }
        assert.equal((await call(t.app, 'PUT', `/api/publications/${slug}`, { body: change })).statusCode, 401)
        assert.equal((await call(t.app, 'PUT', `/api/publications/${slug}`, { token: outsider.token, body: change })).statusCode, 403)
        assert.equal((await call(t.app, 'PUT', `/api/publications/${slug}`, { token: editor.token, body: change })).statusCode, 403)
        const response = await call(t.app, 'PUT', `/api/publications/${slug}`, { token: owner.token, body: change })
        assert.equal(response.statusCode, 200)
        assert.equal(response.json().publication.tagline, 'New line')
        assert.equal(response.json().publication.accentColor, '#123456')
        const bad = await call(t.app, 'PUT', `/api/publications/${slug}`, { token: owner.token, body: { publication: { name: '' } } })
        assert.equal(bad.statusCode, 422)
        assert.equal((await call(t.app, 'PUT', '/api/publications/no-such-thing', { token: owner.token, body: change })).statusCode, 404)
      })
    })

    describe('members and invitations', () => {
      it('invites by username with a role and title; the invitee accepts and joins the masthead', async () => {
        const owner = await makeUser(t.db)
        const slug = await publicationBy(owner)
        const writer = await makeUser(t.db)
        const invited = await call(t.app, 'POST', `/api/publications/${slug}/members`, { token: owner.token, body: { member: { username: writer.user.username, role: 'writer', title: 'U.S. Politics Editor' } } })
        assert.equal(invited.statusCode, 201)
        assert.deepEqual(invited.json().invitation, { username: writer.user.username, email: null, role: 'writer', title: 'U.S. Politics Editor' })
        // Not a member until they accept.
        assert.equal((await call(t.app, 'GET', `/api/publications/${slug}/members`)).json().members.length, 1)
        const accepted = await call(t.app, 'POST', `/api/publications/${slug}/invitations/accept`, { token: writer.token })
        assert.equal(accepted.statusCode, 200)
        assert.deepEqual(accepted.json().members.at(-1), { username: writer.user.username, name: writer.user.name, image: null, role: 'writer', title: 'U.S. Politics Editor' })
        // The invitation is used up.
        assert.equal((await call(t.app, 'POST', `/api/publications/${slug}/invitations/accept`, { token: writer.token })).statusCode, 404)
      })

      it('invites by e-mail; whoever holds the address may answer', async () => {
        const owner = await makeUser(t.db)
        const slug = await publicationBy(owner)
        const person = await makeUser(t.db)
        // Issue 9: only a verified address names its account.
        await t.db.kysely.updateTable('users').set({ email_verified_at: new Date() }).where('username', '=', person.user.username).execute()
        const invited = await call(t.app, 'POST', `/api/publications/${slug}/members`, { token: owner.token, body: { member: { email: person.user.email.toUpperCase(), role: 'editor' } } })
        assert.equal(invited.statusCode, 201)
        assert.equal(invited.json().invitation.username, person.user.username, 'an address with an account invites that account')
        const stranger = await call(t.app, 'POST', `/api/publications/${slug}/members`, { token: owner.token, body: { member: { email: 'not-yet@example.com', role: 'writer' } } })
        assert.deepEqual(stranger.json().invitation, { username: null, email: 'not-yet@example.com', role: 'writer', title: null })
        const declined = await call(t.app, 'POST', `/api/publications/${slug}/invitations/decline`, { token: person.token })
        assert.equal(declined.statusCode, 200)
        assert.equal(declined.json().members.length, 1, 'declining joins nothing')
        assert.equal((await call(t.app, 'POST', `/api/publications/${slug}/invitations/accept`, { token: person.token })).statusCode, 404)
      })

      it('refuses invitations from non-owners, to unknown people, to members, and without anyone named', async () => {
        const owner = await makeUser(t.db)
        const slug = await publicationBy(owner)
        const editor = await memberOf(slug, owner, 'editor')
        const someone = await makeUser(t.db)
        const invite = (token: string | undefined, member: Record<string, unknown>) =>
          call(t.app, 'POST', `/api/publications/${slug}/members`, { ...(token ? { token } : {}), body: { member } })
        assert.equal((await invite(undefined, { username: someone.user.username, role: 'writer' })).statusCode, 401)
        assert.equal((await invite(editor.token, { username: someone.user.username, role: 'writer' })).statusCode, 403)
        assert.equal((await invite(owner.token, { username: 'nobody-at-all', role: 'writer' })).statusCode, 422)
        assert.equal((await invite(owner.token, { username: editor.user.username, role: 'writer' })).statusCode, 409)
        assert.equal((await invite(owner.token, { role: 'writer' })).statusCode, 422)
        assert.equal((await invite(owner.token, { email: 'not an address', role: 'writer' })).statusCode, 422)
        assert.equal((await invite(owner.token, { username: someone.user.username, role: 'boss' })).statusCode, 422)
        assert.equal((await call(t.app, 'POST', '/api/publications/no-such-thing/members', { token: owner.token, body: { member: { username: someone.user.username, role: 'writer' } } })).statusCode, 404)
      })

      it('changes roles and titles (owners only) and never leaves a publication without an owner', async () => {
        const owner = await makeUser(t.db)
        const slug = await publicationBy(owner)
        const writer = await memberOf(slug, owner, 'writer')
        const url = `/api/publications/${slug}/members/${writer.user.username}`
        assert.equal((await call(t.app, 'PUT', url, { token: writer.token, body: { member: { role: 'owner' } } })).statusCode, 403)
        const changed = await call(t.app, 'PUT', url, { token: owner.token, body: { member: { role: 'editor', title: 'Science Editor' } } })
        assert.equal(changed.statusCode, 200)
        assert.deepEqual(changed.json().members.find((m: { username: string }) => m.username === writer.user.username).title, 'Science Editor')
        const demoteSelf = await call(t.app, 'PUT', `/api/publications/${slug}/members/${owner.user.username}`, { token: owner.token, body: { member: { role: 'editor' } } })
        assert.equal(demoteSelf.statusCode, 422)
        assert.ok(demoteSelf.json().errors.role, 'the error says a publication needs an owner')
        assert.equal((await call(t.app, 'PUT', `/api/publications/${slug}/members/nobody-here`, { token: owner.token, body: { member: { title: 'x' } } })).statusCode, 404)
        // Ownership handed over: make them owner, then step down.
        assert.equal((await call(t.app, 'PUT', url, { token: owner.token, body: { member: { role: 'owner' } } })).statusCode, 200)
        assert.equal((await call(t.app, 'PUT', `/api/publications/${slug}/members/${owner.user.username}`, { token: owner.token, body: { member: { role: 'editor' } } })).statusCode, 200)
        const roles = (await call(t.app, 'GET', `/api/publications/${slug}/members`)).json().members.map((m: { username: string; role: string }) => [m.username, m.role])
        assert.deepEqual(roles, [[writer.user.username, 'owner'], [owner.user.username, 'editor']])
      })

      it('removes members (owners), lets a member leave, and keeps the last owner', async () => {
        const owner = await makeUser(t.db)
        const slug = await publicationBy(owner)
        const writer = await memberOf(slug, owner, 'writer')
        const editor = await memberOf(slug, owner, 'editor')
        assert.equal((await call(t.app, 'DELETE', `/api/publications/${slug}/members/${writer.user.username}`, { token: editor.token })).statusCode, 403)
        assert.equal((await call(t.app, 'DELETE', `/api/publications/${slug}/members/${writer.user.username}`, { token: owner.token })).statusCode, 204)
        assert.equal((await call(t.app, 'DELETE', `/api/publications/${slug}/members/${editor.user.username}`, { token: editor.token })).statusCode, 204, 'leaving')
        const last = await call(t.app, 'DELETE', `/api/publications/${slug}/members/${owner.user.username}`, { token: owner.token })
        assert.equal(last.statusCode, 422)
        assert.equal((await call(t.app, 'DELETE', `/api/publications/${slug}/members/${writer.user.username}`, { token: owner.token })).statusCode, 404)
        assert.equal((await call(t.app, 'GET', `/api/publications/${slug}/members`)).json().members.length, 1)
      })
    })

    describe('GET /api/publications/:slug/submissions', () => {
      it('lists submitted stories for editors and owners only', async () => {
        const owner = await makeUser(t.db)
        const slug = await publicationBy(owner)
        const writer = await memberOf(slug, owner, 'writer')
        const editor = await memberOf(slug, owner, 'editor')
        const created = await call(t.app, 'POST', '/api/articles', { token: writer.token, body: { article: { title: 'Pending', description: 'd', body: 'Words.', publication: slug } } })
        assert.equal(created.statusCode, 201, created.body)
        assert.equal(created.json().article.status, 'submitted')
        for (const viewer of [owner, editor]) {
          const response = await call(t.app, 'GET', `/api/publications/${slug}/submissions`, { token: viewer.token })
          assert.equal(response.statusCode, 200)
          assert.deepEqual(response.json().submissions.map((s: { title: string; author: { username: string } }) => [s.title, s.author.username]), [['Pending', writer.user.username]])
        }
        assert.equal((await call(t.app, 'GET', `/api/publications/${slug}/submissions`, { token: writer.token })).statusCode, 403)
        assert.equal((await call(t.app, 'GET', `/api/publications/${slug}/submissions`)).statusCode, 401)
        assert.equal((await call(t.app, 'GET', '/api/publications/no-such-thing/submissions', { token: owner.token })).statusCode, 404)
      })
    })
  })
}
