// A small modal question (a link's URL, an image's alt text, an embed's address) in a native
// <dialog>: it traps focus, Escape cancels, and focus returns to where the writer was.

export type AskOptions = { label: string; value?: string; placeholder?: string; hint?: string; type?: 'url' | 'text'; confirm?: string }

let counter = 0

/** The answer, or null when cancelled. An empty answer is '' (e.g. "remove the link"). */
export function ask(options: AskOptions): Promise<string | null> {
  counter += 1
  const id = `ask-${counter}`
  const dialog = document.createElement('dialog')
  dialog.className = 'ask'
  dialog.setAttribute('aria-labelledby', `${id}-label`)
  const form = document.createElement('form')
  form.method = 'dialog'
  const label = document.createElement('label')
  label.id = `${id}-label`
  label.htmlFor = id
  label.textContent = options.label
  const input = document.createElement('input')
  input.id = id
  input.type = options.type ?? 'text'
  input.value = options.value ?? ''
  if (options.placeholder) input.placeholder = options.placeholder
  const actions = document.createElement('div')
  actions.className = 'ask__actions'
  const ok = button(options.confirm ?? 'OK', 'ok', 'button button--accent')
  const cancel = button('Cancel', 'cancel', 'button')
  // Not a submit button: Enter in the field must answer OK, the form's first submit button.
  cancel.type = 'button'
  cancel.addEventListener('click', () => dialog.close('cancel'))
  actions.append(cancel, ok)
  form.append(label, input)
  if (options.hint) {
    const hint = document.createElement('p')
    hint.className = 'field__hint'
    hint.id = `${id}-hint`
    hint.textContent = options.hint
    input.setAttribute('aria-describedby', hint.id)
    form.append(hint)
  }
  form.append(actions)
  dialog.append(form)
  document.body.append(dialog)
  const returnFocus = document.activeElement as HTMLElement | null
  dialog.showModal()
  input.focus()
  input.select()
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const answer = dialog.returnValue === 'ok' ? input.value.trim() : null
      dialog.remove()
      returnFocus?.focus()
      resolve(answer)
    }, { once: true })
  })
}

function button(text: string, value: string, className: string): HTMLButtonElement {
  const element = document.createElement('button')
  element.type = 'submit'
  element.value = value
  element.className = className
  element.textContent = text
  return element
}

export type FootnoteAnswer = { text: string; sourceId: string | null }

/** A footnote's text and, optionally, which of the story's sources it cites. */
export function askFootnote(sources: readonly { id: string; title: string }[]): Promise<FootnoteAnswer | null> {
  counter += 1
  const id = `footnote-${counter}`
  const dialog = document.createElement('dialog')
  dialog.className = 'ask'
  dialog.setAttribute('aria-labelledby', `${id}-title`)
  const form = document.createElement('form')
  form.method = 'dialog'
  const title = document.createElement('h2')
  title.id = `${id}-title`
  title.className = 'ask__title'
  title.textContent = 'Add a footnote'
  const label = document.createElement('label')
  label.htmlFor = id
  label.textContent = 'Note'
  const input = document.createElement('input')
  input.id = id
  input.placeholder = 'What the reader should know, or where this comes from'
  form.append(title, label, input)
  const select = document.createElement('select')
  if (sources.length > 0) {
    const sourceLabel = document.createElement('label')
    sourceLabel.htmlFor = `${id}-source`
    sourceLabel.textContent = 'Cites'
    select.id = `${id}-source`
    select.append(new Option('No source', ''), ...sources.map((source) => new Option(source.title, source.id)))
    form.append(sourceLabel, select)
  } else {
    const hint = document.createElement('p')
    hint.className = 'field__hint'
    hint.textContent = 'Sources you add on the Sources page can be cited here.'
    form.append(hint)
  }
  const actions = document.createElement('div')
  actions.className = 'ask__actions'
  const ok = button('Add footnote', 'ok', 'button button--accent')
  const cancel = button('Cancel', 'cancel', 'button')
  cancel.type = 'button'
  cancel.addEventListener('click', () => dialog.close('cancel'))
  actions.append(cancel, ok)
  form.append(actions)
  dialog.append(form)
  document.body.append(dialog)
  const returnFocus = document.activeElement as HTMLElement | null
  dialog.showModal()
  input.focus()
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const text = input.value.trim()
      const sourceId = select.value || null
      dialog.remove()
      returnFocus?.focus()
      resolve(dialog.returnValue === 'ok' && (text || sourceId) ? { text, sourceId } : null)
    }, { once: true })
  })
}
