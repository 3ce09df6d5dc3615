// Images and footnotes as a writer and a reader meet them in Chromium: an image uploaded through
// the plain form appears on the published story with srcset and its size; a footnote number leads
// to its note, and the note's ↩ back to the passage.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import sharp from 'sharp'
import type { Browser, Page } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { expectVisible, newPage, screenshotWidths, startServerAndBrowser } from './browser.ts'
import { api, createStoryViaApi, pathOf, signUpViaApi, type ApiArticle, type ApiUser } from './api.ts'

const BODY = [
  'The river rose a metre in one night.[^gauge] By morning the lower town was an island.',
  '',
  '> We had never seen the water so high.[^witness]',
  '',
  ...Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1} of the long middle of the story, so that notes sit far below the text that cites them and a jump is a real jump down the page.\n`),
  '[^gauge]: Readings of [gauge 12](https://river.example/12), River Authority, 2024-09-15.',
  '',
  '[^witness]: A resident of the lower town, interviewed the next day.',
].join('\n')

/** Whether the element is inside the viewport, waiting a little for a smooth scroll to end. */
async function inView(page: Page, selector: string, expected = true): Promise<boolean> {
  const check = (element: Element) => {
    const box = element.getBoundingClientRect()
    return box.bottom > 0 && box.top < window.innerHeight
  }
  const deadline = Date.now() + 3000
  for (;;) {
    const now = await page.locator(selector).first().evaluate(check)
    if (now === expected || Date.now() > deadline) return now
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('images and footnotes in the browser', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let page: Page
      let writer: ApiUser
      let story: ApiArticle

      before(async () => {
        ;({ server, browser } = await startServerAndBrowser({ engine }))
        writer = await signUpViaApi(server.baseUrl, { name: 'Rhea Rivers' })
        story = await createStoryViaApi(server.baseUrl, writer.token, { title: 'The night of the flood', description: 'What the gauges said', body: BODY })
        await api(server.baseUrl, 'POST', `/api/articles/${story.slug}/sources`, {
          token: writer.token,
          status: 201,
          body: { source: { title: 'Flood levels of the lower Rhine', author: 'River Authority', url: 'https://river.example/levels', date: '2024-09', excerpt: 'The highest level since records began.' } },
        })
        page = await newPage(browser, { baseURL: server.baseUrl })
      }, { timeout: 90_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      it('uploads an image through the page and shows it on the story with srcset', { timeout: 60_000 }, async () => {
        await page.goto('/signin')
        await page.getByLabel('Email').fill(writer.email)
        await page.getByLabel('Password').fill(writer.password)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await expectVisible(page.getByRole('button', { name: 'Sign out' }))

        await page.goto(`/edit/${story.slug}`)
        await page.getByRole('link', { name: 'Add an image' }).click()
        await page.waitForURL(`**/edit/${story.slug}/images`)
        const jpeg = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#3a6f8f' } })
          .composite([{ input: Buffer.from('<svg width="1600" height="1000"><rect x="0" y="620" width="1600" height="380" fill="#1d3b4d"/><circle cx="1200" cy="260" r="120" fill="#f2d16b"/></svg>') }])
          .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '50/1 56/1 0/1' } })
          .jpeg()
          .toBuffer()
        await page.getByLabel('Image', { exact: true }).setInputFiles({ name: 'flood.jpg', mimeType: 'image/jpeg', buffer: jpeg })
        await page.getByLabel('Alt text').fill('The lower town under water at dawn')
        await page.getByLabel('Caption (optional)').fill('The lower town at dawn')
        await page.getByRole('button', { name: 'Upload' }).click()
        await page.waitForURL(`**/edit/${story.slug}`)

        await page.goto(pathOf(story))
        const image = page.locator('.story__body figure img')
        await image.scrollIntoViewIfNeeded()
        await page.waitForFunction(() => {
          const img = document.querySelector<HTMLImageElement>('.story__body figure img')
          return img !== null && img.complete && img.naturalWidth > 0
        })
        const seen = await image.evaluate((img: HTMLImageElement) => ({
          srcset: img.getAttribute('srcset'),
          sizes: img.getAttribute('sizes'),
          width: img.getAttribute('width'),
          height: img.getAttribute('height'),
          alt: img.alt,
          currentSrc: img.currentSrc,
          loading: img.loading,
          rendered: img.getBoundingClientRect().width,
        }))
        assert.match(seen.srcset ?? '', /^\/media\/[a-f0-9]{24}-1600x1000-400\.webp 400w, .+-800\.webp 800w, .+-1200\.webp 1200w, \/media\/[a-f0-9]{24}-1600x1000\.webp 1600w$/)
        assert.equal(seen.sizes, '(max-width: 748px) 100vw, 700px')
        assert.deepEqual([seen.width, seen.height], ['1600', '1000'])
        assert.equal(seen.alt, 'The lower town under water at dawn')
        assert.equal(seen.loading, 'lazy')
        // The browser picked one of the widths the srcset offers, not the largest by default.
        assert.match(seen.currentSrc, /\/media\/[a-f0-9]{24}-1600x1000(-\d+)?\.webp$/)
        assert.ok(seen.rendered > 300 && seen.rendered <= 701, `rendered ${seen.rendered}px wide`)
        // The photo carried a GPS position; what readers download carries no EXIF at all.
        const served = await fetch(seen.currentSrc)
        assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable')
        assert.equal((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).exif, undefined)
        await expectVisible(page.getByText('The lower town at dawn'))
        await expectVisible(page.getByRole('heading', { name: 'Sources' }))
      })

      it('sets a cover image through the same form, with its alt text', { timeout: 60_000 }, async () => {
        await page.goto(`/edit/${story.slug}/images`)
        const cover = await sharp({ create: { width: 1400, height: 700, channels: 3, background: '#8a9a5b' } }).png().toBuffer()
        await page.getByLabel('Image', { exact: true }).setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: cover })
        await page.getByLabel('Alt text').fill('Sandbags along the river wall')
        await page.getByLabel(/cover image/).check()
        await page.getByRole('button', { name: 'Upload' }).click()
        await page.waitForURL(`**${pathOf(story)}`)
        const img = page.locator('.story__cover img')
        await expectVisible(img)
        assert.equal(await img.getAttribute('alt'), 'Sandbags along the river wall')
        assert.match((await img.getAttribute('srcset')) ?? '', / 1400w$/)
      })

      it('leads from a footnote number to its note and back', { timeout: 60_000 }, async () => {
        await page.goto(pathOf(story))
        const reference = page.locator('sup.fn a').first()
        assert.equal(await reference.textContent(), '1')
        await reference.click()
        await page.waitForURL('**#fn-gauge')
        assert.ok(await inView(page, '#fn-gauge'), 'the note is on screen')
        assert.ok(!(await inView(page, '#fnref-gauge', false)), 'the reference has scrolled away')
        await expectVisible(page.getByRole('heading', { name: 'Notes' }))
        await page.locator('#fn-gauge').getByRole('link', { name: 'Back to reference 1' }).click()
        await page.waitForURL('**#fnref-gauge')
        assert.ok(await inView(page, '#fnref-gauge'), 'back at the reference')

        assert.equal(await page.locator('sup.fn a').nth(1).textContent(), '2')
        await page.locator('sup.fn a').nth(1).click()
        await page.waitForURL('**#fn-witness')
        assert.ok(await inView(page, '#fn-witness'))
      })

      it('reads well at a phone’s and a desktop’s width', { timeout: 60_000 }, async () => {
        await page.goto(pathOf(story))
        await page.locator('.story__body figure img').scrollIntoViewIfNeeded()
        await page.waitForFunction(() => [...document.images].every((img) => img.complete))
        // The story itself (cover, figures, notes, sources) fits; the header is checked elsewhere.
        for (const width of [375, 1280]) {
          await page.setViewportSize({ width, height: 900 })
          const wide = await page.evaluate(() => [...document.querySelectorAll('article.story *')]
            .filter((element) => element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
            .map((element) => element.tagName.toLowerCase() + '.' + String(element.className)))
          assert.deepEqual(wide, [], `at ${width}px`)
        }
        await screenshotWidths(page, `images-footnotes-${engine}`)
      })
    })
  }
})
