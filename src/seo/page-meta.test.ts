import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, sessionCookieFrom, TEST_ORIGIN, type TestApp } from '../testing/app.ts'
import { makeStory, makeUser, uniqueName } from '../testing/factories.ts'
import { createPublication } from '../publications/service.ts'
import { jsonLdText } from './json-ld.ts'

/** The parsed JSON-LD blocks of a page. */
function jsonLdOf(html: string): Record<string, unknown>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => JSON.parse(match[1] as string) as Record<string, unknown>)
}

/** The content of <meta property|name="…">, HTML entities undone for the few the renderer writes. */
function metaOf(html: string, key: string): string | undefined {
  const match = new RegExp(`<meta (?:property|name)="${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}" content="([^"]*)"`).exec(html)
  return match?.[1]?.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
}

const linkHrefs = (html: string, rel: string, type?: string) =>
  // Quoted attribute values may hold '>' (a title), so the tag ends at the first '>' outside quotes.
  [...html.matchAll(/<link ((?:[^>"]|"[^"]*")*)>/g)].map((match) => match[1] as string)
    .filter((attrs) => attrs.includes(`rel="${rel}"`) && (!type || attrs.includes(`type="${type}"`)))
    .map((attrs) => /href="([^"]*)"/.exec(attrs)?.[1]?.replace(/&amp;/g, '&'))

describe('jsonLdText', () => {
  it('writes JSON that cannot close its script element and parses back to the same data', () => {
    const data = { headline: '</script><script>alert(1)</script><!-- & \u2028' }
    const text = jsonLdText(data)
    assert.doesNotMatch(text, /<|>|&|\u2028/)
    assert.deepEqual(JSON.parse(text), data)
  })
})

for (const engine of engines()) {
  describe(`page metadata (${engine})`, () => {
    let t: TestApp
    before(async () => { t = await buildTestApp(engine) })
    after(() => t.close())

    const storyUrl = (username: string, story: { row: { slug: string; short_id: string } }) => `${TEST_ORIGIN}/@${username}/${story.row.slug}-${story.row.short_id}`

    it('gives a story page OpenGraph, Twitter, article and oEmbed tags and an Article in JSON-LD', async () => {
      const { user } = await makeUser(t.db, { name: 'Mara Meta' })
      const story = await makeStory(t.db, user.id, { title: 'Previewed </script><!-- "well"', subtitle: 'A subtitle for cards', body: 'Words.\n\n![Harbour](/media/harbour.png)', tags: ['Harbours'] })
      const url = storyUrl(user.username, story)
      const page = await call(t.app, 'GET', url.slice(TEST_ORIGIN.length))
      assert.equal(page.statusCode, 200)
      const html = page.body
      assert.equal(metaOf(html, 'og:type'), 'article')
      assert.equal(metaOf(html, 'og:title'), 'Previewed </script><!-- "well"')
      assert.equal(metaOf(html, 'og:description'), 'A subtitle for cards')
      assert.equal(metaOf(html, 'og:url'), url)
      assert.equal(metaOf(html, 'og:image'), `${TEST_ORIGIN}/media/harbour.png`)
      assert.equal(metaOf(html, 'twitter:card'), 'summary_large_image')
      assert.equal(metaOf(html, 'article:author'), `${TEST_ORIGIN}/@${user.username}`)
      assert.equal(metaOf(html, 'article:tag'), 'Harbours')
      assert.ok(!Number.isNaN(Date.parse(metaOf(html, 'article:published_time') ?? '')))
      assert.equal(metaOf(html, 'robots'), undefined)
      assert.deepEqual(linkHrefs(html, 'canonical'), [url])
      assert.deepEqual(linkHrefs(html, 'alternate', 'application/json+oembed'), [`${TEST_ORIGIN}/oembed?url=${encodeURIComponent(url)}&format=json`])
      const [article] = jsonLdOf(html)
      assert.ok(article)
      assert.equal(article['@type'], 'Article')
      assert.equal(article.headline, 'Previewed </script><!-- "well"')
      assert.deepEqual(article.author, { '@type': 'Person', name: 'Mara Meta', url: `${TEST_ORIGIN}/@${user.username}` })
      assert.equal((article.publisher as { name: string }).name, 'Ovation')
      assert.deepEqual(article.image, [`${TEST_ORIGIN}/media/harbour.png`])
      assert.ok(article.datePublished && article.dateModified)
    })

    it('points a story with a canonical URL elsewhere there, and names its publication as publisher', async () => {
      const { user } = await makeUser(t.db)
      const slug = uniqueName('pub').replace(/_/g, '-')
      await createPublication(t.db, { slug, name: 'Reprints', ownerId: user.id })
      const story = await makeStory(t.db, user.id, { publication: slug, canonicalUrl: 'https://blog.example/original-post' })
      const html = (await call(t.app, 'GET', `/${slug}/${story.row.slug}-${story.row.short_id}`)).body
      assert.deepEqual(linkHrefs(html, 'canonical'), ['https://blog.example/original-post'])
      const [article] = jsonLdOf(html)
      assert.deepEqual(article?.publisher, { '@type': 'Organization', name: 'Reprints', url: `${TEST_ORIGIN}/${slug}`, logo: { '@type': 'ImageObject', url: `${TEST_ORIGIN}/favicon.svg` } })
      assert.equal(metaOf(html, 'article:section'), 'Reprints')
    })

    it('marks unlisted stories and drafts noindex and offers no oEmbed for them', async () => {
      const { user, password } = await makeUser(t.db)
      const unlisted = await makeStory(t.db, user.id, { status: 'unlisted' })
      const draft = await makeStory(t.db, user.id, { status: 'draft' })
      const unlistedPage = await call(t.app, 'GET', storyUrl(user.username, unlisted).slice(TEST_ORIGIN.length))
      assert.equal(metaOf(unlistedPage.body, 'robots'), 'noindex')
      assert.equal(unlistedPage.headers['x-robots-tag'], 'noindex')
      assert.deepEqual(linkHrefs(unlistedPage.body, 'alternate', 'application/json+oembed'), [])
      const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: user.email, password } }))
      const draftPage = await call(t.app, 'GET', storyUrl(user.username, draft).slice(TEST_ORIGIN.length), { cookie })
      assert.equal(draftPage.statusCode, 200)
      assert.equal(metaOf(draftPage.body, 'robots'), 'noindex')
    })

    it('keeps account pages and the editor out of search results', async () => {
      const { user, password } = await makeUser(t.db)
      const cookie = sessionCookieFrom(await call(t.app, 'POST', '/signin', { form: { email: user.email, password } }))
      for (const path of ['/signin', '/signup']) assert.equal((await call(t.app, 'GET', path)).headers['x-robots-tag'], 'noindex', path)
      for (const path of ['/settings', '/new-story']) assert.equal((await call(t.app, 'GET', path, { cookie })).headers['x-robots-tag'], 'noindex', path)
      assert.equal((await call(t.app, 'GET', '/')).headers['x-robots-tag'], undefined)
    })

    it('gives a profile a Person, its feeds and a canonical address', async () => {
      const { user } = await makeUser(t.db, { name: 'Pia Person' })
      await makeStory(t.db, user.id)
      const html = (await call(t.app, 'GET', `/@${user.username}`)).body
      const [person] = jsonLdOf(html)
      assert.deepEqual(person, { '@context': 'https://schema.org', '@type': 'Person', name: 'Pia Person', url: `${TEST_ORIGIN}/@${user.username}` })
      assert.equal(metaOf(html, 'og:type'), 'profile')
      assert.deepEqual(linkHrefs(html, 'alternate', 'application/rss+xml'), [`${TEST_ORIGIN}/feed/@${user.username}`])
      assert.deepEqual(linkHrefs(html, 'alternate', 'application/atom+xml'), [`${TEST_ORIGIN}/feed/@${user.username}.atom`])
      assert.deepEqual(linkHrefs(html, 'alternate', 'application/feed+json'), [`${TEST_ORIGIN}/feed/@${user.username}.json`])
      assert.deepEqual(linkHrefs(html, 'canonical'), [`${TEST_ORIGIN}/@${user.username}`])
    })

    it('gives a publication an Organization and its feeds', async () => {
      const { user } = await makeUser(t.db)
      const slug = uniqueName('pub').replace(/_/g, '-')
      await createPublication(t.db, { slug, name: 'Org & Co', tagline: 'We publish', ownerId: user.id })
      const html = (await call(t.app, 'GET', `/${slug}`)).body
      const [organization] = jsonLdOf(html)
      assert.equal(organization?.['@type'], 'Organization')
      assert.equal(organization?.name, 'Org & Co')
      assert.equal(organization?.description, 'We publish')
      assert.deepEqual(linkHrefs(html, 'alternate', 'application/rss+xml'), [`${TEST_ORIGIN}/feed/${slug}`])
    })

    it('gives the home page a WebSite and the site feed, and a tag page its feed', async () => {
      const { user } = await makeUser(t.db)
      const tag = uniqueName('Topic')
      await makeStory(t.db, user.id, { tags: [tag] })
      const home = (await call(t.app, 'GET', '/')).body
      assert.equal(jsonLdOf(home)[0]?.['@type'], 'WebSite')
      assert.ok(metaOf(home, 'og:title') && metaOf(home, 'description'))
      assert.deepEqual(linkHrefs(home, 'alternate', 'application/rss+xml'), [`${TEST_ORIGIN}/feed`])
      assert.deepEqual(linkHrefs((await call(t.app, 'GET', '/?page=2')).body, 'canonical'), [`${TEST_ORIGIN}/?page=2`])
      const key = tag.toLowerCase().replace(/_/g, '-')
      const tagPage = (await call(t.app, 'GET', `/tag/${key}`)).body
      assert.deepEqual(linkHrefs(tagPage, 'alternate', 'application/rss+xml'), [`${TEST_ORIGIN}/feed/tag/${key}`])
      assert.equal(metaOf(tagPage, 'og:title'), tag)
    })
  })
}
