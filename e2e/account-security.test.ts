// Account security in Chromium: a forgotten password through the forms and the e-mailed link
// (a real SMTP server, the server's own job runner), the sessions page, and deleting an account.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import type { Browser } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { expectText, expectVisible, newPage, screenshotWidths, startServerAndBrowser } from './browser.ts'
import { api, createStoryViaApi, getStoryViaApi, pathOf, signUpViaApi } from './api.ts'
import { linkIn, startTestSmtp, type TestSmtp } from '../src/accounts/security/test-mail.ts'

describe('account security in the browser', { concurrency: true }, () => {
  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let smtp: TestSmtp

      before(async () => {
        smtp = await startTestSmtp()
        ;({ server, browser } = await startServerAndBrowser({ engine, env: { SMTP_URL: smtp.url, JOBS_POLL_MS: '200' } }))
      }, { timeout: 90_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
        await smtp?.close()
      }, { timeout: 90_000 })

      it('resets a forgotten password through the forms and the e-mailed link, without JavaScript', { timeout: 60_000 }, async () => {
        const person = await signUpViaApi(server.baseUrl, { name: 'Fay Forget' })
        const page = await newPage(browser, { javaScriptEnabled: false, baseURL: server.baseUrl })
        await page.goto('/signin')
        await page.getByRole('link', { name: 'Forgot password?' }).click()
        await page.waitForURL((url) => url.pathname === '/password-reset')
        await screenshotWidths(page, `account-${engine}-forgot-password`)
        await page.getByLabel('Email').fill(person.email)
        await page.getByRole('button', { name: 'Send me a link' }).click()
        await expectText(page.getByRole('status'), /we have sent it a link/)

        const mail = await smtp.waitFor(person.email, /Reset your Ovation password/)
        const link = linkIn(mail, '/password-reset/')
        await page.goto(link)
        await expectVisible(page.getByRole('heading', { name: 'Choose a new password' }))
        await screenshotWidths(page, `account-${engine}-new-password`)
        await page.getByLabel('New password').fill('short')
        await page.getByRole('button', { name: 'Save the new password' }).click()
        await expectText(page.locator('.field__error'), /too short/)
        await page.getByLabel('New password').fill('a fresh new passphrase')
        await page.getByRole('button', { name: 'Save the new password' }).click()
        await page.waitForURL((url) => url.pathname === '/signin')
        await expectText(page.getByRole('status'), /Your password is changed/)

        await page.getByLabel('Email').fill(person.email)
        await page.getByLabel('Password').fill(person.password)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await expectText(page.getByRole('alert'), /incorrect/)
        await page.getByLabel('Password').fill('a fresh new passphrase')
        await page.getByRole('button', { name: 'Sign in' }).click()
        await expectVisible(page.getByRole('button', { name: 'Sign out' }))

        // The link worked once.
        await page.goto(link)
        await expectText(page.getByRole('alert'), /expired or was already used/)
      })

      it('lists sessions and revokes another browser’s', { timeout: 60_000 }, async () => {
        const person = await signUpViaApi(server.baseUrl, { name: 'Sam Sessions' })
        const signIn = async () => {
          const page = await newPage(browser, { baseURL: server.baseUrl })
          await page.goto('/signin')
          await page.getByLabel('Email').fill(person.email)
          await page.getByLabel('Password').fill(person.password)
          await page.getByRole('button', { name: 'Sign in' }).click()
          await expectVisible(page.getByRole('button', { name: 'Sign out' }))
          return page
        }
        const laptop = await signIn()
        const phone = await signIn()
        await laptop.goto('/settings/security')
        const items = laptop.locator('.session-list__item')
        assert.equal(await items.count(), 3, 'two browsers and the API token')
        await expectText(laptop.locator('.session-list__current'), 'this device')
        await screenshotWidths(laptop, `account-${engine}-security`)
        await laptop.getByRole('button', { name: /^Sign out Chrome.*\(this device\)$/ }).count().then((n) => assert.equal(n, 1))
        const other = items.filter({ hasNotText: 'this device' }).filter({ hasText: 'Browser session' })
        await other.getByRole('button', { name: /^Revoke .*browser session$/ }).click()
        await expectText(laptop.getByRole('status'), 'Signed out there.')
        assert.equal(await laptop.locator('.session-list__item').count(), 2)

        await phone.goto('/settings/security')
        await phone.waitForURL((url) => url.pathname === '/signin')
        await laptop.getByRole('button', { name: 'Sign out everywhere' }).click()
        await laptop.waitForURL((url) => url.pathname === '/signin')
        await expectText(laptop.getByRole('status'), 'You are signed out everywhere.')
        await api(server.baseUrl, 'GET', '/api/user', { token: person.token, status: 401 })
      })

      it('deletes an account, offering the export first and keeping the stories under “Deleted user”', { timeout: 60_000 }, async () => {
        const person = await signUpViaApi(server.baseUrl, { name: 'Dee Parting' })
        const story = await createStoryViaApi(server.baseUrl, person.token, { title: 'Last Words Before Leaving', body: 'Goodbye, and thank you for the claps.' })
        const page = await newPage(browser, { baseURL: server.baseUrl, javaScriptEnabled: false })
        await page.goto('/signin')
        await page.getByLabel('Email').fill(person.email)
        await page.getByLabel('Password').fill(person.password)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.goto('/settings')
        await page.getByRole('link', { name: 'Delete your account' }).click()
        await expectVisible(page.getByRole('link', { name: 'download your data' }))
        await screenshotWidths(page, `account-${engine}-delete`)
        await page.getByLabel('Your password').fill('not my password')
        await page.getByRole('button', { name: 'Delete my account' }).click()
        await expectText(page.locator('.field__error'), /incorrect/)
        await page.getByLabel(/Keep them readable/).check()
        await page.getByLabel('Your password').fill(person.password)
        await page.getByRole('button', { name: 'Delete my account' }).click()
        await expectVisible(page.getByRole('heading', { name: 'Your account is deleted.' }))
        await expectVisible(page.getByRole('link', { name: 'Sign in' }))

        const kept = await getStoryViaApi(server.baseUrl, story.slug)
        assert.match(pathOf(kept), /^\/@deleted\//)
        await page.goto(pathOf(kept))
        await expectText(page.getByRole('heading', { level: 1 }), 'Last Words Before Leaving')
        await page.goto('/@deleted')
        await expectText(page.locator('main'), /This account was deleted/)
      })
    })
  }
})
