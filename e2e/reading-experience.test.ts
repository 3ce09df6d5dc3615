// The reading experience of issue 10, in Chromium on the demo site: the story page's weight, no
// layout shift while its images and the clap island load, type set for long reading with
// printers' punctuation, light and dark themes (the system's, or the reader's remembered choice,
// applied before the first paint under the strict CSP), reduced motion, a skip link and visible
// focus, and a clean print. Screenshots of every page type at 375, 768 and 1280 px go to
// test-artifacts/screenshots for a person to look at.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser, Page } from 'playwright-core'
import { engines, repoRoot, type TestServer } from './server.ts'
import { expectVisible, newPage, screenshotWidths, sidewaysOverflow, startServerAndBrowser } from './browser.ts'
import { DEMO_READER, PRIVATE_PAGES, publicPages, signInAsDemoWriter, type PublicPages } from './demo-site.ts'

const WIDTHS = [375, 768, 1280]
const KB = 1024

/** Scrolls to the end in steps (so lazy images load) and back, then waits for the network. */
async function readToTheEnd(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y)
      await new Promise((resolve) => setTimeout(resolve, 30))
    }
    window.scrollTo(0, 0)
  })
  await page.waitForLoadState('networkidle')
  await page.evaluate(() => document.fonts.ready)
}

/** Records every layout shift from the first byte (an init script: before any of the page's). */
async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: { value: number; sources: string[] }[] = []
    ;(window as unknown as { __shifts: typeof shifts }).__shifts = shifts
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] })[]) {
        if (entry.hadRecentInput) continue
        shifts.push({ value: entry.value, sources: (entry.sources ?? []).map((source) => (source.node instanceof Element ? `${source.node.tagName.toLowerCase()}.${source.node.className}` : String(source.node?.nodeName))) })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
}

describe('the reading experience', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let pages: PublicPages

      before(async () => {
        ;({ server, browser } = await startServerAndBrowser({ engine, seedDemo: true }))
        pages = await publicPages(server.baseUrl)
      }, { timeout: 120_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      it('keeps the story page under 40 KB gzipped (HTML, CSS, JS), under 10 KB of it JavaScript', { timeout: 60_000 }, async () => {
        // Counted: the page's HTML and every stylesheet and script it links (the islands bundle),
        // each gzipped as the server sends it. Not counted: fonts (Literata, latin subset, one
        // variable file per style, fetched once and cached for a year) and images.
        const html = await (await fetch(server.baseUrl + pages.story)).text()
        const linked = [...html.matchAll(/<(?:link rel="stylesheet" href|script type="module" src)="([^"]+)"/g)].map((match) => match[1] as string)
        const gzipped = async (path: string) => gzipSync(Buffer.from(await (await fetch(server.baseUrl + path)).arrayBuffer()), { level: 9 }).length
        const sizes = { html: gzipSync(html, { level: 6 }).length, css: 0, js: 0 }
        for (const path of linked) sizes[path.endsWith('.css') ? 'css' : 'js'] += await gzipped(path)
        const total = sizes.html + sizes.css + sizes.js
        console.log(`story page, gzipped: HTML ${(sizes.html / KB).toFixed(1)} KB, CSS ${(sizes.css / KB).toFixed(1)} KB, JS ${(sizes.js / KB).toFixed(1)} KB, total ${(total / KB).toFixed(1)} KB`)
        assert.ok(linked.some((path) => path.endsWith('.css')) && linked.some((path) => path.endsWith('.js')), `the page links its stylesheet and script: ${linked.join(', ')}`)
        assert.ok(total < 40 * KB, `story page weighs ${(total / KB).toFixed(1)} KB gzipped`)
        assert.ok(sizes.js < 10 * KB, `story page's JavaScript weighs ${(sizes.js / KB).toFixed(1)} KB gzipped`)
        // The server sends its precompressed forms.
        const css = await fetch(server.baseUrl + (linked.find((path) => path.endsWith('.css')) as string), { headers: { 'accept-encoding': 'br' } })
        assert.equal(css.headers.get('content-encoding'), 'br')
      })

      it('does not move while the images and the clap island load: signed out on a phone, signed in on a laptop', { timeout: 90_000 }, async () => {
        for (const [signedIn, width] of [[false, 375], [true, 1280]] as const) {
          {
            const page = await newPage(browser, { baseURL: server.baseUrl, width })
            if (signedIn) await signInAsDemoWriter(page, DEMO_READER)
            await recordLayoutShifts(page)
            await page.goto(pages.story)
            await expectVisible(page.locator('form.clap'))
            await readToTheEnd(page)
            const unsized = await page.locator('img:not([width][height])').evaluateAll((images) => images.map((image) => image.outerHTML))
            assert.deepEqual(unsized, [], 'every image says its width and height')
            const shifts = await page.evaluate(() => (window as unknown as { __shifts: { value: number; sources: string[] }[] }).__shifts)
            assert.deepEqual(shifts, [], `layout shifts ${signedIn ? 'signed in' : 'signed out'} at ${width} px: ${JSON.stringify(shifts)}`)
            await page.context().close()
          }
        }
      })

      it('sets the story for long reading: a serif at 18 px on a phone and 20 px on a laptop, leading about 1.6, lines under 75 characters', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await page.goto(pages.story)
        await page.evaluate(() => document.fonts.ready)
        for (const [width, size] of [[375, 18], [1280, 20]] as const) {
          await page.setViewportSize({ width, height: 900 })
          const type = await page.locator('.story__body > p').nth(1).evaluate((p) => {
            const style = getComputedStyle(p)
            // Characters on the paragraph's first line: where the line box first moves down.
            const text = p.firstChild as Text
            const range = document.createRange()
            let first = 0
            const top = (() => { range.setStart(text, 0); range.setEnd(text, 1); return range.getBoundingClientRect().top })()
            for (let i = 1; i < text.length; i++) {
              range.setStart(text, i)
              range.setEnd(text, i + 1)
              if (range.getBoundingClientRect().top > top + 2) break
              first = i + 1
            }
            return { family: style.fontFamily, size: parseFloat(style.fontSize), leading: parseFloat(style.lineHeight) / parseFloat(style.fontSize), firstLine: first, loaded: document.fonts.check(`${style.fontSize} 'Literata Variable'`) }
          })
          assert.match(type.family, /^"?Literata Variable"?,/, 'the body is set in Literata')
          assert.ok(type.loaded, 'Literata has loaded')
          assert.equal(type.size, size, `body size at ${width} px`)
          assert.ok(type.leading >= 1.5 && type.leading <= 1.7, `leading ${type.leading.toFixed(2)} at ${width} px`)
          assert.ok(type.firstLine <= 75, `a line holds ${type.firstLine} characters at ${width} px`)
          if (width === 1280) assert.ok(type.firstLine >= 55, `a line holds ${type.firstLine} characters at ${width} px`)
        }
      })

      it('prints real quotes and dashes in prose and leaves code and addresses as typed', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await page.goto(pages.story)
        const prose = await page.locator('.story__body').evaluate((body) => {
          const copy = body.cloneNode(true) as HTMLElement
          for (const code of copy.querySelectorAll('pre, code')) code.remove()
          return copy.textContent ?? ''
        })
        assert.match(prose, /’/, 'apostrophes are curly')
        assert.doesNotMatch(prose.replace(/https?:\/\/\S+/g, ''), /['"]|--/, 'no straight quote or double hyphen is left in prose')
        const hrefs = await page.locator('.story__body a[href^="http"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')))
        for (const href of hrefs) assert.doesNotMatch(href ?? '', /[‘’“”—]/, 'addresses are untouched')
      })

      it('follows the system theme, remembers the reader’s choice from the toggle and applies it before the first paint', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        const refused: string[] = []
        page.on('console', (message) => { if (/Content Security Policy/i.test(message.text())) refused.push(message.text()) })
        const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)

        await page.emulateMedia({ colorScheme: 'dark' })
        await page.goto(pages.story)
        assert.equal(await background(), 'rgb(18, 18, 18)', 'the system’s dark theme')
        const toggle = page.getByRole('button', { name: 'Dark theme' })
        await expectVisible(toggle)
        assert.equal(await toggle.getAttribute('aria-pressed'), 'true')

        await toggle.click()
        assert.equal(await background(), 'rgb(255, 255, 255)', 'the reader chose light')
        assert.equal(await toggle.getAttribute('aria-pressed'), 'false')
        // Another page: the choice is applied by the inline script, before the stylesheet.
        await page.goto(pages.home, { waitUntil: 'commit' })
        await page.waitForSelector('body')
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light')
        await page.waitForLoadState('load')
        assert.equal(await background(), 'rgb(255, 255, 255)')
        await screenshotWidths(page, 'reading-home-chosen-light-on-dark-system', [375])

        await page.emulateMedia({ colorScheme: 'light' })
        await page.getByRole('button', { name: 'Dark theme' }).click()
        await page.reload()
        assert.equal(await background(), 'rgb(18, 18, 18)', 'the reader chose dark on a light system')
        assert.deepEqual(refused, [], 'the CSP refused nothing')

        // Without JavaScript: no toggle, and the system decides.
        const plain = await newPage(browser, { baseURL: server.baseUrl, javaScriptEnabled: false })
        await plain.emulateMedia({ colorScheme: 'dark' })
        await plain.goto(pages.story)
        assert.equal(await plain.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(18, 18, 18)')
        assert.equal(await plain.getByRole('button', { name: 'Dark theme' }).count(), 0, 'no toggle without JavaScript')
      })

      it('offers a skip link first, shows focus, and respects reduced motion', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await page.emulateMedia({ reducedMotion: 'reduce' })
        await page.goto(pages.story)
        await page.keyboard.press('Tab')
        const skip = page.getByRole('link', { name: 'Skip to content' })
        assert.ok(await skip.evaluate((link) => link === document.activeElement), 'the first Tab reaches the skip link')
        const shown = await skip.evaluate((link) => { const box = link.getBoundingClientRect(); const style = getComputedStyle(link); return { top: box.top, outline: style.outlineStyle } })
        assert.ok(shown.top >= 0, 'the skip link is on screen when focused')
        assert.notEqual(shown.outline, 'none', 'focus is visible')
        await page.keyboard.press('Enter')
        assert.match(page.url(), /#main$/)
        const motion = await page.evaluate(() => ({
          scroll: getComputedStyle(document.documentElement).scrollBehavior,
          clap: getComputedStyle(document.querySelector('.clap__button') as Element).transitionDuration,
        }))
        assert.equal(motion.scroll, 'auto', 'no smooth scrolling')
        assert.match(motion.clap, /^0s/, 'the clap button does not animate')
      })

      it('prints the story cleanly: no navigation, clap bar or responses; notes kept; link addresses written out', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await page.goto(pages.story)
        await page.emulateMedia({ media: 'print' })
        const printed = await page.evaluate(() => {
          const shown = (selector: string) => [...document.querySelectorAll(selector)].some((element) => getComputedStyle(element).display !== 'none')
          const link = document.querySelector('.story__body p a[href^="http"]')
          return {
            header: shown('.site-header'),
            applause: shown('.applause'),
            responses: shown('.responses, #responses'),
            notes: shown('.story-notes'),
            sources: shown('.story-sources'),
            linkAfter: link ? getComputedStyle(link, '::after').content : '',
            href: link?.getAttribute('href') ?? '',
            background: getComputedStyle(document.body).backgroundColor,
          }
        })
        assert.deepEqual({ header: printed.header, applause: printed.applause, responses: printed.responses }, { header: false, applause: false, responses: false })
        assert.ok(printed.notes, 'the notes print')
        assert.ok(printed.href && printed.linkAfter.includes(printed.href), `a link prints its address: ${printed.linkAfter}`)
        assert.equal(printed.background, 'rgb(255, 255, 255)')
        const directory = join(repoRoot, 'test-artifacts')
        mkdirSync(directory, { recursive: true })
        const pdf = await page.pdf({ format: 'A4', printBackground: false })
        writeFileSync(join(directory, `story-print-${engine}.pdf`), pdf)
        assert.ok(pdf.length > 10_000, 'a PDF of the story')
        await page.screenshot({ path: join(directory, 'screenshots', `reading-story-print-${engine}.png`), fullPage: true })
      })

      // On the first engine only: the pages look the same on both, and screenshots are slow.
      it('takes screenshots of every page type at 375, 768 and 1280 px, and the story in both themes', { timeout: 180_000, skip: engine !== engines()[0] }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        for (const theme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: theme })
          await page.goto(pages.story)
          await readToTheEnd(page)
          await screenshotWidths(page, `reading-story-${theme}-${engine}`, WIDTHS)
        }
        await page.emulateMedia({ colorScheme: 'light' })
        for (const [name, path] of Object.entries(pages)) {
          if (name === 'story') continue
          await page.goto(path)
          await screenshotWidths(page, `reading-${name}-${engine}`, WIDTHS)
        }
        await signInAsDemoWriter(page)
        for (const [name, path] of Object.entries({ ...PRIVATE_PAGES, 'story-signed-in': pages.story })) {
          await page.goto(path)
          await screenshotWidths(page, `reading-${name}-${engine}`, WIDTHS)
          // The signed-in header (theme toggle, Write, notifications, avatar, sign out) fits a phone.
          const overflow = await sidewaysOverflow(page, 375)
          assert.equal(overflow.pixels, 0, `${name} scrolls sideways at 375 px: ${overflow.culprits.join(', ')}`)
        }
      })
    })
  }
})
