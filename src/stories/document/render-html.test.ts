import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { escapeHtml, renderDocumentHtml, safeHref, safeImageSrc } from './render-html.ts'
import { smartenRuns } from './smart-punctuation.ts'
import type { Block, TextRun } from './types.ts'
import { documentArb, runsArb, urlArb } from './document-arbitraries.ts'

function html(...blocks: Block[]): string {
  return renderDocumentHtml({ version: 1, blocks })
}

function paragraph(...content: TextRun[]): Block {
  return { id: 'p1', type: 'paragraph', content }
}

// Every element and attribute the renderer may emit; anything else in the output is a bug.
const TAGS = new Set(['p', 'h2', 'h3', 'blockquote', 'ul', 'ol', 'li', 'pre', 'code', 'figure', 'figcaption', 'img', 'hr', 'a', 'strong', 'em', 'sup', 'br', 'section', 'cite', 'time', 'span'])
const ATTRIBUTES = new Set(['id', 'data-block', 'class', 'href', 'rel', 'src', 'alt', 'loading', 'decoding', 'width', 'height', 'srcset', 'sizes', 'aria-label', 'aria-labelledby', 'datetime', 'role'])
const TAG = /<\/?([a-z0-9]+)((?: [a-z-]+="[^"<>]*"| data-no-offset)*)>/g

function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
}

describe('renderDocumentHtml', () => {
  it('renders each block with its id on the outer element', () => {
    assert.equal(html(paragraph({ text: 'Hi' })), '<p id="p1" data-block="p1">Hi</p>')
    assert.equal(html({ id: 'h', type: 'heading', level: 3, content: [{ text: 'T' }] }), '<h3 id="h" data-block="h">T</h3>')
    assert.equal(html({ id: 'd', type: 'divider' }), '<hr id="d" data-block="d">')
    assert.equal(
      html({ id: 'l', type: 'list', ordered: true, items: [{ id: 'i', content: [{ text: 'x' }] }] }),
      '<ol id="l" data-block="l"><li id="i" data-block="i">x</li></ol>',
    )
  })

  it('renders quotes and pull quotes as blockquotes with line breaks', () => {
    assert.equal(html({ id: 'q', type: 'quote', content: [{ text: 'a\nb' }] }), '<blockquote id="q" data-block="q"><p>a<br>b</p></blockquote>')
    assert.equal(html({ id: 'q', type: 'pullquote', content: [{ text: 'a' }] }), '<blockquote class="pullquote" id="q" data-block="q"><p>a</p></blockquote>')
  })

  it('nests marks, sharing one element between neighbouring runs', () => {
    const result = html(paragraph(
      { text: 'a', marks: [{ type: 'link', href: 'https://x.y' }, { type: 'bold' }] },
      { text: 'b', marks: [{ type: 'link', href: 'https://x.y' }, { type: 'code' }] },
      { text: 'c', marks: [{ type: 'italic' }] },
    ))
    assert.equal(result, '<p id="p1" data-block="p1"><a href="https://x.y/" rel="nofollow noopener"><strong>a</strong><code>b</code></a><em>c</em></p>')
  })

  it('escapes text and attributes', () => {
    // Straight quotes in prose are curled (smart-punctuation.ts); in code they stay, escaped.
    assert.equal(html(paragraph({ text: `<script>&"'` })), '<p id="p1" data-block="p1">&lt;script&gt;&amp;”’</p>')
    assert.equal(html(paragraph({ text: `<script>&"'`, marks: [{ type: 'code' }] })), '<p id="p1" data-block="p1"><code>&lt;script&gt;&amp;&quot;&#39;</code></p>')
    const image = html({ id: 'i', type: 'image', src: '/m/a.webp', alt: '"><script>' })
    assert.match(image, /alt="&quot;&gt;&lt;script&gt;"/)
  })

  it('drops javascript: links but keeps their text', () => {
    assert.equal(html(paragraph({ text: 'click', marks: [{ type: 'link', href: 'javascript:alert(1)' }] })), '<p id="p1" data-block="p1">click</p>')
  })

  it('links mailto: without rel', () => {
    assert.match(html(paragraph({ text: 'mail', marks: [{ type: 'link', href: 'mailto:me@x.org' }] })), /<a href="mailto:me@x.org">mail<\/a>/)
  })

  it('renders code with a sanitised language class', () => {
    assert.equal(
      html({ id: 'c', type: 'code', language: 'C++"><x', text: '<a>' }),
      '<pre id="c" data-block="c"><code class="language-c++x">&lt;a&gt;</code></pre>',
    )
  })

  it('renders an image as a lazy figure with its size and caption', () => {
    assert.equal(
      html({ id: 'i', type: 'image', src: '/media/a.webp', alt: 'Cat', caption: [{ text: 'Our cat' }], width: 800, height: 600 }),
      '<figure id="i" data-block="i"><img src="/media/a.webp" alt="Cat" loading="lazy" decoding="async" width="800" height="600"><figcaption>Our cat</figcaption></figure>',
    )
  })

  it('renders an image with an unsafe source as its caption or alt text only', () => {
    assert.equal(html({ id: 'i', type: 'image', src: 'javascript:x', alt: 'Cat' }), '<p id="i" data-block="i">Cat</p>')
    assert.equal(html({ id: 'i', type: 'image', src: '//evil.example/a.png', alt: 'Cat', caption: [{ text: 'Cap' }] }), '<p id="i" data-block="i">Cap</p>')
  })

  it('renders an embed as a figure with a safe link and caption', () => {
    assert.equal(
      html({ id: 'e', type: 'embed', url: 'https://youtu.be/x', caption: [{ text: 'Talk' }] }),
      '<figure class="embed" id="e" data-block="e"><a href="https://youtu.be/x" rel="nofollow noopener">https://youtu.be/x</a><figcaption>Talk</figcaption></figure>',
    )
    assert.equal(html({ id: 'e', type: 'embed', url: 'data:text/html,x' }), '<figure class="embed" id="e" data-block="e">data:text/html,x</figure>')
  })

  it('renders footnote references as numbered superscripts and the notes after the body, with back links', () => {
    const ref = (noteId: string): TextRun => ({ text: noteId, marks: [{ type: 'footnote', noteId }] })
    const output = renderDocumentHtml({
      version: 1,
      blocks: [
        { id: 'p1', type: 'paragraph', content: [{ text: 'claim' }, ref('b'), { text: ' and' }, ref('a'), ref('missing')] },
        { id: 'p2', type: 'paragraph', content: [{ text: 'again' }, ref('b')] },
      ],
      notes: [
        { id: 'a', content: [{ text: 'Note <a>' }] },
        { id: 'b', content: [], sourceId: 's' },
        { id: 'z', content: [{ text: 'unreferenced' }] },
      ],
      sources: [
        { id: 's', title: 'Work', author: 'Ada', url: 'https://w.example/', date: '2020' },
        { id: 't', title: 'Uncited', url: 'javascript:alert(1)', excerpt: 'A "quote"' },
      ],
    })
    assert.equal(
      output,
      '<p id="p1" data-block="p1">claim<sup class="fn" id="fnref-b" data-no-offset><a href="#fn-b" role="doc-noteref" aria-label="Note 1">1</a></sup> and' +
        '<sup class="fn" id="fnref-a" data-no-offset><a href="#fn-a" role="doc-noteref" aria-label="Note 2">2</a></sup></p>\n' +
        '<p id="p2" data-block="p2">again<sup class="fn" id="fnref-b-2" data-no-offset><a href="#fn-b" role="doc-noteref" aria-label="Note 1">1</a></sup></p>\n' +
        '<section class="story-notes" role="doc-endnotes" aria-labelledby="notes-title"><h2 id="notes-title">Notes</h2><ol>' +
        '<li id="fn-b"><span class="citation">Ada, <a href="https://w.example/" rel="nofollow noopener"><cite>Work</cite></a>, <time datetime="2020">2020</time>.</span> <a class="fn-back" href="#fnref-b" role="doc-backlink" aria-label="Back to reference 1">↩\uFE0E</a></li>' +
        '<li id="fn-a">Note &lt;a&gt; <a class="fn-back" href="#fnref-a" role="doc-backlink" aria-label="Back to reference 2">↩\uFE0E</a></li></ol></section>\n' +
        '<section class="story-sources" aria-labelledby="sources-title"><h2 id="sources-title">Sources</h2><ul>' +
        '<li id="source-s"><span class="citation">Ada, <a href="https://w.example/" rel="nofollow noopener"><cite>Work</cite></a>, <time datetime="2020">2020</time>.</span></li>' +
        '<li id="source-t"><span class="citation"><cite>Uncited</cite>.</span><blockquote class="source-excerpt">A &quot;quote&quot;</blockquote></li></ul></section>',
    )
  })

  it('never emits a script, an event handler or a javascript: URL', () => {
    fc.assert(
      fc.property(documentArb, (doc) => {
        const output = renderDocumentHtml(doc)
        for (const [tag, name, attributes] of output.matchAll(TAG)) {
          assert.ok(TAGS.has(name as string), tag)
          // Attribute values are quoted and escaped, so only names can start a handler.
          assert.doesNotMatch(tag.replace(/"[^"]*"/g, '""'), /\son[a-z]*=/i)
          for (const [, attribute, value] of (attributes ?? '').matchAll(/ ([a-z-]+)="([^"]*)"/g)) {
            assert.ok(ATTRIBUTES.has(attribute as string), tag)
            if (attribute === 'href' || attribute === 'src') assert.match(unescapeHtml(value as string), /^(https?:\/\/|mailto:|#fn-|#fnref-|\/[^/\\])/, tag)
          }
        }
        // Once the renderer's own tags are gone, no '<' or '>' is left: all text was escaped.
        assert.doesNotMatch(output.replace(TAG, ''), /[<>]/)
        assert.doesNotMatch(output, /<script/i)
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps every character of the text (quotes and dashes set as a printer would)', () => {
    fc.assert(
      fc.property(runsArb, (content) => {
        const runs = content.map((run) => ({ text: run.text }))
        const output = html(paragraph(...runs))
        const text = unescapeHtml(output.replace(/<br>/g, '\n').replace(TAG, ''))
        assert.equal(text, smartenRuns(runs).map((run) => run.text).join(''))
      }),
    )
  })
})

describe('safeHref', () => {
  const cases: Array<[string, string | undefined]> = [
    ['https://example.com/a?b=c#d', 'https://example.com/a?b=c#d'],
    ['HTTP://Example.com', 'http://example.com/'],
    ['mailto:me@x.org', 'mailto:me@x.org'],
    ['https://a.b/"><script>', 'https://a.b/%22%3E%3Cscript%3E'],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    [' javascript:alert(1)', undefined],
    ['\u0000javascript:alert(1)', undefined],
    ['https://a.b/\nx', undefined],
    ['data:text/html,<script>', undefined],
    ['vbscript:msgbox', undefined],
    ['/relative', undefined],
    ['relative', undefined],
    ['//evil.example', undefined],
    ['https:evil.example', undefined],
    ['https:///evil.example', undefined],
    ['https://', undefined],
    ['ftp://x.y', undefined],
    ['', undefined],
  ]
  for (const [url, expected] of cases) {
    it(`returns ${expected === undefined ? 'nothing' : 'an href'} for ${JSON.stringify(url)}`, () => {
      assert.equal(safeHref(url), expected)
    })
  }

  it('returns only http(s) and mailto hrefs for any input', () => {
    fc.assert(
      fc.property(urlArb, (url) => {
        const href = safeHref(url)
        if (href !== undefined) assert.match(href, /^(https?:\/\/[^/\\\s]|mailto:)/)
      }),
    )
  })
})

describe('safeImageSrc', () => {
  it('allows http(s) URLs and same-site paths only', () => {
    assert.equal(safeImageSrc('/media/abc.webp'), '/media/abc.webp')
    assert.equal(safeImageSrc('https://cdn.example/a.png'), 'https://cdn.example/a.png')
    for (const src of ['//evil.example/a.png', '/\\evil.example/a.png', 'media/a.png', 'data:image/png;base64,AA', 'mailto:a@b.c', '/a b.png']) {
      assert.equal(safeImageSrc(src), undefined, src)
    }
  })
})

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`&<>"'x`), '&amp;&lt;&gt;&quot;&#39;x')
  })
})

describe('renderDocumentHtml with a footnote prefix', () => {
  it('keeps the footnotes of several documents on one page apart', () => {
    const output = renderDocumentHtml(
      { version: 1, blocks: [{ id: 'p', type: 'paragraph', content: [{ text: 'a' }, { text: '1', marks: [{ type: 'footnote', noteId: '1' }] }] }], notes: [{ id: '1', content: [{ text: 'n' }] }] },
      { footnotePrefix: 'response-7-' },
    )
    assert.match(output, /<sup class="fn" id="fnref-response-7-1" data-no-offset><a href="#fn-response-7-1"/)
    assert.match(output, /<li id="fn-response-7-1">n <a class="fn-back" href="#fnref-response-7-1"/)
    assert.match(output, /aria-labelledby="response-7-notes-title"><h2 id="response-7-notes-title">/)
  })
})
