// The account e-mails and the jobs that send them. Nothing sends mail in a request (see
// src/email/service.ts): a request queues a job, and the job makes the token, so a raw token is
// never stored anywhere, not even in the jobs table. A retried job mails a fresh link.
import { defineJob, enqueueJob, type JobContext } from '../../jobs/service.ts'
import { sendMail } from '../../email/service.ts'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { escapeHtml } from '../../stories/document/render-html.ts'
import { issueToken } from './tokens.ts'

type Q = Kysely<Database> | Transaction<Database>

export const PASSWORD_RESET_JOB = 'accounts.password-reset'
export const VERIFY_EMAIL_JOB = 'accounts.verify-email'
export const EMAIL_CHANGED_JOB = 'accounts.email-changed'

/**
 * Queued for every request, known address or not, so both answers do the same work; the job
 * finds out whether there is anyone to mail.
 */
export function queuePasswordReset(db: Q, email: string): Promise<void> {
  return enqueueJob(db, PASSWORD_RESET_JOB, { email })
}

export function queueVerification(db: Q, userId: number, email: string): Promise<void> {
  return enqueueJob(db, VERIFY_EMAIL_JOB, { userId, email })
}

export function queueEmailChangedNotice(db: Q, userId: number, oldEmail: string, newEmail: string): Promise<void> {
  return enqueueJob(db, EMAIL_CHANGED_JOB, { userId, oldEmail, newEmail })
}

defineJob(PASSWORD_RESET_JOB, async (payload: { email: string }, context) => {
  const user = await context.db.kysely.selectFrom('users').select(['id', 'name', 'email'])
    .where('email', '=', payload.email).where('is_placeholder', '=', 0).executeTakeFirst()
  if (!user) return
  const token = await issueToken(context.db.kysely, user.id, 'password-reset', null)
  const link = `${context.config.baseUrl}/password-reset/${token}`
  await send(context, user.email, 'Reset your Ovation password', [
    `Hello ${user.name},`,
    'Someone (we hope you) asked to reset the password of your Ovation account. Choose a new one here; the link works once, for an hour:',
    { link },
    'If you did not ask, ignore this e-mail: your password stays as it is.',
  ])
})

defineJob(VERIFY_EMAIL_JOB, async (payload: { userId: number; email: string }, context) => {
  const user = await context.db.kysely.selectFrom('users').select(['id', 'name', 'email', 'email_verified_at'])
    .where('id', '=', payload.userId).executeTakeFirst()
  // The address changed again, or is already proved: nothing to confirm.
  if (!user || user.email !== payload.email || user.email_verified_at !== null) return
  const token = await issueToken(context.db.kysely, user.id, 'email-verification', user.email)
  const link = `${context.config.baseUrl}/verify-email/${token}`
  await send(context, user.email, 'Confirm your e-mail address for Ovation', [
    `Hello ${user.name},`,
    'Please confirm that this is your address; the link works once, for 24 hours:',
    { link },
    'If you did not sign up for Ovation, ignore this e-mail.',
  ])
})

defineJob(EMAIL_CHANGED_JOB, async (payload: { userId: number; oldEmail: string; newEmail: string }, context) => {
  const user = await context.db.kysely.selectFrom('users').select(['name']).where('id', '=', payload.userId).executeTakeFirst()
  if (!user) return
  await send(context, payload.oldEmail, 'Your Ovation e-mail address was changed', [
    `Hello ${user.name},`,
    `The e-mail address of your Ovation account was changed from ${payload.oldEmail} to ${payload.newEmail}.`,
    'If you did not do this, reset your password at once and write to the site\'s operator:',
    { link: `${context.config.baseUrl}/password-reset` },
  ])
})

type Line = string | { link: string }

async function send(context: JobContext, to: string, subject: string, lines: Line[]): Promise<void> {
  const text = lines.map((line) => (typeof line === 'string' ? line : line.link)).join('\n\n')
  const html = lines.map((line) => (typeof line === 'string'
    ? `<p>${escapeHtml(line)}</p>`
    : `<p><a href="${escapeHtml(line.link)}">${escapeHtml(line.link)}</a></p>`)).join('')
  const sent = await sendMail(context.config, { to, subject, text, html })
  if (!sent) context.log.info({ subject }, 'no SMTP_URL configured: account e-mail not sent')
}
