import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser } from '../testing/factories.ts'

// One engine is enough: compression happens after the database has answered.
describe('compressed answers', () => {
  let t: TestApp
  let path: string
  let token: string
  let slug: string
  before(async () => {
    t = await buildTestApp('sqlite')
    const writer = await makeUser(t.db)
    token = writer.token
    const story = await makeStory(t.db, writer.user.id, { body: 'A paragraph long enough to be worth compressing. '.repeat(60) })
    slug = `${story.row.slug}-${story.row.short_id}`
    path = `/@${writer.user.username}/${story.row.slug}-${story.row.short_id}`
  })
  after(() => t.close())

  it('sends a freshly rendered page as brotli or gzip, as the browser accepts', async () => {
    const br = await call(t.app, 'GET', path, { headers: { 'accept-encoding': 'gzip, deflate, br' } })
    assert.equal(br.headers['content-encoding'], 'br')
    assert.match(String(br.headers.vary), /Accept-Encoding/)
    assert.match(brotliDecompressSync(br.rawPayload).toString(), /worth compressing/)
    const gzip = await call(t.app, 'GET', `/api/articles/${slug}`, { token, headers: { 'accept-encoding': 'gzip' } })
    assert.equal(gzip.headers['content-encoding'], 'gzip')
    assert.match(JSON.parse(gunzipSync(gzip.rawPayload).toString()).article.body, /worth compressing/)
  })

  it('sends the page as it is to a client that asks for no encoding, and small answers always so', async () => {
    const plain = await call(t.app, 'GET', path, { token })
    assert.equal(plain.headers['content-encoding'], undefined)
    assert.match(plain.body, /worth compressing/)
    const small = await call(t.app, 'GET', '/api/tags', { headers: { 'accept-encoding': 'br' } })
    assert.equal(small.headers['content-encoding'], undefined)
  })
})
