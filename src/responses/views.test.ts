import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { h } from 'preact'
import { renderToString } from 'preact-render-to-string'
import type { ResponseItem } from './response.ts'
import { ResponsesSection, type ResponsesSectionProps } from './views.tsx'

const base: ResponsesSectionProps = { storySlug: 'on-ferries-abc123', storyPath: '/@ann/on-ferries-abc123', responses: [], viewer: null }
const render = (props: Partial<ResponsesSectionProps>) => renderToString(h(ResponsesSection, { ...base, ...props }))

const item = (overrides: Partial<ResponseItem> = {}): ResponseItem => ({
  id: 7,
  author: { username: 'bob', name: 'Bob Reader', image: null },
  createdAt: new Date('2026-11-12T10:00:00Z'),
  html: '<p id="x1" data-block="x1">Lovely.</p>',
  canDelete: false,
  ...overrides,
})

describe('ResponsesSection', () => {
  it('is a labelled section that counts its responses', () => {
    const html = render({ responses: [item(), item({ id: 8 })] })
    assert.match(html, /<section class="responses" id="responses" aria-labelledby="responses-title">/)
    assert.match(html, /<h2 class="responses__title" id="responses-title">Responses \(2\)<\/h2>/)
  })

  it('asks a signed-out reader to sign in and come back to the responses', () => {
    const html = render({})
    assert.match(html, /href="\/signin\?next=%2F%40ann%2Fon-ferries-abc123%23responses"/)
    assert.match(html, />Sign in to respond</)
    assert.doesNotMatch(html, /<form/)
    assert.match(html, /No responses yet\./)
  })

  it('gives a signed-in reader a labelled form that posts without JavaScript', () => {
    const html = render({ viewer: { username: 'ann', name: 'Ann Writer', image: null } })
    assert.match(html, /<form class="responses__form" method="post" action="\/responses\/on-ferries-abc123">/)
    assert.match(html, /<label class="responses__label" for="response-body">What are your thoughts\?<\/label>/)
    assert.match(html, /<textarea[^>]* id="response-body" name="body"[^>]*maxlength="10000"/i)
    assert.match(html, /<button class="button button--dark responses__submit" type="submit">Respond<\/button>/)
    assert.doesNotMatch(html, /Sign in to respond/)
  })

  it('shows a known error above the textarea and ignores made-up ones', () => {
    const viewer = { username: 'ann', name: 'Ann Writer', image: null }
    const blank = render({ viewer, error: 'blank' })
    assert.match(blank, /<p class="responses__error" id="response-body-error" role="alert">Write something before you respond\.<\/p>\s*<textarea/)
    assert.match(blank, /aria-invalid="true"/)
    assert.match(blank, /aria-describedby="response-body-error"/)
    assert.match(render({ viewer, error: 'too_long' }), /at most 10,000 characters/)
    // A crafted link must not put its own words on a story page.
    const crafted = render({ viewer, error: 'Your account is locked, call 555-0100' })
    assert.doesNotMatch(crafted, /responses__error|555-0100/)
  })

  it('lists each response with its author, date and body, anchored by id', () => {
    const html = render({ responses: [item()] })
    assert.match(html, /<article class="response" id="response-7">/)
    assert.match(html, /<a class="response__author" href="\/@bob">.*<span class="response__name">Bob Reader<\/span><\/a>/)
    assert.match(html, /<time class="response__date" datetime="2026-11-12T10:00:00.000Z">Nov 12, 2026<\/time>/i)
    assert.match(html, /<div class="response__body"><p id="x1" data-block="x1">Lovely\.<\/p><\/div>/)
  })

  it('offers the delete form only where the viewer may delete', () => {
    const viewer = { username: 'ann', name: 'Ann Writer', image: null }
    const html = render({ viewer, responses: [item({ id: 1, canDelete: true }), item({ id: 2 })] })
    assert.match(html, /<form class="response__delete" method="post" action="\/responses\/on-ferries-abc123\/1\/delete">/)
    assert.doesNotMatch(html, /\/2\/delete/)
    assert.match(html, /aria-label="Delete response by Bob Reader"/)
  })

  it('escapes names', () => {
    const html = render({ responses: [item({ author: { username: 'eve', name: '<img src=x onerror=alert(1)>', image: null } })] })
    assert.doesNotMatch(html, /<img src=x/)
    assert.match(html, /&lt;img src=x onerror=alert\(1\)>/)
  })
})
