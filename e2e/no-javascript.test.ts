// Without JavaScript every island is a plain form: reading, clapping, undoing, signing up and in,
// and writing all work by form posts and redirects.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { expectText, expectVisible, newPage, screenshotWidths, startServerAndBrowser } from './browser.ts'
import { createStoryViaApi, pathOf, signUpViaApi, unique, type ApiArticle, type ApiUser } from './api.ts'

// The engines run side by side, each with a server (and database) of its own.
describe('the site without JavaScript', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let reader: ApiUser
      let story: ApiArticle

      before(async () => {
        ;({ server, browser } = await startServerAndBrowser({ engine }))
        const author = await signUpViaApi(server.baseUrl, { name: 'Ada Quill' })
        reader = await signUpViaApi(server.baseUrl, { name: 'Ben Reed' })
        story = await createStoryViaApi(server.baseUrl, author.token, {
          title: 'Why Paper Still Matters',
          description: 'Notes from a printer',
          body: 'Ink on paper outlives most file formats.\n\n## Margins\n\nThe margins are where readers write back.',
          tagList: ['Print'],
        })
      }, { timeout: 90_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      it('asks a signed-out reader to sign in before clapping, then claps and undoes by form posts', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { javaScriptEnabled: false, baseURL: server.baseUrl })
        const path = pathOf(story)
        await page.goto(path)
        await expectText(page.getByRole('heading', { level: 1 }), 'Why Paper Still Matters')
        const total = page.locator('[data-clap-total]')
        const button = page.locator('form.clap button.clap__button')
        await expectText(total, /^0 claps$/)

        await button.click()
        await page.waitForURL((url) => url.pathname === '/signin' && url.searchParams.get('next') === path)
        await page.getByLabel('Email').fill(reader.email)
        await page.getByLabel('Password').fill(reader.password)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.waitForURL((url) => url.pathname === path)
        await expectVisible(page.getByRole('button', { name: 'Sign out' }))

        // Each press is a form post that comes back to the applause section.
        for (const expected of [/^1 clap$/, /^2 claps$/, /^3 claps$/]) {
          await button.click()
          await expectText(total, expected)
        }
        assert.equal(new URL(page.url()).hash, '#applause')
        await expectText(page.locator('[data-clap-mine]'), 'You clapped 3 times')
        await expectText(page.locator('[data-clap-fans]'), /^1 fan$/)
        await screenshotWidths(page, `story-${engine}-no-js-clapped`)

        await page.getByRole('button', { name: 'Undo my claps' }).click()
        await expectText(total, /^0 claps$/)
        assert.equal(await page.locator('[data-clap-mine]').count(), 0)
        assert.equal(await page.getByRole('button', { name: 'Undo my claps' }).count(), 0)
        await page.context().close()
      })

      it('signs up, writes and publishes a story, signs out and back in', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { javaScriptEnabled: false, baseURL: server.baseUrl })
        const username = unique('nojs')
        const password = 'no scripts needed here'
        await page.goto('/signup')
        await page.getByLabel('Your name').fill('Nora Plain')
        await page.getByLabel('Username').fill(username)
        await page.getByLabel('Email').fill(`${username}@example.test`)
        await page.getByLabel('Password').fill(password)
        await page.getByRole('button', { name: 'Create account' }).click()
        await expectVisible(page.getByRole('button', { name: 'Sign out' }))

        await page.getByRole('link', { name: 'Write', exact: true }).click()
        await page.waitForURL('**/new-story')
        await page.getByLabel('Title', { exact: true }).fill('Plain Forms Forever')
        await page.getByLabel('Story, in Markdown').fill('A story published with **no JavaScript** at all.')
        await page.getByRole('button', { name: 'Publish' }).click()
        await page.waitForURL(new RegExp(`/@${username}/plain-forms-forever-[0-9a-f]{12}$`))
        await expectText(page.getByRole('heading', { level: 1 }), 'Plain Forms Forever')
        await expectText(page.getByRole('article').first().locator('strong'), 'no JavaScript')
        const storyUrl = page.url()

        await page.getByRole('button', { name: 'Sign out' }).click()
        await expectVisible(page.getByRole('link', { name: 'Sign in' }).first())
        await page.goto('/signin')
        await page.getByLabel('Email').fill(`${username}@example.test`)
        await page.getByLabel('Password').fill(password)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await expectVisible(page.getByRole('button', { name: 'Sign out' }))
        await page.goto(storyUrl)
        await expectVisible(page.getByRole('link', { name: 'Edit story' }))
        await page.context().close()
      })
    })
  }
})
