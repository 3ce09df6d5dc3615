// Medium's gestures: a toolbar over selected text (bold, italic, link, two heading sizes, and
// a quote button that cycles quote → pull quote → paragraph), and a "+" beside an empty line
// to insert an image, an embed, a divider or code. Both are real buttons in the tab order right
// after the text; Alt+F10 moves focus to the visible one, arrows move along it, Escape returns.
import type { Editor } from '@tiptap/core'
import { BubbleMenuPlugin } from '@tiptap/extension-bubble-menu'
import { FloatingMenuPlugin } from '@tiptap/extension-floating-menu'
import { ask } from './ask.ts'

export type MenuActions = { image: () => void; embed: () => void; footnote: () => void }

type Button = { label: string; text: string; title: string; run: (editor: Editor) => void | Promise<void>; active?: (editor: Editor) => boolean; visible?: (editor: Editor) => boolean }

// A chain link, drawn (emoji fonts are not everywhere); fixed markup, never user text.
const LINK_ICON = '<svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" aria-hidden="true"><path d="M10 14a4 4 0 0 0 5.7 0l3.6-3.6a4 4 0 0 0-5.7-5.7l-1.1 1.1"/><path d="M14 10a4 4 0 0 0-5.7 0l-3.6 3.6a4 4 0 0 0 5.7 5.7l1.1-1.1"/></svg>'

const inImage = (editor: Editor) => editor.isActive('image')

const FORMAT: Button[] = [
  { label: 'Bold', text: 'B', title: 'Bold (Ctrl+B)', run: (e) => { e.chain().focus().toggleBold().run() }, active: (e) => e.isActive('bold') },
  { label: 'Italic', text: 'i', title: 'Italic (Ctrl+I)', run: (e) => { e.chain().focus().toggleItalic().run() }, active: (e) => e.isActive('italic') },
  { label: 'Link', text: LINK_ICON, title: 'Link (Ctrl+K)', run: (e) => editLink(e), active: (e) => e.isActive('link') },
  { label: 'Heading', text: 'T', title: 'Heading', run: (e) => { e.chain().focus().toggleHeading({ level: 2 }).run() }, active: (e) => e.isActive('heading', { level: 2 }), visible: (e) => !inImage(e) },
  { label: 'Subheading', text: 't', title: 'Subheading', run: (e) => { e.chain().focus().toggleHeading({ level: 3 }).run() }, active: (e) => e.isActive('heading', { level: 3 }), visible: (e) => !inImage(e) },
  { label: 'Quote', text: '❝', title: 'Quote, then pull quote, then plain', run: (e) => cycleQuote(e), active: (e) => e.isActive('quote') || e.isActive('pullquote'), visible: (e) => !inImage(e) },
  { label: 'Footnote', text: '¹', title: 'Add a footnote here (Ctrl+Alt+F)', run: (e) => actions(e)?.footnote(), visible: (e) => !e.isActive('codeBlock') },
  { label: 'Alt text', text: 'Alt', title: 'Describe the image for readers who cannot see it', run: (e) => editAltText(e), visible: inImage },
]

/** Medium's quote button: paragraph → quote → pull quote → paragraph. */
export function cycleQuote(editor: Editor): void {
  const chain = editor.chain().focus()
  if (editor.isActive('quote')) chain.setNode('pullquote').run()
  else if (editor.isActive('pullquote')) chain.setNode('paragraph').run()
  else chain.setNode('quote').run()
}

export async function editLink(editor: Editor): Promise<void> {
  const current = editor.getAttributes('link').href as string | undefined
  const href = await ask({ label: 'Link to', type: 'url', value: current ?? '', placeholder: 'https://…', hint: 'Leave empty to remove the link.' })
  if (href === null) return
  const chain = editor.chain().focus().extendMarkRange('link')
  if (href === '') chain.unsetLink().run()
  else if (!/^(https?:\/\/|mailto:)/i.test(href)) chain.setLink({ href: `https://${href}` }).run()
  else chain.setLink({ href }).run()
}

export async function editAltText(editor: Editor): Promise<void> {
  const current = editor.getAttributes('image').alt as string | undefined
  const alt = await ask({ label: 'Alt text', value: current ?? '', hint: 'What the image shows, for readers who cannot see it.' })
  if (alt !== null) editor.chain().focus().updateAttributes('image', { alt }).run()
}

const menuActions = new WeakMap<Editor, MenuActions>()
const actions = (editor: Editor) => menuActions.get(editor)

export function installMenus(editor: Editor, host: HTMLElement, insert: MenuActions): void {
  menuActions.set(editor, insert)
  const toolbar = toolbarElement('Text formatting', FORMAT, editor)
  toolbar.classList.add('editor-toolbar')
  const plus = plusMenu(editor, insert)
  host.append(toolbar, plus)
  editor.registerPlugin(BubbleMenuPlugin({
    pluginKey: 'formatting',
    editor,
    element: toolbar,
    updateDelay: 0,
    shouldShow: ({ editor: e, from, to }) => e.isEditable && (from !== to || inImage(e)) && !e.isActive('codeBlock'),
    options: { placement: 'top', offset: 8, flip: true, shift: { padding: 8 } },
  }))
  editor.registerPlugin(FloatingMenuPlugin({
    pluginKey: 'insert',
    editor,
    element: plus,
    options: { placement: 'left', offset: 12, flip: false },
  }))
  // The plugins make each menu itself a tab stop; its buttons are the stops a writer wants.
  for (const menu of [toolbar, plus]) menu.removeAttribute('tabindex')
  editor.on('selectionUpdate', () => refresh(toolbar, editor))
  editor.on('transaction', () => refresh(toolbar, editor))
  editor.view.dom.addEventListener('keydown', (event) => {
    if (event.key !== 'F10' || !event.altKey) return
    event.preventDefault()
    // Selected text (or an image) has the toolbar; an empty line has the "+".
    const target = !editor.state.selection.empty || inImage(editor) ? toolbar : plus
    // The menu may still be on its way in: try again for a moment.
    const focusFirst = (attempt: number) => {
      const first = [...target.querySelectorAll<HTMLElement>('button:not([hidden])')].find((button) => getComputedStyle(button).visibility === 'visible')
      if (first) first.focus()
      else if (attempt < 50) setTimeout(() => focusFirst(attempt + 1), 30)
    }
    focusFirst(0)
  })
  for (const menu of [toolbar, plus]) {
    menu.addEventListener('keydown', (event) => {
      const buttons = [...menu.querySelectorAll<HTMLButtonElement>('button:not([hidden])')].filter((b) => b.offsetParent !== null)
      const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
      if (event.key === 'Escape') {
        event.preventDefault()
        // At once, with the selection as it was: tiptap's focus command waits a frame.
        editor.view.focus()
      } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
        event.preventDefault()
        buttons[(index + 1) % buttons.length]?.focus()
      } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
        event.preventDefault()
        buttons[(index - 1 + buttons.length) % buttons.length]?.focus()
      }
    })
  }
}

function toolbarElement(label: string, buttons: Button[], editor: Editor): HTMLElement {
  const bar = document.createElement('div')
  bar.setAttribute('role', 'toolbar')
  bar.setAttribute('aria-label', label)
  for (const spec of buttons) {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'editor-toolbar__button'
    if (spec.text.startsWith('<svg')) button.innerHTML = spec.text
    else button.textContent = spec.text
    button.title = spec.title
    button.setAttribute('aria-label', spec.label)
    button.dataset.command = spec.label
    // Keep the selection: a mouse press on the toolbar must not move it.
    button.addEventListener('mousedown', (event) => event.preventDefault())
    button.addEventListener('click', () => { void spec.run(editor) })
    bar.append(button)
  }
  toolbarSpecs.set(bar, buttons)
  return bar
}

const toolbarSpecs = new WeakMap<HTMLElement, Button[]>()

/** Shows the buttons that apply where the selection is, and which formats are on. */
function refresh(toolbar: HTMLElement, editor: Editor): void {
  const specs = toolbarSpecs.get(toolbar) ?? []
  toolbar.querySelectorAll<HTMLButtonElement>('button').forEach((button, i) => {
    const spec = specs[i]
    if (!spec) return
    button.hidden = spec.visible ? !spec.visible(editor) : false
    if (spec.active) button.setAttribute('aria-pressed', String(spec.active(editor)))
  })
}

function plusMenu(editor: Editor, insert: MenuActions): HTMLElement {
  const wrapper = document.createElement('div')
  wrapper.className = 'editor-plus'
  const toggle = document.createElement('button')
  toggle.type = 'button'
  toggle.className = 'editor-plus__toggle'
  toggle.textContent = '+'
  toggle.setAttribute('aria-label', 'Insert an image, embed, divider or code')
  toggle.setAttribute('aria-expanded', 'false')
  const menu = document.createElement('div')
  menu.className = 'editor-plus__menu'
  menu.setAttribute('role', 'group')
  menu.setAttribute('aria-label', 'Insert')
  menu.hidden = true
  const close = () => {
    menu.hidden = true
    toggle.setAttribute('aria-expanded', 'false')
  }
  const items: Array<[string, () => void]> = [
    ['Image', () => insert.image()],
    ['Embed', () => insert.embed()],
    ['Divider', () => { editor.chain().focus().setHorizontalRule().run() }],
    ['Code', () => { editor.chain().focus().setCodeBlock().run() }],
  ]
  for (const [label, run] of items) {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'editor-plus__item'
    button.textContent = label
    button.addEventListener('mousedown', (event) => event.preventDefault())
    button.addEventListener('click', () => {
      close()
      run()
    })
    menu.append(button)
  }
  toggle.addEventListener('mousedown', (event) => event.preventDefault())
  toggle.addEventListener('click', () => {
    menu.hidden = !menu.hidden
    toggle.setAttribute('aria-expanded', String(!menu.hidden))
    if (!menu.hidden) menu.querySelector('button')?.focus()
  })
  editor.on('selectionUpdate', close)
  wrapper.append(toggle, menu)
  return wrapper
}
