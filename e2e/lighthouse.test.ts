// Lighthouse 12 (performance, accessibility, best practices, SEO) on each kind of public page of
// the demo site, with the mobile and the desktop profile: every score printed, and a score under
// its bar (100, or performance's floor below) fails naming the audits that cost it points.
//
// On SQLite only: Lighthouse measures what a browser sees, which is the same on both engines,
// and it is slow. One Chrome (chrome-launcher, Debian's chromium) for every run, the pages one
// after another, Lighthouse's default simulated throttling. Each page is fetched once first, as
// on a site in use: the page cache then answers it compressed (its first render is not).
//
// Performance depends on the CPU: Lighthouse scales the main thread's measured time to a slow
// phone's, so a machine busy with other work scores lower than an idle one. Lighthouse measures
// the machine itself (its benchmark index) and says its performance numbers are not to be trusted
// below 1000; on such a run performance is printed, with the index, but not asserted. The other
// three categories must be 100 always.
//
// Performance is not yet 100 everywhere (issue 10 stays open for it): measured here, desktop
// 98–100 and mobile 81–99 (the render-blocking stylesheet and font on simulated slow 4G). Until
// it is, the test holds each page to a floor below which something has clearly regressed, and
// prints every score so the gap stays in sight.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import desktopConfig from 'lighthouse/core/config/desktop-config.js'
import { startServer, type TestServer } from './server.ts'
import { publicPages, type PublicPages } from './demo-site.ts'

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
// Lighthouse's own line: under it, "the tested device appears to have a slower CPU than expected".
const TRUSTWORTHY_BENCHMARK_INDEX = 1000
const PERFORMANCE_FLOOR = { mobile: 75, desktop: 90 } as const

type Report = { scores: Record<string, number>; failing: string[]; benchmarkIndex: number }

async function audit(url: string, port: number, form: 'mobile' | 'desktop'): Promise<Report> {
  const run = () => lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] }, form === 'desktop' ? desktopConfig : undefined)
  let result = await run()
  // A trace Chrome failed to record (NO_NAVSTART and the like) is Lighthouse's to retry, once.
  if (result?.lhr.runtimeError) result = await run()
  assert.ok(result, `Lighthouse ran on ${url}`)
  const { lhr } = result
  assert.equal(lhr.runtimeError, undefined, `Lighthouse could not load ${url}: ${lhr.runtimeError?.message}`)
  const scores: Record<string, number> = {}
  const failing: string[] = []
  for (const category of Object.values(lhr.categories)) {
    scores[category.id] = Math.round((category.score ?? 0) * 100)
    for (const ref of category.auditRefs) {
      const found = lhr.audits[ref.id]
      if (!found || ref.weight === 0 || found.score === null || found.score >= 1) continue
      failing.push(`${category.id}: ${found.id} (${found.score}${found.displayValue ? `, ${found.displayValue}` : ''})`)
    }
  }
  return { scores, failing, benchmarkIndex: lhr.environment.benchmarkIndex }
}

describe('Lighthouse on the demo site (SQLite)', { concurrency: false }, () => {
  let server: TestServer
  let chrome: chromeLauncher.LaunchedChrome
  let pages: PublicPages

  before(async () => {
    ;[server, chrome] = await Promise.all([
      startServer({ engine: 'sqlite', seedDemo: true, env: { PAGE_CACHE_TTL_MS: '600000' } }),
      chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags: CHROME_FLAGS }),
    ])
    pages = await publicPages(server.baseUrl)
    for (const path of Object.values(pages)) await fetch(server.baseUrl + path)
  }, { timeout: 120_000 })
  after(async () => {
    chrome?.kill()
    await server?.close()
  }, { timeout: 60_000 })

  for (const form of ['mobile', 'desktop'] as const) {
    it(`scores 100 in accessibility, best practices and SEO, and performance above its floor, on each page type, ${form}`, { timeout: 420_000 }, async () => {
      const problems: string[] = []
      for (const [name, path] of Object.entries(pages)) {
        let { scores, failing, benchmarkIndex } = await audit(server.baseUrl + path, chrome.port, form)
        // Performance varies from run to run (Lighthouse advises several runs): a page under its
        // floor is measured up to twice more, and its best run counts.
        for (let again = 0; again < 2 && (scores.performance ?? 0) < PERFORMANCE_FLOOR[form]; again++) {
          const retry = await audit(server.baseUrl + path, chrome.port, form)
          if ((retry.scores.performance ?? 0) >= (scores.performance ?? 0)) ({ scores, failing, benchmarkIndex } = retry)
        }
        const trusted = benchmarkIndex >= TRUSTWORTHY_BENCHMARK_INDEX
        console.log(`${form.padEnd(7)} ${name.padEnd(12)} ${CATEGORIES.map((category) => `${category} ${scores[category]}`).join(' · ')} (CPU benchmark index ${Math.round(benchmarkIndex)}${trusted ? '' : ': too busy to judge performance'})`)
        for (const line of failing) console.log(`        ${line}`)
        for (const category of CATEGORIES) {
          if (scores[category] === 100 || (category === 'performance' && (!trusted || (scores[category] ?? 0) >= PERFORMANCE_FLOOR[form]))) continue
          problems.push(`${form} ${name} (${path}): ${category} ${scores[category]}; ${failing.filter((line) => line.startsWith(category)).join('; ')}`)
        }
      }
      assert.deepEqual(problems, [], problems.join('\n'))
    })
  }
})
