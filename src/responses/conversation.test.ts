import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, type TestApp } from '../testing/app.ts'
import { makeUser, type TestUser } from '../testing/factories.ts'

for (const engine of engines()) {
  describe(`responses: threads, passages, hiding, editing, claps (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    async function story(writer: TestUser) {
      const created = await call(t.app, 'POST', '/api/articles', {
        token: writer.token,
        body: { article: { title: 'Harbours', description: 'Boats', body: 'Boats rest in the harbour at night.\n\nGulls wake them.' } },
      })
      const article = created.json().article
      return { slug: article.slug as string, blocks: article.document.blocks as { id: string }[], path: new URL(article.url).pathname }
    }
    const respond = (slug: string, user: TestUser, comment: Record<string, unknown>) =>
      call(t.app, 'POST', `/api/articles/${slug}/comments`, { token: user.token, body: { comment } })
    const comments = async (slug: string, user?: TestUser) =>
      (await call(t.app, 'GET', `/api/articles/${slug}/comments`, user ? { token: user.token } : {})).json().comments
    const cookieOf = async (user: TestUser) => sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: user.user.email, password: user.password } }))

    it('threads replies one level deep: an answer to a reply joins its parent', async () => {
      const writer = await makeUser(t.db)
      const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)]
      const { slug } = await story(writer)
      const top = (await respond(slug, ann as TestUser, { body: 'First!' })).json().comment
      const reply = (await respond(slug, bob as TestUser, { body: 'Second', parentId: top.id })).json().comment
      assert.equal(reply.parentId, top.id)
      const deeper = (await respond(slug, ann as TestUser, { body: 'Third', parentId: reply.id })).json().comment
      assert.equal(deeper.parentId, top.id)
      const other = await story(writer)
      const elsewhere = await respond(other.slug, bob as TestUser, { body: 'Wrong story', parentId: top.id })
      assert.equal(elsewhere.statusCode, 422)
      assert.deepEqual(elsewhere.json().errors, { parentId: ['is not a response to this story'] })
      const page = await call(t.app, 'GET', `/@${writer.user.username}/${slug}`)
      assert.match(page.body, /Responses \(3\)/)
      assert.match(page.body, /<ol class="responses__replies"[^>]*>.*Second.*Third.*<\/ol>/s)
    })

    it('takes the replies with a deleted response, and keeps the count exact', async () => {
      const writer = await makeUser(t.db)
      const reader = await makeUser(t.db)
      const { slug } = await story(writer)
      const top = (await respond(slug, reader, { body: 'Parent' })).json().comment
      await respond(slug, writer, { body: 'Child', parentId: top.id })
      assert.equal((await comments(slug)).length, 2)
      assert.equal((await call(t.app, 'DELETE', `/api/articles/${slug}/comments/${top.id}`, { token: reader.token })).statusCode, 204)
      assert.deepEqual(await comments(slug), [])
      const shortId = slug.slice(slug.lastIndexOf('-') + 1)
      const row = await t.db.kysely.selectFrom('stories').select('response_count').where('short_id', '=', shortId).executeTakeFirstOrThrow()
      assert.equal(Number(row.response_count), 0)
    })

    it('quotes a passage by block and offsets, and refuses a passage that is not one', async () => {
      const writer = await makeUser(t.db)
      const reader = await makeUser(t.db)
      const { slug, blocks, path } = await story(writer)
      const created = await respond(slug, reader, { body: 'So true.', blockId: blocks[1]?.id, start: 0, end: 5 })
      assert.equal(created.statusCode, 201, created.body)
      assert.deepEqual(created.json().comment.passage, { blockId: blocks[1]?.id, start: 0, end: 5, quote: 'Gulls' })
      const page = await call(t.app, 'GET', path)
      assert.match(page.body, new RegExp(`data-quote-block="${blocks[1]?.id}" data-quote-start="0" data-quote-end="5"`))
      assert.match(page.body, /<blockquote class="response__quote"><a href="#[a-z0-9]+">Gulls<\/a><\/blockquote>/)
      for (const comment of [{ body: 'x', blockId: blocks[1]?.id, start: 4, end: 2 }, { body: 'x', blockId: 'zzzzzz', start: 0, end: 1 }, { body: 'x', blockId: blocks[1]?.id }]) {
        const response = await respond(slug, reader, comment)
        assert.equal(response.statusCode, 422, JSON.stringify(comment))
      }
    })

    it('lets the responder edit their own, and nobody else', async () => {
      const writer = await makeUser(t.db)
      const reader = await makeUser(t.db)
      const { slug } = await story(writer)
      const { comment } = (await respond(slug, reader, { body: 'Tpyo' })).json()
      const edit = (user: TestUser | undefined, body: string) => call(t.app, 'PUT', `/api/articles/${slug}/comments/${comment.id}`, { ...(user ? { token: user.token } : {}), body: { comment: { body } } })
      const edited = await edit(reader, 'Typo')
      assert.equal(edited.statusCode, 200)
      assert.equal(edited.json().comment.body, 'Typo')
      assert.equal((await edit(writer, 'Mine now')).statusCode, 403)
      assert.equal((await edit(undefined, 'Anyone')).statusCode, 401)
      assert.deepEqual((await edit(reader, '  ')).json(), { errors: { body: ["can't be blank"] } })
      assert.equal((await call(t.app, 'PUT', `/api/articles/${slug}/comments/999999`, { token: reader.token, body: { comment: { body: 'x' } } })).statusCode, 404)
      assert.equal((await comments(slug))[0].body, 'Typo')
    })

    it("lets the story's author hide a response from everyone but the two of them", async () => {
      const writer = await makeUser(t.db)
      const [rude, bystander] = [await makeUser(t.db), await makeUser(t.db)]
      const { slug, path } = await story(writer)
      const { comment } = (await respond(slug, rude as TestUser, { body: 'Rude words' })).json()
      assert.equal((await call(t.app, 'POST', `/api/articles/${slug}/comments/${comment.id}/hide`, { token: (bystander as TestUser).token })).statusCode, 403)
      const hidden = await call(t.app, 'POST', `/api/articles/${slug}/comments/${comment.id}/hide`, { token: writer.token })
      assert.equal(hidden.statusCode, 200)
      assert.equal(hidden.json().comment.hidden, true)
      assert.equal((await comments(slug)).length, 0)
      assert.equal((await comments(slug, bystander)).length, 0)
      assert.equal((await comments(slug, rude)).length, 1)
      assert.equal((await comments(slug, writer)).length, 1)
      assert.doesNotMatch((await call(t.app, 'GET', path)).body, /Rude words/)
      assert.equal((await call(t.app, 'GET', `/responses/${comment.id}`)).statusCode, 404)
      const shown = await call(t.app, 'POST', `/responses/${slug}/${comment.id}/show`, { cookie: await cookieOf(writer), form: {} })
      assert.equal(shown.statusCode, 303)
      assert.match((await call(t.app, 'GET', path)).body, /Rude words/)
    })

    it('takes claps on a response by the story rules: 1 to 50, capped, never your own', async () => {
      const writer = await makeUser(t.db)
      const [ann, bob] = [await makeUser(t.db), await makeUser(t.db)]
      const { slug } = await story(writer)
      const { comment } = (await respond(slug, ann as TestUser, { body: 'Clap me' })).json()
      const clap = (user: TestUser, body: unknown) => call(t.app, 'POST', `/api/articles/${slug}/comments/${comment.id}/claps`, { token: user.token, body })
      assert.equal((await clap(bob as TestUser, { count: 30 })).json().comment.claps, 30)
      const capped = (await clap(bob as TestUser, { count: 30 })).json().comment
      assert.deepEqual([capped.claps, capped.myClaps], [50, 50])
      assert.equal((await clap(writer, { count: 2 })).json().comment.claps, 52)
      assert.equal((await clap(ann as TestUser, { count: 1 })).statusCode, 403)
      for (const count of [0, 51, 1.5]) assert.equal((await clap(bob as TestUser, { count })).statusCode, 422, String(count))
      const form = await call(t.app, 'POST', `/responses/${slug}/${comment.id}/clap`, { cookie: await cookieOf(await makeUser(t.db)), form: {} })
      assert.equal(form.statusCode, 303)
      assert.equal((await comments(slug))[0].claps, 53)
    })

    it('announces responses to the story author, replies to the responder, and @mentions', async () => {
      const writer = await makeUser(t.db)
      const [ann, bob, cat] = [await makeUser(t.db), await makeUser(t.db), await makeUser(t.db)]
      const { slug } = await story(writer)
      const { comment } = (await respond(slug, ann as TestUser, { body: 'Hello' })).json()
      await respond(slug, bob as TestUser, { body: `Agreed, and @${cat?.user.username} should see this`, parentId: comment.id })
      const types = async (user: TestUser) => (await call(t.app, 'GET', '/api/notifications', { token: user.token })).json().notifications.map((n: { type: string }) => n.type)
      assert.deepEqual(await types(writer), ['response', 'response'])
      assert.deepEqual(await types(ann as TestUser), ['response'])
      assert.deepEqual(await types(cat as TestUser), ['mention'])
      assert.deepEqual(await types(bob as TestUser), [])
    })

    it('posts replies and passage responses as plain forms, and gives each response a permalink', async () => {
      const writer = await makeUser(t.db)
      const reader = await makeUser(t.db)
      const { slug, blocks, path } = await story(writer)
      const cookie = await cookieOf(reader)
      const first = await call(t.app, 'POST', `/responses/${slug}`, { cookie, form: { body: 'On the gulls', block_id: blocks[1]?.id as string, quote_start: '0', quote_end: '5' } })
      assert.equal(first.statusCode, 303)
      const id = Number(/#response-(\d+)/.exec(first.headers.location as string)?.[1])
      const reply = await call(t.app, 'POST', `/responses/${slug}`, { cookie: await cookieOf(writer), form: { body: 'Thanks', parent_id: String(id) } })
      assert.equal(reply.statusCode, 303)
      const permalink = await call(t.app, 'GET', `/responses/${id}`)
      assert.equal(permalink.statusCode, 200)
      assert.match(permalink.body, /On the gulls/)
      assert.match(permalink.body, /Thanks/)
      assert.match(permalink.body, new RegExp(`href="${path}#response-${id}"`))
      const page = await call(t.app, 'GET', path, { cookie })
      assert.match(page.body, /<details class="response__reply"><summary class="response__reply-toggle">Reply<\/summary>/)
      assert.match(page.body, new RegExp(`<input type="hidden" name="parent_id" value="${id}"`))
      for (const bad of ['abc', '0', '99999999']) assert.equal((await call(t.app, 'GET', `/responses/${bad}`)).statusCode, 404)
      const edit = await call(t.app, 'GET', `/responses/${slug}/${id}/edit`, { cookie })
      assert.match(edit.body, /<textarea[^>]*>On the gulls<\/textarea>/)
    })
  })
}
