import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { renderDocumentHtml } from './render-html.ts'
import type { StoryDocument } from './types.ts'

const page = (doc: StoryDocument) => renderDocumentHtml(doc)
const paragraph = (text: string): StoryDocument => ({ version: 1, blocks: [{ id: 'p1', type: 'paragraph', content: [{ text }] }] })

describe('printers’ punctuation on the page', () => {
  it('curls double and single quotes by the side they stand on, and keeps apostrophes', () => {
    assert.match(page(paragraph(`"Hello," she said. 'It's the '90s, rock 'n' roll.'`)), /“Hello,” she said\. ‘It’s the ’90s, rock ’n’ roll\.’/)
  })

  it('sets -- and --- as an em dash, a range of digits with an en dash, ... as an ellipsis', () => {
    assert.match(page(paragraph('Wait -- no---stop... 1914--1918')), /Wait — no—stop… 1914–1918/)
  })

  it('leaves code blocks, inline code and web addresses exactly as typed', () => {
    const doc: StoryDocument = {
      version: 1,
      blocks: [
        { id: 'c1', type: 'code', text: `say "hi" -- it's...` },
        { id: 'p1', type: 'paragraph', content: [{ text: 'Run ' }, { text: `x --flag "a"`, marks: [{ type: 'code' }] }, { text: ' at https://example.com/a--b?q="x" now.' }] },
      ],
    }
    const html = page(doc)
    assert.match(html, /<code>say &quot;hi&quot; -- it&#39;s\.\.\.<\/code>/)
    assert.match(html, /<code>x --flag &quot;a&quot;<\/code>/)
    assert.match(html, /https:\/\/example\.com\/a--b\?q=&quot;x&quot; now\./)
  })

  it('decides a quote after inline code by the code’s last character', () => {
    const doc: StoryDocument = { version: 1, blocks: [{ id: 'p1', type: 'paragraph', content: [{ text: 'the ' }, { text: 'x', marks: [{ type: 'code' }] }, { text: `'s value` }] }] }
    assert.match(page(doc), /<code>x<\/code>’s value/)
  })
})
