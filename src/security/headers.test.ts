// Response headers, cookies and cross-site requests (issue 9): what a browser is told about every
// kind of answer we give, over real HTTP (pages served from the page cache included), and what
// happens when another site makes a signed-in reader's browser post one of our forms.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'node-html-parser'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, type TestUser } from '../testing/factories.ts'
import { multipart, photo } from '../media/testing.ts'

const EVIL = 'https://evil.example.com'

/** The CSP header as directive → sources. */
function policyOf(header: string | null | undefined): Map<string, string[]> {
  assert.ok(header, 'a Content-Security-Policy header')
  return new Map(header.split(';').map((part) => part.trim().split(/\s+/)).map(([name = '', ...sources]) => [name, sources]))
}

function assertStrictHeaders(headers: Headers, what: string) {
  const policy = policyOf(headers.get('content-security-policy'))
  const scripts = policy.get('script-src') ?? []
  assert.equal(scripts[0], "'self'", `${what}: scripts from our origin`)
  for (const source of scripts.slice(1)) assert.match(source, /^'sha256-[A-Za-z0-9+/=]+'$/, `${what}: only hashed inline scripts, not ${source}`)
  assert.deepEqual(policy.get('object-src'), ["'none'"], what)
  assert.deepEqual(policy.get('base-uri'), ["'none'"], what)
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"], what)
  assert.deepEqual(policy.get('form-action'), ["'self'"], what)
  assert.deepEqual(policy.get('script-src-attr'), ["'none'"], `${what}: no on* handlers run`)
  assert.deepEqual(policy.get('default-src'), ["'self'"], what)
  assert.equal(headers.get('x-content-type-options'), 'nosniff', what)
  assert.equal(headers.get('referrer-policy'), 'strict-origin-when-cross-origin', what)
  assert.equal(headers.get('strict-transport-security'), null, `${what}: no HSTS on a plain-http site`)
}

/** Every inline script's hash is in the policy, and no element carries an on* handler or a javascript: link. */
function assertNoInlineCode(html: string, csp: string, what: string) {
  const allowed = policyOf(csp).get('script-src') ?? []
  const root = parse(html)
  for (const script of root.querySelectorAll('script')) {
    if (script.getAttribute('src')) continue
    if (/json/.test(script.getAttribute('type') ?? '')) continue // data, never run
    const hash = `'sha256-${createHash('sha256').update(script.rawText).digest('base64')}'`
    assert.ok(allowed.includes(hash), `${what}: an inline script the policy does not name (${script.rawText.slice(0, 60)})`)
  }
  for (const element of root.querySelectorAll('*')) {
    for (const [name, value] of Object.entries(element.attributes)) {
      assert.ok(!/^on/i.test(name), `${what}: <${element.rawTagName} ${name}>`)
      if (name === 'href' || name === 'action' || name === 'formaction') assert.ok(!/^\s*javascript:/i.test(value), `${what}: ${name}=${value}`)
    }
  }
}

for (const engine of engines()) {
  describe(`headers and cookies (${engine})`, () => {
    let t: TestApp
    let base: string
    let dataDir: string
    let writer: TestUser
    let storyPath: string
    let cookie: string

    before(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'ovation-headers-'))
      t = await buildTestApp(engine, { DATA_DIR: dataDir })
      base = await t.app.listen({ port: 0, host: '127.0.0.1' })
      writer = await makeUser(t.db)
      const story = await makeStory(t.db, writer.user.id, { title: 'Headers and their reasons' })
      storyPath = `/@${writer.user.username}/${story.row.slug}-${story.row.short_id}`
      cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: writer.user.email, password: writer.password } }))
    })
    after(async () => {
      await t.close()
      rmSync(dataDir, { recursive: true, force: true })
    })

    it('sends a strict policy with a story page, also when it comes from the page cache', async () => {
      for (const round of ['rendered', 'cached']) {
        const response = await fetch(base + storyPath)
        assert.equal(response.status, 200)
        assertStrictHeaders(response.headers, `story page (${round})`)
        assertNoInlineCode(await response.text(), response.headers.get('content-security-policy') as string, `story page (${round})`)
      }
    })

    it('sends it with API answers and error pages too', async () => {
      for (const path of ['/api/articles', '/api/articles/no-such-story', '/no/such/page', '/@nobody-at-all']) {
        const response = await fetch(base + path)
        assertStrictHeaders(response.headers, path)
        await response.arrayBuffer()
      }
      const page = await fetch(base + '/no/such/page')
      assert.equal(page.status, 404)
      assertNoInlineCode(await page.text(), page.headers.get('content-security-policy') as string, 'error page')
    })

    it('renders no inline code on any page a reader or writer sees', async () => {
      const headers = { cookie, origin: base }
      for (const path of ['/', storyPath, `/@${writer.user.username}`, '/search?q=headers', '/signin', '/signup', '/settings', '/new-story', '/me/stories', '/notifications', '/me/lists']) {
        const signedIn = !['/signin', '/signup'].includes(path)
        const response = await fetch(base + path, { redirect: 'manual', ...(signedIn ? { headers } : {}) })
        assert.equal(response.status, 200, `${path} answered ${response.status}`)
        assertNoInlineCode(await response.text(), response.headers.get('content-security-policy') as string, path)
      }
    })

    it('serves an uploaded file as WebP, never sniffed, whatever was uploaded', async () => {
      const form = multipart({ file: { filename: 'page.html', contentType: 'text/html', data: await photo(40, 30, 'png') } })
      const upload = await t.app.inject({ method: 'POST', url: '/api/uploads', headers: { 'content-type': form.contentType, authorization: `Token ${writer.token}` }, payload: form.payload })
      assert.equal(upload.statusCode, 200, upload.body)
      const url = new URL(upload.json().upload.url, base)
      const media = await fetch(new URL(url.pathname, base))
      assert.equal(media.status, 200)
      assert.equal(media.headers.get('content-type'), 'image/webp')
      assert.equal(media.headers.get('x-content-type-options'), 'nosniff')
      assert.equal(media.headers.get('content-disposition'), 'inline')
      const html = multipart({ file: { filename: 'x.png', contentType: 'image/png', data: Buffer.from('<html><script>alert(1)</script></html>') } })
      const refused = await t.app.inject({ method: 'POST', url: '/api/uploads', headers: { 'content-type': html.contentType, authorization: `Token ${writer.token}` }, payload: html.payload })
      assert.equal(refused.statusCode, 422, 'HTML dressed as an image is refused')
    })

    it('offers an export as a download, not a page', async () => {
      const response = await fetch(base + '/api/user/export', { headers: { authorization: `Token ${writer.token}` } })
      assert.equal(response.status, 200)
      assert.match(response.headers.get('content-disposition') ?? '', /^attachment; filename="[^"]+\.zip"$/)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
      await response.arrayBuffer()
    })

    it('sets the session cookie HttpOnly, SameSite=Lax, for the whole site, not Secure on plain http', async () => {
      const response = await call(t.app, 'POST', '/signin', { form: { email: writer.user.email, password: writer.password } })
      const session = response.cookies.find((c) => c.name === 'ovation_session')
      assert.ok(session)
      assert.equal(session.httpOnly, true)
      assert.equal(session.sameSite, 'Lax')
      assert.equal(session.path, '/')
      assert.ok(!session.secure)
    })

    describe('a form posted from another site with the reader’s cookie', () => {
      // Each way a browser can reveal another site: Origin, Sec-Fetch-Site, or (old browsers) only a Referer.
      const crossSite = [{ origin: EVIL }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { referer: `${EVIL}/page` }, { origin: 'null' }]

      it('is refused with 403 and changes nothing: sign-out, clap, follow, settings', async () => {
        const reader = await makeUser(t.db)
        const story = await makeStory(t.db, writer.user.id)
        const slug = `${story.row.slug}-${story.row.short_id}`
        const readerCookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: reader.user.email, password: reader.password } }))
        const settings = { name: 'Pwned', username: reader.user.username, bio: 'pwned', image: '', email: reader.user.email }
        for (const headers of crossSite) {
          for (const [path, form] of [['/signout', {}], [`/claps/${slug}`, { count: '5' }], [`/@${writer.user.username}/follow`, {}], ['/settings', settings]] as const) {
            const response = await t.app.inject({
              method: 'POST', url: path, payload: new URLSearchParams(form).toString(),
              headers: { cookie: readerCookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
            })
            assert.equal(response.statusCode, 403, `${path} with ${JSON.stringify(headers)}`)
          }
        }
        const claps = await t.db.kysely.selectFrom('claps').select('count').where('user_id', '=', reader.user.id).execute()
        const follows = await t.db.kysely.selectFrom('follows').select('followee_id').where('follower_id', '=', reader.user.id).execute()
        const me = (await call(t.app, 'GET', '/api/user', { cookie: readerCookie })).json().user
        assert.deepEqual([claps, follows, me.bio ?? null], [[], [], reader.user.bio ?? null], 'nothing changed')
        assert.equal((await call(t.app, 'GET', '/signin', { cookie: readerCookie })).statusCode, 302, 'still signed in')

        // The same posts from our own pages work.
        for (const [path, form] of [[`/claps/${slug}`, { count: '5' }], [`/@${writer.user.username}/follow`, {}], ['/settings', settings], ['/signout', {}]] as const) {
          const response = await call(t.app, 'POST', path, { cookie: readerCookie, form, headers: { 'sec-fetch-site': 'same-origin' } })
          assert.equal(response.statusCode, 303, `${path} from our own page`)
        }
        assert.equal((await t.db.kysely.selectFrom('claps').select('count').where('user_id', '=', reader.user.id).executeTakeFirst())?.count, 5)
      })

      it('cannot sign a reader in to another account (login CSRF), while API clients elsewhere still can', async () => {
        for (const headers of crossSite.slice(0, 3)) {
          const response = await t.app.inject({
            method: 'POST', url: '/signin', payload: new URLSearchParams({ email: writer.user.email, password: writer.password }).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          })
          assert.equal(response.statusCode, 403, JSON.stringify(headers))
          assert.equal(response.cookies.length, 0, 'no session was started')
          const signUp = await t.app.inject({
            method: 'POST', url: '/signup', payload: new URLSearchParams({ name: 'Planted', username: `planted${Date.now()}`, email: `planted${Date.now()}@example.com`, password: 'a long enough password' }).toString(),
            headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
          })
          assert.equal(signUp.statusCode, 403, `sign-up with ${JSON.stringify(headers)}`)
        }
        const slashed = await call(t.app, 'POST', '/signin/', { form: { email: writer.user.email, password: writer.password }, headers: { origin: EVIL } })
        assert.equal(slashed.statusCode, 403, 'the same form by its other address')
        const unsubscribe = await call(t.app, 'POST', '/notifications/unsubscribe/not-a-real-token-at-all', { form: {}, headers: { 'sec-fetch-site': 'cross-site' } })
        assert.notEqual(unsubscribe.statusCode, 403, 'other signed-out forms (a one-click unsubscribe) may come from anywhere')
        const api = await call(t.app, 'POST', '/api/users/login', { body: { user: { email: writer.user.email, password: writer.password } }, headers: { origin: 'https://a-realworld-frontend.example' } })
        assert.equal(api.statusCode, 200, 'a RealWorld front end on another origin signs in with JSON')
        const own = await call(t.app, 'POST', '/signin', { form: { email: writer.user.email, password: writer.password }, headers: { 'sec-fetch-site': 'same-origin' } })
        assert.equal(own.statusCode, 303)
      })
    })
  })
}

describe('on an https site', () => {
  it('sends HSTS and marks the session cookie Secure', async () => {
    const t = await buildTestApp('sqlite', { BASE_URL: 'https://ovation.example' })
    try {
      const user = await makeUser(t.db)
      const page = await t.app.inject({ method: 'GET', url: '/signin' })
      assert.match(String(page.headers['strict-transport-security']), /max-age=\d+/)
      assert.match(String(page.headers['content-security-policy']), /upgrade-insecure-requests/)
      const signIn = await t.app.inject({
        method: 'POST', url: '/signin', payload: new URLSearchParams({ email: user.user.email, password: user.password }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://ovation.example' },
      })
      const session = signIn.cookies.find((c) => c.name === 'ovation_session')
      assert.equal(session?.secure, true)
      assert.equal(session?.httpOnly, true)
    } finally {
      await t.close()
    }
  })
})
