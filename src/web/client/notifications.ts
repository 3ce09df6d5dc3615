// The header's unread-notifications badge (issue 5): one small JSON call per page view, so the
// page itself need not vary with the count. Without JavaScript the link is there, uncounted.
export function enhanceNotifications(root: Document): void {
  const link = root.querySelector<HTMLAnchorElement>('a[data-notifications]')
  const badge = link?.querySelector<HTMLElement>('[data-unread-count]')
  if (!link || !badge) return
  void fetch('/api/notifications/unread', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then(async (response) => {
      if (!response.ok) return
      const { unreadCount } = (await response.json()) as { unreadCount: number }
      if (unreadCount <= 0) return
      badge.textContent = unreadCount > 99 ? '99+' : String(unreadCount)
      badge.hidden = false
      link.setAttribute('aria-label', `Notifications, ${unreadCount} unread`)
    })
    .catch(() => {})
}
