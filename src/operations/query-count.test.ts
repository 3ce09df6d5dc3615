// No N+1 queries: every page and list costs the same number of queries whether it shows two
// items or twelve. A page that queried once per story, response or author would grow with them.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, uniqueName } from '../testing/factories.ts'
import { observeQueries } from '../db/query-timing.ts'
import { storyPath } from '../stories/service.ts'
import { clap } from '../claps/service.ts'

for (const engine of engines()) {
  describe(`queries per page (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    /** A writer with `stories` stories under one fresh tag, the first with `responses` responses and claps from as many readers. */
    async function site(stories: number, responses: number) {
      const tag = uniqueName('tag').replaceAll('_', '')
      const writer = await makeUser(t.db)
      const made = []
      for (let i = 0; i < stories; i++) made.push(await makeStory(t.db, writer.user.id, { title: `Story ${i} of ${tag}`, tags: [tag] }))
      const first = made[0] as (typeof made)[number]
      const slug = `${first.row.slug}-${first.row.short_id}`
      for (let i = 0; i < responses; i++) {
        const reader = await makeUser(t.db)
        await call(t.app, 'POST', `/api/articles/${slug}/comments`, { token: reader.token, body: { comment: { body: `Response ${i}` } } })
        await clap(t.db, reader.user.id, slug, 3)
      }
      return { writer, tag, slug, path: storyPath(first) }
    }

    async function queriesFor(url: string, token?: string): Promise<number> {
      let count = 0
      const stop = observeQueries(() => { count++ })
      try {
        const response = await call(t.app, 'GET', url, token ? { token } : {})
        assert.equal(response.statusCode, 200, `${url}: ${response.body.slice(0, 300)}`)
      } finally {
        stop()
      }
      return count
    }

    const pages = (s: Awaited<ReturnType<typeof site>>) => ({
      'story page': s.path,
      'profile page': `/@${s.writer.user.username}`,
      'tag page': `/tag/${s.tag}`,
      'home page': '/',
      'API article list': `/api/articles?tag=${s.tag}`,
      'API article': `/api/articles/${s.slug}`,
      'API responses': `/api/articles/${s.slug}/comments`,
    })

    it('does not grow with the number of stories, responses and readers shown', async () => {
      const small = await site(2, 2)
      const large = await site(12, 12)
      const viewer = await makeUser(t.db)
      const smallPages = Object.entries(pages(small))
      const largePages = pages(large)
      for (const [name, url] of smallPages) {
        const largeUrl = largePages[name as keyof typeof largePages]
        for (const token of [undefined, viewer.token]) {
          // Warm per-process caches (topics, trending) so both sides count the same work.
          await queriesFor(url, token)
          const few = await queriesFor(url, token)
          await queriesFor(largeUrl, token)
          const many = await queriesFor(largeUrl, token)
          assert.equal(many, few, `${name} (${token ? 'signed in' : 'signed out'}): ${few} queries for 2 items, ${many} for 12`)
          assert.ok(many <= 15, `${name} (${token ? 'signed in' : 'signed out'}) makes ${many} queries`)
        }
      }
    })
  })
}
