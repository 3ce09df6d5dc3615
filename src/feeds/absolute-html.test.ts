import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { absolutizeHtml } from './absolute-html.ts'
import { renderDocumentHtml } from '../stories/document/render-html.ts'

const BASE = 'https://ovation.example'
const STORY = `${BASE}/@ann/a-story-0123456789ab`

describe('absolutizeHtml', () => {
  it('makes same-site image sources absolute and leaves other sites’ URLs alone', () => {
    const html = renderDocumentHtml({ version: 1, blocks: [
      { id: 'a', type: 'image', src: '/media/one.png', alt: 'One' },
      { id: 'b', type: 'image', src: 'https://cdn.example/two.png', alt: 'Two' },
      { id: 'c', type: 'paragraph', content: [{ text: 'link', marks: [{ type: 'link', href: 'https://example.com/x' }] }] },
    ] })
    const out = absolutizeHtml(html, BASE, STORY)
    assert.match(out, /<img src="https:\/\/ovation\.example\/media\/one\.png"/)
    assert.match(out, /<img src="https:\/\/cdn\.example\/two\.png"/)
    assert.match(out, /<a href="https:\/\/example\.com\/x"/)
  })

  it('points footnote anchors into the story page', () => {
    const html = renderDocumentHtml({ version: 1, blocks: [{ id: 'a', type: 'paragraph', content: [{ text: 'claim', marks: [{ type: 'footnote', sourceId: 's1' }] }] }] })
    assert.match(absolutizeHtml(html, BASE, STORY), new RegExp(`href="${STORY}#source-s1"`))
  })

  it('leaves text that merely mentions src="/ alone, since the renderer escaped its quotes', () => {
    const html = renderDocumentHtml({ version: 1, blocks: [{ id: 'a', type: 'paragraph', content: [{ text: 'write <img src="/x"> and href="#y"' }] }] })
    assert.equal(absolutizeHtml(html, BASE, STORY), html)
  })
})
