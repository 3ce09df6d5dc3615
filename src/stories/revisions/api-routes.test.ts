import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../../testing/app.ts'
import { makeUser } from '../../testing/factories.ts'
import { loadConfig } from '../../config.ts'
import { runDueJobs } from '../../jobs/service.ts'

const doc = (text: string, id = 'p1') => ({ version: 1, blocks: [{ id, type: 'paragraph', content: [{ text }] }] })

for (const engine of engines()) {
  describe(`studio API: versions, revisions, scheduling (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const create = (token: string, article: Record<string, unknown>) =>
      call(t.app, 'POST', '/api/articles', { token, body: { article: { title: 'Night trains', document: doc('A sleeper carriage.'), ...article } } })
    const update = (token: string, slug: string, article: Record<string, unknown>) =>
      call(t.app, 'PUT', `/api/articles/${slug}`, { token, body: { article } })

    describe('saving the editor’s document', () => {
      it('creates a draft from a block document without a subtitle and keeps the block ids', async () => {
        const { token } = await makeUser(t.db)
        const response = await create(token, { status: 'draft', document: doc('First words.', 'keepme') })
        assert.equal(response.statusCode, 201)
        const { article } = response.json()
        assert.equal(article.version, 1)
        assert.equal(article.body, 'First words.')
        const saved = await t.db.kysely.selectFrom('stories').select('body').where('short_id', '=', article.slug.split('-').pop()).executeTakeFirstOrThrow()
        assert.equal(JSON.parse(saved.body).blocks[0].id, 'keepme')
      })

      it('refuses a document that is not one with 422, naming the problem', async () => {
        const { token } = await makeUser(t.db)
        const response = await create(token, { status: 'draft', document: { version: 1, blocks: [{ id: 'a', type: 'script', content: [] }] } })
        assert.equal(response.statusCode, 422)
        assert.ok(response.json().errors.document)
      })
    })

    describe('PUT /api/articles/:slug with a version', () => {
      it('bumps the version on every save', async () => {
        const { token } = await makeUser(t.db)
        const { article } = (await create(token, { status: 'draft' })).json()
        const saved = await update(token, article.slug, { document: doc('Second.'), version: 1 })
        assert.equal(saved.statusCode, 200)
        assert.equal(saved.json().article.version, 2)
        assert.equal(saved.json().article.body, 'Second.')
      })

      it('answers a stale save from a second tab with 409 and changes nothing', async () => {
        const { token } = await makeUser(t.db)
        const { article } = (await create(token, { status: 'draft' })).json()
        assert.equal((await update(token, article.slug, { document: doc('Tab one.'), version: 1 })).statusCode, 200)
        const stale = await update(token, article.slug, { document: doc('Tab two, behind.'), version: 1 })
        assert.equal(stale.statusCode, 409)
        assert.equal(stale.json().code, 'story_version_conflict')
        assert.match(stale.json().errors.version[0], /version 2/)
        const now = (await call(t.app, 'GET', `/api/articles/${article.slug}`, { token })).json().article
        assert.equal(now.body, 'Tab one.')
        assert.equal(now.version, 2)
      })

      it('lets RealWorld clients, which send no version, save as before', async () => {
        const { token } = await makeUser(t.db)
        const { article } = (await create(token, {})).json()
        const saved = await update(token, article.slug, { body: 'Plain Markdown.' })
        assert.equal(saved.statusCode, 200)
        assert.equal(saved.json().article.version, 2)
      })
    })

    describe('revisions', () => {
      it('records every publish and republish, and an autosave checkpoint at most every few minutes', async () => {
        const { token } = await makeUser(t.db)
        const { article } = (await create(token, { status: 'draft' })).json()
        // The first save is a checkpoint; the next ones, seconds later, are not.
        await update(token, article.slug, { document: doc('Draft two.'), version: 1 })
        await update(token, article.slug, { document: doc('Draft three.'), version: 2 })
        await update(token, article.slug, { status: 'published', version: 3 })
        await update(token, article.slug, { document: doc('Republished.'), version: 4 })
        const response = await call(t.app, 'GET', `/api/articles/${article.slug}/revisions`, { token })
        assert.equal(response.statusCode, 200)
        assert.deepEqual(response.json().revisions.map((r: { kind: string }) => r.kind), ['publish', 'publish', 'autosave'])
      })

      it('shows one revision as Markdown and restores it as a new revision', async () => {
        const { token } = await makeUser(t.db)
        const { article } = (await create(token, { document: doc('The original ending.') })).json()
        await update(token, article.slug, { title: 'Night trains, revised', document: doc('A worse ending.') })
        const [, first] = (await call(t.app, 'GET', `/api/articles/${article.slug}/revisions`, { token })).json().revisions
        const shown = await call(t.app, 'GET', `/api/articles/${article.slug}/revisions/${first.id}`, { token })
        assert.equal(shown.json().revision.body, 'The original ending.')
        const restored = await call(t.app, 'POST', `/api/articles/${article.slug}/revisions/${first.id}/restore`, { token })
        assert.equal(restored.statusCode, 200)
        assert.equal(restored.json().article.body, 'The original ending.')
        assert.equal(restored.json().article.title, 'Night trains')
        assert.equal(restored.json().article.status, 'published')
        const kinds = (await call(t.app, 'GET', `/api/articles/${article.slug}/revisions`, { token })).json().revisions.map((r: { kind: string }) => r.kind)
        assert.deepEqual(kinds, ['restore', 'publish', 'publish'])
      })

      it('requires sign-in and refuses another writer', async () => {
        const { token } = await makeUser(t.db)
        const other = await makeUser(t.db)
        const { article } = (await create(token, {})).json()
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}/revisions`)).statusCode, 401)
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}/revisions`, { token: other.token })).statusCode, 403)
        const [revision] = (await call(t.app, 'GET', `/api/articles/${article.slug}/revisions`, { token })).json().revisions
        assert.equal((await call(t.app, 'POST', `/api/articles/${article.slug}/revisions/${revision.id}/restore`, { token: other.token })).statusCode, 403)
      })

      it('answers 404 for a revision of another story', async () => {
        const { token } = await makeUser(t.db)
        const one = (await create(token, {})).json().article
        const two = (await create(token, {})).json().article
        const [revision] = (await call(t.app, 'GET', `/api/articles/${one.slug}/revisions`, { token })).json().revisions
        assert.equal((await call(t.app, 'GET', `/api/articles/${two.slug}/revisions/${revision.id}`, { token })).statusCode, 404)
      })
    })

    describe('PUT /api/articles/:slug/changes', () => {
      const changes = (token: string, slug: string, body: Record<string, unknown>) =>
        call(t.app, 'PUT', `/api/articles/${slug}/changes`, { token, body: { changes: { title: 'Night trains', subtitle: '', ...body } } })

      it('keeps unpublished changes to a published story as one revision, unseen by readers until republished', async () => {
        const { token } = await makeUser(t.db)
        const { article } = (await create(token, { document: doc('Live text.') })).json()
        const first = await changes(token, article.slug, { document: doc('Working copy.'), version: 1 })
        assert.equal(first.statusCode, 200)
        assert.match(first.json().changes.savedAt, /^\d{4}-/)
        assert.equal((await changes(token, article.slug, { document: doc('Working copy, later.'), version: 1 })).statusCode, 200)
        const live = (await call(t.app, 'GET', `/api/articles/${article.slug}`)).json().article
        assert.equal(live.body, 'Live text.')
        assert.equal(live.version, 1)
        const list = (await call(t.app, 'GET', `/api/articles/${article.slug}/revisions`, { token })).json().revisions
        assert.deepEqual(list.map((r: { kind: string }) => r.kind), ['autosave', 'publish'], 'updated in place, not one row per save')
        const pending = (await call(t.app, 'GET', `/api/articles/${article.slug}/revisions/${list[0].id}`, { token })).json().revision
        assert.equal(pending.body, 'Working copy, later.')
        await update(token, article.slug, { document: doc('Working copy, later.'), version: 1 })
        const after = (await call(t.app, 'GET', `/api/articles/${article.slug}/revisions`, { token })).json().revisions
        assert.deepEqual(after.map((r: { kind: string }) => r.kind), ['publish', 'autosave', 'publish'])
      })

      it('refuses changes made to an older version with 409, a draft with 422, and another writer with 403', async () => {
        const { token } = await makeUser(t.db)
        const other = await makeUser(t.db)
        const { article } = (await create(token, {})).json()
        await update(token, article.slug, { document: doc('Republished.'), version: 1 })
        assert.equal((await changes(token, article.slug, { document: doc('Stale.'), version: 1 })).statusCode, 409)
        assert.equal((await changes(other.token, article.slug, { document: doc('Not mine.'), version: 2 })).statusCode, 403)
        const draft = (await create(token, { status: 'draft' })).json().article
        const refused = await changes(token, draft.slug, { document: doc('Draft.'), version: 1 })
        assert.equal(refused.statusCode, 422)
        assert.ok(refused.json().errors.status)
        assert.equal((await call(t.app, 'PUT', `/api/articles/${article.slug}/changes`, { body: { changes: { title: 'x', subtitle: '', document: doc('x'), version: 2 } } })).statusCode, 401)
      })
    })

    describe('scheduling', () => {
      const config = loadConfig({ SEED_DEMO: '0' })

      it('keeps a scheduled story from readers and lists until its job publishes it, once', async () => {
        const { user, token } = await makeUser(t.db)
        const at = new Date(Date.now() + 60 * 60_000)
        const response = await create(token, { status: 'scheduled', scheduledAt: at.toISOString() })
        assert.equal(response.statusCode, 201)
        const { article } = response.json()
        assert.equal(article.status, 'scheduled')
        assert.equal(article.scheduledAt, at.toISOString())
        assert.equal(article.publishedAt, null)
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}`)).statusCode, 404)
        assert.equal((await call(t.app, 'GET', `/api/articles?author=${user.username}`)).json().articlesCount, 0)

        // Not yet due: nothing happens.
        await runDueJobs(t.db, config, { now: new Date() })
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}`)).statusCode, 404)

        await runDueJobs(t.db, config, { now: new Date(at.getTime() + 1000) })
        const published = (await call(t.app, 'GET', `/api/articles/${article.slug}`)).json().article
        assert.equal(published.status, 'published')
        assert.equal(published.publishedAt, at.toISOString())
        assert.equal((await call(t.app, 'GET', `/api/articles?author=${user.username}`)).json().articlesCount, 1)
        // The job is gone: running again publishes nothing twice.
        assert.equal((await runDueJobs(t.db, config, { now: new Date(at.getTime() + 5000) })).ran, 0)
        const kinds = (await call(t.app, 'GET', `/api/articles/${article.slug}/revisions`, { token })).json().revisions.map((r: { kind: string }) => r.kind)
        assert.deepEqual(kinds, ['publish', 'autosave'])
      })

      it('moves the job when rescheduled and drops it when put back to draft', async () => {
        const { token } = await makeUser(t.db)
        const first = new Date(Date.now() + 60 * 60_000)
        const { article } = (await create(token, { status: 'scheduled', scheduledAt: first.toISOString() })).json()
        const later = new Date(first.getTime() + 60 * 60_000)
        assert.equal((await update(token, article.slug, { status: 'scheduled', scheduledAt: later.toISOString() })).statusCode, 200)
        await runDueJobs(t.db, config, { now: new Date(first.getTime() + 1000) })
        assert.equal((await call(t.app, 'GET', `/api/articles/${article.slug}`, { token })).json().article.status, 'scheduled')
        await update(token, article.slug, { status: 'draft' })
        await runDueJobs(t.db, config, { now: new Date(later.getTime() + 1000) })
        const now = (await call(t.app, 'GET', `/api/articles/${article.slug}`, { token })).json().article
        assert.equal(now.status, 'draft')
        assert.equal(now.scheduledAt, null)
      })

      it('refuses a time in the past, a missing time, and scheduling a published story', async () => {
        const { token } = await makeUser(t.db)
        const past = await create(token, { status: 'scheduled', scheduledAt: new Date(Date.now() - 1000).toISOString() })
        assert.equal(past.statusCode, 422)
        assert.deepEqual(past.json().errors.scheduledAt, ['must be in the future'])
        assert.equal((await create(token, { status: 'scheduled' })).statusCode, 422)
        const { article } = (await create(token, {})).json()
        const again = await update(token, article.slug, { status: 'scheduled', scheduledAt: new Date(Date.now() + 60_000).toISOString() })
        assert.equal(again.statusCode, 422)
        assert.ok(again.json().errors.status)
      })
    })
  })
}
