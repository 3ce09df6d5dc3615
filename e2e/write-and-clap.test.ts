// A writer signs up, writes and publishes a story in the browser; a reader applauds it with the
// clap island: press and hold for a burst, one click for one more, and never more than fifty.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Locator, Page } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { expectText, expectVisible, newPage, screenshot, screenshotWidths, sidewaysOverflow, startServerAndBrowser } from './browser.ts'
import { unique } from './api.ts'

const HOLD_MS = 2000
const LONG_HOLD_MS = 8000

// Typed into the rich editor with its Markdown shortcuts; '\n' is the Enter key (twice ends a list).
const storyKeystrokes = [
  'Opening nights are loud, but the quiet before the curtain is where it starts.', '\n',
  '## The first clap', '\n',
  'Someone has to begin, and that person is **always braver** than the rest.', '\n',
  '- it starts in the back row', '\n',
  'it spreads to the aisles', '\n',
  'it ends on its feet', '\n', '\n',
  '> Applause is the echo of a platitude.', '\n',
  'And then the whole room stands.',
]

/** Moves the mouse over the middle of an element, scrolled into view first. */
async function pointAt(page: Page, target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded()
  const box = await target.boundingBox()
  assert.ok(box, `${String(target)} is on the page`)
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
}

// The engines run side by side, each with a server (and database) of its own.
describe('writing and clapping in the browser', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      const writer = { name: 'Wren Calloway', username: unique('wren'), password: 'correct horse battery' }
      const reader = { name: 'Rory Fields', username: unique('rory'), password: 'another long password' }
      const title = 'Notes on a Standing Ovation'
      let storyPath = ''
      // One page for both tests, as one person at one browser: the writer signs out, the reader
      // signs up. (A fresh browser context also costs seconds on a busy machine.)
      let page: Page

      before(async () => {
        ;({ server, browser } = await startServerAndBrowser({ engine }))
        page = await newPage(browser, { baseURL: server.baseUrl })
      }, { timeout: 90_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      /** Signs up through the form and checks the page shows a signed-in reader. */
      async function signUp(person: { name: string; username: string; password: string }) {
        await page.goto('/signup')
        await page.getByLabel('Your name').fill(person.name)
        await page.getByLabel('Username').fill(person.username)
        await page.getByLabel('Email').fill(`${person.username}@example.test`)
        await page.getByLabel('Password').fill(person.password)
        await page.getByRole('button', { name: 'Create account' }).click()
        await expectVisible(page.getByRole('button', { name: 'Sign out' }))
        await expectVisible(page.getByRole('link', { name: 'Write', exact: true }))
      }

      it('publishes a story written with the editor’s Markdown shortcuts and shows it at its Medium-style address', { timeout: 60_000 }, async () => {
        await signUp(writer)

        await page.getByRole('link', { name: 'Write', exact: true }).click()
        await page.waitForURL('**/new-story')
        await page.getByLabel('Title', { exact: true }).fill(title)
        await page.getByLabel('Subtitle', { exact: true }).fill('What the back row knows about applause')
        await page.getByRole('textbox', { name: 'Story' }).click()
        for (const keys of storyKeystrokes) {
          if (keys === '\n') await page.keyboard.press('Enter')
          else await page.keyboard.type(keys)
        }
        await page.getByRole('button', { name: 'Publish…' }).click()
        const dialog = page.getByRole('dialog', { name: 'Publish your story' })
        await dialog.getByLabel('Tags').fill('Theatre, Audiences')
        await screenshot(page, `write-${engine}-editor`)
        await dialog.getByRole('button', { name: 'Publish', exact: true }).click()

        await page.waitForURL(new RegExp(`/@${writer.username}/notes-on-a-standing-ovation-[0-9a-f]{12}$`))
        storyPath = new URL(page.url()).pathname
        await expectText(page.getByRole('heading', { level: 1 }), title)
        await expectVisible(page.getByText('What the back row knows about applause'))
        // The story is the page's first article (responses below it are articles too).
        const body = page.getByRole('article').first()
        await expectVisible(body.getByRole('link', { name: writer.name }).first())
        await expectVisible(body.getByText(/^\d+ min read$/))
        await expectText(body.getByRole('heading', { name: 'The first clap' }), 'The first clap')
        await expectText(body.locator('strong'), 'always braver')
        const items = body.getByRole('listitem').filter({ hasText: /row|aisles|feet/ })
        assert.equal(await items.count(), 3)
        await expectText(body.locator('blockquote'), 'Applause is the echo of a platitude.')
        await expectVisible(page.getByRole('list', { name: 'Tags' }).getByRole('link', { name: 'Theatre' }))
        await expectVisible(page.getByRole('list', { name: 'Tags' }).getByRole('link', { name: 'Audiences' }))
        await screenshotWidths(page, `story-${engine}-writer`)

        // Writers do not applaud themselves: the page shows no clap form to its author.
        assert.equal(await page.locator('form.clap').count(), 0)
        await page.getByRole('button', { name: 'Sign out' }).click()
        await expectVisible(page.getByRole('link', { name: 'Sign in' }).first())
      })

      it('claps by press and hold, one click, and stops at fifty', { timeout: 60_000 }, async () => {
        assert.ok(storyPath, 'the previous test publishes the story')
        await signUp(reader)
        await page.goto(storyPath)

        const button = page.locator('form.clap button.clap__button')
        const bubble = page.locator('.clap__bubble')
        const total = page.locator('[data-clap-total]')
        const mine = page.locator('[data-clap-mine]')
        await expectText(total, /^0 claps$/)
        const clapResponse = () => page.waitForResponse((response) =>
          /^\/api\/articles\/[^/]+\/claps$/.test(new URL(response.url()).pathname) && response.request().method() === 'POST')

        // Press and hold: the bubble counts the burst while the finger is down.
        await pointAt(page, button)
        const heldSince = Date.now()
        await page.mouse.down()
        await page.waitForFunction(() => {
          const element = document.querySelector<HTMLElement>('.clap__bubble')
          return element !== null && !element.hidden && Number(element.textContent?.replace('+', '')) > 1
        })
        await page.waitForTimeout(Math.max(HOLD_MS - (Date.now() - heldSince), 0))
        assert.ok(await bubble.isVisible(), 'the +n bubble shows while holding')
        const burst = Number((await bubble.textContent())?.match(/^\+(\d+)$/)?.[1])
        assert.ok(burst > 1, `a hold claps more than once (bubble showed +${burst})`)
        const shownTotal = Number((await total.textContent())?.match(/^(\d+) claps$/)?.[1])
        assert.ok(shownTotal > 1, `the total rises while holding (showed ${shownTotal})`)
        await screenshot(page, `clap-${engine}-holding`)
        const sent = clapResponse()
        await page.mouse.up()
        const shownOnRelease = Number((await total.textContent())?.match(/^(\d+) claps$/)?.[1])
        // The burst goes out as one request once the clapping stops, and loses no clap.
        const response = await sent
        assert.equal(response.status(), 200)
        const { article } = (await response.json()) as { article: { claps: number; myClaps: number } }
        assert.ok(article.myClaps > 1 && article.myClaps < 50, `one burst sends the held claps (${article.myClaps})`)
        assert.equal(article.myClaps, shownOnRelease, 'the server counted the claps the page showed')
        const held = article.myClaps
        await expectText(total, new RegExp(`^${held} claps$`))

        await page.reload()
        await expectText(total, new RegExp(`^${held} claps$`))
        await expectText(mine, `You clapped ${held} times`)
        await expectText(page.locator('[data-clap-fans]'), /^1 fan$/)

        // One click is one clap.
        const sentOne = clapResponse()
        await button.click()
        assert.equal((await sentOne).status(), 200)
        await page.reload()
        await expectText(total, new RegExp(`^${held + 1} claps$`))
        await expectText(mine, `You clapped ${held + 1} times`)

        // From the keyboard, Enter is one clap too (and submits no form).
        const sentKey = clapResponse()
        await button.press('Enter')
        assert.equal((await sentKey).status(), 200)
        await page.reload()
        await expectText(total, new RegExp(`^${held + 2} claps$`))
        await expectText(mine, `You clapped ${held + 2} times`)

        // A long hold stops at fifty, however long the finger stays down.
        await pointAt(page, button)
        const sentLast = clapResponse()
        await page.mouse.down()
        await page.waitForTimeout(LONG_HOLD_MS)
        await page.mouse.up()
        assert.equal((await sentLast).status(), 200)
        await expectText(total, /^50 claps$/)
        await expectText(mine, 'You gave a standing ovation')
        assert.equal(await button.isDisabled(), true)

        await page.reload()
        await expectText(total, /^50 claps$/)
        await expectText(mine, 'You gave a standing ovation')
        assert.equal(await button.isDisabled(), true)
        await screenshotWidths(page, `story-${engine}-standing-ovation`)
      })

      it('fits the story page to a 375 px phone screen, signed in and signed out', { timeout: 60_000 }, async () => {
        assert.ok(storyPath, 'the first test publishes the story')
        await page.goto(storyPath)
        await expectVisible(page.getByRole('button', { name: 'Sign out' }))
        const signedIn = await sidewaysOverflow(page, 375)

        await page.getByRole('button', { name: 'Sign out' }).click()
        await expectVisible(page.getByRole('link', { name: 'Sign in' }).first())
        await page.goto(storyPath)
        const signedOut = await sidewaysOverflow(page, 375)

        // Both are measured before either is judged, so one failure does not hide the other.
        const report = (label: string, found: { pixels: number; culprits: string[] }) => `${label}: ${found.pixels} px (${found.culprits.join(', ') || 'nothing sticks out'})`
        assert.deepEqual([signedIn.pixels, signedOut.pixels], [0, 0], `the page scrolls sideways; ${report('signed in', signedIn)}; ${report('signed out', signedOut)}`)
      })
    })
  }
})
