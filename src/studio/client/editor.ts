// The writer's studio: the editor bundle, loaded only by the write pages. It enhances the plain
// write form (title, subtitle, Markdown body, settings), which keeps working without it: the
// Markdown textarea gives way to the rich editor, the body travels as the block document in a
// hidden field, drafts save themselves, and the settings open as the publish dialog.
import { Editor, Extension } from '@tiptap/core'
import { Dropcursor, Gapcursor, Placeholder, TrailingNode, UndoRedo } from '@tiptap/extensions'
import { Selection } from '@tiptap/pm/state'
import { extrasOf, fromProseMirror, randomId, toProseMirror, type DocumentExtras } from '../document-mapping.ts'
import { documentExtensions } from '../editor-schema.ts'
import type { Note, StoryDocument } from '../../stories/document/types.ts'
import { ask, askFootnote } from './ask.ts'
import { startAutosave, type Autosave } from './autosave.ts'
import { BlockIdKeeper } from './block-ids.ts'
import { cycleQuote, editAltText, editLink, installMenus } from './menus.ts'
import { cleanPastedHtml } from './paste.ts'
import { enhancePublishSettings } from './publish-dialog.ts'
import { imageFiles, pickImage, uploadImage } from './uploads.ts'

function startStudio(form: HTMLFormElement): void {
  const body = form.querySelector<HTMLTextAreaElement>('textarea[name="body"]')
  const title = form.querySelector<HTMLTextAreaElement>('textarea[name="title"]')
  const subtitle = form.querySelector<HTMLTextAreaElement>('textarea[name="subtitle"]')
  const documentField = form.querySelector<HTMLInputElement>('input[name="document"]')
  const versionField = form.querySelector<HTMLInputElement>('input[name="version"]')
  const statusLine = form.querySelector<HTMLElement>('[data-save-status]')
  if (!body || !title || !subtitle || !documentField || !versionField) return

  const initial = loadDocument()
  const extras: DocumentExtras = extrasOf(initial)
  const host = document.createElement('div')
  host.className = 'editor'
  body.closest('.write__markdown')?.setAttribute('hidden', '')
  body.closest('.write__markdown')?.after(host)
  body.disabled = true

  const say = (state: string, message: string) => {
    if (!statusLine) return
    statusLine.textContent = message
    statusLine.dataset.state = state
  }

  let autosave: Autosave | undefined
  const editor = new Editor({
    element: host,
    injectCSS: false,
    content: toProseMirror(initial),
    extensions: [
      ...documentExtensions(),
      UndoRedo,
      Dropcursor,
      Gapcursor,
      TrailingNode,
      BlockIdKeeper,
      Placeholder.configure({ placeholder: ({ node }) => (node.type.name === 'paragraph' ? 'Tell your story…' : node.type.name === 'image' ? 'Caption (optional)' : '') }),
      Shortcuts.configure({ insertImage: () => void chooseImage(), insertFootnote: () => void insertFootnote() }),
    ],
    editorProps: {
      attributes: { class: 'story__body editor__content', role: 'textbox', 'aria-multiline': 'true', 'aria-label': 'Story', spellcheck: 'true' },
      transformPastedHTML: cleanPastedHtml,
      handlePaste: (_view, event) => insertFiles(imageFiles(event.clipboardData)),
      handleDrop: (view, event) => {
        const files = imageFiles(event.dataTransfer)
        if (!files.length) return false
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })
        if (at) editor.commands.setTextSelection(at.pos)
        return insertFiles(files)
      },
    },
    onUpdate: () => autosave?.changed(),
  })
  installMenus(editor, host, { image: () => void chooseImage(), embed: () => void insertEmbed(), footnote: () => void insertFootnote() })

  const currentDocument = (): StoryDocument => fromProseMirror(editor.getJSON(), extras)
  const slug = form.dataset.slug || null
  autosave = startAutosave({
    slug,
    version: Number(versionField.value) || 1,
    mode: form.dataset.autosave === 'changes' ? 'changes' : 'story',
    content: () => ({ title: title.value, subtitle: subtitle.value, document: currentDocument() }),
    ready: (content) => content.title.trim() !== '' && (content.document as StoryDocument).blocks.length > 0,
    status: say,
    created: (newSlug) => {
      form.dataset.slug = newSlug
      form.action = `/edit/${newSlug}`
      history.replaceState(null, '', `/edit/${newSlug}`)
      form.dispatchEvent(new CustomEvent('studio:created', { detail: { slug: newSlug } }))
    },
    versionChanged: (version) => { versionField.value = String(version) },
  })

  for (const field of [title, subtitle]) field.addEventListener('input', () => autosave?.changed())
  // Enter in the title goes on to the subtitle, and from the subtitle into the story.
  title.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      subtitle.focus()
    }
  })
  subtitle.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      // At once: tiptap's focus command waits a frame, and the keys typed meanwhile would land
      // here, or before the ones typed after.
      editor.view.dispatch(editor.state.tr.setSelection(Selection.atStart(editor.state.doc)))
      editor.view.focus()
    }
  })

  form.addEventListener('submit', (event) => {
    // Send the document itself; the Markdown textarea is out of date while the editor runs.
    documentField.value = JSON.stringify(currentDocument())
    if (autosave?.state() === 'saving') {
      // Wait for the save in flight, so the form carries the version it produced.
      event.preventDefault()
      const submitter = event.submitter
      void autosave.flush().then(() => form.requestSubmit(submitter instanceof HTMLElement ? submitter : null))
      return
    }
    autosave?.stop()
  })
  window.addEventListener('beforeunload', (event) => {
    const state = autosave?.state()
    if (state === 'dirty' || state === 'saving' || state === 'error') event.preventDefault()
  })
  enhancePublishSettings(form, currentDocument)
  form.classList.add('write--enhanced')
  // For the browser tests and the console: the editor's state, read-only by convention.
  ;(window as Window & { ovationEditor?: Editor }).ovationEditor = editor

  function insertFiles(files: File[]): boolean {
    if (!files.length) return false
    void (async () => {
      for (const file of files) await insertImage(file)
    })()
    return true
  }

  async function chooseImage(): Promise<void> {
    const file = await pickImage()
    if (file) await insertImage(file)
  }

  async function insertImage(file: File): Promise<void> {
    say('saving', `Uploading ${file.name}…`)
    try {
      const upload = await uploadImage(file)
      editor.chain().focus().insertContent({ type: 'image', attrs: { src: upload.url, width: upload.width, height: upload.height, alt: '' } }).run()
      say('dirty', 'Image added')
      await editAltText(editor)
    } catch (error) {
      say('error', error instanceof Error ? error.message : 'The image was not added.')
    }
  }

  /**
   * A footnote reference after the selection, pointing at a new note (its text, and the source
   * it cites, if any). Notes and sources live beside the blocks and travel with every save.
   */
  async function insertFootnote(): Promise<void> {
    const at = editor.state.selection.to
    const answer = await askFootnote(extras.sources ?? [])
    if (!answer) return
    const used = new Set((extras.notes ?? []).map((note) => note.id))
    let noteId = randomId()
    while (used.has(noteId)) noteId = randomId()
    const note: Note = { id: noteId, content: answer.text ? [{ text: answer.text }] : [], ...(answer.sourceId ? { sourceId: answer.sourceId } : {}) }
    extras.notes = [...(extras.notes ?? []), note]
    editor.chain().focus().insertContentAt(at, { type: 'footnoteRef', attrs: { noteId } }).run()
  }

  async function insertEmbed(): Promise<void> {
    const url = await ask({ label: 'Embed a link', type: 'url', placeholder: 'https://…', hint: 'A video, a post or any page: it appears as a card readers can open.' })
    if (!url) return
    const href = /^https?:\/\//i.test(url) ? url : `https://${url}`
    editor.chain().focus().insertContent({ type: 'embed', attrs: { url: href } }).run()
  }

  function loadDocument(): StoryDocument {
    const script = document.getElementById('story-document')
    try {
      const parsed = script?.textContent ? (JSON.parse(script.textContent) as StoryDocument) : null
      if (parsed && Array.isArray(parsed.blocks)) return parsed
    } catch {
      // A page without a document (a new story) starts empty.
    }
    return { version: 1, blocks: [] }
  }
}

// Keyboard shortcuts beyond the marks' own (Ctrl+B, Ctrl+I, Ctrl+E, Ctrl+Alt+2/3 for headings).
const Shortcuts = Extension.create<{ insertImage: () => void; insertFootnote: () => void }>({
  name: 'studioShortcuts',
  addOptions: () => ({ insertImage: () => {}, insertFootnote: () => {} }),
  addKeyboardShortcuts() {
    return {
      'Mod-k': () => {
        void editLink(this.editor)
        return true
      },
      "Mod-'": () => {
        cycleQuote(this.editor)
        return true
      },
      'Mod-Alt-i': () => {
        this.options.insertImage()
        return true
      },
      'Mod-Alt-d': () => this.editor.commands.setHorizontalRule(),
      'Mod-Alt-f': () => {
        this.options.insertFootnote()
        return true
      },
    }
  },
})

const studioForm = document.querySelector<HTMLFormElement>('form[data-studio]')
if (studioForm) startStudio(studioForm)
