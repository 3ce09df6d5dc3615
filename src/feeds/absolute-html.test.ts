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

  it('makes every width of an uploaded image absolute in srcset', () => {
    const html = renderDocumentHtml({ version: 1, blocks: [{ id: 'a', type: 'image', src: '/media/0123456789abcdef01234567-900x600.webp', alt: 'x' }] })
    const out = absolutizeHtml(html, BASE, STORY)
    assert.match(out, new RegExp(`srcset="${BASE}/media/0123456789abcdef01234567-900x600-400\\.webp 400w, ${BASE}/media/0123456789abcdef01234567-900x600-800\\.webp 800w, ${BASE}/media/0123456789abcdef01234567-900x600\\.webp 900w"`))
  })

  it('points footnote anchors into the story page', () => {
    const html = renderDocumentHtml({
      version: 1,
      blocks: [{ id: 'a', type: 'paragraph', content: [{ text: 'claim' }, { text: 'n1', marks: [{ type: 'footnote', noteId: 'n1' }] }] }],
      notes: [{ id: 'n1', content: [{ text: 'A note.' }] }],
    })
    assert.match(absolutizeHtml(html, BASE, STORY), new RegExp(`href="${STORY}#fn-n1"`))
    assert.match(absolutizeHtml(html, BASE, STORY), new RegExp(`href="${STORY}#fnref-n1"`))
  })

  it('leaves text that merely mentions src="/ alone, since the renderer escaped its quotes', () => {
    const html = renderDocumentHtml({ version: 1, blocks: [{ id: 'a', type: 'paragraph', content: [{ text: 'write <img src="/x"> and href="#y"' }] }] })
    assert.equal(absolutizeHtml(html, BASE, STORY), html)
  })
})
