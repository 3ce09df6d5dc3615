import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, TEST_ORIGIN, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, uniqueName } from '../testing/factories.ts'
import { createPublication } from '../publications/service.ts'
import { updateStory } from '../stories/service.ts'

// A real XML parser, so a feed that merely looks right in a regex still has to be well formed.
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (name, jpath) => ['item', 'entry', 'category'].includes(name) || (name === 'link' && String(jpath).startsWith('feed.')) })

// Parsed XML has no static shape; the assertions are its type check.
type Xml = Record<string, any>

function parseXml(body: string): Xml {
  assert.equal(XMLValidator.validate(body), true, 'the feed is well-formed XML')
  return parser.parse(body) as Xml
}

const HOSTILE_TITLE = '<script>alert(1)</script> & "quotes"'

type JsonFeed = { version: string; title: string; home_page_url: string; feed_url: string; items: { id: string; url: string; title: string; content_html: string; date_published: string; authors: { name: string }[] }[] }

for (const engine of engines()) {
  describe(`feeds (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const slugOf = (story: { row: { slug: string; short_id: string } }) => `${story.row.slug}-${story.row.short_id}`

    it('answers RSS 2.0 with the channel and item elements the spec requires, and full content with absolute URLs', async () => {
      const { user } = await makeUser(t.db, { name: 'Ida Rss' })
      const story = await makeStory(t.db, user.id, { title: 'Feeds are back', body: 'See [the spec](https://www.rssboard.org/rss-specification)[^1].\n\n![A chart](/media/chart.png)' })
      const response = await call(t.app, 'GET', `/feed/@${user.username}`)
      assert.equal(response.statusCode, 200)
      assert.equal(response.headers['content-type'], 'application/rss+xml; charset=utf-8')
      const { rss } = parseXml(response.body)
      assert.equal(rss['@_version'], '2.0')
      const channel = rss.channel
      assert.equal(channel.title, 'Stories by Ida Rss on Ovation')
      assert.equal(channel.link, `${TEST_ORIGIN}/@${user.username}`)
      assert.ok(channel.description)
      assert.equal(channel.item.length, 1)
      const [item] = channel.item
      assert.equal(item.title, 'Feeds are back')
      assert.equal(item.link, `${TEST_ORIGIN}/@${user.username}/${slugOf(story)}`)
      assert.equal(item.guid['#text'], `${TEST_ORIGIN}/p/${story.row.short_id}`)
      assert.ok(!Number.isNaN(Date.parse(item.pubDate)), 'pubDate is an RFC 822 date')
      assert.equal(item['dc:creator'], 'Ida Rss')
      const content = item['content:encoded'] as string
      assert.match(content, /<a href="https:\/\/www\.rssboard\.org\/rss-specification"/)
      assert.match(content, new RegExp(`<img src="${TEST_ORIGIN}/media/chart\\.png"`))
      assert.doesNotMatch(content, / (src|href)="\//, 'no same-site path is left relative')
    })

    it('answers Atom 1.0 with feed id, title and updated, and entries with id, title, updated, link and author', async () => {
      const { user } = await makeUser(t.db, { name: 'Ada Atom' })
      const story = await makeStory(t.db, user.id, { title: 'Atoms and entries', tags: ['Syndication'] })
      const response = await call(t.app, 'GET', `/feed/@${user.username}.atom`)
      assert.equal(response.statusCode, 200)
      assert.equal(response.headers['content-type'], 'application/atom+xml; charset=utf-8')
      const { feed } = parseXml(response.body)
      assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom')
      assert.equal(feed.id, `${TEST_ORIGIN}/feed/@${user.username}.atom`)
      assert.ok(feed.title)
      assert.ok(!Number.isNaN(Date.parse(feed.updated)))
      const [entry] = feed.entry
      assert.equal(entry.id, `${TEST_ORIGIN}/p/${story.row.short_id}`)
      assert.equal(entry.title['#text'], 'Atoms and entries')
      assert.ok(!Number.isNaN(Date.parse(entry.updated)))
      assert.equal(entry.link[0]['@_href'], `${TEST_ORIGIN}/@${user.username}/${slugOf(story)}`)
      assert.equal(entry.author.name, 'Ada Atom')
      assert.equal(entry.content['@_type'], 'html')
      assert.equal(entry.category[0]['@_term'], 'syndication')
    })

    it('answers JSON Feed 1.1 with its version URL, title and items with id and content_html', async () => {
      const { user } = await makeUser(t.db, { name: 'Jay Son' })
      const story = await makeStory(t.db, user.id, { title: 'JSON, fed', body: 'Hello **feed**.' })
      const response = await call(t.app, 'GET', `/feed/@${user.username}.json`)
      assert.equal(response.statusCode, 200)
      assert.equal(response.headers['content-type'], 'application/feed+json; charset=utf-8')
      const feed = JSON.parse(response.body) as JsonFeed
      assert.equal(feed.version, 'https://jsonfeed.org/version/1.1')
      assert.equal(feed.title, 'Stories by Jay Son on Ovation')
      assert.equal(feed.home_page_url, `${TEST_ORIGIN}/@${user.username}`)
      assert.equal(feed.feed_url, `${TEST_ORIGIN}/feed/@${user.username}.json`)
      const [item] = feed.items
      assert.ok(item)
      assert.equal(item.id, `${TEST_ORIGIN}/p/${story.row.short_id}`)
      assert.equal(item.url, `${TEST_ORIGIN}/@${user.username}/${slugOf(story)}`)
      assert.match(item.content_html, /<strong>feed<\/strong>/)
      assert.deepEqual(item.authors.map((author) => author.name), ['Jay Son'])
    })

    it('escapes a hostile title in every format, and every format still parses', async () => {
      const { user } = await makeUser(t.db, { name: '<b>Mallory</b> & co' })
      await makeStory(t.db, user.id, { title: HOSTILE_TITLE, subtitle: 'Nothing ]]> to see <here>', tags: ['<i>tag</i>'] })
      const rss = parseXml((await call(t.app, 'GET', `/feed/@${user.username}`)).body).rss.channel
      // The title reaches readers as escaped HTML: a reader that renders it shows the text.
      assert.equal(rss.item[0].title, '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;')
      assert.equal(rss.item[0].description, 'Nothing ]]&gt; to see &lt;here&gt;')
      assert.equal(rss.item[0]['dc:creator'], '<b>Mallory</b> & co')
      assert.deepEqual(rss.item[0].category, ['<i>tag</i>'])
      assert.equal(rss.title, 'Stories by <b>Mallory</b> & co on Ovation')
      const atom = parseXml((await call(t.app, 'GET', `/feed/@${user.username}.atom`)).body).feed
      assert.equal(atom.entry[0].title['#text'], '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;')
      assert.equal(atom.entry[0].title['@_type'], 'html')
      const json = JSON.parse((await call(t.app, 'GET', `/feed/@${user.username}.json`)).body) as JsonFeed
      assert.equal(json.items[0]?.title, HOSTILE_TITLE, 'JSON Feed titles are plain text')
    })

    it('leaves drafts and unlisted stories out of every feed', async () => {
      const { user } = await makeUser(t.db)
      const tag = uniqueName('Hidden')
      await makeStory(t.db, user.id, { title: 'Out in the open', tags: [tag] })
      await makeStory(t.db, user.id, { title: 'A secret draft', status: 'draft', tags: [tag] })
      await makeStory(t.db, user.id, { title: 'An unlisted note', status: 'unlisted', tags: [tag] })
      const key = tag.toLowerCase().replace(/_/g, '-')
      for (const path of ['/feed', '/feed.atom', '/feed.json', `/feed/@${user.username}`, `/feed/@${user.username}.json`, `/feed/tag/${key}`, `/feed/tag/${key}.atom`]) {
        const response = await call(t.app, 'GET', path)
        assert.equal(response.statusCode, 200, path)
        assert.match(response.body, /Out in the open/, path)
        assert.doesNotMatch(response.body, /A secret draft|An unlisted note/, path)
      }
    })

    it('serves publication and tag feeds at Medium’s addresses without taking over the publication or story pages', async () => {
      const { user } = await makeUser(t.db)
      const slug = uniqueName('pub').replace(/_/g, '-')
      await createPublication(t.db, { slug, name: 'Feed & Co', tagline: 'All the news', ownerId: user.id })
      const story = await makeStory(t.db, user.id, { title: 'In the publication', publication: slug, tags: ['Slow News'] })
      const rss = parseXml((await call(t.app, 'GET', `/feed/${slug}`)).body).rss.channel
      assert.equal(rss.title, 'Feed & Co')
      assert.equal(rss.link, `${TEST_ORIGIN}/${slug}`)
      assert.equal(rss.item[0].link, `${TEST_ORIGIN}/${slug}/${slugOf(story)}`)
      assert.equal(parseXml((await call(t.app, 'GET', `/feed/${slug}.atom`)).body).feed.title, 'Feed & Co')
      assert.equal((JSON.parse((await call(t.app, 'GET', `/feed/${slug}.json`)).body) as JsonFeed).items.length, 1)
      const tagFeed = parseXml((await call(t.app, 'GET', '/feed/tag/slow-news')).body).rss.channel
      assert.equal(tagFeed.title, 'Slow News on Ovation')
      assert.equal((await call(t.app, 'GET', '/feed/tag/Slow%20News.json')).headers.location, '/feed/tag/slow-news.json')
      // The pages the feeds sit beside still answer.
      assert.equal((await call(t.app, 'GET', `/${slug}`)).statusCode, 200)
      assert.equal((await call(t.app, 'GET', `/${slug}/${slugOf(story)}`)).statusCode, 200)
      assert.equal((await call(t.app, 'GET', '/tag/slow-news')).statusCode, 200)
    })

    it('answers 404 for an unknown writer, publication or tag', async () => {
      for (const path of ['/feed/@nobody-here-at-all', '/feed/@nobody-here-at-all.atom', '/feed/no-such-publication', '/feed/no-such-publication.json', '/feed/tag/no-such-tag-anywhere']) {
        assert.equal((await call(t.app, 'GET', path)).statusCode, 404, path)
      }
    })

    it('answers 304 to If-None-Match and If-Modified-Since, and sends the feed again once a story changes', async () => {
      const { user } = await makeUser(t.db)
      const story = await makeStory(t.db, user.id, { title: 'Cache me' })
      const path = `/feed/@${user.username}.atom`
      const first = await call(t.app, 'GET', path)
      const etag = first.headers.etag as string
      const lastModified = first.headers['last-modified'] as string
      assert.ok(etag)
      assert.equal(new Date(lastModified).toUTCString(), lastModified)
      const byTag = await call(t.app, 'GET', path, { headers: { 'if-none-match': etag } })
      assert.equal(byTag.statusCode, 304)
      assert.equal(byTag.body, '')
      assert.equal((await call(t.app, 'GET', path, { headers: { 'if-modified-since': lastModified } })).statusCode, 304)
      await new Promise((resolve) => setTimeout(resolve, 1100)) // Last-Modified counts whole seconds
      await updateStory(t.db, user.id, slugOf(story), { title: 'Cache me again' })
      const changed = await call(t.app, 'GET', path, { headers: { 'if-none-match': etag } })
      assert.equal(changed.statusCode, 200)
      assert.match(changed.body, /Cache me again/)
      assert.equal((await call(t.app, 'GET', path, { headers: { 'if-modified-since': lastModified } })).statusCode, 200)
    })

    it('carries the twenty newest stories', async () => {
      const { user } = await makeUser(t.db)
      const start = Date.UTC(2025, 0, 1)
      for (let i = 1; i <= 21; i++) await makeStory(t.db, user.id, { title: `Numbered story ${i}`, publishedAt: new Date(start + i * 60_000) })
      const feed = JSON.parse((await call(t.app, 'GET', `/feed/@${user.username}.json`)).body) as JsonFeed
      assert.equal(feed.items.length, 20)
      assert.equal(feed.items[0]?.title, 'Numbered story 21')
      assert.ok(!feed.items.some((item) => item.title === 'Numbered story 1'))
    })
  })
}
