// A signed-in reader's story page is assembled from a template and their own parts: it must be
// exactly the page rendered for them whole.
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { renderToString } from 'preact-render-to-string'
import { renderDocument } from '../../web/render.ts'
import { fillTemplate, toTemplate } from '../../web/slots.ts'
import { StoryPage, storyViewerParts, type StoryPageProps } from './story-page.tsx'

const base: StoryPageProps = {
  viewer: { username: 'ann', name: 'Ann Reader', image: null },
  path: '/@ben/a-story-0123456789ab',
  canonicalUrl: 'http://127.0.0.1:3000/@ben/a-story-0123456789ab',
  slug: 'a-story-0123456789ab',
  title: 'A story',
  subtitle: 'With a subtitle',
  description: 'With a subtitle',
  bodyHtml: '<p>Body text.</p>',
  author: { username: 'ben', name: 'Ben Writer', bio: 'Writes.', image: null, following: true, isViewer: false },
  publication: null,
  publishedAt: new Date('2026-11-01T10:00:00Z'),
  readingTime: 3,
  tags: ['Night', 'Trains'],
  claps: 120,
  fans: 9,
  myClaps: 7,
  status: 'published',
  responses: <section class="responses"><p>Responses for Ann</p></section>,
}

function assembled(props: StoryPageProps): string {
  const template = toTemplate(renderDocument(<StoryPage {...props} responses={null} template />))
  const parts = storyViewerParts(props)
  return fillTemplate(template, Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part === null ? '' : renderToString(part)])))
}

describe('story page from a template', () => {
  for (const [name, props] of [
    ['a reader who follows the writer and clapped', base],
    ['the writer', { ...base, viewer: { username: 'ben', name: 'Ben Writer', image: null }, myClaps: 0, author: { ...base.author, following: false, isViewer: true } }],
    ['a reader at a standing ovation', { ...base, myClaps: 50, author: { ...base.author, following: false } }],
  ] as const) {
    it(`is the whole page, byte for byte, for ${name}`, () => {
      assert.equal(assembled(props), renderDocument(<StoryPage {...props} />))
    })
  }
})
