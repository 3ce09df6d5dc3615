// The account security pages: forgotten password, e-mail verification, sessions and tokens,
// changing the password, deleting the account. Every form works without JavaScript.
import type { ErrorFields } from '../../http/errors.ts'
import { Layout, type ViewerSummary } from '../../web/layout.tsx'
import { FieldErrors, TextField } from '../../web/components/form.tsx'
import type { SessionItem } from './service.ts'

type Errors = { errors: ErrorFields }

export function PasswordResetRequestPage({ viewer, values, errors, sent }: Errors & { viewer: ViewerSummary | null; values: { email?: string }; sent: boolean }) {
  return (
    <Layout title="Reset your password · Ovation" viewer={viewer} width="narrow">
      <section class="auth-card">
        <h1>Forgot your password?</h1>
        {sent ? (
          <div class="notice notice--saved" role="status">
            <p>If an account uses <strong>{values.email}</strong>, we have sent it a link to choose a new password. The link works once, for an hour.</p>
            <p>Nothing arrived? Check your spam folder, or <a href="/password-reset">try again</a>.</p>
          </div>
        ) : (
          <>
            <p class="auth-card__lede">Type the e-mail address of your account and we will send you a link to choose a new password.</p>
            <form method="post" action="/password-reset" class="form" novalidate>
              <TextField name="email" label="Email" type="email" autocomplete="email" value={values.email} errors={errors.email} required />
              <button class="button button--dark button--block" type="submit">Send me a link</button>
            </form>
          </>
        )}
        <p class="auth-card__switch">Remembered it? <a href="/signin">Sign in</a></p>
      </section>
    </Layout>
  )
}

export function PasswordResetPage({ token, live, errors }: Errors & { token: string; live: boolean }) {
  return (
    <Layout title="Choose a new password · Ovation" viewer={null} width="narrow">
      <section class="auth-card">
        <h1>Choose a new password</h1>
        {live ? (
          <form method="post" action={`/password-reset/${token}`} class="form" novalidate>
            <FieldErrors errors={errors} fields={['token']} />
            <TextField name="password" label="New password" type="password" autocomplete="new-password" errors={errors.password} hint="At least 8 characters. You will be signed out everywhere else." required />
            <button class="button button--dark button--block" type="submit">Save the new password</button>
          </form>
        ) : (
          <div class="form-alert" role="alert">
            <p>This link has expired or was already used. Links work once, for an hour.</p>
          </div>
        )}
        <p class="auth-card__switch"><a href="/password-reset">Send me a new link</a></p>
      </section>
    </Layout>
  )
}

export function VerifyEmailPage({ viewer, token, state }: { viewer: ViewerSummary | null; token: string; state: 'ask' | 'done' | 'invalid' }) {
  return (
    <Layout title="Confirm your e-mail address · Ovation" viewer={viewer} width="narrow">
      <section class="auth-card">
        <h1>Confirm your e-mail address</h1>
        {state === 'ask' && (
          <form method="post" action={`/verify-email/${token}`} class="form">
            <p class="auth-card__lede">One click and your address is confirmed.</p>
            <button class="button button--dark button--block" type="submit">Confirm my address</button>
          </form>
        )}
        {state === 'done' && <p class="notice notice--saved" role="status">Thank you: your e-mail address is confirmed.</p>}
        {state === 'invalid' && (
          <div class="form-alert" role="alert">
            <p>This link has expired or was already used. Sign in and send a new one from your settings.</p>
          </div>
        )}
        <p class="auth-card__switch"><a href={viewer ? '/settings' : '/signin'}>{viewer ? 'Your settings' : 'Sign in'}</a></p>
      </section>
    </Layout>
  )
}

/** The banner on /settings until the address is confirmed. */
export function UnverifiedEmailNotice({ email, sent }: { email: string; sent: boolean }) {
  return (
    <div class="notice account-notice" role="status">
      <p>
        Please confirm your e-mail address, <strong>{email}</strong>: we sent you a link. Until then, invitations sent
        to this address cannot be accepted and we cannot help you if you forget your password.
      </p>
      {sent ? <p><strong>A new link is on its way.</strong></p> : (
        <form method="post" action="/settings/verification">
          <button class="button" type="submit">Send the link again</button>
        </form>
      )}
    </div>
  )
}

type SecurityProps = Errors & { viewer: ViewerSummary; sessions: SessionItem[]; notice: string | undefined }

export function SecurityPage({ viewer, sessions, errors, notice }: SecurityProps) {
  return (
    <Layout title="Security · Ovation" viewer={viewer} width="narrow">
      <section class="settings-panel account-security">
        <p class="settings-panel__back"><a href="/settings">← Settings</a></p>
        <h1>Security</h1>
        {notice && <p class="notice notice--saved" role="status">{notice}</p>}

        <h2 id="sessions">Where you are signed in</h2>
        <p class="settings-panel__note">Browsers you signed in with and API tokens issued to apps. End any you do not recognise.</p>
        <ul class="session-list">
          {sessions.map((session) => (
            <li class="session-list__item" key={session.id}>
              <div class="session-list__what">
                <strong>{describeAgent(session.userAgent)}</strong>
                {session.current && <span class="session-list__current">this device</span>}
                <span class="session-list__kind">{session.kind === 'web' ? 'Browser session' : 'API token'}</span>
                <span class="session-list__when">
                  Signed in <time dateTime={session.createdAt}>{formatTime(session.createdAt)}</time>
                  {' · '}last used <time dateTime={session.lastUsedAt}>{formatTime(session.lastUsedAt)}</time>
                </span>
              </div>
              <form method="post" action={`/settings/security/sessions/${session.id}/revoke`}>
                <button class="button" type="submit" aria-label={session.current ? `Sign out ${describeAgent(session.userAgent)} (this device)` : `Revoke ${describeAgent(session.userAgent)}, ${session.kind === 'web' ? 'browser session' : 'API token'}`}>
                  {session.current ? 'Sign out' : 'Revoke'}
                </button>
              </form>
            </li>
          ))}
        </ul>
        <form method="post" action="/settings/security/sign-out-everywhere" class="session-list__everywhere">
          <button class="button button--dark" type="submit">Sign out everywhere</button>
          <p class="settings-panel__note">Ends every session and token, this one included.</p>
        </form>

        <h2 id="password">Change your password</h2>
        <form method="post" action="/settings/password" class="form" novalidate>
          <TextField name="currentPassword" label="Current password" type="password" autocomplete="current-password" errors={errors.currentPassword} required />
          <TextField name="password" label="New password" type="password" autocomplete="new-password" errors={errors.password} hint="At least 8 characters. Your other sessions end." required />
          <button class="button button--dark" type="submit">Change password</button>
        </form>

        <h2 id="delete">Delete your account</h2>
        <p><a href="/settings/delete">Delete your account…</a></p>
      </section>
    </Layout>
  )
}

export function DeleteAccountPage({ viewer, errors, keepStories }: Errors & { viewer: ViewerSummary; keepStories: boolean }) {
  return (
    <Layout title="Delete your account · Ovation" viewer={viewer} width="narrow">
      <section class="settings-panel account-security">
        <p class="settings-panel__back"><a href="/settings/security">← Security</a></p>
        <h1>Delete your account</h1>
        <p class="settings-panel__lede">
          Before you go, <a href="/settings/export">download your data</a>: every story, draft, response, highlight and
          list, in open formats. Deleting cannot be undone.
        </p>
        <form method="post" action="/settings/delete" class="form" novalidate>
          <FieldErrors errors={errors} fields={['publications']} />
          <fieldset class="delete-choice">
            <legend>Your published stories and responses</legend>
            <label>
              <input type="radio" name="keepStories" value="1" checked={keepStories} />
              {' '}Keep them readable, signed “Deleted user”
            </label>
            <label>
              <input type="radio" name="keepStories" value="0" checked={!keepStories} />
              {' '}Delete them too
            </label>
          </fieldset>
          <p class="settings-panel__note">
            Either way your drafts, claps, follows, highlights, lists and notifications are deleted, and you are signed out everywhere.
          </p>
          <TextField name="password" label="Your password" type="password" autocomplete="current-password" errors={errors.password} required />
          <button class="button button--danger" type="submit">Delete my account</button>
        </form>
      </section>
    </Layout>
  )
}

export function AccountDeletedPage() {
  return (
    <Layout title="Account deleted · Ovation" viewer={null} width="narrow">
      <section class="auth-card">
        <h1>Your account is deleted.</h1>
        <p class="auth-card__lede">Thank you for reading and writing with us.</p>
        <p><a class="button button--dark" href="/">Back to Ovation</a></p>
      </section>
    </Layout>
  )
}

/** "Firefox on Linux" from a User-Agent header; the header itself when nothing matches. */
export function describeAgent(agent: string | null): string {
  if (!agent) return 'Unknown client'
  const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrom(e|ium)\//.test(agent) ? 'Chrome'
    : /Safari\//.test(agent) ? 'Safari' : /curl\//.test(agent) ? 'curl' : undefined
  const system = /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Windows/.test(agent) ? 'Windows'
    : /Mac OS X/.test(agent) ? 'macOS' : /Linux/.test(agent) ? 'Linux' : undefined
  if (browser && system) return `${browser} on ${system}`
  return browser ?? (agent.length > 60 ? `${agent.slice(0, 57)}…` : agent)
}

function formatTime(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) + ' UTC'
}
