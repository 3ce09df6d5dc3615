import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeUser, uniqueName } from '../testing/factories.ts'

for (const engine of engines()) {
  describe(`accounts (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    describe('POST /api/users', () => {
      it('registers a user and answers with a token', async () => {
        const username = uniqueName('Reg')
        const response = await call(t.app, 'POST', '/api/users', {
          body: { user: { username, email: `${username}@Example.com`, password: 'password123' } },
        })
        assert.equal(response.statusCode, 201)
        const { user } = response.json()
        assert.equal(user.username, username)
        assert.equal(user.email, `${username}@example.com`.toLowerCase())
        assert.equal(user.bio, null)
        assert.equal(user.image, null)
        assert.ok(user.token.length > 20)
        assert.equal(user.password_hash, undefined)
        const me = await call(t.app, 'GET', '/api/user', { token: user.token })
        assert.equal(me.json().user.username, username)
      })

      it('refuses a username taken in another case', async () => {
        const { user } = await makeUser(t.db)
        const response = await call(t.app, 'POST', '/api/users', {
          body: { user: { username: user.username.toUpperCase(), email: `${uniqueName()}@example.com`, password: 'password123' } },
        })
        assert.equal(response.statusCode, 409)
        assert.deepEqual(response.json().errors, { username: ['has already been taken'] })
      })

      it('names every blank field', async () => {
        const response = await call(t.app, 'POST', '/api/users', { body: { user: { username: '', email: '', password: '' } } })
        assert.equal(response.statusCode, 422)
        const { errors } = response.json()
        assert.deepEqual(errors.username, ["can't be blank"])
        assert.deepEqual(errors.email, ["can't be blank"])
        assert.deepEqual(errors.password, ["can't be blank"])
      })

      it('refuses a password shorter than eight characters', async () => {
        const username = uniqueName()
        const response = await call(t.app, 'POST', '/api/users', { body: { user: { username, email: `${username}@example.com`, password: 'short7c' } } })
        assert.equal(response.statusCode, 422)
        assert.match(response.json().errors.password[0], /too short/)
      })

      it('answers 422 for a body without user', async () => {
        const response = await call(t.app, 'POST', '/api/users', { body: { username: 'x' } })
        assert.equal(response.statusCode, 422)
        assert.deepEqual(response.json().errors.user, ["can't be blank"])
      })
    })

    describe('POST /api/users/login', () => {
      it('signs in with the right password', async () => {
        const { user, password } = await makeUser(t.db)
        const response = await call(t.app, 'POST', '/api/users/login', { body: { user: { email: user.email.toUpperCase(), password } } })
        assert.equal(response.statusCode, 200)
        assert.equal(response.json().user.username, user.username)
      })

      it('answers 401 with credentials invalid for a wrong password', async () => {
        const { user } = await makeUser(t.db)
        const response = await call(t.app, 'POST', '/api/users/login', { body: { user: { email: user.email, password: 'wrong password' } } })
        assert.equal(response.statusCode, 401)
        assert.deepEqual(response.json().errors, { credentials: ['invalid'] })
      })
    })

    describe('GET and PUT /api/user', () => {
      it('requires a token', async () => {
        const response = await call(t.app, 'GET', '/api/user')
        assert.equal(response.statusCode, 401)
        assert.deepEqual(response.json().errors, { token: ['is missing'] })
      })

      it('refuses an unknown token', async () => {
        const response = await call(t.app, 'GET', '/api/user', { token: 'nonsense' })
        assert.equal(response.statusCode, 401)
        assert.deepEqual(response.json().errors, { token: ['is invalid'] })
      })

      it('updates bio, image and password, and an empty bio becomes null', async () => {
        const { user, token } = await makeUser(t.db)
        let response = await call(t.app, 'PUT', '/api/user', { token, body: { user: { bio: 'Writes about trains', image: 'https://example.com/a.png' } } })
        assert.equal(response.statusCode, 200)
        assert.equal(response.json().user.bio, 'Writes about trains')
        response = await call(t.app, 'PUT', '/api/user', { token, body: { user: { bio: '', password: 'a new password' } } })
        assert.equal(response.json().user.bio, null)
        response = await call(t.app, 'POST', '/api/users/login', { body: { user: { email: user.email, password: 'a new password' } } })
        assert.equal(response.statusCode, 200)
      })

      it('refuses a blank email and changes nothing', async () => {
        const { user, token } = await makeUser(t.db)
        const response = await call(t.app, 'PUT', '/api/user', { token, body: { user: { email: '', bio: 'changed' } } })
        assert.equal(response.statusCode, 422)
        const me = await call(t.app, 'GET', '/api/user', { token })
        assert.equal(me.json().user.email, user.email)
        assert.equal(me.json().user.bio, null)
      })

      it('refuses an image that is not an http(s) URL', async () => {
        const { token } = await makeUser(t.db)
        const response = await call(t.app, 'PUT', '/api/user', { token, body: { user: { image: 'javascript:alert(1)' } } })
        assert.equal(response.statusCode, 422)
      })
    })

    describe('DELETE /api/user/token', () => {
      it('revokes the token it is called with, and only that one', async () => {
        const { user, token, password } = await makeUser(t.db)
        const second = (await call(t.app, 'POST', '/api/users/login', { body: { user: { email: user.email, password } } })).json().user.token
        assert.equal((await call(t.app, 'DELETE', '/api/user/token', { token })).statusCode, 204)
        assert.equal((await call(t.app, 'GET', '/api/user', { token })).statusCode, 401)
        assert.equal((await call(t.app, 'GET', '/api/user', { token: second })).statusCode, 200)
      })
    })

    describe('pages', () => {
      it('signs up with the form, stays signed in by cookie, and signs out', async () => {
        const username = uniqueName()
        const signUp = await call(t.app, 'POST', '/signup', { form: { name: 'Ann Writer', username, email: `${username}@example.com`, password: 'password123' } })
        assert.equal(signUp.statusCode, 303)
        const setCookie = String(signUp.headers['set-cookie'])
        assert.match(setCookie, /HttpOnly/)
        assert.match(setCookie, /SameSite=Lax/)
        const cookie = sessionCookieFrom(signUp)
        const home = await call(t.app, 'GET', '/signin', { cookie })
        assert.equal(home.statusCode, 302, 'a signed-in reader is sent on from the sign-in page')
        const signOut = await call(t.app, 'POST', '/signout', { cookie })
        assert.equal(signOut.statusCode, 303)
        const again = await call(t.app, 'GET', '/signin', { cookie })
        assert.equal(again.statusCode, 200, 'the session is gone after sign-out')
      })

      it('shows the form again with the message for a wrong password', async () => {
        const { user } = await makeUser(t.db)
        const response = await call(t.app, 'POST', '/signin', { form: { email: user.email, password: 'nope nope nope' } })
        assert.equal(response.statusCode, 422)
        assert.match(response.body, /Email or password is incorrect/)
        assert.match(response.body, new RegExp(`value="${user.email}"`))
      })

      it('returns to the page named in next, but never to another site', async () => {
        const { user, password } = await makeUser(t.db)
        let response = await call(t.app, 'POST', '/signin', { form: { email: user.email, password, next: '/@someone/a-story-abc123' } })
        assert.equal(response.headers.location, '/@someone/a-story-abc123')
        response = await call(t.app, 'POST', '/signin', { form: { email: user.email, password, next: '//evil.example.com/' } })
        assert.equal(response.headers.location, '/')
      })

      it('edits the profile on the settings page and shows a taken username beside its field', async () => {
        const { user, password } = await makeUser(t.db)
        const other = await makeUser(t.db)
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: user.email, password } }))
        const page = await call(t.app, 'GET', '/settings', { cookie })
        assert.match(page.body, new RegExp(`value="${user.username}"`))
        const form = { name: 'Ann Writer', username: user.username, bio: 'Writes about trains', image: '', email: user.email, password: '' }
        const saved = await call(t.app, 'POST', '/settings', { cookie, form })
        assert.equal(saved.headers.location, '/settings?saved=1')
        const me = (await call(t.app, 'GET', `/api/profiles/${user.username}`)).json().profile
        assert.equal(me.bio, 'Writes about trains')
        const taken = await call(t.app, 'POST', '/settings', { cookie, form: { ...form, username: other.user.username } })
        assert.equal(taken.statusCode, 422)
        assert.match(taken.body, /Username has already been taken/)
        assert.equal((await call(t.app, 'GET', '/settings')).statusCode, 303, 'signed out, settings start with signing in')
      })

      it('refuses a cookie-authenticated post from another site', async () => {
        const { user, password } = await makeUser(t.db)
        const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: user.email, password } }))
        const response = await call(t.app, 'POST', '/signout', { cookie, headers: { origin: 'https://evil.example.com' } })
        assert.equal(response.statusCode, 403)
        const still = await call(t.app, 'GET', '/signin', { cookie })
        assert.equal(still.statusCode, 302, 'the session survived the forged request')
      })
    })
  })
}

describe('sign-in rate limit', () => {
  it('answers 429 with Retry-After after too many attempts on one account', async () => {
    const t = await buildTestApp('sqlite', { SIGNIN_RATE_LIMIT: '3' })
    try {
      const body = { user: { email: 'nobody@example.com', password: 'wrong password' } }
      for (let i = 0; i < 3; i++) assert.equal((await call(t.app, 'POST', '/api/users/login', { body })).statusCode, 401)
      const limited = await call(t.app, 'POST', '/api/users/login', { body })
      assert.equal(limited.statusCode, 429)
      assert.ok(Number(limited.headers['retry-after']) > 0)
      const other = await call(t.app, 'POST', '/api/users/login', { body: { user: { email: 'other@example.com', password: 'wrong password' } } })
      assert.equal(other.statusCode, 401, 'another account is not locked out')
    } finally {
      await t.close()
    }
  })
})
