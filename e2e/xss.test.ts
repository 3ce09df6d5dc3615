// Hostile text written through the API (title, subtitle, tags, body, a response, a bio) reaches
// every page as text: no script of a writer's runs, no javascript: or data: link, no handler
// attribute, and the Content-Security-Policy forbids inline script besides.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { expectText, expectVisible, newPage, screenshotWidths, startServerAndBrowser } from './browser.ts'
import { api, createStoryViaApi, pathOf, respondViaApi, signUpViaApi, type ApiArticle, type ApiUser } from './api.ts'

const TITLE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
const SUBTITLE = `<b>Bold</b> claims, "double" and 'single' quotes & <i>more</i>`
const TAGS = ['<i>italic</i>', '"><b>tag'] as const
const BIO = '<script>window.__pwned=6</script> I write <b>bold</b> things.'
const HOSTILE_MARKDOWN = [
  'An innocent opening paragraph.',
  '',
  '<script>window.__pwned=3</script>',
  '',
  '<img src=x onerror=window.__pwned=4>',
  '',
  '[click me](javascript:window.__pwned=5)',
  '',
  '[data](data:text/html,<script>alert(1)</script>)',
  '',
  '![x](javascript:alert(1))',
  '',
  '<javascript:alert(1)>',
  '',
  'A closing paragraph with a [real link](https://example.com/).',
].join('\n')

// The engines run side by side, each with a server (and database) of its own.
describe('hostile text on the pages', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let author: ApiUser
      let story: ApiArticle
      // One page for the whole file: a fresh browser context costs seconds on a busy machine.
      let page: Page
      const dialogs: string[] = []

      before(async () => {
        ;({ server, browser } = await startServerAndBrowser({ engine }))
        author = await signUpViaApi(server.baseUrl, { name: 'Mallory Writer' })
        await api(server.baseUrl, 'PUT', '/api/user', { token: author.token, body: { user: { bio: BIO } } })
        story = await createStoryViaApi(server.baseUrl, author.token, { title: TITLE, description: SUBTITLE, tagList: TAGS, body: HOSTILE_MARKDOWN })
        const responder = await signUpViaApi(server.baseUrl, { name: 'Eve Responder' })
        await respondViaApi(server.baseUrl, responder.token, story.slug, HOSTILE_MARKDOWN)
        page = await newPage(browser, { baseURL: server.baseUrl })
        page.on('dialog', (dialog) => {
          dialogs.push(`${dialog.type()}: ${dialog.message()}`)
          void dialog.dismiss()
        })
      }, { timeout: 90_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      /** Opens a path with JavaScript on; the page's dialogs are collected (and fail the test). */
      async function open(path: string): Promise<{ csp: string }> {
        const response = await page.goto(path)
        assert.equal(response?.status(), 200, `GET ${path}`)
        await page.waitForLoadState('load')
        return { csp: (await response?.headerValue('content-security-policy')) ?? '' }
      }

      /** What no page may contain, whatever a writer typed. */
      async function assertNothingRuns(): Promise<void> {
        const found = await page.evaluate(() => ({
          pwned: (window as unknown as { __pwned?: unknown }).__pwned,
          javascriptLinks: document.querySelectorAll('a[href^="javascript:" i], [src^="javascript:" i], [action^="javascript:" i]').length,
          dataLinks: document.querySelectorAll('a[href^="data:" i]').length,
          handlers: [...document.querySelectorAll('*')].flatMap((element) =>
            [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.tagName} ${attribute.name}`)),
          // Structured data (JSON-LD) is a data block browsers never run; everything else is code.
          // The theme script (src/web/theme.ts) is ours too: the CSP allows only its exact text, by hash.
          scripts: [...document.querySelectorAll('script:not([type="application/ld+json"]):not([data-theme-script])')].map((script) => script.outerHTML),
          ourScripts: document.querySelectorAll('script[type=module][src^="/assets/"]').length,
          dataBlocks: [...document.querySelectorAll('script[type="application/ld+json"]')].map((script) => script.textContent ?? ''),
          embeds: document.querySelectorAll('iframe, object, embed, base').length,
        }))
        assert.equal(found.pwned, undefined, 'no payload ran')
        assert.equal(found.javascriptLinks, 0, 'no javascript: URL')
        assert.equal(found.dataLinks, 0, 'no data: link')
        assert.deepEqual(found.handlers, [], 'no event handler attribute')
        assert.equal(found.scripts.length, 1, `only our script: ${found.scripts.join(' ')}`)
        assert.equal(found.ourScripts, 1, `only our script: ${found.scripts.join(' ')}`)
        assert.equal(found.embeds, 0, 'no iframe, object, embed or base element')
        for (const block of found.dataBlocks) {
          // Inside a script element only "</script" could end it early: JSON-LD must carry no "<".
          assert.doesNotMatch(block, /</, 'JSON-LD escapes "<"')
          assert.doesNotThrow(() => JSON.parse(block), 'JSON-LD is JSON')
        }
        assert.deepEqual(dialogs, [], 'no dialog opened')
      }

      it('shows the story page with every payload as text, under a strict Content-Security-Policy', { timeout: 60_000 }, async () => {
        const { csp } = await open(pathOf(story))
        assert.match(csp, /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')?(;|$)/)
        assert.match(csp, /object-src 'none'/)

        const title = page.getByRole('heading', { level: 1 })
        assert.equal((await expectText(title, TITLE)), TITLE)
        await expectVisible(page.getByText('<script>window.__pwned=1</script>', { exact: false }).first())
        // Structured data, when the page has it, carries the title faithfully, as data.
        const headlines = await page.locator('script[type="application/ld+json"]').evaluateAll((scripts) =>
          scripts.map((script) => (JSON.parse(script.textContent ?? '{}') as { headline?: string }).headline).filter(Boolean))
        for (const headline of headlines) assert.equal(headline, TITLE)
        await expectVisible(page.getByText(SUBTITLE, { exact: true }))
        for (const tag of TAGS) await expectVisible(page.getByRole('list', { name: 'Tags' }).getByRole('link', { name: tag, exact: true }))
        const storyArticle = page.getByRole('article').first()
        assert.equal(await storyArticle.locator('header b, header i, .tag-list b, .tag-list i').count(), 0)
        assert.equal(await page.locator('img[src="x"]').count(), 0)
        // A real link survives, so the renderer did not just drop every link.
        await expectVisible(storyArticle.getByRole('link', { name: 'real link' }))

        // The response carries the same payloads, rendered by the same rules.
        const responses = page.locator('#responses')
        await expectVisible(responses.getByText('An innocent opening paragraph.'))
        for (const clickMe of await page.getByText('click me', { exact: true }).all()) await clickMe.click()
        assert.ok(await page.getByText('click me', { exact: true }).count() >= 2, 'the story and the response both show "click me"')
        await assertNothingRuns()
        await screenshotWidths(page, `story-${engine}-hostile`)
      })

      it('shows the home page and the tag page with the hostile title as text', { timeout: 60_000 }, async () => {
        const { csp } = await open('/')
        assert.match(csp, /script-src 'self'/)
        await expectVisible(page.getByText(TITLE, { exact: false }).first())
        await assertNothingRuns()

        const tagLink = page.getByRole('link', { name: TAGS[0], exact: true }).first()
        await tagLink.click()
        await page.waitForURL('**/tag/**')
        await expectVisible(page.getByRole('heading', { level: 1 }))
        await assertNothingRuns()
      })

      it('shows the profile page with the hostile bio as text', { timeout: 60_000 }, async () => {
        await open(`/@${author.username}`)
        await expectVisible(page.getByText(BIO, { exact: false }).first())
        await expectVisible(page.getByText(TITLE, { exact: false }).first())
        await assertNothingRuns()
      })
    })
  }
})
