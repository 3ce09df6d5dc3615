// Zero axe-core violations (WCAG 2 A and AA, and axe's best practices) on every kind of page of
// the demo site, in the light and the dark theme, signed out and signed in, in Chromium: the
// public pages (story, home, profile, publication, tag, search, sign-in) and a writer's own
// (write, settings, notifications, your stories). A failure lists each violation with the
// elements it found, so it can be fixed without rerunning anything.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { engines, repoRoot, type TestServer } from './server.ts'
import { newPage, startServerAndBrowser } from './browser.ts'
import { PRIVATE_PAGES, publicPages, signInAsDemoWriter, type PublicPages } from './demo-site.ts'

const AXE_SOURCE = readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8')
const THEMES = ['light', 'dark'] as const

type Violation = { id: string; impact: string | null; help: string; targets: string[] }

/** axe's violations on the page as it is now (injected by evaluation: the CSP allows no inline script). */
async function axeViolations(page: Page, runOnly: object): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (runOnly) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'], runOnly })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((node) => node.target.join(' ')) }))
  }, runOnly)
}

// Every rule in the light theme; in the dark one only what colours change (the markup is the
// same), which keeps the file quick.
const RULES = {
  light: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  dark: { type: 'rule', values: ['color-contrast', 'link-in-text-block'] },
} as const

/** Every page in both themes; the failures, described, or none. */
async function checkPages(page: Page, pages: Record<string, string>, who: string): Promise<string[]> {
  const failures: string[] = []
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme })
    for (const [name, path] of Object.entries(pages)) {
      const response = await page.goto(path, { waitUntil: 'networkidle' })
      assert.ok(response?.ok(), `${who} GET ${path} answered ${response?.status()}`)
      await page.evaluate(() => document.fonts.ready)
      for (const v of await axeViolations(page, RULES[theme])) {
        failures.push(`${who}, ${theme}, ${name} (${path}): ${v.id} [${v.impact}] ${v.help}\n    ${v.targets.slice(0, 6).join('\n    ')}`)
      }
    }
  }
  return failures
}

describe('accessibility (axe-core)', { concurrency: true }, () => {
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

      it('finds no violation on the public pages, signed out, in either theme', { timeout: 180_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        const failures = await checkPages(page, pages, 'signed out')
        assert.deepEqual(failures, [], failures.join('\n'))
      })

      it('finds no violation on the public and private pages, signed in, in either theme', { timeout: 240_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await signInAsDemoWriter(page)
        // The public pages whose content changes for a signed-in reader (the header's links,
        // checked on each, are the same everywhere), and the writer's own.
        const failures = await checkPages(page, { story: pages.story, home: pages.home, profile: pages.profile, ...PRIVATE_PAGES }, 'signed in')
        assert.deepEqual(failures, [], failures.join('\n'))
      })
    })
  }
})
