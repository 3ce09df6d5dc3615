// The publish dialog. Without JavaScript the settings (tags, canonical URL, publication, when and
// how to publish) sit in the page under the story; here they open in a modal <dialog> from the
// "Publish…" button, and the time to publish travels as an exact instant in the writer's zone.
// Opening it re-runs the editorial check on the text as it stands, and the cover can be uploaded.
import { editorialCheck, type EditorialWarning } from '../../stories/editorial-check.ts'
import type { StoryDocument } from '../../stories/document/types.ts'
import { pickImage, uploadImage } from './uploads.ts'

export function enhancePublishSettings(form: HTMLFormElement, currentDocument: () => StoryDocument): void {
  const dialog = form.querySelector<HTMLDialogElement>('dialog.publish')
  const opener = form.querySelector<HTMLButtonElement>('[data-open-publish]')
  if (!dialog || !opener) return
  dialog.close()
  dialog.classList.add('publish--modal')
  opener.hidden = false
  const slot = dialog.querySelector<HTMLElement>('[data-editorial-slot]')
  opener.addEventListener('click', () => {
    if (slot) slot.replaceChildren(warningsElement(editorialCheck(currentDocument())))
    dialog.showModal()
    dialog.querySelector<HTMLElement>('input, select, textarea')?.focus()
  })
  const cancel = dialog.querySelector<HTMLButtonElement>('[data-close-publish]')
  if (cancel) {
    cancel.hidden = false
    cancel.addEventListener('click', () => dialog.close())
  }
  mirrorSubtitle(form, dialog)
  enhanceCover(dialog)
  for (const hidden of form.querySelectorAll<HTMLElement>('[data-without-js]')) hidden.hidden = true

  const when = () => form.querySelector<HTMLInputElement>('input[name="when"]:checked')?.value
  const publishAt = form.querySelector<HTMLInputElement>('input[name="publishAt"]')
  const publishAtIso = form.querySelector<HTMLInputElement>('input[name="publishAtIso"]')
  const submit = dialog.querySelector<HTMLButtonElement>('button[name="intent"][value="publish"]')
  const label = submit?.textContent ?? 'Publish'
  const update = () => {
    if (publishAt) publishAt.disabled = when() !== 'later'
    if (submit) submit.textContent = when() === 'later' ? 'Schedule' : label
  }
  form.addEventListener('change', update)
  update()
  form.addEventListener('submit', () => {
    // datetime-local has no zone: the browser knows the writer's, the server does not.
    if (publishAt && publishAtIso && publishAt.value) {
      const at = new Date(publishAt.value)
      publishAtIso.value = Number.isNaN(at.getTime()) ? '' : at.toISOString()
    }
  })
  enhanceTagSuggestions(form)
}

/**
 * Tags are typed as one comma-separated field; the suggestion list offers existing tags for
 * the tag being typed, keeping the ones before it.
 */
function enhanceTagSuggestions(form: HTMLFormElement): void {
  const input = form.querySelector<HTMLInputElement>('input[name="tags"]')
  const list = input?.list
  if (!input || !list) return
  const tags = [...list.querySelectorAll('option')].map((option) => option.value)
  input.addEventListener('input', () => {
    const cut = input.value.lastIndexOf(',')
    const before = cut === -1 ? '' : `${input.value.slice(0, cut + 1).trimEnd()} `
    const typed = input.value.slice(cut + 1).trim().toLowerCase()
    const chosen = new Set(before.split(',').map((tag) => tag.trim().toLowerCase()))
    const options = tags.filter((tag) => !chosen.has(tag.toLowerCase()) && (typed === '' || tag.toLowerCase().includes(typed))).slice(0, 8)
    list.replaceChildren(...options.map((tag) => {
      const option = document.createElement('option')
      option.value = `${before}${tag}`
      return option
    }))
  })
}

/**
 * The subtitle, editable in the dialog too (it is what lists and link previews show): a mirror
 * of the field under the title, which is the one the form sends.
 */
function mirrorSubtitle(form: HTMLFormElement, dialog: HTMLDialogElement): void {
  const subtitle = form.querySelector<HTMLTextAreaElement>('textarea[name="subtitle"]')
  const fields = dialog.querySelector('.publish__fields')
  if (!subtitle || !fields) return
  const field = document.createElement('div')
  field.className = 'field'
  const label = document.createElement('label')
  label.htmlFor = 'publish-subtitle'
  label.textContent = 'Preview subtitle'
  const input = document.createElement('input')
  input.id = 'publish-subtitle'
  input.maxLength = 300
  input.placeholder = 'A line under the title, shown in lists and previews'
  field.append(label, input)
  fields.prepend(field)
  dialog.addEventListener('toggle', () => { input.value = subtitle.value })
  input.addEventListener('input', () => {
    subtitle.value = input.value
    subtitle.dispatchEvent(new Event('input'))
  })
}

/** The editorial check's list, as src/stories/views/editorial-warnings.tsx renders it on the server. */
function warningsElement(warnings: readonly EditorialWarning[]): HTMLElement {
  if (warnings.length === 0) {
    const clear = document.createElement('p')
    clear.className = 'editorial-check editorial-check--clear'
    clear.dataset.editorialCheck = '0'
    clear.textContent = 'Editorial check: every quotation has a source and every link is https.'
    return clear
  }
  const section = document.createElement('section')
  section.className = 'editorial-check'
  section.dataset.editorialCheck = String(warnings.length)
  section.setAttribute('aria-labelledby', 'editorial-check-title')
  const title = document.createElement('h2')
  title.id = 'editorial-check-title'
  title.className = 'editorial-check__title'
  title.textContent = `Before you publish: ${warnings.length === 1 ? '1 thing' : `${warnings.length} things`} to check`
  const list = document.createElement('ul')
  list.className = 'editorial-check__list'
  for (const warning of warnings) {
    const item = document.createElement('li')
    item.className = `editorial-check__item editorial-check__item--${warning.kind}`
    if (warning.blockId) item.dataset.block = warning.blockId
    const what = document.createElement(warning.kind === 'unsourced_quote' ? 'q' : 'code')
    what.textContent = warning.kind === 'unsourced_quote' ? warning.quote : warning.url
    const message = document.createElement('span')
    message.className = 'editorial-check__message'
    message.textContent = warning.message
    item.append(what, message)
    list.append(item)
  }
  section.append(title, list)
  return section
}

/** An "Upload" button beside the cover's address: the uploads API answers with the address. */
function enhanceCover(dialog: HTMLDialogElement): void {
  const input = dialog.querySelector<HTMLInputElement>('input[name="coverImage"]')
  const field = input?.closest('.field')
  if (!input || !field) return
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'button publish__upload'
  button.textContent = 'Upload a cover image'
  const preview = document.createElement('img')
  preview.className = 'publish__cover-preview'
  preview.alt = ''
  const status = document.createElement('p')
  status.className = 'field__hint'
  status.setAttribute('role', 'status')
  const show = () => {
    preview.hidden = !/^(\/media\/|https:\/\/)/.test(input.value)
    if (!preview.hidden) preview.src = input.value
  }
  button.addEventListener('click', async () => {
    const file = await pickImage()
    if (!file) return
    status.textContent = `Uploading ${file.name}…`
    try {
      const upload = await uploadImage(file)
      input.value = upload.url
      status.textContent = 'Cover uploaded. Describe it in the alt text below.'
      show()
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : 'The cover was not uploaded.'
    }
  })
  input.addEventListener('change', show)
  field.append(button, status, preview)
  show()
}
