import type { ErrorFields } from '../http/errors.ts'
import { Layout } from '../web/layout.tsx'
import { FieldErrors, TextField } from '../web/components/form.tsx'
import { UnverifiedEmailNotice } from './security/views.tsx'

type FormState = {
  values: Record<string, string | undefined>
  errors: ErrorFields
  next: string | undefined
}

export function SignInPage({ values, errors, next, notice }: FormState & { notice?: string | undefined }) {
  return (
    <Layout title="Sign in · Ovation" description="Sign in to Ovation to follow writers, applaud stories and write your own." viewer={null} width="narrow">
      <section class="auth-card">
        <h1>Welcome back.</h1>
        {notice && <p class="notice notice--saved" role="status">{notice}</p>}
        <form method="post" action="/signin" class="form" novalidate>
          <FieldErrors errors={errors} fields={['credentials']} />
          <TextField name="email" label="Email" type="email" autocomplete="email" value={values.email} errors={errors.email} required />
          <TextField name="password" label="Password" type="password" autocomplete="current-password" errors={errors.password} required />
          {next && <input type="hidden" name="next" value={next} />}
          <button class="button button--dark button--block" type="submit">Sign in</button>
        </form>
        <p class="auth-card__switch"><a href="/password-reset">Forgot password?</a></p>
        <p class="auth-card__switch">
          No account? <a href={next ? `/signup?next=${encodeURIComponent(next)}` : '/signup'}>Create one</a>
        </p>
      </section>
    </Layout>
  )
}

export function SignUpPage({ values, errors, next }: FormState) {
  return (
    <Layout title="Join Ovation" description="Join Ovation: read, write and applaud the stories that matter to you." viewer={null} width="narrow">
      <section class="auth-card">
        <h1>Join Ovation.</h1>
        <p class="auth-card__lede">Read, write and applaud the stories that matter to you.</p>
        <form method="post" action="/signup" class="form" novalidate>
          <TextField name="name" label="Your name" autocomplete="name" value={values.name} errors={errors.name} />
          <TextField name="username" label="Username" autocomplete="username" value={values.username} errors={errors.username} hint="Letters, digits, _ and -. Your profile lives at /@username." required />
          <TextField name="email" label="Email" type="email" autocomplete="email" value={values.email} errors={errors.email} required />
          <TextField name="password" label="Password" type="password" autocomplete="new-password" errors={errors.password} hint="At least 8 characters." required />
          {next && <input type="hidden" name="next" value={next} />}
          <button class="button button--dark button--block" type="submit">Create account</button>
        </form>
        <p class="auth-card__switch">
          Already have an account? <a href={next ? `/signin?next=${encodeURIComponent(next)}` : '/signin'}>Sign in</a>
        </p>
      </section>
    </Layout>
  )
}

type SettingsProps = FormState & {
  viewer: { username: string; name: string; image: string | null }
  saved: boolean
  /** The address, while it is not yet confirmed (issue 9). */
  unverifiedEmail?: string | undefined
  verificationSent?: boolean
}

export function SettingsPage({ viewer, values, errors, saved, unverifiedEmail, verificationSent = false }: SettingsProps) {
  return (
    <Layout title="Settings · Ovation" viewer={viewer} width="narrow">
      <section class="auth-card auth-card--wide">
        <h1>Your profile</h1>
        {saved && <p class="notice notice--saved" role="status">Saved.</p>}
        {unverifiedEmail && <UnverifiedEmailNotice email={unverifiedEmail} sent={verificationSent} />}
        <form method="post" action="/settings" class="form" novalidate>
          <TextField name="name" label="Display name" autocomplete="name" value={values.name} errors={errors.name} maxLength={80} required />
          <TextField name="username" label="Username" autocomplete="username" value={values.username} errors={errors.username} hint="Your profile and stories live at /@username; old story links keep working." required />
          <TextField name="bio" label="Bio" value={values.bio} errors={errors.bio} hint="One line, shown under your name and after your stories (160 characters)." maxLength={160} />
          <TextField name="image" label="Avatar URL" type="url" value={values.image} errors={errors.image} hint="An https:// link to a square picture. Leave empty for your initial." />
          <TextField name="email" label="Email" type="email" autocomplete="email" value={values.email} errors={errors.email} required />
          <TextField name="password" label="New password" type="password" autocomplete="new-password" errors={errors.password} hint="Leave empty to keep your password. At least 8 characters." />
          <TextField name="currentPassword" label="Current password" type="password" autocomplete="current-password" errors={errors.currentPassword} hint="Needed only to change your e-mail address or password. A new address must be confirmed; we tell the old one." />
          <button class="button button--dark" type="submit">Save</button>
        </form>
        <nav class="settings-links" aria-label="Your stories elsewhere">
          <h2>Your stories elsewhere</h2>
          <a href="/settings/import">Import from Medium</a>
          <a href="/settings/export">Download your data</a>
        </nav>
        <nav class="settings-links" aria-label="Account settings">
          <h2>Account</h2>
          <a href="/settings/security">Security: sessions, tokens and password</a>
          <a href="/settings/delete">Delete your account</a>
        </nav>
      </section>
    </Layout>
  )
}
