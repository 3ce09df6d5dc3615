// A Medium writer's first hour: upload the export in Settings, watch it import (no JavaScript
// needed: the page refreshes itself while the job runs), read the report, and open the story,
// which shows its headings, quotes, pull quote, lists, image, embeds and gist link.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { expectVisible, newPage, screenshotWidths, startServerAndBrowser } from './browser.ts'
import { signUpViaApi, type ApiUser } from './api.ts'
import { FIXTURE_EXPORT, zipFolder } from '../src/imports/testing.ts'

const TIDE = 'posts/2021-03-04_The-Tide-Tables-of-Wenlow-3f2a1b4c5d6e.html'

/** The fixture export, its Medium-hosted images pointed at a closed local port: offline, always. */
function exportZip(): Uint8Array {
  const offline = (name: string) => new TextEncoder().encode(readFileSync(join(FIXTURE_EXPORT, name), 'utf8').replaceAll('https://cdn-images-1.medium.com/', 'http://127.0.0.1:9/'))
  return zipFolder(FIXTURE_EXPORT, { [TIDE]: offline(TIDE), 'profile/profile.html': offline('profile/profile.html') })
}

describe('importing from Medium in the browser', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let page: Page
      let writer: ApiUser

      before(async () => {
        ;({ server, browser } = await startServerAndBrowser({ engine }))
        writer = await signUpViaApi(server.baseUrl, { name: 'Ada Wenlow' })
        page = await newPage(browser, { baseURL: server.baseUrl, javaScriptEnabled: false })
      }, { timeout: 90_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      it('uploads the export from Settings and shows the progress, then the report', { timeout: 60_000 }, async () => {
        await page.goto('/signin')
        await page.getByLabel('Email').fill(writer.email)
        await page.getByLabel('Password').fill(writer.password)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await expectVisible(page.getByRole('button', { name: 'Sign out' }))
        await page.goto('/settings')
        await screenshotWidths(page, 'settings-with-data-links')
        await page.getByRole('link', { name: 'Import from Medium' }).click()
        await page.getByLabel('Your Medium export (.zip)').setInputFiles({ name: 'medium-export.zip', mimeType: 'application/zip', buffer: Buffer.from(exportZip()) })
        await page.getByRole('button', { name: 'Import' }).click()
        // The job runs within a second or two; the page reloads itself until it is done.
        await expectVisible(page.getByText('2 imported, 0 updated, 0 skipped'), 30_000)
        await expectVisible(page.getByRole('link', { name: 'The Tide Tables of Wenlow' }))
        await expectVisible(page.getByText(/Images left on their old address .* \(2\)/))
        await screenshotWidths(page, 'medium-import-report')
      })

      it('opens the imported story looking as it did on Medium', { timeout: 30_000 }, async () => {
        await page.getByRole('link', { name: 'The Tide Tables of Wenlow' }).click()
        await expectVisible(page.getByRole('heading', { name: 'The Tide Tables of Wenlow' }))
        await expectVisible(page.getByText('How a harbour town learned to read the sea'))
        await expectVisible(page.getByRole('heading', { name: 'Reading the board' }))
        await expectVisible(page.locator('blockquote.pullquote'))
        await expectVisible(page.locator('ol li', { hasText: 'Check the wind' }))
        const chart = page.locator('figure img[src^="/media/"]')
        await expectVisible(chart)
        assert.ok(await chart.evaluate((img) => (img as HTMLImageElement).naturalWidth > 0), 'the image from the zip loads')
        await expectVisible(page.getByRole('link', { name: 'https://gist.github.com/harbourmaster/0123456789abcdef0123' }))
        assert.equal(await page.locator('script[src*="gist.github.com"]').count(), 0)
        await screenshotWidths(page, 'medium-import-story')
      })

      it('offers the writer’s archive for download', { timeout: 30_000 }, async () => {
        await page.goto('/settings/export')
        const href = await page.getByRole('link', { name: 'Download my archive (.zip)' }).getAttribute('href')
        assert.equal(href, '/api/user/export')
        await screenshotWidths(page, 'export-page')
      })
    })
  }
})
