// A newsroom in Chromium (issue 4): an owner starts a publication and invites a writer titled
// "U.S. Politics Editor"; the writer accepts, writes and submits; an editor edits the submission
// and publishes it; a reader finds the story with the writer's title in the byline, on the
// publication's page, and the writer on its masthead.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { expectText, expectVisible, newPage, screenshotWidths, sidewaysOverflow, startServerAndBrowser } from './browser.ts'
import { api, signUpViaApi, unique, type ApiUser } from './api.ts'

const TITLE = 'U.S. Politics Editor'

describe('a publication’s editorial workflow', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let owner: ApiUser
      let editor: ApiUser
      let writer: ApiUser
      let reader: ApiUser
      const slug = unique('ledger-')
      const name = 'The Evening Ledger'
      const storyTitle = 'Counting Every Ballot'
      let storySlug = ''

      before(async () => {
        ;({ server, browser } = await startServerAndBrowser({ engine }))
        ;[owner, editor, writer, reader] = await Promise.all([
          signUpViaApi(server.baseUrl, { name: 'Olga Owner' }),
          signUpViaApi(server.baseUrl, { name: 'Eli Editor' }),
          signUpViaApi(server.baseUrl, { name: 'Wanda Writer' }),
          signUpViaApi(server.baseUrl, { name: 'Rory Reader' }),
        ])
      }, { timeout: 90_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      async function signedIn(user: ApiUser, width = 1280): Promise<Page> {
        const page = await newPage(browser, { baseURL: server.baseUrl, width })
        await page.goto('/signin')
        await page.getByLabel('Email').fill(user.email)
        await page.getByLabel('Password').fill(user.password)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await expectVisible(page.getByRole('button', { name: 'Sign out' }))
        return page
      }

      it('lets an owner start a publication and invite a writer with a title', { timeout: 60_000 }, async () => {
        const page = await signedIn(owner)
        await page.goto('/new-publication')
        await page.getByLabel('Name').fill(name)
        await page.getByLabel('Address').fill(slug)
        await page.getByLabel('Tagline').fill('What the city decided today, explained by evening.')
        await page.getByLabel('About (shown on the about page)').fill('A small newsroom that reads the minutes so you do not have to.')
        await page.getByLabel('Accent colour').fill('#8a2338')
        await page.getByLabel('Your title on the masthead').fill('Publisher')
        await page.getByRole('button', { name: 'Create publication' }).click()
        await page.waitForURL(`**/${slug}`)
        await expectText(page.locator('h1'), name)

        await page.getByRole('link', { name: 'Settings' }).last().click()
        await page.waitForURL(`**/${slug}/settings`)
        for (const [user, role, title] of [[writer, 'writer', TITLE], [editor, 'editor', 'Night Editor']] as const) {
          await page.getByLabel('Username or e-mail address').fill(user.username)
          await page.locator('#invite-role').selectOption(role)
          await page.getByLabel('Title on the masthead').fill(title)
          await page.getByRole('button', { name: 'Send invitation' }).click()
          await page.waitForURL(`**/${slug}/settings`)
          await expectText(page.locator('.desk-list'), user.name)
        }
        await screenshotWidths(page, `publication-${engine}-settings`)
        // The editor accepts through the API, as any client could.
        await api(server.baseUrl, 'POST', `/api/publications/${slug}/invitations/accept`, { token: editor.token })
      })

      it('lets the writer accept, write and submit', { timeout: 90_000 }, async () => {
        const page = await signedIn(writer)
        await page.goto(`/${slug}`)
        await expectText(page.locator('.invitation'), `the title ${TITLE}`)
        await page.getByRole('button', { name: 'Accept' }).click()
        await page.waitForURL(`**/${slug}/about`)
        await expectText(page.locator('.masthead'), TITLE)

        await page.goto('/new-story')
        await page.getByLabel('Title', { exact: true }).fill(storyTitle)
        const story = page.getByRole('textbox', { name: 'Story' })
        await story.click()
        await page.keyboard.type('The count began at nine, with two clerks and a kettle.')
        await expectText(page.locator('[data-save-status]'), /^Saved$/, 15_000)
        await page.getByRole('button', { name: 'Publish…' }).click()
        const dialog = page.getByRole('dialog')
        await dialog.getByLabel('Publication').selectOption(slug)
        await dialog.getByRole('button', { name: 'Publish', exact: true }).click()
        await page.waitForURL('**/edit/**')
        storySlug = decodeURIComponent(new URL(page.url()).pathname.replace(/^\/edit\//, ''))
        const article = (await api<{ article: { status: string; publication: string } }>(server.baseUrl, 'GET', `/api/articles/${storySlug}`, { token: writer.token })).article
        assert.equal(article.status, 'submitted', "a writer's publish is a submission")
        assert.equal(article.publication, slug)
        // Not yet for readers.
        await api(server.baseUrl, 'GET', `/api/articles/${storySlug}`, { token: reader.token, status: 404 })
      })

      it('lets an editor find it in the queue, edit it and publish it', { timeout: 90_000 }, async () => {
        const page = await signedIn(editor)
        await page.goto(`/${slug}`)
        await expectText(page.locator('.publication-tabs__count'), '1')
        await page.getByRole('link', { name: /Submissions/ }).click()
        await page.getByRole('link', { name: storyTitle }).click()
        await page.waitForURL(`**/${slug}/submissions/${storySlug}`)
        await page.getByLabel(/A note to Wanda Writer/).fill('Lovely lede. I tightened the second sentence.')
        await page.getByRole('button', { name: 'Send note' }).click()
        await expectText(page.locator('.history'), 'Lovely lede.')
        await screenshotWidths(page, `publication-${engine}-review`)

        await page.getByRole('link', { name: 'Edit', exact: true }).click()
        await page.waitForURL(`**/edit/${storySlug}`)
        const story = page.getByRole('textbox', { name: 'Story' })
        await story.click()
        await page.keyboard.press('Control+End')
        await page.keyboard.press('Enter')
        await page.keyboard.type('By midnight every ballot had been counted twice.')
        await expectText(page.locator('[data-save-status]'), /^Saved$/, 15_000)

        await page.goto(`/${slug}/submissions/${storySlug}`)
        await expectText(page.locator('.history'), 'edited it')
        await page.getByRole('button', { name: 'Publish now' }).click()
        await expectText(page.locator('.history'), 'published it')
        const article = (await api<{ article: { status: string; body: string; author: { title: string } } }>(server.baseUrl, 'GET', `/api/articles/${storySlug}`)).article
        assert.equal(article.status, 'published')
        assert.match(article.body, /counted twice/, "the editor's edit is in the published story")
        assert.equal(article.author.title, TITLE)
      })

      it('shows a reader the byline with the title, the story on the publication page, and the masthead', { timeout: 60_000 }, async () => {
        const page = await signedIn(reader)
        await page.goto(`/${slug}`)
        await page.getByRole('link', { name: storyTitle }).first().click()
        await page.waitForURL(`**/${slug}/${storySlug}`)
        await expectText(page.locator('.byline'), `${TITLE} at ${name}`)
        await expectText(page.locator('.story'), 'counted twice')
        await screenshotWidths(page, `publication-${engine}-story`)

        await page.goto(`/${slug}`)
        await expectText(page.locator('.columns__main'), storyTitle)
        await expectText(page.locator('.masthead'), TITLE)
        await screenshotWidths(page, `publication-${engine}-home`)
        await page.getByRole('link', { name: 'About' }).click()
        await expectText(page.locator('.masthead'), `Wanda Writer${TITLE}`)
        await expectText(page.locator('.masthead'), 'Night Editor')
        await screenshotWidths(page, `publication-${engine}-about`)
        for (const path of [`/${slug}`, `/${slug}/about`]) {
          await page.goto(path)
          const overflow = await sidewaysOverflow(page, 375)
          assert.equal(overflow.culprits.filter((culprit) => !culprit.includes('site-nav') && !culprit.includes('nav-link') && !culprit.includes('inline-form')).length, 0, `${path} fits a phone: ${overflow.culprits.join(', ')}`)
        }
      })
    })
  }
})
