// The demo site's pages, for the suites that look at every kind of page (accessibility,
// Lighthouse, the reading experience): found by following links from the home page, as a reader
// would, since story addresses end in an id made at seeding.
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'

/** A demo writer's sign-in (src/demo/content/site.json): Inês wrote the demo story below. */
export const DEMO_WRITER = { email: 'ines@example.com', password: 'password123', username: 'ines' }
/** Another demo writer, who reads (and may clap for) Inês's story. */
export const DEMO_READER = { email: 'mara@example.com', password: 'password123', username: 'mara' }

export type PublicPages = { story: string; home: string; profile: string; publication: string; tag: string; search: string; signin: string }

/** One page of each public kind; `story` is the demo story with a figure, a pull quote, footnotes. */
export async function publicPages(baseUrl: string): Promise<PublicPages> {
  const home = await (await fetch(`${baseUrl}/`)).text()
  const story = /href="(\/[a-z0-9-]+\/how-the-tide-keeps-time-[a-z0-9]+)"/.exec(home)?.[1]
  assert.ok(story, 'the home page links the demo story “How the Tide Keeps Time”')
  return {
    story,
    home: '/',
    profile: `/@${DEMO_WRITER.username}`,
    publication: '/the-long-view',
    tag: '/tag/science',
    search: '/search?q=tide',
    signin: '/signin',
  }
}

/** The pages only a signed-in writer has. */
export const PRIVATE_PAGES = { write: '/new-story', settings: '/settings', notifications: '/notifications', stories: '/me/stories' } as const

/** Signs the page's context in through the sign-in form, as the demo writer unless told. */
export async function signInAsDemoWriter(page: Page, who: { email: string; password: string } = DEMO_WRITER): Promise<void> {
  await page.goto('/signin')
  await page.getByLabel('Email').fill(who.email)
  await page.getByLabel('Password').fill(who.password)
  await Promise.all([page.waitForURL((url) => url.pathname !== '/signin'), page.getByRole('button', { name: 'Sign in' }).last().click()])
}
