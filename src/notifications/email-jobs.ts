// The e-mail jobs notify() queues: an immediate notice and the daily digest. Both are
// idempotent (a notification is mailed once: emailed_at), so a retried job sends nothing twice
// once the first attempt recorded its mail; the jobs runner retries a failed send with back-off.
import { defineJob, type JobContext } from '../jobs/service.ts'
import { sendMail } from '../email/service.ts'
import { escapeHtml } from '../stories/document/render-html.ts'
import { notificationText } from './describe.ts'
import { notificationsFor, type NotificationItem } from './service.ts'
import * as q from './queries.ts'

defineJob('notifications.notice', async (payload: { notificationId: number }, context) => {
  const row = await context.db.kysely.selectFrom('notifications').select(['user_id', 'emailed_at']).where('id', '=', payload.notificationId).executeTakeFirst()
  // Mailed once, and only while the reader still wants notices (they may have unsubscribed since).
  if (!row || row.emailed_at !== null) return
  if ((await q.settingsOf(context.db.kysely, row.user_id))?.email_immediate !== 1) return
  const { items } = await notificationsFor(context.db, row.user_id)
  const pending = items.filter((item) => item.id === payload.notificationId && !item.read)
  await mailAbout(context, row.user_id, pending, pending[0] ? notificationText(pending[0]) : '')
})

defineJob('notifications.digest', async (payload: { userId: number }, context) => {
  const settings = await q.settingsOf(context.db.kysely, payload.userId)
  if (settings?.email_digest !== 1) return
  const since = settings.last_digest_at ? new Date(settings.last_digest_at) : new Date(0)
  const unsent = new Set((await q.unsentSince(context.db.kysely, payload.userId, since)).map((row) => row.id))
  const { items } = await notificationsFor(context.db, payload.userId)
  const pending = items.filter((item) => unsent.has(item.id))
  await mailAbout(context, payload.userId, pending, `Your Ovation digest: ${pending.length} new`)
  await q.setLastDigest(context.db.kysely, payload.userId, new Date())
})

async function mailAbout(
  context: JobContext,
  userId: number,
  items: NotificationItem[],
  subject: string,
): Promise<void> {
  if (!items.length) return
  const [user, settings] = await Promise.all([q.recipient(context.db.kysely, userId), q.settingsOf(context.db.kysely, userId)])
  if (!user || !settings) return
  const base = context.config.baseUrl
  const unsubscribeUrl = `${base}/notifications/unsubscribe/${settings.unsubscribe_token}`
  const lines = items.map((item) => ({ text: notificationText(item), url: base + (item.article?.path ?? '/notifications') }))
  const text = [
    `Hello ${user.name},`, '',
    ...lines.map((line) => `- ${line.text}\n  ${line.url}`), '',
    `All your notifications: ${base}/notifications`,
    `Stop these e-mails: ${unsubscribeUrl}`,
  ].join('\n')
  const html = `<p>Hello ${escapeHtml(user.name)},</p><ul>${lines.map((line) => `<li><a href="${escapeHtml(line.url)}">${escapeHtml(line.text)}</a></li>`).join('')}</ul>`
    + `<p><a href="${escapeHtml(base)}/notifications">All your notifications</a></p>`
    + `<p style="color:#666">You get these because of your e-mail settings. <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p>`
  const sent = await sendMail(context.config, { to: user.email, subject, text, html, unsubscribeUrl })
  if (!sent) {
    context.log.info({ userId }, 'no SMTP_URL configured: notification e-mail not sent')
    return
  }
  await q.markEmailed(context.db.kysely, items.map((item) => item.id), new Date())
}
