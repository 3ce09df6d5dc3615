// Sending e-mail: nodemailer over the SMTP_URL the operator configured. Callers are jobs (see
// src/notifications/email-jobs.ts), which retry a failed send; nothing sends mail in a request.
import type { Transporter } from 'nodemailer'
import type { Config } from '../config.ts'

export type Mail = {
  to: string
  subject: string
  text: string
  html: string
  /**
   * The one-click unsubscribe address (RFC 8058): every notice and digest carries one. Account
   * mail (password reset, address verification) leaves it out: nobody can opt out of it.
   */
  unsubscribeUrl?: string
}

// One pooled transport per SMTP URL, made on first use.
const transports = new Map<string, Transporter>()

/** Sends a mail; false when no SMTP_URL is configured (nothing to send through). */
export async function sendMail(config: Readonly<Config>, mail: Mail): Promise<boolean> {
  if (!config.smtpUrl) return false
  let transport = transports.get(config.smtpUrl)
  if (!transport) {
    // Loaded on the first mail, not at every start.
    const { default: nodemailer } = await import('nodemailer')
    transport = nodemailer.createTransport(config.smtpUrl)
    transports.set(config.smtpUrl, transport)
  }
  await transport.sendMail({
    from: config.mailFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: mail.unsubscribeUrl ? {
      'List-Unsubscribe': `<${mail.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    } : {},
  })
  return true
}

/** Closes pooled connections (tests, shutdown). */
export function closeMailTransports(): void {
  for (const transport of transports.values()) transport.close()
  transports.clear()
}
