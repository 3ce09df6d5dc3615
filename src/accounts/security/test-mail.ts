// For tests only: a real SMTP server on a free port that keeps what it receives, and the
// account links read back out of a mail as a person would follow them.
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { to: string; subject: string; text: string }

export type TestSmtp = {
  url: string
  received: ReceivedMail[]
  /** Mails to one address, oldest first. */
  to: (address: string) => ReceivedMail[]
  /** Waits until a mail to the address with a matching subject arrives (the server's own job runner sends it). */
  waitFor: (address: string, subject: RegExp, timeoutMs?: number) => Promise<ReceivedMail>
  close: () => Promise<void>
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = []
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk: Buffer) => { raw += chunk.toString('utf8') })
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: headerOf(raw, 'subject'), text: decode(raw) })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  const to = (address: string) => received.filter((mail) => mail.to === address)
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to,
    waitFor: async (address, subject, timeoutMs = 15_000) => {
      const until = Date.now() + timeoutMs
      for (;;) {
        const mail = to(address).findLast((candidate) => subject.test(candidate.subject))
        if (mail) return mail
        if (Date.now() > until) throw new Error(`no mail "${subject}" to ${address}; got: ${received.map((m) => `${m.to}: ${m.subject}`).join('; ')}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The first link in a mail to a path starting with `path` (e.g. "/password-reset/"). */
export function linkIn(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`https?://[^\\s"<>]+${path.replace(/[/]/g, '\\/')}[A-Za-z0-9_-]+`).exec(mail.text)
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`)
  return match[0]
}

function headerOf(raw: string, name: string): string {
  const match = new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw)
  return match?.[1]?.replace(/\r?\n[ \t]/g, ' ').trim() ?? ''
}

// nodemailer writes text quoted-printable: soft line breaks and =XX bytes.
function decode(raw: string): string {
  const joined = raw.replace(/=\r?\n/g, '')
  return Buffer.from(joined.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
}
