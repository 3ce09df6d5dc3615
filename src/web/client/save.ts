// The Save island under a story (issue 5). The plain form saves to the Reading list; with
// JavaScript the button learns whether the story is already saved (one small JSON call, so the
// cached page stays the same for everyone) and toggles without leaving the page.
export function enhanceSave(root: Document): void {
  const form = root.querySelector<HTMLFormElement>('form.save-form[data-save]')
  const button = form?.querySelector<HTMLButtonElement>('button')
  const label = form?.querySelector<HTMLElement>('.save-button__label')
  if (!form || !button || !label || root.querySelector('.nav-avatar') === null) return
  const slug = form.dataset.save as string
  let saved = false
  const render = () => {
    label.textContent = saved ? 'Saved' : 'Save'
    button.setAttribute('aria-pressed', saved ? 'true' : 'false')
    button.classList.toggle('save-button--saved', saved)
  }
  void fetch(`/api/lists?article=${encodeURIComponent(slug)}`, { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async (response) => {
      if (!response.ok) return
      const { lists } = (await response.json()) as { lists: { isReadingList: boolean; hasArticle?: boolean }[] }
      saved = lists.some((list) => list.isReadingList && list.hasArticle === true)
      render()
    })
    .catch(() => {})
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    button.disabled = true
    const response = await fetch(`/api/lists/reading-list/articles/${encodeURIComponent(slug)}`, { method: saved ? 'DELETE' : 'POST', credentials: 'same-origin' })
    button.disabled = false
    if (!response.ok) return form.submit()
    saved = !saved
    render()
  })
}
