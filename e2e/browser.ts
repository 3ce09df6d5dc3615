// Debian's chromium driven by playwright-core (never a downloaded browser), a fresh context per
// page so every reader has cookies of their own, and screenshots a reviewer can look at.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import assert from 'node:assert/strict'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { repoRoot, startServer, type ServerOptions, type TestServer } from './server.ts'

export const screenshotDir = join(repoRoot, 'test-artifacts/screenshots')

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/**
 * A server and a browser, started side by side. When either fails to start, the other is closed
 * again: a browser left running would keep the test process alive after its tests end.
 */
export async function startServerAndBrowser(options: ServerOptions = {}): Promise<{ server: TestServer; browser: Browser }> {
  const [server, browser] = await Promise.allSettled([startServer(options), launchBrowser()])
  if (server.status === 'fulfilled' && browser.status === 'fulfilled') return { server: server.value, browser: browser.value }
  if (server.status === 'fulfilled') await server.value.close()
  if (browser.status === 'fulfilled') await browser.value.close()
  throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason
}

export type PageOptions = {
  /** Off to test the plain forms every island enhances. */
  javaScriptEnabled?: boolean
  /** Relative URLs in goto() resolve against it. */
  baseURL?: string
  width?: number
}

/** A page in a context of its own (its own cookies); closing the browser closes it. */
export async function newPage(browser: Browser, { javaScriptEnabled = true, baseURL, width = 1280 }: PageOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    javaScriptEnabled,
    viewport: { width, height: 900 },
    ...(baseURL ? { baseURL } : {}),
  })
  // Generous: CI runs two browser files at once beside their servers on two cores.
  context.setDefaultTimeout(20_000)
  return context.newPage()
}

/** Saves a full-page PNG as test-artifacts/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true })
  const path = join(screenshotDir, `${name}.png`)
  await page.screenshot({ path, fullPage: true })
  return path
}

/** The page at a phone's and a desktop's width (375 and 1280), as <name>-375.png and <name>-1280.png. */
export async function screenshotWidths(page: Page, name: string, widths: number[] = [375, 1280]): Promise<string[]> {
  const original = page.viewportSize()
  const paths: string[] = []
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 })
    paths.push(await screenshot(page, `${name}-${width}`))
  }
  if (original) await page.setViewportSize(original)
  return paths
}

/**
 * How far the page scrolls sideways at the given width (0 when it fits), with the elements that
 * stick out past the right edge, to name the culprit in a failure.
 */
export async function sidewaysOverflow(page: Page, width: number): Promise<{ pixels: number; culprits: string[] }> {
  const original = page.viewportSize()
  await page.setViewportSize({ width, height: 900 })
  const result = await page.evaluate(() => {
    const root = document.documentElement
    const describe = (element: Element) => `${element.tagName.toLowerCase()}${element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : ''}`
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
      .map((element) => `${describe(element)} (right edge at ${Math.round(element.getBoundingClientRect().right)} px)`)
    return { pixels: root.scrollWidth - root.clientWidth, culprits: culprits.slice(0, 8) }
  })
  if (original) await page.setViewportSize(original)
  return result
}

/**
 * Waits until the locator's text matches, then passes; otherwise fails showing the last text.
 * playwright-core has no `expect`, and a one-off textContent() would race the page.
 */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = 20_000): Promise<string> {
  const deadline = Date.now() + timeout
  let last: string | null = null
  let problem = ''
  for (;;) {
    problem = ''
    last = await locator.textContent({ timeout: Math.max(deadline - Date.now(), 500) }).catch((error: Error) => {
      problem = error.message.split('\n')[0] ?? ''
      return null
    })
    const text = last?.replace(/\s+/g, ' ').trim() ?? ''
    if (last !== null && (typeof expected === 'string' ? text.includes(expected) : expected.test(text))) return text
    if (Date.now() >= deadline) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  assert.fail(`expected ${String(locator)} to show ${String(expected)}, but it showed ${JSON.stringify(last)}${problem ? ` (${problem})` : ''}`)
}

/** Waits until the locator is visible (auto-waiting), failing with a readable message. */
export async function expectVisible(locator: Locator, timeout = 20_000): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout }).catch(() => assert.fail(`expected ${String(locator)} to be visible`))
}
