// The writer's studio in Chromium: the rich editor writes every kind of block, autosaves (and
// survives a reload with its block ids), uploads an image, publishes through the publish dialog,
// restores an old revision, schedules a story that the server's job runner then publishes, turns
// messy pasted HTML into a clean document, and tells a second tab that its copy is stale.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import sharp from 'sharp'
import type { Browser, Page } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { expectText, expectVisible, newPage, screenshot, screenshotWidths, sidewaysOverflow, startServerAndBrowser } from './browser.ts'
import { api, signUpViaApi, type ApiUser } from './api.ts'

type Article = { slug: string; body: string; status: string; version: number; url: string; title: string }

/**
 * Waits until the editor has taken in a caret move to the end of the line. The browser moves the
 * caret at once but tells the editor a moment later; a person is never that fast, a test is.
 */
const caretAtEndOfLine = (page: Page) => page.waitForFunction(() => {
  const editor = (window as Window & { ovationEditor?: { state: { selection: { empty: boolean; $from: { parentOffset: number; parent: { content: { size: number } } } } } } }).ovationEditor
  const selection = editor?.state.selection
  return selection !== undefined && selection.empty && selection.$from.parentOffset === selection.$from.parent.content.size
})

/** The block ids the editor holds, in order. */
const blockIds = (page: Page) => page.locator('.editor__content > [data-block-id]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-block-id')))

describe('the writer’s studio', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let page: Page
      let writer: ApiUser

      before(async () => {
        ;({ server, browser } = await startServerAndBrowser({ engine }))
        writer = await signUpViaApi(server.baseUrl, { name: 'Sol Writer' })
        page = await signedInPage(writer)
      }, { timeout: 90_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      async function signedInPage(user: ApiUser): Promise<Page> {
        const tab = await newPage(browser, { baseURL: server.baseUrl })
        await tab.goto('/signin')
        await tab.getByLabel('Email').fill(user.email)
        await tab.getByLabel('Password').fill(user.password)
        await tab.getByRole('button', { name: 'Sign in' }).click()
        await expectVisible(tab.getByRole('button', { name: 'Sign out' }))
        return tab
      }

      const editor = (tab: Page) => tab.getByRole('textbox', { name: 'Story' })
      const saved = (tab: Page) => expectText(tab.locator('[data-save-status]'), /^Saved$/, 15_000)
      const article = async (slug: string) => (await api<{ article: Article }>(server.baseUrl, 'GET', `/api/articles/${slug}`, { token: writer.token })).article
      const slugOfPage = (tab: Page) => decodeURIComponent(new URL(tab.url()).pathname.replace(/^\/edit\//, ''))

      it('writes every kind of block, autosaves, and reloads with the text and block ids intact', { timeout: 90_000 }, async () => {
        await page.goto('/new-story')
        await page.getByLabel('Title', { exact: true }).fill('The Quiet Studio')
        await editor(page).click()
        const type = (text: string) => page.keyboard.type(text)
        const enter = () => page.keyboard.press('Enter')
        await type('A room with a desk and ')
        await page.keyboard.press('Control+b')
        await type('nothing else')
        await page.keyboard.press('Control+b')
        await type('.')
        await enter()
        await type('## Morning pages')
        await enter()
        await type('> Write before the world wakes up.')
        await enter()
        await type('>> The desk is the whole studio.')
        await enter()
        await type('- coffee')
        await enter()
        await type('paper')
        await enter()
        await enter()

        // The "+" on the empty line inserts an uploaded image, then asks for its alt text.
        await page.locator('.editor-plus__toggle').click()
        const chooser = page.waitForEvent('filechooser')
        await page.getByRole('button', { name: 'Image', exact: true }).click()
        const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a6' } }).png().toBuffer()
        await (await chooser).setFiles({ name: 'desk.png', mimeType: 'image/png', buffer: png })
        const alt = page.getByRole('textbox', { name: 'Alt text' })
        await alt.fill('A green desk')
        await alt.press('Enter')
        await expectVisible(editor(page).locator('figure img[alt="A green desk"]'))
        await page.keyboard.type('My desk, in green.')
        await page.keyboard.press('ArrowDown')
        await type('That is all.')
        await saved(page)
        assert.match(page.url(), /\/edit\/the-quiet-studio-[0-9a-f]{12}$/, 'the first save gives the draft its address')

        const ids = await blockIds(page)
        assert.equal(new Set(ids).size, ids.length, 'every block has an id of its own')
        await page.reload()
        await expectVisible(editor(page).getByRole('heading', { name: 'Morning pages' }))
        assert.deepEqual(await blockIds(page), ids, 'the same blocks, with the same ids, after a reload')
        await expectText(editor(page).locator('blockquote:not(.pullquote)'), 'Write before the world wakes up.')
        await expectText(editor(page).locator('blockquote.pullquote'), 'The desk is the whole studio.')
        assert.equal(await editor(page).locator('li').count(), 2)
        await expectText(editor(page).locator('strong'), 'nothing else')
        await expectText(editor(page).locator('figcaption'), 'My desk, in green.')
        await screenshotWidths(page, `studio-${engine}-editor`)

        const draft = await article(slugOfPage(page))
        assert.equal(draft.status, 'draft')
        assert.match(draft.body, /## Morning pages/)
        assert.match(draft.body, /> \[!pullquote\]/)
      })

      it('publishes through the publish dialog and shows the story with every block', { timeout: 60_000 }, async () => {
        await page.getByRole('button', { name: 'Publish…' }).click()
        const dialog = page.getByRole('dialog', { name: 'Publish your story' })
        await expectVisible(dialog)
        await dialog.getByLabel('Preview subtitle').fill('Notes on working alone')
        await dialog.getByLabel('Tags').fill('Writing, Craft')
        // The editorial check (a warning, never a block): the quote names no source.
        await expectText(dialog.locator('[data-editorial-slot]'), 'Write before the world wakes up.')
        const coverChooser = page.waitForEvent('filechooser')
        await dialog.getByRole('button', { name: 'Upload a cover image' }).click()
        const cover = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#e84' } }).png().toBuffer()
        await (await coverChooser).setFiles({ name: 'cover.png', mimeType: 'image/png', buffer: cover })
        await expectText(dialog.locator('.publish__cover [role="status"]'), 'Cover uploaded')
        await dialog.getByLabel('Cover alt text').fill('An orange wall')
        await screenshot(page, `studio-${engine}-publish-dialog`)
        await dialog.getByRole('button', { name: 'Publish', exact: true }).click()
        await page.waitForURL(/\/@[^/]+\/the-quiet-studio-[0-9a-f]{12}$/)
        const story = page.getByRole('article').first()
        await expectText(page.getByRole('heading', { level: 1 }), 'The Quiet Studio')
        await expectVisible(page.getByText('Notes on working alone'))
        await expectText(story.getByRole('heading', { level: 2 }), 'Morning pages')
        await expectText(story.locator('blockquote.pullquote'), 'The desk is the whole studio.')
        await expectVisible(story.locator('img[alt="A green desk"]'))
        await expectVisible(page.locator('img[alt="An orange wall"]').first())
        assert.ok(await story.locator('img[alt="A green desk"]').getAttribute('srcset'), 'the uploaded image is served in several widths')
        await expectVisible(page.getByRole('list', { name: 'Tags' }).getByRole('link', { name: 'Craft' }))
        await screenshotWidths(page, `studio-${engine}-published`)
        for (const width of [375, 1280]) assert.equal((await sidewaysOverflow(page, width)).pixels, 0)
      })

      it('restores an old revision from the history, as a new revision', { timeout: 60_000 }, async () => {
        const path = new URL(page.url()).pathname
        const slug = path.split('/').pop() as string
        await page.goto(`/edit/${slug}`)
        // A published story is not changed while typing: the edits are saved as unpublished
        // changes, which a reload brings back, and readers see them only after "Republish".
        await editor(page).getByText('That is all.').click()
        await page.keyboard.press('End')
        await caretAtEndOfLine(page)
        await page.keyboard.type(' Or is it?')
        await expectText(page.locator('[data-save-status]'), 'Changes saved, not yet published', 15_000)
        assert.doesNotMatch((await article(slug)).body, /Or is it\?/, 'readers still see the published text')
        await page.reload()
        await expectVisible(editor(page).getByText('That is all. Or is it?'))
        await expectVisible(page.getByText(/Unpublished changes from/))
        await page.getByRole('button', { name: 'Republish…' }).click()
        await page.getByRole('dialog').getByRole('button', { name: 'Republish', exact: true }).click()
        await page.waitForURL(`**${path}`)
        await expectVisible(page.getByText('That is all. Or is it?'))

        await page.goto(`/edit/${slug}/revisions`)
        const entries = page.locator('.revision-list__item')
        await expectText(entries.first(), 'Published')
        // The first publish, before the edit (between them: the unpublished changes, kept too).
        await expectText(entries.nth(1), 'Draft saved')
        await entries.filter({ hasText: 'Published' }).nth(1).getByRole('link').click()
        await expectVisible(page.locator('.diff'))
        await screenshotWidths(page, `studio-${engine}-revision`)
        await page.getByRole('button', { name: 'Restore this revision' }).click()
        await page.waitForURL(`**${path}`)
        await expectVisible(page.getByText('That is all.', { exact: true }))
        assert.equal(await page.getByText('Or is it?').count(), 0)
        await page.goto(`/edit/${slug}/revisions`)
        await expectText(page.locator('.revision-list__item').first(), 'Restored')
      })

      it('schedules a story a few seconds ahead, hidden until the job runner publishes it', { timeout: 60_000 }, async () => {
        await page.goto('/new-story')
        await page.getByLabel('Title', { exact: true }).fill('Published While You Wait')
        await editor(page).click()
        await page.keyboard.type('This story goes out by itself.')
        await saved(page)
        const slug = slugOfPage(page)
        await page.getByRole('button', { name: 'Publish…' }).click()
        const dialog = page.getByRole('dialog')
        await dialog.getByLabel('Later, at').check()
        // datetime-local takes the writer's local time; the page sends it as an exact instant.
        const at = await page.evaluate(() => {
          const when = new Date(Date.now() + 6000)
          const pad = (n: number) => String(n).padStart(2, '0')
          return `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}:${pad(when.getSeconds())}`
        })
        await dialog.locator('input[name="publishAt"]').fill(at)
        await dialog.getByRole('button', { name: 'Schedule' }).click()
        await page.waitForURL(new RegExp(`${slug}$`))
        await expectVisible(page.getByText(/Scheduled/).first())
        const scheduled = await article(slug)
        assert.equal(scheduled.status, 'scheduled')
        assert.equal((await fetch(`${server.baseUrl}/api/articles/${slug}`)).status, 404, 'readers cannot open it yet')
        await page.goto('/me/stories?tab=scheduled')
        await expectVisible(page.getByRole('link', { name: 'Published While You Wait' }))
        await screenshotWidths(page, `studio-${engine}-your-stories`)

        const deadline = Date.now() + 30_000
        let status = 404
        while (Date.now() < deadline && status !== 200) {
          await new Promise((resolve) => setTimeout(resolve, 500))
          status = (await fetch(`${server.baseUrl}/api/articles/${slug}`)).status
        }
        assert.equal(status, 200, 'the job runner published it')
        assert.equal((await article(slug)).status, 'published')
        await page.goto('/me/stories?tab=published')
        await expectVisible(page.getByRole('link', { name: 'Published While You Wait' }))
      })

      it('turns messy pasted HTML from Word, Google Docs and web pages into a clean document', { timeout: 60_000 }, async () => {
        await page.goto('/new-story')
        await page.getByLabel('Title', { exact: true }).fill('Pasted From Elsewhere')
        await editor(page).click()
        const html = [
          '<meta charset="utf-8"><style>p { color: red }</style><script>window.pwned = true</script>',
          '<b style="font-weight:normal;" id="docs-internal-guid-1234">',
          '<h1 style="font-size:26pt"><span style="font-family:Arial">Field Notes</span></h1>',
          '<p class="MsoNormal" style="margin:0"><span style="font-weight:700">Bold by weight</span> and <span style="font-style:italic">italic by slant</span><o:p></o:p></p>',
          '<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->',
          '<blockquote><p>First quoted line.</p><p>Second quoted line.</p></blockquote>',
          '<ul><li><p>one</p></li><li>two <a href="javascript:alert(1)" onclick="x()">bad link</a></li></ul>',
          '<div class="ad"><table><tr><td>cell text</td></tr></table></div>',
          '<p><a href="https://example.com/source" style="color:blue" target="_blank">a good link</a></p>',
          '<img src="data:image/png;base64,AAAA">',
          '</b>',
        ].join('')
        await page.evaluate((content) => {
          const data = new DataTransfer()
          data.setData('text/html', content)
          data.setData('text/plain', 'plain')
          document.querySelector('.editor__content')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
        }, html)
        await saved(page)
        const body = (await article(slugOfPage(page))).body
        assert.equal(await page.evaluate(() => (window as Window & { pwned?: boolean }).pwned), undefined)
        assert.match(body, /^## Field Notes$/m)
        assert.match(body, /\*\*Bold by weight\*\* and _italic by slant_/)
        assert.match(body, /^> First quoted line\.$/m)
        assert.match(body, /^> Second quoted line\.$/m)
        assert.match(body, /^- one$/m)
        assert.match(body, /^- two bad link$/m)
        assert.match(body, /cell text/)
        assert.match(body, /\[a good link\]\(https:\/\/example\.com\/source\)/)
        assert.doesNotMatch(body, /style|script|mso|MsoNormal|javascript|WordDocument|color|data:image|pwned/i)
        // Nothing pasted is bold just because Google Docs wrapped it all in <b>.
        assert.doesNotMatch(body, /\*\*Field Notes|\*\*cell/)
      })

      it('keeps block ids through editing and undo, and gives a pasted copy a new one', { timeout: 60_000 }, async () => {
        await page.goto('/new-story')
        await page.getByLabel('Title', { exact: true }).fill('Stable Names')
        await editor(page).click()
        for (const line of ['Alpha.', 'Beta.', 'Gamma.']) {
          await page.keyboard.type(line)
          await page.keyboard.press('Enter')
        }
        await saved(page)
        const [alpha, beta, gamma] = await blockIds(page)
        await editor(page).getByText('Beta.').click()
        await page.keyboard.press('End')
        await caretAtEndOfLine(page)
        await page.keyboard.type(' Edited.')
        assert.deepEqual((await blockIds(page)).slice(0, 3), [alpha, beta, gamma], 'an edited block keeps its id')

        // Past the history's grouping delay, so the deletion is an undo step of its own.
        await page.waitForTimeout(800)
        await editor(page).getByText('Gamma.').click({ clickCount: 3 })
        await page.keyboard.press('Backspace')
        await page.keyboard.press('Backspace')
        assert.equal(await editor(page).getByText('Gamma.').count(), 0)
        await page.keyboard.press('Control+z')
        await expectVisible(editor(page).getByText('Gamma.'))
        assert.deepEqual((await blockIds(page)).slice(0, 3), [alpha, beta, gamma], 'undo brings the block back under its own id')

        // A copy of Alpha, as the editor's clipboard carries it (with its id), pasted after Gamma.
        await editor(page).getByText('Gamma.').click()
        await page.keyboard.press('End')
        await caretAtEndOfLine(page)
        await page.keyboard.press('Enter')
        await page.evaluate((id) => {
          const data = new DataTransfer()
          data.setData('text/html', `<p data-block-id="${id}">Alpha.</p><p data-block-id="${id}x">Alpha again.</p>`)
          document.querySelector('.editor__content')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
        }, alpha)
        await expectVisible(editor(page).getByText('Alpha again.'))
        const after = await blockIds(page)
        assert.deepEqual(after.slice(0, 3), [alpha, beta, gamma], 'the originals keep their ids')
        const pasted = await editor(page).locator('p', { hasText: /^Alpha\.$/ }).evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-block-id')))
        assert.equal(pasted.length, 2)
        assert.equal(pasted[0], alpha)
        assert.notEqual(pasted[1], alpha, 'the pasted copy has an id of its own')
        assert.equal(new Set(after).size, after.length)
        await saved(page)
        const stored = await api<{ article: Article }>(server.baseUrl, 'GET', `/api/articles/${slugOfPage(page)}`, { token: writer.token })
        assert.match(stored.article.body, /Beta\. Edited\./)
      })

      it('formats and inserts with the keyboard alone: Alt+F10 reaches the toolbar, Escape returns', { timeout: 60_000 }, async () => {
        await page.goto('/new-story')
        await page.getByLabel('Title', { exact: true }).focus()
        await page.keyboard.type('By Keyboard')
        // Enter goes on to the subtitle and from there into the story.
        await page.keyboard.press('Enter')
        await page.keyboard.type('No mouse needed')
        await page.keyboard.press('Enter')
        await page.keyboard.type('Loud words')
        await expectText(editor(page), 'Loud words')
        assert.equal(await page.getByLabel('Subtitle', { exact: true }).inputValue(), 'No mouse needed')
        await page.keyboard.press('Shift+Home')
        await page.waitForFunction(() => window.getSelection()?.toString() === 'Loud words')
        await page.keyboard.press('Alt+F10')
        const focusOn = (name: string) => page.waitForFunction((label) => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent) === label, name)
        await focusOn('Bold')
        await expectVisible(page.getByRole('toolbar', { name: 'Text formatting' }))
        // A button does its work and hands the writer back to the text.
        await page.keyboard.press('Enter')
        await focusOn('Story')
        await page.keyboard.press('Alt+F10')
        await focusOn('Bold')
        assert.equal(await page.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed'), 'true')
        await page.keyboard.press('ArrowRight')
        await focusOn('Italic')
        await page.keyboard.press('Escape')
        await focusOn('Story')
        await expectText(editor(page).locator('strong'), 'Loud words')
        await page.keyboard.press('End')
        await caretAtEndOfLine(page)
        await page.keyboard.press('Enter')
        // On an empty line, Tab reaches the "+" menu; its Divider inserts a divider.
        await expectVisible(page.locator('.editor-plus__toggle'))
        await page.locator('.editor-toolbar').waitFor({ state: 'hidden' })
        await page.keyboard.press('Tab')
        await focusOn('Insert an image, embed, divider or code')
        await page.keyboard.press('Enter')
        await focusOn('Image')
        await page.keyboard.press('ArrowRight')
        await page.keyboard.press('ArrowRight')
        await page.keyboard.press('Enter')
        await expectVisible(editor(page).locator('hr'))
        await saved(page)
        assert.match((await article(slugOfPage(page))).body, /\*\*Loud words\*\*\n\n(---|\*\*\*)/)
      })

      it('adds a footnote citing a source in the editor, which the page numbers and links to its note', { timeout: 60_000 }, async () => {
        await page.goto('/new-story')
        await page.getByLabel('Title', { exact: true }).fill('Cited Properly')
        await editor(page).click()
        await page.keyboard.type('The river rose a metre in one night.')
        await saved(page)
        const slug = slugOfPage(page)
        // A source added elsewhere (the sources API) moves the story on: reload to edit the newer text.
        const { article: current } = await api<{ article: Article }>(server.baseUrl, 'GET', `/api/articles/${slug}`, { token: writer.token })
        await api(server.baseUrl, 'POST', `/api/articles/${slug}/sources`, { token: writer.token, body: { source: { title: 'River gauge 12', url: 'https://river.example/12' }, version: current.version }, status: 201 })
        await page.reload()
        await editor(page).getByText('The river rose').click()
        await page.keyboard.press('End')
        await caretAtEndOfLine(page)
        await page.keyboard.press('Control+Alt+f')
        const dialog = page.getByRole('dialog', { name: 'Add a footnote' })
        await dialog.getByLabel('Note').fill('Measured at dawn.')
        await dialog.getByLabel('Cites').selectOption({ label: 'River gauge 12' })
        await dialog.getByRole('button', { name: 'Add footnote' }).click()
        await editor(page).locator('sup.editor-footnote').waitFor({ state: 'attached' })
        assert.equal(await editor(page).locator('sup.editor-footnote').count(), 1)
        await saved(page)

        await page.getByRole('button', { name: 'Publish…' }).click()
        await page.getByRole('dialog').getByRole('button', { name: 'Publish', exact: true }).click()
        await page.waitForURL(/\/cited-properly-[0-9a-f]{12}$/)
        const reference = page.locator('sup.fn a').first()
        assert.equal(await reference.textContent(), '1')
        await reference.click()
        await page.waitForURL(/#fn-/)
        await expectVisible(page.getByRole('heading', { name: 'Notes' }))
        await expectVisible(page.getByText('Measured at dawn.'))
        await expectVisible(page.getByText('River gauge 12').first())
      })

      it('uploads an image pasted or dropped into the editor', { timeout: 60_000 }, async () => {
        await page.goto('/new-story')
        await page.getByLabel('Title', { exact: true }).fill('Pasted Pictures')
        await editor(page).click()
        await page.keyboard.type('Before the picture.')
        await page.keyboard.press('Enter')
        const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#58c' } }).png().toBuffer()
        await page.evaluate((bytes) => {
          const data = new DataTransfer()
          data.items.add(new File([new Uint8Array(bytes)], 'pasted.png', { type: 'image/png' }))
          document.querySelector('.editor__content')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
        }, [...png])
        const alt = page.getByRole('textbox', { name: 'Alt text' })
        await alt.fill('A blue square')
        await alt.press('Enter')
        await expectVisible(editor(page).locator('figure img[alt="A blue square"]'))
        assert.match(await editor(page).locator('figure img').getAttribute('src') ?? '', /^\/media\/[0-9a-f]+-640x480\.webp$/)

        // Dropped on the text: the same upload, placed where it fell.
        await editor(page).getByText('Before the picture.').click()
        await page.keyboard.press('End')
        await caretAtEndOfLine(page)
        const box = await editor(page).getByText('Before the picture.').boundingBox()
        assert.ok(box)
        await page.evaluate(({ bytes, x, y }) => {
          const data = new DataTransfer()
          data.items.add(new File([new Uint8Array(bytes)], 'dropped.png', { type: 'image/png' }))
          document.querySelector('.editor__content')?.dispatchEvent(new DragEvent('drop', { dataTransfer: data, clientX: x, clientY: y, bubbles: true, cancelable: true }))
        }, { bytes: [...png], x: box.x + box.width - 2, y: box.y + box.height / 2 })
        await alt.fill('The same square, dropped')
        await alt.press('Enter')
        await expectVisible(editor(page).locator('figure img[alt="The same square, dropped"]'))
        await saved(page)
        const body = (await article(slugOfPage(page))).body
        assert.match(body, /!\[A blue square\]\(\/media\//)
        assert.match(body, /!\[The same square, dropped\]\(\/media\//)
      })

      it('tells a second tab that its copy is out of date instead of overwriting', { timeout: 60_000 }, async () => {
        await page.goto('/new-story')
        await page.getByLabel('Title', { exact: true }).fill('Two Tabs')
        await editor(page).click()
        await page.keyboard.type('Written in the first tab.')
        await saved(page)
        const slug = slugOfPage(page)
        const second = await signedInPage(writer)
        await second.goto(`/edit/${slug}`)
        await expectVisible(editor(second).getByText('Written in the first tab.'))
        await editor(page).getByText('Written in the first tab.').click()
        await page.keyboard.press('End')
        await caretAtEndOfLine(page)
        await page.keyboard.type(' The first tab goes on.')
        await saved(page)
        await editor(second).getByText('Written in the first tab.').click()
        await second.keyboard.press('End')
        await caretAtEndOfLine(second)
        await second.keyboard.type(' The second tab is behind.')
        await expectText(second.locator('[data-save-status]'), /changed in another tab/, 15_000)
        await screenshot(second, `studio-${engine}-conflict`)
        const body = (await article(slug)).body
        assert.match(body, /The first tab goes on\./)
        assert.doesNotMatch(body, /second tab/)
        await second.context().close()
      })
    })
  }
})
