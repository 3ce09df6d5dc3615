// What a link preview or a search engine reads from a story page, read the way they read it: from
// the DOM a real browser builds. The JSON-LD block must parse as JSON and name the author even
// when the title tries to end the script element.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { newPage, startServerAndBrowser } from './browser.ts'
import { createStoryViaApi, pathOf, signUpViaApi, type ApiArticle, type ApiUser } from './api.ts'

const TITLE = 'Harbour lights </script><!-- & "friends"'
const SUBTITLE = 'What the ferries see at night'

describe('story metadata in the browser', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let page: Page
      let author: ApiUser
      let story: ApiArticle

      before(async () => {
        ;({ server, browser } = await startServerAndBrowser({ engine }))
        author = await signUpViaApi(server.baseUrl, { name: 'Nora Harbour' })
        story = await createStoryViaApi(server.baseUrl, author.token, { title: TITLE, description: SUBTITLE, body: 'The first ferry leaves at five.\n\n![The harbour](https://images.example/harbour.jpg)', tagList: ['Ferries'] })
        page = await newPage(browser, { baseURL: server.baseUrl })
      }, { timeout: 90_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      it('carries OpenGraph and Twitter tags and an Article in JSON-LD that names the author', { timeout: 60_000 }, async () => {
        const response = await page.goto(pathOf(story))
        assert.equal(response?.status(), 200)
        const found = await page.evaluate(() => {
          const meta = (key: string) => document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content') ?? null
          return {
            title: document.title,
            description: meta('description'),
            ogTitle: meta('og:title'),
            ogType: meta('og:type'),
            ogUrl: meta('og:url'),
            ogImage: meta('og:image'),
            ogDescription: meta('og:description'),
            twitterCard: meta('twitter:card'),
            publishedTime: meta('article:published_time'),
            articleAuthor: meta('article:author'),
            robots: meta('robots'),
            canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null,
            oembed: document.querySelector('link[rel="alternate"][type="application/json+oembed"]')?.getAttribute('href') ?? null,
            jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => script.textContent ?? ''),
          }
        })
        assert.match(found.title, /^Harbour lights <\/script><!-- & "friends"/)
        assert.equal(found.description, SUBTITLE)
        assert.equal(found.ogTitle, TITLE)
        assert.equal(found.ogType, 'article')
        assert.equal(found.ogUrl, story.url)
        assert.equal(found.ogDescription, SUBTITLE)
        assert.equal(found.ogImage, 'https://images.example/harbour.jpg')
        assert.equal(found.twitterCard, 'summary_large_image')
        assert.ok(found.publishedTime && !Number.isNaN(Date.parse(found.publishedTime)), 'article:published_time is a date')
        assert.equal(found.articleAuthor, `${server.baseUrl}/@${author.username}`)
        assert.equal(found.robots, null, 'a published story may be indexed')
        assert.equal(found.canonical, story.url)
        assert.ok(found.oembed?.startsWith(`${server.baseUrl}/oembed?url=`))

        assert.equal(found.jsonLd.length, 1, 'one JSON-LD block, not cut short by the title')
        const article = JSON.parse(found.jsonLd[0] as string) as { '@type': string; headline: string; author: { '@type': string; name: string; url: string }; datePublished: string; image: string[] }
        assert.equal(article['@type'], 'Article')
        assert.equal(article.headline, TITLE)
        assert.equal(article.author['@type'], 'Person')
        assert.equal(article.author.name, 'Nora Harbour')
        assert.equal(article.author.url, `${server.baseUrl}/@${author.username}`)
        assert.ok(!Number.isNaN(Date.parse(article.datePublished)))
        assert.deepEqual(article.image, ['https://images.example/harbour.jpg'])

        // The discovery link leads to an oEmbed answer for the same story.
        const oembed = await (await fetch(found.oembed as string)).json() as { type: string; title: string; author_name: string }
        assert.deepEqual([oembed.type, oembed.title, oembed.author_name], ['link', TITLE, 'Nora Harbour'])
      })
    })
  }
})
