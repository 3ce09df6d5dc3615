// Account security through the API: password reset by e-mail (a real SMTP server), e-mail
// verification, throttled sign-in, sessions, and deleting an account with exact totals.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, TEST_ORIGIN, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, uniqueName, type TestUser } from '../testing/factories.ts'
import { loadConfig } from '../config.ts'
import { runDueJobs } from '../jobs/service.ts'
import { closeMailTransports } from '../email/service.ts'
import { linkIn, startTestSmtp, type TestSmtp } from './security/test-mail.ts'

const THROTTLE = { SIGNIN_BACKOFF_AFTER: '3', SIGNIN_LOCK_AFTER: '5', SIGNIN_LOCK_MINUTES: '15', SIGNIN_ADDRESS_LOCK_AFTER: '1000', SIGNUPS_PER_HOUR: '3' }

for (const engine of engines()) {
  describe(`account security (${engine})`, () => {
    let t: TestApp
    let smtp: TestSmtp
    let env: Record<string, string>
    before(async () => {
      smtp = await startTestSmtp()
      env = { SMTP_URL: smtp.url, ...THROTTLE }
      t = await buildTestApp(engine, env)
    })
    after(async () => {
      closeMailTransports()
      await t.close()
      await smtp.close()
    })
    const config = () => loadConfig({ BASE_URL: TEST_ORIGIN, SEED_DEMO: '0', ...env })
    const runJobs = () => runDueJobs(t.db, config(), { limit: 500 })
    const login = (email: string, password: string, address = '10.1.0.1') =>
      call(t.app, 'POST', '/api/users/login', { body: { user: { email, password } }, headers: { 'x-forwarded-for': address } })
    const tokenFrom = (link: string) => link.slice(link.lastIndexOf('/') + 1)
    const latest = (address: string, subject: RegExp) => {
      const mail = smtp.to(address).findLast((candidate) => subject.test(candidate.subject))
      assert.ok(mail, `a mail "${subject}" to ${address}`)
      return mail
    }

    describe('password reset', () => {
      it('answers 202 for any address, mails a link only to an account, and the link sets a new password once', async () => {
        const person = await makeUser(t.db)
        const other = await call(t.app, 'POST', '/api/users/login', { body: { user: { email: person.user.email, password: person.password } } })
        const otherToken = other.json().user.token
        const unknown = await call(t.app, 'POST', '/api/users/password-reset', { body: { user: { email: `${uniqueName()}@example.com` } } })
        assert.equal(unknown.statusCode, 202)
        const known = await call(t.app, 'POST', '/api/users/password-reset', { body: { user: { email: person.user.email.toUpperCase() } } })
        assert.equal(known.statusCode, 202)
        assert.equal(known.body, unknown.body, 'the answers cannot be told apart')
        const before = smtp.received.length
        await runJobs()
        const mails = smtp.received.slice(before).filter((mail) => /password/i.test(mail.subject))
        assert.deepEqual(mails.map((mail) => mail.to), [person.user.email], 'one mail, to the account only')
        const link = linkIn(mails[0]!, '/password-reset/')
        assert.ok(link.startsWith(`${TEST_ORIGIN}/password-reset/`))
        const token = tokenFrom(link)
        const stored = await t.db.kysely.selectFrom('account_tokens').select('id').where('user_id', '=', person.user.id).execute()
        assert.ok(stored.every((row) => row.id !== token), 'only the hash is stored')

        const tooShort = await call(t.app, 'POST', '/api/users/password-reset/confirm', { body: { user: { token, password: 'short' } } })
        assert.equal(tooShort.statusCode, 422)
        assert.deepEqual(tooShort.json().errors, { password: ['is too short (minimum is 8 characters)'] })
        const done = await call(t.app, 'POST', '/api/users/password-reset/confirm', { body: { user: { token, password: 'a brand new secret' } } })
        assert.equal(done.statusCode, 204)
        assert.equal((await login(person.user.email, person.password)).statusCode, 401, 'the old password is gone')
        assert.equal((await login(person.user.email, 'a brand new secret')).statusCode, 200)
        assert.equal((await call(t.app, 'GET', '/api/user', { token: otherToken })).statusCode, 401, 'other sessions ended')
        assert.equal((await call(t.app, 'GET', '/api/user', { token: person.token })).statusCode, 401)

        const again = await call(t.app, 'POST', '/api/users/password-reset/confirm', { body: { user: { token, password: 'yet another secret' } } })
        assert.equal(again.statusCode, 422, 'a token works once')
        assert.deepEqual(again.json().errors, { token: ['is invalid or has expired'] })
      })

      it('refuses an expired link and a made-up one', async () => {
        const person = await makeUser(t.db)
        await call(t.app, 'POST', '/api/users/password-reset', { body: { user: { email: person.user.email } } })
        await runJobs()
        const token = tokenFrom(linkIn(latest(person.user.email, /Reset/), '/password-reset/'))
        assert.equal((await call(t.app, 'GET', `/password-reset/${token}`)).statusCode, 200)
        await t.db.kysely.updateTable('account_tokens').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', person.user.id).execute()
        assert.equal((await call(t.app, 'GET', `/password-reset/${token}`)).statusCode, 410)
        const expired = await call(t.app, 'POST', '/api/users/password-reset/confirm', { body: { user: { token, password: 'a brand new secret' } } })
        assert.equal(expired.statusCode, 422)
        const madeUp = await call(t.app, 'POST', '/api/users/password-reset/confirm', { body: { user: { token: 'x'.repeat(43), password: 'a brand new secret' } } })
        assert.equal(madeUp.statusCode, 422)
        assert.equal((await login(person.user.email, person.password)).statusCode, 200, 'the password did not change')
      })

      it('names a blank or malformed address', async () => {
        const blank = await call(t.app, 'POST', '/api/users/password-reset', { body: { user: { email: '' } } })
        assert.equal(blank.statusCode, 422)
        assert.deepEqual(blank.json().errors, { email: ["can't be blank"] })
      })
    })

    describe('e-mail verification', () => {
      it('mails a link on sign-up; following it verifies the address once, and the settings banner goes', async () => {
        const username = uniqueName('V')
        const email = `${username}@example.com`.toLowerCase()
        const signedUp = await call(t.app, 'POST', '/api/users', { body: { user: { username, email, password: 'password123' } }, headers: { 'x-forwarded-for': '10.9.0.1' } })
        assert.equal(signedUp.statusCode, 201)
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email, password: 'password123' } }))
        assert.match((await call(t.app, 'GET', '/settings', { cookie })).body, /Please confirm your e-mail address/)
        await runJobs()
        const token = tokenFrom(linkIn(latest(email, /Confirm/), '/verify-email/'))
        assert.equal((await call(t.app, 'POST', '/api/users/verify-email', { body: { user: { token } } })).statusCode, 204)
        assert.doesNotMatch((await call(t.app, 'GET', '/settings', { cookie })).body, /Please confirm your e-mail address/)
        assert.equal((await call(t.app, 'POST', '/api/users/verify-email', { body: { user: { token } } })).statusCode, 422)
      })

      it('lets an e-mail invitation be claimed only from a verified address', async () => {
        const owner = await makeUser(t.db)
        const slug = `pub-${randomBytes(4).toString('hex')}`
        assert.equal((await call(t.app, 'POST', '/api/publications', { token: owner.token, body: { publication: { name: 'Night Desk', slug } } })).statusCode, 201)
        const address = `${uniqueName('inv')}@example.com`.toLowerCase()
        assert.equal((await call(t.app, 'POST', `/api/publications/${slug}/members`, { token: owner.token, body: { member: { email: address, role: 'editor' } } })).statusCode, 201)
        const squatter = await call(t.app, 'POST', '/api/users', { body: { user: { username: uniqueName('sq'), email: address, password: 'password123' } }, headers: { 'x-forwarded-for': '10.9.0.2' } })
        const token = squatter.json().user.token
        assert.equal((await call(t.app, 'POST', `/api/publications/${slug}/invitations/accept`, { token })).statusCode, 404, 'not before the address is proved')
        await runJobs()
        const verify = tokenFrom(linkIn(latest(address, /Confirm/), '/verify-email/'))
        assert.equal((await call(t.app, 'POST', '/api/users/verify-email', { body: { user: { token: verify } } })).statusCode, 204)
        assert.equal((await call(t.app, 'POST', `/api/publications/${slug}/invitations/accept`, { token })).statusCode, 200)
      })

      it('changing the address by API unverifies it, mails the new one and tells the old one', async () => {
        const person = await makeUser(t.db)
        await t.db.kysely.updateTable('users').set({ email_verified_at: new Date() }).where('id', '=', person.user.id).execute()
        const newEmail = `${uniqueName('new')}@example.com`.toLowerCase()
        // RealWorld clients change the address with a token and no current password.
        const changed = await call(t.app, 'PUT', '/api/user', { token: person.token, body: { user: { email: newEmail } } })
        assert.equal(changed.statusCode, 200)
        await runJobs()
        assert.match(latest(person.user.email, /was changed/).text, new RegExp(`changed from ${person.user.email} to ${newEmail}`))
        linkIn(latest(newEmail, /Confirm/), '/verify-email/')
        const row = await t.db.kysely.selectFrom('users').select('email_verified_at').where('id', '=', person.user.id).executeTakeFirstOrThrow()
        assert.equal(row.email_verified_at, null)
      })

      it('asks a browser session for the current password before a new address or password', async () => {
        const person = await makeUser(t.db)
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: person.user.email, password: person.password } }))
        const refused = await call(t.app, 'PUT', '/api/user', { cookie, body: { user: { password: 'another password' } } })
        assert.equal(refused.statusCode, 422)
        assert.deepEqual(refused.json().errors, { currentPassword: ["can't be blank"] })
        const wrong = await call(t.app, 'PUT', '/api/user', { cookie, body: { user: { password: 'another password', currentPassword: 'not it at all' } } })
        assert.deepEqual(wrong.json().errors, { currentPassword: ['is incorrect'] })
        const form = { name: 'N', username: person.user.username, bio: '', image: '', email: `${uniqueName()}@example.com` }
        const page = await call(t.app, 'POST', '/settings', { cookie, form })
        assert.equal(page.statusCode, 422)
        assert.match(page.body, /Current password (can&#39;t|can't) be blank/)
        const ok = await call(t.app, 'POST', '/settings', { cookie, form: { ...form, currentPassword: person.password } })
        assert.equal(ok.statusCode, 303)
      })
    })

    describe('sign-in throttling', () => {
      it('backs off after repeated failures, refusing even the right password unchecked, then locks with Retry-After', async () => {
        const person = await makeUser(t.db)
        for (let i = 0; i < 3; i++) assert.equal((await login(person.user.email, 'wrong password')).statusCode, 401)
        const waiting = await login(person.user.email, person.password)
        assert.equal(waiting.statusCode, 429, 'within the back-off window the password is not even checked')
        assert.equal(waiting.headers['retry-after'], '1')
        assert.deepEqual(waiting.json().errors, { credentials: ['too many attempts; try again in 1 minute'] })
        const pass = () => t.db.kysely.updateTable('sign_in_throttles').set({ blocked_until: new Date(Date.now() - 1) }).where('key', '=', `account:${person.user.email}`).execute()
        for (let i = 0; i < 2; i++) {
          await pass()
          assert.equal((await login(person.user.email, 'wrong password')).statusCode, 401)
        }
        const locked = await login(person.user.email, person.password, '10.1.0.2')
        assert.equal(locked.statusCode, 429, 'locked from any address')
        assert.ok(Number(locked.headers['retry-after']) > 14 * 60 && Number(locked.headers['retry-after']) <= 15 * 60)
        assert.deepEqual(locked.json().errors, { credentials: ['too many attempts; try again in 15 minutes'] })
        const page = await call(t.app, 'POST', '/signin', { form: { email: person.user.email, password: person.password } })
        assert.equal(page.statusCode, 429)
        assert.match(page.body, /too many attempts; try again in 15 minutes/)
      })

      it('forgets an account’s failures at a success', async () => {
        const person = await makeUser(t.db)
        for (let i = 0; i < 2; i++) await login(person.user.email, 'wrong password')
        assert.equal((await login(person.user.email, person.password)).statusCode, 200)
        for (let i = 0; i < 2; i++) assert.equal((await login(person.user.email, 'wrong password')).statusCode, 401)
        assert.equal((await login(person.user.email, person.password)).statusCode, 200, 'the count started again')
      })

      it('limits the accounts one address creates per hour', async () => {
        const signUp = () => call(t.app, 'POST', '/api/users', {
          body: { user: { username: uniqueName('s'), email: `${uniqueName()}@example.com`, password: 'password123' } }, headers: { 'x-forwarded-for': '10.7.7.7' },
        })
        for (let i = 0; i < 3; i++) assert.equal((await signUp()).statusCode, 201)
        const refused = await signUp()
        assert.equal(refused.statusCode, 429)
        assert.equal(refused.headers['retry-after'], '3600')
        assert.match(refused.json().errors.email[0], /too many attempts; try again in 60 minutes/)
      })
    })

    describe('sessions', () => {
      it('lists sessions and tokens without their tokens, revokes one, then signs out everywhere', async () => {
        const person = await makeUser(t.db)
        const browser = await call(t.app, 'POST', '/signin', { form: { email: person.user.email, password: person.password }, headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0' } })
        const cookie = sessionCookieFrom(browser)
        const listed = await call(t.app, 'GET', '/api/user/sessions', { token: person.token })
        assert.equal(listed.statusCode, 200)
        const sessions: { id: string; kind: string; current: boolean; userAgent: string | null }[] = listed.json().sessions
        assert.equal(sessions.length, 2)
        assert.deepEqual(sessions.map((s) => s.kind).sort(), ['api', 'web'])
        assert.equal(sessions.find((s) => s.current)?.kind, 'api')
        const raw = cookie.split('=')[1]!
        for (const s of sessions) {
          for (const secret of [raw, person.token]) {
            assert.notEqual(s.id, secret)
            assert.ok(!createHash('sha256').update(secret).digest('hex').includes(s.id), 'not the stored hash either')
          }
        }
        const page = await call(t.app, 'GET', '/settings/security', { cookie })
        assert.match(page.body, /Chrome on Linux/)
        assert.match(page.body, /this device/)

        const web = sessions.find((s) => s.kind === 'web')!
        assert.equal((await call(t.app, 'DELETE', `/api/user/sessions/${web.id}`, { token: person.token })).statusCode, 204)
        assert.equal((await call(t.app, 'GET', '/settings/security', { cookie })).statusCode, 303, 'the browser is signed out')
        assert.equal((await call(t.app, 'DELETE', `/api/user/sessions/${web.id}`, { token: person.token })).statusCode, 404)
        const stranger = await makeUser(t.db)
        const theirs = (await call(t.app, 'GET', '/api/user/sessions', { token: stranger.token })).json().sessions[0].id
        assert.equal((await call(t.app, 'DELETE', `/api/user/sessions/${theirs}`, { token: person.token })).statusCode, 404, 'only one’s own')

        const second = (await login(person.user.email, person.password)).json().user.token
        assert.equal((await call(t.app, 'DELETE', '/api/user/sessions', { token: person.token })).statusCode, 204)
        assert.equal((await call(t.app, 'GET', '/api/user', { token: person.token })).statusCode, 401, 'this one too')
        assert.equal((await call(t.app, 'GET', '/api/user', { token: second })).statusCode, 401)
        assert.equal((await call(t.app, 'GET', '/api/user/sessions')).statusCode, 401)
      })
    })

    describe('DELETE /api/user', () => {
      const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`
      const article = async (slug: string) => (await call(t.app, 'GET', `/api/articles/${slug}`)).json().article
      const clap = async (reader: TestUser, slug: string, count: number) =>
        assert.equal((await call(t.app, 'POST', `/api/articles/${slug}/claps`, { token: reader.token, body: { count } })).statusCode, 200)

      async function scene() {
        const leaving = await makeUser(t.db)
        const writer = await makeUser(t.db)
        const fan = await makeUser(t.db)
        const theirStory = await makeStory(t.db, writer.user.id)
        const ownStory = await makeStory(t.db, leaving.user.id, { title: 'Leaving words' })
        await clap(leaving, slugOf(theirStory), 7)
        await clap(fan, slugOf(theirStory), 3)
        await clap(fan, slugOf(ownStory), 5)
        const response = await call(t.app, 'POST', `/api/articles/${slugOf(theirStory)}/comments`, { token: leaving.token, body: { comment: { body: 'Well said.' } } })
        assert.equal(response.statusCode, 201, response.body)
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: leaving.token })
        return { leaving, writer, fan, theirStory, ownStory }
      }

      it('needs the password, then removes everything and keeps the totals of others exact', async () => {
        const { leaving, theirStory, ownStory } = await scene()
        const before = await article(slugOf(theirStory))
        assert.equal(before.claps, 10)
        const wrong = await call(t.app, 'DELETE', '/api/user', { token: leaving.token, body: { user: { password: 'nope nope nope' } } })
        assert.equal(wrong.statusCode, 422)
        assert.deepEqual(wrong.json().errors, { password: ['is incorrect'] })
        assert.equal((await call(t.app, 'DELETE', '/api/user', { token: leaving.token, body: { user: { password: leaving.password, keepStories: false } } })).statusCode, 204)
        const after = await article(slugOf(theirStory))
        assert.equal(after.claps, 3, 'their 7 claps came off')
        assert.equal(after.favoritesCount ?? after.fans ?? 1, after.favoritesCount ?? after.fans ?? 1)
        const row = await t.db.kysely.selectFrom('stories').select(['clap_total', 'fan_count', 'response_count']).where('id', '=', theirStory.row.id).executeTakeFirstOrThrow()
        assert.deepEqual({ ...row }, { clap_total: 3, fan_count: 1, response_count: 0 })
        assert.equal((await call(t.app, 'GET', `/api/articles/${slugOf(ownStory)}`)).statusCode, 404)
        assert.equal((await call(t.app, 'GET', `/api/profiles/${leaving.user.username}`)).statusCode, 404)
        assert.equal((await call(t.app, 'GET', '/api/user', { token: leaving.token })).statusCode, 401)
      })

      it('keeps published stories and responses under “deleted user” when asked', async () => {
        const { leaving, theirStory, ownStory } = await scene()
        const draft = await makeStory(t.db, leaving.user.id, { title: 'Unfinished' })
        await t.db.kysely.updateTable('stories').set({ status: 'draft' }).where('id', '=', draft.row.id).execute()
        // The page cache holds the signed-out story page; the delete must empty it.
        const author = (await article(slugOf(ownStory))).author.username
        const pageBefore = await call(t.app, 'GET', `/@${author}/${slugOf(ownStory)}`)
        assert.equal(pageBefore.statusCode, 200)
        assert.equal((await call(t.app, 'DELETE', '/api/user', { token: leaving.token, body: { user: { password: leaving.password, keepStories: true } } })).statusCode, 204)
        const kept = await article(slugOf(ownStory))
        assert.equal(kept.author.username, 'deleted')
        assert.equal(kept.claps, 5, 'claps of others on the kept story stay')
        const comments = (await call(t.app, 'GET', `/api/articles/${slugOf(theirStory)}/comments`)).json().comments
        assert.deepEqual(comments.map((c: { author: { username: string } }) => c.author.username), ['deleted'])
        assert.equal((await article(slugOf(theirStory))).claps, 3)
        assert.equal(await t.db.kysely.selectFrom('stories').select('id').where('id', '=', draft.row.id).executeTakeFirst(), undefined, 'drafts go')
        const profile = await call(t.app, 'GET', '/@deleted')
        assert.match(profile.body, /This account was deleted/)
        assert.equal((await login('deleted@deleted.invalid', '')).statusCode, 422)
        const pageAfter = await call(t.app, 'GET', `/@${author}/${slugOf(ownStory)}`)
        assert.notEqual(pageAfter.statusCode, 200, 'the cached page under the old name is gone')

        // A second deleted account shares the same placeholder.
        const another = await scene()
        assert.equal((await call(t.app, 'DELETE', '/api/user', { token: another.leaving.token, body: { user: { password: another.leaving.password, keepStories: true } } })).statusCode, 204)
        const placeholders = await t.db.kysely.selectFrom('users').select('id').where('is_placeholder', '=', 1).execute()
        assert.equal(placeholders.length, 1)
      })

      it('refuses while the person is the only owner of a publication', async () => {
        const owner = await makeUser(t.db)
        const slug = `pub-${randomBytes(4).toString('hex')}`
        assert.equal((await call(t.app, 'POST', '/api/publications', { token: owner.token, body: { publication: { name: 'Solo Press', slug } } })).statusCode, 201)
        const refused = await call(t.app, 'DELETE', '/api/user', { token: owner.token, body: { user: { password: owner.password } } })
        assert.equal(refused.statusCode, 409)
        assert.match(refused.json().errors.publications[0], /only owner of Solo Press/)
        assert.equal((await call(t.app, 'GET', '/api/user', { token: owner.token })).statusCode, 200, 'nothing changed')
      })
    })
  })
}
