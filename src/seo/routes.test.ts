import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, TEST_ORIGIN, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, uniqueName } from '../testing/factories.ts'
import { createPublication } from '../publications/service.ts'
import { sitemapChunk, sitemapIndex } from './sitemap.ts'

const parser = new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' })

function parseSitemap(body: string): { locs: string[]; lastmods: string[] } {
  assert.equal(XMLValidator.validate(body), true, 'well-formed XML')
  const parsed = parser.parse(body) as { urlset?: { url?: { loc: string; lastmod: string }[] }; sitemapindex?: { sitemap?: { loc: string; lastmod: string }[] } }
  const entries = parsed.urlset ? (parsed.urlset.url ?? []) : (parsed.sitemapindex?.sitemap ?? [])
  return { locs: entries.map((entry) => entry.loc), lastmods: entries.map((entry) => entry.lastmod) }
}

const pathOf = (loc: string) => loc.slice(TEST_ORIGIN.length)

for (const engine of engines()) {
  describe(`sitemaps and robots.txt (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    it('names the sitemap and keeps crawlers out of the API, the editor and settings', async () => {
      const response = await call(t.app, 'GET', '/robots.txt')
      assert.equal(response.statusCode, 200)
      assert.match(response.headers['content-type'] as string, /^text\/plain/)
      const lines = response.body.split('\n')
      for (const line of ['User-agent: *', 'Allow: /', 'Disallow: /api/', 'Disallow: /edit/', 'Disallow: /settings', 'Disallow: /new-story', `Sitemap: ${TEST_ORIGIN}/sitemap.xml`]) {
        assert.ok(lines.includes(line), line)
      }
    })

    it('indexes sitemaps of stories, people, publications and tags whose every loc answers, leaving drafts and unlisted stories out', async () => {
      const { user } = await makeUser(t.db)
      const slug = uniqueName('pub').replace(/_/g, '-')
      await createPublication(t.db, { slug, name: 'Mapped', ownerId: user.id })
      const tag = uniqueName('Cartography')
      const solo = await makeStory(t.db, user.id, { title: 'On the map', tags: [tag] })
      const inPublication = await makeStory(t.db, user.id, { title: 'In the publication', publication: slug })
      const draft = await makeStory(t.db, user.id, { title: 'Not yet', status: 'draft' })
      const unlisted = await makeStory(t.db, user.id, { title: 'Only by link', status: 'unlisted' })

      const index = await call(t.app, 'GET', '/sitemap.xml')
      assert.equal(index.statusCode, 200)
      assert.match(index.headers['content-type'] as string, /^application\/xml/)
      const { locs: sitemaps, lastmods } = parseSitemap(index.body)
      for (const kind of ['stories', 'people', 'publications', 'tags']) assert.ok(sitemaps.includes(`${TEST_ORIGIN}/sitemaps/${kind}-1.xml`), kind)
      assert.ok(lastmods.every((lastmod) => !Number.isNaN(Date.parse(lastmod))))

      const locs: string[] = []
      for (const sitemap of sitemaps) {
        const response = await call(t.app, 'GET', pathOf(sitemap))
        assert.equal(response.statusCode, 200, sitemap)
        const parsed = parseSitemap(response.body)
        assert.ok(parsed.lastmods.every((lastmod) => !Number.isNaN(Date.parse(lastmod))), `${sitemap} has a lastmod for every url`)
        locs.push(...parsed.locs)
      }
      for (const story of [solo, inPublication]) assert.ok(locs.some((loc) => loc.endsWith(story.row.short_id)), story.row.title)
      for (const story of [draft, unlisted]) assert.ok(!locs.some((loc) => loc.endsWith(story.row.short_id)), story.row.title)
      assert.ok(locs.includes(`${TEST_ORIGIN}/@${user.username}`))
      assert.ok(locs.includes(`${TEST_ORIGIN}/${slug}`))
      assert.ok(locs.includes(`${TEST_ORIGIN}/tag/${tag.toLowerCase().replace(/_/g, '-')}`))
      // Every address is a page that answers, not a redirect.
      for (const loc of locs) assert.equal((await call(t.app, 'GET', pathOf(loc))).statusCode, 200, loc)
    })

    it('cuts sitemaps into chunks by id range, each no larger than the limit', async () => {
      const { user } = await makeUser(t.db)
      for (let i = 0; i < 5; i++) await makeStory(t.db, user.id, { title: `Chunked ${i}` })
      const size = 2
      const { locs: chunks } = parseSitemap(await sitemapIndex(t.db, TEST_ORIGIN, size))
      const storyChunks = chunks.filter((loc) => loc.includes('/sitemaps/stories-'))
      assert.ok(storyChunks.length >= 3)
      const seen = new Set<string>()
      for (const loc of storyChunks) {
        const chunk = Number(/stories-(\d+)\.xml$/.exec(loc)?.[1])
        const { locs } = parseSitemap(await sitemapChunk(t.db, TEST_ORIGIN, 'stories', chunk, size))
        assert.ok(locs.length >= 1 && locs.length <= size, loc)
        for (const story of locs) {
          assert.ok(!seen.has(story), 'no story is in two chunks')
          seen.add(story)
        }
      }
      assert.equal(seen.size, parseSitemap((await call(t.app, 'GET', '/sitemaps/stories-1.xml')).body).locs.length)
    })

    it('answers 404 for a sitemap that does not exist', async () => {
      for (const path of ['/sitemaps/stories-0.xml', '/sitemaps/secrets-1.xml', '/sitemaps/stories-1.txt']) {
        assert.equal((await call(t.app, 'GET', path)).statusCode, 404, path)
      }
    })
  })

  describe(`oEmbed (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const oembed = (url: string, format?: string) =>
      call(t.app, 'GET', `/oembed?url=${encodeURIComponent(url)}${format ? `&format=${format}` : ''}`)

    it('describes a published story as an oEmbed 1.0 link', async () => {
      const { user } = await makeUser(t.db, { name: 'Olive Embed' })
      const story = await makeStory(t.db, user.id, { title: 'Embed me <please>' })
      const url = `${TEST_ORIGIN}/@${user.username}/${story.row.slug}-${story.row.short_id}`
      const response = await oembed(url, 'json')
      assert.equal(response.statusCode, 200)
      assert.match(response.headers['content-type'] as string, /^application\/json/)
      assert.deepEqual(JSON.parse(response.body), {
        version: '1.0',
        type: 'link',
        title: 'Embed me <please>',
        author_name: 'Olive Embed',
        author_url: `${TEST_ORIGIN}/@${user.username}`,
        provider_name: 'Ovation',
        provider_url: `${TEST_ORIGIN}/`,
        cache_age: 3600,
      })
      assert.equal((await oembed(url)).statusCode, 200, 'format defaults to json')
    })

    it('answers 404 for drafts, unlisted stories, unknown stories and other sites', async () => {
      const { user } = await makeUser(t.db)
      const draft = await makeStory(t.db, user.id, { status: 'draft' })
      const unlisted = await makeStory(t.db, user.id, { status: 'unlisted' })
      const published = await makeStory(t.db, user.id)
      const urls = [
        `${TEST_ORIGIN}/@${user.username}/${draft.row.slug}-${draft.row.short_id}`,
        `${TEST_ORIGIN}/@${user.username}/${unlisted.row.slug}-${unlisted.row.short_id}`,
        `${TEST_ORIGIN}/@${user.username}/nothing-0123456789ab`,
        `https://elsewhere.example/@${user.username}/${published.row.slug}-${published.row.short_id}`,
        `${TEST_ORIGIN}/@${user.username}`,
        'not a url',
      ]
      for (const url of urls) assert.equal((await oembed(url, 'json')).statusCode, 404, url)
    })

    it('answers 501 for the XML format, which it does not speak', async () => {
      const { user } = await makeUser(t.db)
      const story = await makeStory(t.db, user.id)
      assert.equal((await oembed(`${TEST_ORIGIN}/@${user.username}/${story.row.slug}-${story.row.short_id}`, 'xml')).statusCode, 501)
    })
  })
}
