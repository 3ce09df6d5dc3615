// The notifications page, the e-mail settings form and the unsubscribe page.
import { Avatar, Layout, type ViewerSummary } from '../web/layout.tsx'
import { formatDate } from '../web/format.ts'
import { describeNotification } from './describe.ts'
import type { EmailSettings, NotificationItem } from './service.ts'

export function NotificationsPage({ viewer, items, unreadCount, settings, saved }: { viewer: ViewerSummary; items: NotificationItem[]; unreadCount: number; settings: EmailSettings; saved: boolean }) {
  return (
    <Layout title="Notifications | Ovation" viewer={viewer} path="/notifications" width="narrow">
      <h1 class="page-title">Notifications</h1>
      <p class="notifications__summary">
        {unreadCount === 0 ? 'You are all caught up.' : `${unreadCount} unread`}
      </p>
      {unreadCount > 0 && (
        <form method="post" action="/notifications/read" class="notifications__read-all">
          <button type="submit" class="button">Mark all as read</button>
        </form>
      )}
      {items.length === 0
        ? <p class="empty">Nothing yet. When readers follow you, applaud, respond or highlight, you will hear of it here.</p>
        : <ol class="notifications">{items.map((item) => <Notification item={item} />)}</ol>}
      <EmailSettingsForm settings={settings} saved={saved} />
    </Layout>
  )
}

function Notification({ item }: { item: NotificationItem }) {
  const sentence = describeNotification(item)
  const actor = item.actors[0]
  return (
    <li class={`notification${item.read ? '' : ' notification--unread'}`} data-notification={item.id}>
      {actor ? <Avatar name={actor.name} image={actor.image} size={32} /> : <span class="avatar avatar--32 avatar--initial" aria-hidden="true">O</span>}
      <p class="notification__text">
        {!item.read && <span class="visually-hidden">Unread: </span>}
        {actor && item.type !== 'publication' ? <a href={`/@${actor.username}`}>{sentence.who}</a> : <strong>{sentence.who}</strong>}
        {' '}{sentence.what}
        {sentence.title && item.article && <> <a href={item.article.path}>{sentence.title}</a></>}
        <time class="notification__date" datetime={item.createdAt.toISOString()}>{formatDate(item.createdAt)}</time>
      </p>
    </li>
  )
}

function EmailSettingsForm({ settings, saved }: { settings: EmailSettings; saved: boolean }) {
  return (
    <form method="post" action="/notifications/settings" class="notification-settings">
      <h2 class="section-title">E-mail</h2>
      {saved && <p class="notice" role="status">Saved.</p>}
      <p>
        <label><input type="checkbox" name="immediate" value="1" checked={settings.immediate} /> E-mail me as things happen</label>
      </p>
      <p>
        <label><input type="checkbox" name="digest" value="1" checked={settings.digest} /> Send me a daily digest</label>
      </p>
      <button type="submit" class="button">Save e-mail settings</button>
    </form>
  )
}

export function UnsubscribePage({ viewer, token, done }: { viewer: ViewerSummary | null; token: string; done: boolean }) {
  return (
    <Layout title="Unsubscribe | Ovation" viewer={viewer} width="narrow">
      <h1 class="page-title">{done ? 'You are unsubscribed' : 'Stop e-mail from Ovation?'}</h1>
      {done
        ? <p>We will not e-mail you notifications any more. You can turn them back on in your notifications page.</p>
        : (
          <form method="post" action={`/notifications/unsubscribe/${token}`}>
            <button type="submit" class="button button--dark">Unsubscribe</button>
          </form>
        )}
    </Layout>
  )
}
