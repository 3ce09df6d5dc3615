import type { BlockContent, FootnoteDefinition, Link, ListItem as MdListItem, Paragraph, Parents, PhrasingContent, Root, RootContent } from 'mdast'
import { defaultHandlers, toMarkdown } from 'mdast-util-to-markdown'
import type { Info, Options, State } from 'mdast-util-to-markdown'
import { gfmToMarkdown } from 'mdast-util-gfm'
import type { Block, ListItem, StoryDocument, TextRun } from './types.ts'
import { runTree } from './run-tree.ts'
import type { RunNode } from './run-tree.ts'
import { mergeRuns, runsText, unmarkLineBreaks } from './text-runs.ts'
import { cleanUrl } from './normalize.ts'
import { noteWithCitation, numberedNotes, withoutReferences } from './footnotes.ts'
import { EMBED_LABEL, PULLQUOTE_MARKER, TASK_CHECKED, TASK_UNCHECKED } from './markdown-spelling.ts'

/**
 * A node written out verbatim, for the few spellings of ours (the pull quote
 * marker, the embed's '@') that the serializer would otherwise escape.
 */
type Raw = { type: 'raw'; value: string }

const OPTIONS: Options = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  fence: '`',
  rule: '-',
  listItemIndent: 'one',
  extensions: [gfmToMarkdown()],
  unsafe: [
    // The serializer escapes '<' before letters, but an e-mail autolink can also
    // start with a digit or a symbol (`<1a@b.c>`), so '<' is escaped there too.
    {
      character: '<',
      after: "[0-9.#$%&'*+=^_`{|}~-]",
      inConstruct: 'phrasing',
      notInConstruct: ['autolink', 'destinationLiteral', 'destinationRaw', 'reference', 'titleQuote', 'titleApostrophe'],
    },
    { atBreak: true, character: '<', after: "[0-9.#$%&'*+=^_`{|}~-]" },
    // A footnote reference followed by ':' at the start of a block (`[^1]:`) reads as a footnote
    // definition; any ':' right after a ']' is escaped, which means the same everywhere.
    { character: ':', before: '\\]', inConstruct: 'phrasing' },
  ],
  // 'raw' is not an mdast node type, hence the cast.
  handlers: { raw: (node: Raw) => node.value, link } as unknown as Options['handlers'],
}

// CommonMark's autolink grammar: a 2–32 character scheme, or an e-mail address.
const AUTOLINK_SCHEME = /^[a-z][a-z0-9+.-]{1,31}:/i
const AUTOLINK_EMAIL = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i

/**
 * The default link handler, but writing `[text](url)` where the serializer
 * would choose an autolink that Markdown does not read back as one, such as
 * `<me@x.org_a>` (no '_' in a domain) or a scheme longer than 32 characters.
 */
function link(node: Link, parent: Parents | undefined, state: State, info: Info): string {
  const text = node.children.length === 1 && node.children[0]?.type === 'text' ? node.children[0].value : undefined
  const readable = text === node.url ? AUTOLINK_SCHEME.test(text) : text !== undefined && AUTOLINK_EMAIL.test(text)
  if (readable) return defaultHandlers.link(node, parent, state, info)
  const resourceLink = state.options.resourceLink
  state.options.resourceLink = true
  try {
    return defaultHandlers.link(node, parent, state, info)
  } finally {
    state.options.resourceLink = resourceLink
  }
}

/**
 * The document as conventional Markdown (GFM). Lossy where Markdown has no
 * spelling (see normalize.ts); exact for documents in the Markdown normal form.
 */
export function documentToMarkdown(doc: StoryDocument): string {
  const root: Root = { type: 'root', children: [...doc.blocks.map(blockNode), ...noteDefinitions(doc)] }
  return toMarkdown(root, OPTIONS)
}

/**
 * GFM footnote definitions after the body, `[^id]: text`, in the order readers number them.
 * A cited source is written as text at the end of its note (see citationRuns).
 */
function noteDefinitions(doc: StoryDocument): FootnoteDefinition[] {
  return numberedNotes(doc).map(({ note, source }) => ({
    type: 'footnoteDefinition',
    identifier: note.id,
    label: note.id,
    children: [paragraph(paragraphPhrasing(withoutReferences(noteWithCitation(note, source))))],
  }))
}

function blockNode(block: Block): RootContent {
  switch (block.type) {
    case 'paragraph':
      return paragraph(paragraphPhrasing(block.content))
    case 'heading':
      // ATX headings hold no line breaks; the serializer would switch to a setext heading.
      return { type: 'heading', depth: block.level, children: phrasing(oneLine(block.content)) }
    case 'quote':
      return { type: 'blockquote', children: [paragraph(paragraphPhrasing(block.content))] }
    case 'pullquote':
      return { type: 'blockquote', children: [paragraph([raw(`${PULLQUOTE_MARKER}\n`), ...phrasing(block.content)])] }
    case 'list':
      return {
        type: 'list',
        ordered: block.ordered,
        start: block.ordered ? 1 : null,
        spread: false,
        children: block.items.map(listItem),
      }
    case 'code':
      return { type: 'code', lang: block.language ?? null, meta: null, value: block.text }
    case 'image':
      return paragraph([{ type: 'image', url: cleanUrl(block.src), alt: block.alt, title: captionText(block.caption) }])
    case 'embed': {
      const link: Link = {
        type: 'link',
        url: cleanUrl(block.url),
        title: captionText(block.caption),
        children: [{ type: 'text', value: EMBED_LABEL }],
      }
      return paragraph([raw('@'), link])
    }
    case 'divider':
      return { type: 'thematicBreak' }
  }
}

/** An item starting with "☐ " or "☑ " becomes a GFM task item again. */
function listItem(item: ListItem): MdListItem {
  const first = item.content[0]
  for (const [prefix, checked] of [[TASK_UNCHECKED, false], [TASK_CHECKED, true]] as const) {
    if (!first || first.marks || !first.text.startsWith(prefix)) continue
    const rest = mergeRuns([{ text: first.text.slice(prefix.length) }, ...item.content.slice(1)])
    // Markdown would eat whitespace after "[ ] ", so such items keep the symbol as text.
    if (/^[^ \t\n]/.test(runsText(rest))) return mdItem(rest, checked)
  }
  return mdItem(item.content, null)
}

function mdItem(content: readonly TextRun[], checked: boolean | null): MdListItem {
  const children: BlockContent[] = [paragraph(paragraphPhrasing(content))]
  return { type: 'listItem', spread: false, checked, children }
}

/** Content of a Markdown paragraph: text that reads as our embed spelling gets an escaped '@'. */
function paragraphPhrasing(runs: readonly TextRun[]): Array<PhrasingContent | Raw> {
  return isEmbedLookalike(runs) ? [raw('\\@'), ...phrasing(runs.slice(1))] : phrasing(runs)
}

function isEmbedLookalike(runs: readonly TextRun[]): boolean {
  const [at, label] = runs
  return (
    runs.length === 2 &&
    at?.text === '@' &&
    !at.marks &&
    label?.text === EMBED_LABEL &&
    label.marks?.length === 1 &&
    label.marks[0]?.type === 'link'
  )
}

function captionText(caption: readonly TextRun[] | undefined): string | null {
  const text = runsText(caption).replace(/\n/g, ' ')
  return text === '' ? null : text
}

function oneLine(runs: readonly TextRun[]): TextRun[] {
  return runs.map((run) => ({ ...run, text: run.text.replace(/\n/g, ' ') }))
}

function paragraph(children: Array<PhrasingContent | Raw>): Paragraph {
  return { type: 'paragraph', children: children as PhrasingContent[] }
}

function raw(value: string): Raw {
  return { type: 'raw', value }
}

function phrasing(runs: readonly TextRun[]): PhrasingContent[] {
  return runTree(mergeRuns(unmarkLineBreaks(runs))).flatMap((node) => phrasingNode(node))
}

/** `noteId`: inside a footnote reference, whose text is its note id and is written `[^id]`. */
function phrasingNode(node: RunNode, noteId?: string): PhrasingContent[] {
  if (node.kind === 'text') {
    if (noteId !== undefined) return [{ type: 'footnoteReference', identifier: noteId, label: noteId }]
    if (node.code) return [{ type: 'inlineCode', value: node.text.replace(/\n/g, ' ') }]
    return textWithBreaks(node.text)
  }
  if (node.mark.type === 'footnote') {
    const id = node.mark.noteId
    return node.children.flatMap((child) => phrasingNode(child, id))
  }
  const children = node.children.flatMap((child) => phrasingNode(child, noteId))
  switch (node.mark.type) {
    case 'link':
      return [{ type: 'link', url: cleanUrl(node.mark.href), title: null, children }]
    case 'bold':
      return [{ type: 'strong', children }]
    case 'italic':
      return [{ type: 'emphasis', children }]
  }
}

function textWithBreaks(text: string): PhrasingContent[] {
  const nodes: PhrasingContent[] = []
  text.split('\n').forEach((line, index) => {
    if (index > 0) nodes.push({ type: 'break' })
    if (line !== '') nodes.push({ type: 'text', value: line })
  })
  return nodes
}
