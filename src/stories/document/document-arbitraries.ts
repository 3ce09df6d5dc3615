import fc from 'fast-check'
import type { Block, ListItem, Mark, Note, Source, StoryDocument, TextRun } from './types.ts'

/**
 * fast-check arbitraries for documents, shared by the property tests (imported
 * only by tests: fast-check is a dev dependency). Texts are biased towards
 * characters and words that mean something in Markdown and HTML.
 */

const CHARS = [
  'a', 'b', 'Z', '1', '0', ' ', ' ', '\t', '\n', '*', '_', '`', '#', '[', ']', '(', ')', '!', '<', '>', '&',
  '\\', '-', '+', '.', '=', '|', '~', ':', '@', '/', '"', "'", ';', '^', '{', '}', '%', 'é', '中', '😀', '\u00a0',
  '\r', '\f', '\v', '\u2028', '\0',
]

const WORDS = [
  'hello', 'http://x.com', 'https://a.b/c?d=e&f', 'www.a.com', 'me@x.org', '[!pullquote]', '1.', '2)', '- ', '+ ',
  '> ', '# ', '---', '***', '===', '```', '~~~', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
  '&amp;', '&#x41;', '☐ ', '☑ ', '[ ] ', '[x] ', '@', 'embed', '[^1]', '![a](b)', '[a](b)', '<https://z.z>', '|',
  ':--', '    ', 'javascript:alert(1)',
]

export const textArb: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...CHARS), fc.constantFrom(...WORDS)), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(''))

export const urlArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'https://example.com', 'http://example.com/a_b*c', 'https://x.com/(paren)', 'mailto:me@x.org', '/media/a.webp',
    'relative/path', '//evil.com', 'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'java\tscript:alert(1)',
    ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'https://a.b/"onmouseover="x',
    "https://a.b/'><script>", 'https://a.b/<x>', 'https://a b/c', '', '#frag', 'https://example.com/a b',
  ),
  fc.webUrl(),
  textArb,
)

const markArb: fc.Arbitrary<Mark> = fc.oneof(
  fc.constant({ type: 'bold' } as const),
  fc.constant({ type: 'italic' } as const),
  fc.constant({ type: 'code' } as const),
  urlArb.map((href) => ({ type: 'link', href }) as const),
)

/** Note ids the generated references and notes share, so some references find their note. */
const NOTE_IDS = ['n1', 'n2', 'Fn_3', '1'] as const

/** A footnote reference (its text is its note id), sometimes with other marks, even code. */
const referenceArb: fc.Arbitrary<TextRun> = fc
  .record({ id: fc.constantFrom(...NOTE_IDS), marks: fc.array(markArb, { maxLength: 2 }) })
  .map(({ id, marks }) => ({ text: id, marks: [...marks, { type: 'footnote', noteId: id }] }))

const plainRunArb: fc.Arbitrary<TextRun> = fc
  .record({ text: textArb, marks: fc.array(markArb, { maxLength: 3 }) })
  .map(({ text, marks }) => (marks.length > 0 ? { text, marks } : { text }))

export const runArb: fc.Arbitrary<TextRun> = fc.oneof({ weight: 8, arbitrary: plainRunArb }, { weight: 1, arbitrary: referenceArb })

/** Text that reads like Ovation's embed spelling, `@[embed](url)`, which must survive as text. */
const embedLookalikeArb: fc.Arbitrary<TextRun[]> = urlArb.map((href) => [{ text: '@' }, { text: 'embed', marks: [{ type: 'link', href }] }])

export const runsArb: fc.Arbitrary<TextRun[]> = fc.oneof(
  { weight: 20, arbitrary: fc.array(runArb, { minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: embedLookalikeArb },
)

const itemArb: fc.Arbitrary<ListItem> = runsArb.map((content) => ({ id: '', content }))

const captionArb = fc.option(fc.array(runArb, { maxLength: 2 }), { nil: undefined })

export const blockArb: fc.Arbitrary<Block> = fc.oneof(
  runsArb.map((content): Block => ({ id: '', type: 'paragraph', content })),
  fc.record({ level: fc.constantFrom(2 as const, 3 as const), content: runsArb }).map((b): Block => ({ id: '', type: 'heading', ...b })),
  runsArb.map((content): Block => ({ id: '', type: 'quote', content })),
  runsArb.map((content): Block => ({ id: '', type: 'pullquote', content })),
  fc.record({ ordered: fc.boolean(), items: fc.array(itemArb, { minLength: 1, maxLength: 4 }) }).map((b): Block => ({ id: '', type: 'list', ...b })),
  fc.record({ language: fc.option(fc.constantFrom('js', 'c++', 'a`b', 'x y', '"><'), { nil: undefined }), text: textArb }).map(
    ({ language, text }): Block => (language === undefined ? { id: '', type: 'code', text } : { id: '', type: 'code', language, text }),
  ),
  fc.record({ src: urlArb, alt: textArb, caption: captionArb }).map(({ caption, ...b }): Block =>
    caption === undefined ? { id: '', type: 'image', ...b } : { id: '', type: 'image', ...b, caption },
  ),
  fc.record({ url: urlArb, caption: captionArb }).map(({ caption, url }): Block =>
    caption === undefined ? { id: '', type: 'embed', url } : { id: '', type: 'embed', url, caption },
  ),
  fc.constant<Block>({ id: '', type: 'divider' }),
)

const MARKDOWN_PIECES = [
  '\n', '\n', '\n\n', '> ', '>', '- ', '* ', '1. ', '3) ', '  ', '    ', '# ', '## ', '#### ', '```js\n', '```\n',
  '~~~\n', '---\n', '***', '_', '**', '`', '~~', '\\\n', '  \n', '| a | b |\n| - | - |\n', '![x](y "t")', '![](/m.png)',
  '@[embed](https://e.x "cap")', '> [!pullquote]\n> ', '[!PULLQUOTE]', '[^1]', '[^1]: note\n', '[^n2]', '\n[^n2]: two\n    more\n', '[^a b]', '[^x"y]:',  '[r]: https://r.r\n',
  '[a][r]', '![i][r]', '[a](https://l.l)', '<https://a.a>', '<div>\n', '<b>', '- [ ] ', '- [x] ', '===\n',
]

/** Markdown-like text: Markdown syntax pieces mixed with arbitrary text. */
export const markdownArb: fc.Arbitrary<string> = fc
  .array(fc.oneof(textArb, fc.constantFrom(...MARKDOWN_PIECES)), { maxLength: 25 })
  .map((parts) => parts.join(''))

const sourceArb: fc.Arbitrary<Source> = fc
  .record(
    {
      id: fc.constantFrom('s1', 's2'),
      title: textArb,
      author: textArb,
      url: fc.oneof(fc.constantFrom('https://example.com/a_b*c', 'http://x.com/(paren)'), fc.webUrl()),
      date: fc.constantFrom('2024', '2024-05', '2024-05-01'),
      excerpt: textArb,
    },
    { requiredKeys: ['id', 'title'] },
  )
  .map((source) => ({ ...source })) // fc.record's partial records have no prototype

const noteArb: fc.Arbitrary<Note> = fc
  .record({ id: fc.constantFrom(...NOTE_IDS), content: fc.array(plainRunArb, { maxLength: 3 }), sourceId: fc.constantFrom('s1', 's2', 'missing') }, { requiredKeys: ['id', 'content'] })
  .map((note) => ({ ...note }))

/** Documents with unique ids (b0, b1, … and b0i0, … for items), and some notes and sources. */
export const documentArb: fc.Arbitrary<StoryDocument> = fc
  .record({
    blocks: fc.array(blockArb, { maxLength: 8 }),
    notes: fc.uniqueArray(noteArb, { selector: (note) => note.id, maxLength: 4 }),
    sources: fc.uniqueArray(sourceArb, { selector: (source) => source.id, maxLength: 2 }),
  })
  .map(({ blocks, notes, sources }) => ({
    version: 1 as const,
    blocks: blocks.map((block, index) => {
      const id = `b${index}`
      if (block.type !== 'list') return { ...block, id }
      return { ...block, id, items: block.items.map((item, i) => ({ ...item, id: `${id}i${i}` })) }
    }),
    ...(notes.length > 0 ? { notes } : {}),
    ...(sources.length > 0 ? { sources } : {}),
  }))

/** The document with every block and item id blanked, to compare content only (note ids are content: Markdown labels). */
export function withoutIds(doc: StoryDocument): StoryDocument {
  return {
    ...doc,
    blocks: doc.blocks.map((block) =>
      block.type === 'list'
        ? { ...block, id: '', items: block.items.map((item) => ({ ...item, id: '' })) }
        : { ...block, id: '' },
    ),
  }
}
