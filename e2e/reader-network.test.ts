// The reader network in a real browser (issue 5): following into the feed, passage responses
// and their markers, highlights that come back, saving to a list, the author's notifications,
// and following and responding with JavaScript off.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser, Page } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { expectText, expectVisible, newPage, screenshotWidths, sidewaysOverflow, startServerAndBrowser } from './browser.ts'
import { api, createStoryViaApi, pathOf, signUpViaApi, unique, type ApiArticle, type ApiUser } from './api.ts'

async function signIn(page: Page, user: ApiUser, next = '/'): Promise<void> {
  await page.goto(`/signin?next=${encodeURIComponent(next)}`)
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL((url) => url.pathname === next.split('#')[0])
}

/** Selects `text` inside the block with this id, as a reader dragging over it would. */
async function select(page: Page, blockId: string, text: string): Promise<void> {
  await page.evaluate(({ blockId, text }) => {
    const block = document.querySelector(`[data-block="${blockId}"]`) as HTMLElement
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const at = node.data.indexOf(text)
      if (at < 0) continue
      const range = document.createRange()
      range.setStart(node, at)
      range.setEnd(node, at + text.length)
      const selection = getSelection() as Selection
      selection.removeAllRanges()
      selection.addRange(range)
      document.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }))
      return
    }
    throw new Error(`"${text}" is not in block ${blockId}`)
  }, { blockId, text })
}

describe('the reader network in a browser', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let writer: ApiUser
      let reader: ApiUser
      let story: ApiArticle
      let blocks: { id: string }[]

      before(async () => {
        ;({ server, browser } = await startServerAndBrowser({ engine }))
        writer = await signUpViaApi(server.baseUrl, { name: 'Wren Harbour' })
        reader = await signUpViaApi(server.baseUrl, { name: 'Rosa Reader' })
        story = await createStoryViaApi(server.baseUrl, writer.token, {
          title: 'The Lighthouse Keeper',
          body: 'Every night the lamp turns twice a minute.\n\nShips read the light like a sentence, one word at a time.\n\nIn the morning the keeper sleeps.',
        })
        blocks = (await api<{ article: { document: { blocks: { id: string }[] } } }>(server.baseUrl, 'GET', `/api/articles/${story.slug}`)).article.document.blocks
      }, { timeout: 90_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      it('follows a writer and finds their new story in the Following feed', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await signIn(page, reader, `/@${writer.username}`)
        await page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true })
        await page.locator('form.follow-form button', { hasText: 'Follow' }).first().click()
        await expectText(page.locator('form.follow-form button').first(), 'Following')
        assert.equal(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed), true, 'followed in place, without a page load')
        assert.equal(await page.locator('form.follow-form').first().getAttribute('action'), `/@${writer.username}/unfollow`)
        const fresh = await createStoryViaApi(server.baseUrl, writer.token, { title: unique('Fresh from the lamp '), body: 'Just published.' })
        await page.goto('/')
        await page.getByRole('link', { name: 'Following' }).click()
        await expectVisible(page.getByRole('link', { name: fresh.title }))
        await expectVisible(page.getByRole('link', { name: 'For you' }))
        await screenshotWidths(page, `feed-${engine}-following`)
        for (const width of [375, 1280]) assert.equal((await sidewaysOverflow(page, width)).pixels, 0, `no sideways scroll at ${width}`)
      })

      it('scrolls the Following feed on with JavaScript, without repeating a story', { timeout: 90_000 }, async () => {
        const prolific = await signUpViaApi(server.baseUrl, { name: 'Pia Prolific' })
        const follower = await signUpViaApi(server.baseUrl, { name: 'Finn Follower' })
        await api(server.baseUrl, 'POST', `/api/profiles/${prolific.username}/follow`, { token: follower.token })
        for (let i = 1; i <= 13; i++) await createStoryViaApi(server.baseUrl, prolific.token, { title: `Dispatch number ${i}`, body: 'Short.' })
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await signIn(page, follower, '/')
        await page.goto('/?tab=following')
        const cards = page.locator('[data-feed] .story-card')
        assert.equal(await cards.count(), 10)
        await page.locator('[data-feed] .pager a').scrollIntoViewIfNeeded()
        await page.waitForFunction(() => document.querySelectorAll('[data-feed] .story-card').length >= 13)
        const titles = await page.locator('[data-feed] .story-card__title').allTextContents()
        assert.equal(titles.length, 13)
        assert.equal(new Set(titles).size, 13)
        assert.equal(await page.locator('[data-feed] .pager').count(), 0, 'no Older link after the last page')
      })

      it('responds to a passage and shows the marker on it', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await signIn(page, reader, pathOf(story))
        await select(page, blocks[1]?.id as string, 'like a sentence')
        await page.getByRole('toolbar', { name: 'Passage' }).getByRole('button', { name: 'Respond' }).click()
        await expectText(page.locator('.responses__quote'), 'like a sentence')
        await page.getByLabel('What are your thoughts?').fill('Such a lovely image.')
        await page.getByRole('button', { name: 'Respond', exact: true }).last().click()
        await page.waitForURL((url) => url.hash.startsWith('#response-'))
        const marker = page.locator(`[data-block="${blocks[1]?.id}"] .passage-response__marker`)
        await expectText(marker, '1')
        await expectText(page.locator(`[data-block="${blocks[1]?.id}"] mark.passage-response`), 'like a sentence')
        await expectText(page.locator('.response__quote'), 'like a sentence')
        await screenshotWidths(page, `story-${engine}-passage-response`)
      })

      it('highlights a passage and sees it again after a reload', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await signIn(page, reader, pathOf(story))
        await select(page, blocks[0]?.id as string, 'the lamp turns')
        await page.getByRole('toolbar', { name: 'Passage' }).getByRole('button', { name: 'Highlight' }).click()
        await expectText(page.locator('mark.highlight--mine'), 'the lamp turns')
        await page.reload()
        await expectText(page.locator(`[data-block="${blocks[0]?.id}"] mark.highlight--mine`), 'the lamp turns')
        await page.goto('/me/highlights')
        await expectText(page.locator('.highlight-list__quote'), 'the lamp turns')
        await screenshotWidths(page, `highlights-${engine}`)
      })

      it('shows everyone, signed out too, the passage most readers highlighted', { timeout: 60_000 }, async () => {
        const passage = { blockId: blocks[2]?.id, start: 19, end: 32 }
        for (const name of ['Hal One', 'Hal Two']) {
          const highlighter = await signUpViaApi(server.baseUrl, { name })
          await api(server.baseUrl, 'POST', `/api/articles/${story.slug}/highlights`, { token: highlighter.token, body: { highlight: passage }, status: 201 })
        }
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await page.goto(pathOf(story))
        await expectText(page.locator(`[data-block="${blocks[2]?.id}"] mark.highlight--top`), 'keeper sleeps')
        await expectText(page.locator(`[data-block="${blocks[2]?.id}"] .highlight__label`), 'Top highlight')
      })

      it('saves the story to the Reading list', { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await signIn(page, reader, pathOf(story))
        const save = page.locator('form.save-form button')
        await expectText(save, 'Save')
        await save.click()
        await expectText(save, 'Saved')
        await page.reload()
        await expectText(page.locator('form.save-form button'), 'Saved')
        await page.goto('/me/lists')
        await page.getByRole('link', { name: 'Reading list' }).click()
        await expectVisible(page.getByRole('link', { name: 'The Lighthouse Keeper' }))
        await screenshotWidths(page, `list-${engine}-reading-list`)
      })

      it("shows the author their notifications, with the unread count in the header", { timeout: 60_000 }, async () => {
        const page = await newPage(browser, { baseURL: server.baseUrl })
        await signIn(page, writer, '/')
        await expectVisible(page.locator('[data-unread-count]'))
        const count = Number(await page.locator('[data-unread-count]').textContent())
        assert.ok(count >= 2, `unread ${count}`)
        await page.locator('a[data-notifications]').click()
        await expectText(page.locator('.notifications'), 'Rosa Reader started following you')
        await expectText(page.locator('.notifications'), 'Rosa Reader responded to The Lighthouse Keeper')
        await screenshotWidths(page, `notifications-${engine}`)
        await page.getByRole('button', { name: 'Mark all as read' }).click()
        await expectText(page.locator('.notifications__summary'), 'You are all caught up.')
      })

      it('follows and responds with JavaScript off', { timeout: 60_000 }, async () => {
        const other = await signUpViaApi(server.baseUrl, { name: 'Otto Offline' })
        const page = await newPage(browser, { baseURL: server.baseUrl, javaScriptEnabled: false })
        await signIn(page, other, pathOf(story))
        await page.locator('.author-card form.follow-form button').click()
        await expectText(page.locator('.author-card form.follow-form button'), 'Following')
        await page.getByLabel('What are your thoughts?').fill('Read without scripts, and loved it.')
        await page.getByRole('button', { name: 'Respond', exact: true }).first().click()
        await page.waitForURL((url) => url.hash.startsWith('#response-'))
        await expectVisible(page.getByText('Read without scripts, and loved it.'))
        // Replying opens a plain <details> form.
        await page.locator('summary.response__reply-toggle').first().click()
        await page.getByLabel(/^Reply to /).first().fill('A reply, still without scripts.')
        await page.getByRole('button', { name: 'Reply', exact: true }).first().click()
        await expectVisible(page.getByText('A reply, still without scripts.'))
        await screenshotWidths(page, `story-${engine}-no-js-responses`)
      })
    })
  }
})
