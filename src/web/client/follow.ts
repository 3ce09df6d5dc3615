// The follow island (issue 5): every Follow button is a plain form that posts and comes back
// (writers, publications, tags). With JavaScript the same post is sent in the background and the
// button (and a follower count beside it) changes in place, so the reader keeps their place.
const COUNT = '.publication-header__followers, .publication-follow__count'

export function enhanceFollows(root: Document): void {
  if (root.querySelector('.nav-avatar') === null) return // signed out: the form leads to sign-in
  for (const form of root.querySelectorAll<HTMLFormElement>('form.follow-form')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      void toggle(root, form)
    })
  }
}

async function toggle(root: Document, form: HTMLFormElement): Promise<void> {
  const button = form.querySelector<HTMLButtonElement>('button')
  if (!button || button.disabled) return
  const action = form.getAttribute('action') ?? ''
  const following = /\/unfollow$/.test(action)
  button.disabled = true
  try {
    const response = await fetch(action, { method: 'POST', credentials: 'same-origin', body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>) })
    if (!response.ok) return form.submit()
    // Every button for the same writer (byline and author card) changes together.
    for (const same of root.querySelectorAll<HTMLFormElement>(`form.follow-form[action="${CSS.escape(action)}"]`)) {
      same.setAttribute('action', following ? action.replace(/\/unfollow$/, '/follow') : action.replace(/\/follow$/, '/unfollow'))
      const b = same.querySelector<HTMLButtonElement>('button')
      if (b) {
        b.textContent = following ? 'Follow' : 'Following'
        b.setAttribute('aria-pressed', following ? 'false' : 'true')
        b.classList.toggle('follow-button--following', !following)
      }
      const count = same.querySelector<HTMLElement>(COUNT)
      const n = Number(count?.textContent?.replace(/[^0-9]/g, ''))
      if (count && Number.isFinite(n)) {
        const next = Math.max(0, n + (following ? -1 : 1))
        count.textContent = `${next.toLocaleString('en')} ${next === 1 ? 'follower' : 'followers'}`
      }
    }
  } finally {
    button.disabled = false
  }
}
