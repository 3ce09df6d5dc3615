// Infinite scroll for the home feeds (issue 5). Without JavaScript, "Older stories" is a link to
// the next page (a cursor, so nothing repeats or goes missing as stories arrive); with it, the
// same link is fetched when it scrolls into view and its stories are appended here.
export function enhanceInfiniteScroll(root: Document): void {
  const feed = root.querySelector<HTMLElement>('[data-feed]')
  if (!feed || !('IntersectionObserver' in window)) return
  let loading = false
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) void loadMore()
  }, { rootMargin: '600px 0px' })

  const watch = () => {
    const next = feed.querySelector<HTMLAnchorElement>('.pager a[rel="next"]')
    if (next) observer.observe(next)
    return next
  }

  async function loadMore(): Promise<void> {
    const next = feed?.querySelector<HTMLAnchorElement>('.pager a[rel="next"]')
    if (loading || !next || !feed) return
    loading = true
    observer.disconnect()
    try {
      const response = await fetch(next.href, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      if (!response.ok) return
      const page = new DOMParser().parseFromString(await response.text(), 'text/html')
      const pager = feed.querySelector('.pager')
      const cards = [...page.querySelectorAll('[data-feed] .story-card')]
      const shown = new Set([...feed.querySelectorAll<HTMLAnchorElement>('.story-card__title a')].map((a) => a.getAttribute('href')))
      for (const card of cards) {
        // A ranking that moved between pages must not show a story twice.
        if (shown.has(card.querySelector('.story-card__title a')?.getAttribute('href') ?? null)) continue
        pager?.before(root.importNode(card, true))
      }
      const newPager = page.querySelector('[data-feed] .pager')
      if (newPager) pager?.replaceWith(root.importNode(newPager, true))
      else pager?.remove()
    } finally {
      loading = false
      watch()
    }
  }
  watch()
}
