// The editorial workflow through the articles API (issue 4), on every database.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeUser, uniqueName, type TestUser } from '../testing/factories.ts'
import { createPublication, setMember } from '../publications/service.ts'

for (const engine of engines()) {
  describe(`editorial workflow API (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    type Newsroom = { slug: string; owner: TestUser; editor: TestUser; writer: TestUser; colleague: TestUser; reader: TestUser; outsiderEditor: TestUser }

    async function newsroom(): Promise<Newsroom> {
      const [owner, editor, writer, colleague, reader, outsiderEditor] = await Promise.all(Array.from({ length: 6 }, () => makeUser(t.db)))
      const slug = uniqueName('desk').toLowerCase().replace(/_/g, '-')
      const id = await createPublication(t.db, { slug, name: 'The Desk', ownerId: owner!.user.id })
      await setMember(t.db, id, editor!.user.id, 'editor', 'Managing Editor')
      await setMember(t.db, id, writer!.user.id, 'writer', 'U.S. Politics Editor')
      await setMember(t.db, id, colleague!.user.id, 'writer', null)
      const elsewhere = await createPublication(t.db, { slug: `${slug}-x`, name: 'Elsewhere', ownerId: reader!.user.id })
      await setMember(t.db, elsewhere, outsiderEditor!.user.id, 'editor', null)
      return { slug, owner: owner!, editor: editor!, writer: writer!, colleague: colleague!, reader: (await makeUser(t.db)), outsiderEditor: outsiderEditor! }
    }

    async function submission(room: Newsroom, title = 'A careful piece'): Promise<string> {
      const response = await call(t.app, 'POST', '/api/articles', { token: room.writer.token, body: { article: { title, description: 'Why it matters', body: 'First words.', publication: room.slug } } })
      assert.equal(response.statusCode, 201, response.body)
      assert.equal(response.json().article.status, 'submitted', "a writer's publish in a publication is a submission")
      return response.json().article.slug
    }

    const step = (slug: string, action: string, user: TestUser | undefined, body?: unknown) =>
      call(t.app, 'POST', `/api/articles/${slug}/${action}`, { ...(user ? { token: user.token } : {}), ...(body === undefined ? {} : { body }) })

    it('keeps a submission from readers and other writers, and shows it to editors and owners', async () => {
      const room = await newsroom()
      const slug = await submission(room)
      for (const viewer of [room.writer, room.editor, room.owner]) assert.equal((await call(t.app, 'GET', `/api/articles/${slug}`, { token: viewer.token })).statusCode, 200)
      for (const viewer of [room.colleague, room.reader, room.outsiderEditor]) assert.equal((await call(t.app, 'GET', `/api/articles/${slug}`, { token: viewer.token })).statusCode, 404)
      assert.equal((await call(t.app, 'GET', `/api/articles/${slug}`)).statusCode, 404)
      const listed = await call(t.app, 'GET', `/api/articles?publication=${room.slug}`)
      assert.equal(listed.json().articlesCount, 0, 'not in public lists')
    })

    it('lets only the writer move a story to another publication, not an editor who runs both', async () => {
      const room = await newsroom()
      const slug = await submission(room)
      const own = uniqueName('own').toLowerCase().replace(/_/g, '-')
      await createPublication(t.db, { slug: own, name: 'The Editor’s Own', ownerId: room.editor.user.id })
      const moved = await call(t.app, 'PUT', `/api/articles/${slug}`, { token: room.editor.token, body: { article: { publication: own, status: 'published' } } })
      assert.equal(moved.statusCode, 403, moved.body)
      const story = await call(t.app, 'GET', `/api/articles/${slug}`, { token: room.writer.token })
      assert.equal(story.json().article.status, 'submitted', 'nothing changed')
      assert.equal(story.json().article.publication, room.slug)
    })

    it('submits a draft and withdraws it (its writer only)', async () => {
      const room = await newsroom()
      const created = await call(t.app, 'POST', '/api/articles', { token: room.writer.token, body: { article: { title: 'Draft', description: 'd', body: 'Text.', publication: room.slug, status: 'draft' } } })
      const slug = created.json().article.slug
      assert.equal(created.json().article.status, 'draft')
      assert.equal((await step(slug, 'submit', undefined)).statusCode, 401)
      assert.equal((await step(slug, 'submit', room.editor)).statusCode, 404, "an editor does not see a writer's draft")
      const submitted = await step(slug, 'submit', room.writer)
      assert.equal(submitted.statusCode, 200)
      assert.equal(submitted.json().article.status, 'submitted')
      assert.equal((await step(slug, 'submit', room.writer)).statusCode, 403, 'already in the queue')
      assert.equal((await step(slug, 'withdraw', room.editor)).statusCode, 403)
      const withdrawn = await step(slug, 'withdraw', room.writer)
      assert.equal(withdrawn.json().article.status, 'draft')
      assert.equal((await step(slug, 'withdraw', room.writer)).statusCode, 403, 'nothing pending to withdraw')
    })

    it('refuses to submit a story that is in no publication', async () => {
      const room = await newsroom()
      const created = await call(t.app, 'POST', '/api/articles', { token: room.writer.token, body: { article: { title: 'Solo', description: 'd', body: 'Text.', status: 'draft' } } })
      assert.equal((await step(created.json().article.slug, 'submit', room.writer)).statusCode, 403)
      const viaStatus = await call(t.app, 'PUT', `/api/articles/${created.json().article.slug}`, { token: room.writer.token, body: { article: { status: 'submitted' } } })
      assert.equal(viaStatus.statusCode, 422)
    })

    it('lets editors edit a submission, attributed, and leave private notes the writer reads', async () => {
      const room = await newsroom()
      const slug = await submission(room)
      const edited = await call(t.app, 'PUT', `/api/articles/${slug}`, { token: room.editor.token, body: { article: { body: 'First words, tightened.' } } })
      assert.equal(edited.statusCode, 200, edited.body)
      assert.equal(edited.json().article.body, 'First words, tightened.')
      assert.equal(edited.json().article.status, 'submitted')
      // Autosave sends a run of saves: one "edited" step, one revision in the editor's name.
      assert.equal((await call(t.app, 'PUT', `/api/articles/${slug}`, { token: room.editor.token, body: { article: { body: 'First words, tightened again.' } } })).statusCode, 200)
      const revisions = await t.db.kysely.selectFrom('story_revisions').innerJoin('stories', 'stories.id', 'story_revisions.story_id')
        .select('story_revisions.user_id').where('stories.short_id', '=', slug.slice(slug.lastIndexOf('-') + 1)).execute()
      assert.equal(revisions.filter((revision) => revision.user_id === room.editor.user.id).length, 1, "the editor's edit is a revision of theirs")
      assert.ok(revisions.some((revision) => revision.user_id === room.writer.user.id), "the writer's revision is kept")
      assert.equal((await call(t.app, 'PUT', `/api/articles/${slug}`, { token: room.colleague.token, body: { article: { body: 'mine' } } })).statusCode, 404)
      assert.equal((await step(slug, 'notes', room.editor, { note: '  ' })).statusCode, 422)
      assert.equal((await step(slug, 'notes', room.writer, { note: 'to myself' })).statusCode, 403)
      const noted = await step(slug, 'notes', room.editor, { note: 'Can you source the second claim?' })
      assert.equal(noted.statusCode, 201)
      const history = await call(t.app, 'GET', `/api/articles/${slug}/history`, { token: room.writer.token })
      assert.equal(history.statusCode, 200)
      assert.deepEqual(history.json().history.map((h: { kind: string; note: string | null; by: { username: string } }) => [h.kind, h.note, h.by.username]), [
        ['submitted', null, room.writer.user.username],
        ['edited', null, room.editor.user.username],
        ['note', 'Can you source the second claim?', room.editor.user.username],
      ])
      assert.equal((await call(t.app, 'GET', `/api/articles/${slug}/history`, { token: room.reader.token })).statusCode, 404)
    })

    it('returns a submission to its writer with a note', async () => {
      const room = await newsroom()
      const slug = await submission(room)
      assert.equal((await step(slug, 'return', room.editor, {})).statusCode, 422)
      assert.equal((await step(slug, 'return', room.editor, { note: '' })).statusCode, 422)
      assert.equal((await step(slug, 'return', room.writer, { note: 'no' })).statusCode, 403)
      assert.equal((await step(slug, 'return', room.outsiderEditor, { note: 'no' })).statusCode, 404)
      const returned = await step(slug, 'return', room.owner, { note: 'Needs a stronger ending.' })
      assert.equal(returned.statusCode, 204)
      assert.equal((await call(t.app, 'GET', `/api/articles/${slug}`, { token: room.writer.token })).json().article.status, 'draft')
      assert.equal((await call(t.app, 'GET', `/api/articles/${slug}`, { token: room.owner.token })).statusCode, 404, "back to being the writer's own draft")
      const history = (await call(t.app, 'GET', `/api/articles/${slug}/history`, { token: room.writer.token })).json().history
      assert.deepEqual(history.at(-1).note, 'Needs a stronger ending.')
      const notices = await t.db.kysely.selectFrom('notifications').select(['type', 'message']).where('user_id', '=', room.writer.user.id).execute()
      assert.ok(notices.some((notice) => notice.message?.startsWith('returned your story')), 'the writer is told')
    })

    it('publishes a submission (editors and owners), with the writer’s title on the article', async () => {
      const room = await newsroom()
      const slug = await submission(room)
      assert.equal((await step(slug, 'publish', room.writer)).statusCode, 403)
      assert.equal((await step(slug, 'publish', room.colleague)).statusCode, 404)
      assert.equal((await step(slug, 'publish', undefined)).statusCode, 401)
      const published = await step(slug, 'publish', room.editor)
      assert.equal(published.statusCode, 200)
      const { article } = published.json()
      assert.equal(article.status, 'published')
      assert.equal(article.publication, room.slug)
      assert.equal(article.author.title, 'U.S. Politics Editor')
      assert.match(article.url, new RegExp(`/${room.slug}/${slug}$`))
      const listed = await call(t.app, 'GET', `/api/articles?publication=${room.slug}`)
      assert.deepEqual(listed.json().articles.map((a: { slug: string }) => a.slug), [slug])
      const editors = await t.db.kysely.selectFrom('notifications').select('user_id').where('message', '=', 'has a new submission:').execute()
      assert.ok(editors.some((row) => row.user_id === room.editor.user.id) && editors.some((row) => row.user_id === room.owner.user.id), 'editors and owners heard of the submission')
    })

    it('schedules a submission for later, and refuses a time in the past', async () => {
      const room = await newsroom()
      const slug = await submission(room)
      assert.equal((await step(slug, 'publish', room.editor, { scheduledAt: '2001-01-01T00:00:00Z' })).statusCode, 422)
      assert.equal((await step(slug, 'publish', room.editor, { scheduledAt: 'tomorrow' })).statusCode, 422)
      const at = new Date(Date.now() + 86_400_000).toISOString()
      const scheduled = await step(slug, 'publish', room.editor, { scheduledAt: at })
      assert.equal(scheduled.statusCode, 200, scheduled.body)
      assert.equal(scheduled.json().article.status, 'scheduled')
    })

    it('lets editors and owners publish their own stories directly', async () => {
      const room = await newsroom()
      for (const member of [room.editor, room.owner]) {
        const response = await call(t.app, 'POST', '/api/articles', { token: member.token, body: { article: { title: 'Straight out', description: 'd', body: 'Now.', publication: room.slug } } })
        assert.equal(response.json().article.status, 'published')
      }
    })

    it('brings a published story into a publication only through its editors', async () => {
      const room = await newsroom()
      const created = await call(t.app, 'POST', '/api/articles', { token: room.writer.token, body: { article: { title: 'Mine first', description: 'd', body: 'Text.' } } })
      const moved = await call(t.app, 'PUT', `/api/articles/${created.json().article.slug}`, { token: room.writer.token, body: { article: { publication: room.slug } } })
      assert.equal(moved.json().article.status, 'submitted')
    })

    it('takes a story out of its publication and keeps it on the writer’s profile', async () => {
      const room = await newsroom()
      const slug = await submission(room)
      await step(slug, 'publish', room.editor)
      assert.equal((await step(slug, 'remove-from-publication', room.colleague)).statusCode, 403)
      const removed = await step(slug, 'remove-from-publication', room.owner)
      assert.equal(removed.statusCode, 200)
      assert.equal(removed.json().article.publication, null)
      assert.equal(removed.json().article.status, 'published')
      const profile = await call(t.app, 'GET', `/api/articles?author=${room.writer.user.username}`)
      assert.deepEqual(profile.json().articles.map((a: { slug: string }) => a.slug), [slug])
      assert.equal((await call(t.app, 'GET', `/api/articles?publication=${room.slug}`)).json().articlesCount, 0)
    })

    it('answers 404 for a story that does not exist', async () => {
      const room = await newsroom()
      for (const action of ['submit', 'withdraw', 'publish', 'remove-from-publication']) assert.equal((await step('nothing-here-zzzzzzzz', action, room.owner)).statusCode, 404)
      assert.equal((await step('nothing-here-zzzzzzzz', 'return', room.owner, { note: 'x' })).statusCode, 404)
    })
  })
}
