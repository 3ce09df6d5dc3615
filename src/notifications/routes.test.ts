import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { SMTPServer } from 'smtp-server'
import type { AddressInfo } from 'node:net'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, TEST_ORIGIN, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, type TestUser } from '../testing/factories.ts'
import { loadConfig } from '../config.ts'
import { runDueJobs } from '../jobs/service.ts'
import { closeMailTransports } from '../email/service.ts'

type Received = { to: string; raw: string }

/** A mail's text as written: nodemailer sends it quoted-printable (soft breaks, =XX bytes). */
function quotedPrintable(raw: string): string {
  const joined = raw.replace(/=\r\n/g, '')
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
}

/** A real SMTP server on a free port; `failNext` refuses that many messages first. */
async function startSmtp() {
  const received: Received[] = []
  const state = { failNext: 0 }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => { raw += chunk.toString('utf8') })
      stream.on('end', () => {
        if (state.failNext > 0) {
          state.failNext -= 1
          return callback(Object.assign(new Error('try again later'), { responseCode: 451 }))
        }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  return { received, state, url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

for (const engine of engines()) {
  describe(`notifications (${engine})`, () => {
    let t: TestApp
    let smtp: Awaited<ReturnType<typeof startSmtp>>
    let env: Record<string, string>
    before(async () => {
      smtp = await startSmtp()
      env = { SMTP_URL: smtp.url }
      t = await buildTestApp(engine, env)
    })
    after(async () => {
      closeMailTransports()
      await t.close()
      await smtp.close()
    })
    const config = () => loadConfig({ BASE_URL: TEST_ORIGIN, SEED_DEMO: '0', ...env })
    const list = async (user: TestUser) => {
      const response = await call(t.app, 'GET', '/api/notifications', { token: user.token })
      assert.equal(response.statusCode, 200, response.body)
      return response.json()
    }
    const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`
    const cookieOf = async (user: TestUser) => sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: user.user.email, password: user.password } }))

    describe('GET /api/notifications', () => {
      it('announces a new follower once, with their profile', async () => {
        const writer = await makeUser(t.db)
        const reader = await makeUser(t.db)
        for (let i = 0; i < 2; i++) await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: reader.token })
        const body = await list(writer)
        assert.equal(body.unreadCount, 1)
        assert.equal(body.notifications.length, 1)
        const [n] = body.notifications
        assert.equal(n.type, 'follow')
        assert.deepEqual(n.actors, [{ username: reader.user.username, bio: null, image: null, following: false }])
        assert.equal(n.count, 1)
        assert.equal(n.article, null)
        assert.equal(n.read, false)
        assert.equal(new Date(n.createdAt).toISOString(), n.createdAt)
        assert.equal((await list(reader)).notifications.length, 0, 'the follower is told nothing')
        await call(t.app, 'POST', `/api/profiles/${reader.user.username}/follow`, { token: writer.token })
        const back = (await list(writer)).notifications.find((x: { type: string }) => x.type === 'follow')
        assert.equal(back.actors[0].following, true, 'the actor as the reader sees them: now followed back')
      })

      it('gathers the claps on a story into one notification until it is read', async () => {
        const writer = await makeUser(t.db)
        const story = await makeStory(t.db, writer.user.id, { title: 'Ferries at dawn' })
        const fans = [await makeUser(t.db, { name: 'Ben' }), await makeUser(t.db, { name: 'Cy' }), await makeUser(t.db, { name: 'Ana' })]
        for (const fan of fans) {
          await call(t.app, 'POST', `/api/articles/${slugOf(story)}/claps`, { token: fan.token, body: { count: 3 } })
          await call(t.app, 'POST', `/api/articles/${slugOf(story)}/claps`, { token: fan.token, body: { count: 2 } })
        }
        let body = await list(writer)
        assert.equal(body.notifications.length, 1)
        assert.equal(body.notifications[0].type, 'clap')
        assert.equal(body.notifications[0].count, 3)
        assert.deepEqual(body.notifications[0].article, { slug: slugOf(story), title: 'Ferries at dawn' })
        assert.deepEqual(body.notifications[0].actors.map((a: { username: string }) => a.username), [...fans].reverse().map((f) => f?.user.username), 'newest first')
        const page = await call(t.app, 'GET', '/notifications', { cookie: await cookieOf(writer) })
        assert.match(page.body, /Ana and 2 others<\/a> applauded <a href="[^"]+">Ferries at dawn<\/a>/)

        const read = await call(t.app, 'POST', '/api/notifications/read', { token: writer.token, body: { ids: [body.notifications[0].id] } })
        assert.equal(read.statusCode, 200)
        assert.equal(read.json().unreadCount, 0)
        assert.equal(read.json().notifications[0].read, true)
        await call(t.app, 'POST', `/api/articles/${slugOf(story)}/claps`, { token: (await makeUser(t.db)).token, body: { count: 1 } })
        body = await list(writer)
        assert.equal(body.notifications.length, 2, 'a clap after reading starts a new notification')
        assert.equal(body.unreadCount, 1)
      })

      it('tells no one of their own claps', async () => {
        const writer = await makeUser(t.db)
        const story = await makeStory(t.db, writer.user.id)
        assert.equal((await call(t.app, 'POST', `/api/articles/${slugOf(story)}/favorite`, { token: writer.token })).statusCode, 200)
        assert.equal((await list(writer)).notifications.length, 0)
      })

      it('requires sign-in', async () => {
        for (const [method, url] of [['GET', '/api/notifications'], ['POST', '/api/notifications/read'], ['GET', '/api/notifications/unread']] as const) {
          const response = await call(t.app, method, url)
          assert.equal(response.statusCode, 401, url)
          assert.deepEqual(response.json().errors, { token: ['is missing'] })
        }
      })
    })

    describe('POST /api/notifications/read', () => {
      it('marks all read without a body, and only the reader’s own', async () => {
        const writer = await makeUser(t.db)
        const other = await makeUser(t.db)
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: (await makeUser(t.db)).token })
        await call(t.app, 'POST', `/api/profiles/${other.user.username}/follow`, { token: (await makeUser(t.db)).token })
        const theirs = (await list(other)).notifications[0].id
        const response = await call(t.app, 'POST', '/api/notifications/read', { token: writer.token, body: { ids: [theirs] } })
        assert.equal(response.statusCode, 200)
        assert.equal((await list(other)).unreadCount, 1, "another reader's notification is untouched")
        const all = await call(t.app, 'POST', '/api/notifications/read', { token: writer.token })
        assert.equal(all.json().unreadCount, 0)
        assert.deepEqual((await call(t.app, 'GET', '/api/notifications/unread', { token: writer.token })).json(), { unreadCount: 0 })
      })
      it('refuses ids that are not ids', async () => {
        const reader = await makeUser(t.db)
        for (const body of [{ ids: ['x'] }, { ids: [0] }, { other: 1 }]) {
          const response = await call(t.app, 'POST', '/api/notifications/read', { token: reader.token, body })
          assert.equal(response.statusCode, 422, JSON.stringify(body))
          assert.ok(response.json().errors)
        }
      })
    })

    describe('e-mail', () => {
      it('sends an immediate notice through SMTP with a one-click unsubscribe, retrying a refused send', async () => {
        const writer = await makeUser(t.db)
        const cookie = await cookieOf(writer)
        assert.equal((await call(t.app, 'POST', '/notifications/settings', { cookie, form: { immediate: '1' } })).statusCode, 303)
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: (await makeUser(t.db, { name: 'Bea Reader' })).token })
        // Sign-up queues an address verification mail (issue 9); this test counts only notices.
        await t.db.kysely.deleteFrom('jobs').where('kind', '=', 'accounts.verify-email').execute()
        assert.deepEqual(await runDueJobs(t.db, config()), { ran: 0, failed: 0 }, 'not before the minute is up')
        smtp.state.failNext = 1
        const later = new Date(Date.now() + 2 * 60_000)
        assert.equal((await runDueJobs(t.db, config(), { now: later })).failed, 1)
        await runDueJobs(t.db, config(), { now: new Date(Date.now() + 10 * 60_000) })
        const mail = smtp.received.filter((m) => m.to === writer.user.email)
        assert.equal(mail.length, 1)
        assert.match(quotedPrintable(mail[0]?.raw ?? ''), /Bea Reader started following you/)
        const unsubscribe = /List-Unsubscribe:\s*<([^>]+)>/.exec(mail[0]?.raw ?? '')
        assert.ok(unsubscribe, 'a List-Unsubscribe header')
        assert.match(mail[0]?.raw ?? '', /List-Unsubscribe-Post: List-Unsubscribe=One-Click/)
        const path = (unsubscribe[1] as string).slice(TEST_ORIGIN.length)
        const done = await call(t.app, 'POST', path, { form: { 'List-Unsubscribe': 'One-Click' }, headers: { origin: 'null' } })
        assert.equal(done.statusCode, 200)
        assert.match(done.body, /You are unsubscribed/)
        const settings = await call(t.app, 'GET', '/notifications', { cookie })
        assert.doesNotMatch(settings.body, /name="immediate" value="1" checked/)
        assert.equal((await call(t.app, 'POST', '/notifications/unsubscribe/not-a-real-token-at-all', { form: {} })).statusCode, 422)
      })

      it('sends a daily digest the next morning', async () => {
        const writer = await makeUser(t.db)
        await call(t.app, 'POST', '/notifications/settings', { cookie: await cookieOf(writer), form: { digest: '1' } })
        const story = await makeStory(t.db, writer.user.id, { title: 'Digest me' })
        for (let i = 0; i < 2; i++) await call(t.app, 'POST', `/api/articles/${slugOf(story)}/claps`, { token: (await makeUser(t.db)).token, body: { count: 1 } })
        await call(t.app, 'POST', `/api/profiles/${writer.user.username}/follow`, { token: (await makeUser(t.db)).token })
        // Sign-up queues an address verification mail (issue 9); this test counts only notices.
        await t.db.kysely.deleteFrom('jobs').where('kind', '=', 'accounts.verify-email').execute()
        await runDueJobs(t.db, config(), { now: new Date(Date.now() + 25 * 3_600_000) })
        const mail = smtp.received.filter((m) => m.to === writer.user.email)
        assert.equal(mail.length, 1)
        assert.match(mail[0]?.raw ?? '', /Subject: Your Ovation digest: 2 new/)
        assert.match(quotedPrintable(mail[0]?.raw ?? ''), /and 1 other applauded “Digest me”/)
      })
    })
  })
}
