import type { ErrorFields } from '../http/errors.ts'
import { Layout } from '../web/layout.tsx'
import { FieldErrors, TextField } from '../web/components/form.tsx'

type FormState = {
  values: Record<string, string | undefined>
  errors: ErrorFields
  next: string | undefined
}

export function SignInPage({ values, errors, next }: FormState) {
  return (
    <Layout title="Sign in · Ovation" viewer={null} width="narrow">
      <section class="auth-card">
        <h1>Welcome back.</h1>
        <form method="post" action="/signin" class="form" novalidate>
          <FieldErrors errors={errors} fields={['credentials']} />
          <TextField name="email" label="Email" type="email" autocomplete="email" value={values.email} errors={errors.email} required />
          <TextField name="password" label="Password" type="password" autocomplete="current-password" errors={errors.password} required />
          {next && <input type="hidden" name="next" value={next} />}
          <button class="button button--dark button--block" type="submit">Sign in</button>
        </form>
        <p class="auth-card__switch">
          No account? <a href={next ? `/signup?next=${encodeURIComponent(next)}` : '/signup'}>Create one</a>
        </p>
      </section>
    </Layout>
  )
}

export function SignUpPage({ values, errors, next }: FormState) {
  return (
    <Layout title="Join Ovation" viewer={null} width="narrow">
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
