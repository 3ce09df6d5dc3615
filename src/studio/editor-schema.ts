// The editor's ProseMirror schema, as tiptap extensions: exactly the nodes and marks of the
// story's block document (see document-mapping.ts), each block carrying its id. Imported by the
// editor bundle and by the mapping's property test, so it must load in Node: no DOM at import.
import { Extension, Node, mergeAttributes, textblockTypeInputRule, type AnyExtension } from '@tiptap/core'
import Document from '@tiptap/extension-document'
import Text from '@tiptap/extension-text'
import Paragraph from '@tiptap/extension-paragraph'
import Heading from '@tiptap/extension-heading'
import { BulletList, ListItem, OrderedList } from '@tiptap/extension-list'
import CodeBlock from '@tiptap/extension-code-block'
import HorizontalRule from '@tiptap/extension-horizontal-rule'
import HardBreak from '@tiptap/extension-hard-break'
import Bold from '@tiptap/extension-bold'
import Italic from '@tiptap/extension-italic'
import Code from '@tiptap/extension-code'
import Link from '@tiptap/extension-link'

/** Node types that are blocks of the document (or list items) and so carry an id. */
export const ID_NODE_TYPES = ['paragraph', 'heading', 'quote', 'pullquote', 'bulletList', 'orderedList', 'listItem', 'codeBlock', 'image', 'embed', 'horizontalRule']

const SAFE_SRC = /^(https?:\/\/|\/(?!\/))/i

/**
 * The block id, in `data-block-id`. It is not kept on split (Enter makes a new block, which
 * gets a new id; the first half keeps its own): see block-ids.ts for the rest of the rules.
 */
const BlockIds = Extension.create({
  name: 'blockIds',
  addGlobalAttributes() {
    return [{
      types: ID_NODE_TYPES,
      attributes: {
        id: {
          default: null,
          keepOnSplit: false,
          parseHTML: (element: HTMLElement) => element.getAttribute('data-block-id'),
          renderHTML: (attributes: Record<string, unknown>) => (attributes.id ? { 'data-block-id': attributes.id } : {}),
        },
      },
    }]
  },
})

/** A quotation: one paragraph of someone else's words. `> ` at the start of a line makes one. */
const Quote = Node.create({
  name: 'quote',
  group: 'block',
  content: 'inline*',
  defining: true,
  parseHTML: () => [{ tag: 'blockquote', priority: 40 }],
  renderHTML: ({ HTMLAttributes }) => ['blockquote', HTMLAttributes, 0],
  addInputRules() {
    return [textblockTypeInputRule({ find: /^>\s$/, type: this.type })]
  },
})

/** A pull quote: a line of the story itself, set large. `>> ` makes one. */
const Pullquote = Node.create({
  name: 'pullquote',
  group: 'block',
  content: 'inline*',
  defining: true,
  parseHTML: () => [{ tag: 'blockquote.pullquote', priority: 60 }, { tag: 'aside.pullquote', priority: 60 }],
  renderHTML: ({ HTMLAttributes }) => ['blockquote', mergeAttributes(HTMLAttributes, { class: 'pullquote' }), 0],
  addInputRules() {
    return [textblockTypeInputRule({ find: /^>>\s$/, type: this.type })]
  },
})

/** An image with its caption as the node's content; alt, size and source are attributes. */
const Figure = Node.create({
  name: 'image',
  group: 'block',
  content: 'inline*',
  defining: true,
  isolating: true,
  addAttributes: () => ({
    src: { default: '' },
    alt: { default: '' },
    width: { default: null },
    height: { default: null },
  }),
  parseHTML: () => [
    {
      tag: 'figure',
      priority: 55,
      getAttrs: (dom: HTMLElement) => imageAttrs(dom.querySelector('img')),
      contentElement: (dom: HTMLElement) => dom.querySelector('figcaption') ?? dom.ownerDocument.createElement('figcaption'),
    },
    { tag: 'img[src]', getAttrs: (dom: HTMLElement) => imageAttrs(dom) },
  ],
  renderHTML: ({ HTMLAttributes }) => {
    const { src, alt, width, height, ...rest } = HTMLAttributes
    // A document saved through the API may hold any src (the story page drops unsafe ones): the
    // editor shows only what the page would, never a javascript: or data: URL (issue 9).
    const shown = typeof src === 'string' && SAFE_SRC.test(src) ? { src } : {}
    return ['figure', mergeAttributes(rest, { class: 'editor-figure' }), ['img', { ...shown, alt, ...(width ? { width } : {}), ...(height ? { height } : {}), draggable: 'false' }], ['figcaption', 0]]
  },
})

function imageAttrs(img: Element | null): false | Record<string, unknown> {
  const src = img?.getAttribute('src') ?? ''
  // Pasted data: and blob: images (Word's) are not stored anywhere we serve; they are left out.
  if (!img || !SAFE_SRC.test(src)) return false
  const size = (name: string) => {
    const value = Number(img.getAttribute(name))
    return Number.isInteger(value) && value > 0 ? value : null
  }
  return { src, alt: img.getAttribute('alt') ?? '', width: size('width'), height: size('height') }
}

/** An embedded link (a video, a post): the URL as an attribute, the caption as content. */
const Embed = Node.create({
  name: 'embed',
  group: 'block',
  content: 'inline*',
  defining: true,
  isolating: true,
  addAttributes: () => ({ url: { default: '' } }),
  parseHTML: () => [{
    tag: 'figure.embed',
    priority: 60,
    getAttrs: (dom: HTMLElement) => {
      const href = dom.querySelector('a[href]')?.getAttribute('href') ?? dom.getAttribute('data-url')
      return href ? { url: href } : false
    },
    contentElement: (dom: HTMLElement) => dom.querySelector('figcaption') ?? dom.ownerDocument.createElement('figcaption'),
  }],
  renderHTML: ({ HTMLAttributes }) => {
    const { url, ...rest } = HTMLAttributes
    return ['figure', mergeAttributes(rest, { class: 'editor-embed', 'data-url': url }), ['p', { class: 'editor-embed__url', contenteditable: 'false' }, String(url)], ['figcaption', 0]]
  },
})

/** A footnote reference: an inline atom pointing at a note of the document. */
const FootnoteRef = Node.create({
  name: 'footnoteRef',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  marks: 'bold italic link',
  addAttributes: () => ({ noteId: { default: null, parseHTML: (dom: HTMLElement) => dom.getAttribute('data-note-id') } }),
  parseHTML: () => [{ tag: 'sup[data-note-id]' }],
  // Numbered by a CSS counter in reading order, as the page numbers them (by first reference).
  renderHTML: ({ HTMLAttributes }) => ['sup', mergeAttributes(HTMLAttributes, { class: 'editor-footnote', 'data-note-id': HTMLAttributes.noteId, 'aria-label': 'Footnote' })],
})

// Medium's two heading sizes; pasted h1 becomes the larger, h4–h6 the smaller.
const TwoHeadings = Heading.extend({
  parseHTML: () => [
    { tag: 'h1', attrs: { level: 2 } },
    { tag: 'h2', attrs: { level: 2 } },
    ...['h3', 'h4', 'h5', 'h6'].map((tag) => ({ tag, attrs: { level: 3 } })),
  ],
}).configure({ levels: [2, 3] })

// The document's list items hold one paragraph: no nested lists.
const FlatListItem = ListItem.extend({ content: 'paragraph' })

// The document lets inline code be bold or a link too; tiptap's code excludes every other mark.
const CombinableCode = Code.extend({ excludes: 'code' })

// Links only to the web and to mail; javascript: and friends never become links.
const SafeLink = Link.configure({
  openOnClick: false,
  autolink: true,
  linkOnPaste: true,
  protocols: ['mailto'],
  defaultProtocol: 'https',
  isAllowedUri: (url) => /^(https?:\/\/|mailto:)/i.test(url.trim()),
  HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
})

/** Every node and mark of the document; the editor adds behaviour (menus, history) around them. */
export function documentExtensions(): AnyExtension[] {
  return [
    Document, Text, Paragraph, TwoHeadings, Quote, Pullquote, BulletList, OrderedList, FlatListItem,
    CodeBlock.configure({ HTMLAttributes: { class: 'editor-code' } }), Figure, Embed, HorizontalRule, HardBreak, FootnoteRef,
    Bold, Italic, CombinableCode, SafeLink, BlockIds,
  ]
}
