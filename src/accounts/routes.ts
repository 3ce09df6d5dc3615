// Accounts over HTTP: RealWorld's users API and the sign-in, sign-up and sign-out pages.
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { FeatureDeps } from '../app.ts'
import { requireViewer, SESSION_COOKIE } from '../http/auth.ts'
import { AppError, type ErrorFields } from '../http/errors.ts'
import { safeNext, sendPage } from '../web/render.ts'
import { presentUser } from './present.ts'
import { LoginBody, NextQuery, RegisterBody, SettingsForm, SignInForm, SignUpForm, UpdateUserBody, UserResponseSchema } from './schemas.ts'
import * as accounts from './service.ts'
import { SettingsPage, SignInPage, SignUpPage } from './views.tsx'
import { accountSecurityRoutes } from './security/routes.tsx'
import { confirmPassword } from './security/service.ts'
import * as throttle from './security/throttle.ts'
import type { UserRow } from '../db/schema.ts'

const SIGN_IN_NOTICES: Record<string, string> = {
  reset: 'Your password is changed. Sign in with the new one.',
  everywhere: 'You are signed out everywhere.',
}

const tags = ['User and Authentication']

export const accountRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  // Sign-in and sign-up are rate limited with every other route, from src/http/rate-limits.ts.
  await app.register(accountSecurityRoutes, { config, db })

  /**
   * Sign-in with throttling (issue 9): refused unchecked while the account or address waits out
   * a back-off or lock (429 with Retry-After); a failure counts, a success clears the account.
   */
  async function signInChecked(reply: FastifyReply, email: string, password: string, address: string): Promise<UserRow | undefined> {
    try {
      await throttle.checkSignInAllowed(db, email, address)
    } catch (error) {
      if (error instanceof throttle.TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds))
      throw error
    }
    const user = await accounts.checkCredentials(db, email, password)
    if (user) await throttle.recordSignInSuccess(db, email)
    else await throttle.recordSignInFailure(db, config, email, address)
    return user
  }

  async function signUpChecked(reply: FastifyReply, input: accounts.SignUpInput, address: string): Promise<UserRow> {
    try {
      await throttle.checkSignUpAllowed(db, config, address)
    } catch (error) {
      if (error instanceof throttle.TooManyAttempts) reply.header('retry-after', String(error.retryAfterSeconds))
      throw error
    }
    const user = await accounts.signUp(db, input)
    await throttle.recordSignUp(db, address)
    return user
  }

  app.post<{ Body: RegisterBody }>('/api/users', {
    schema: { tags, summary: 'Register', body: RegisterBody, response: { 201: UserResponseSchema } },
  }, async (request, reply) => {
    const user = await signUpChecked(reply, request.body.user, request.ip)
    const token = await accounts.createSession(db, user.id, 'api', request.headers['user-agent'] ?? null)
    reply.code(201)
    return presentUser(user, token)
  })

  app.post<{ Body: LoginBody }>('/api/users/login', {
    schema: { tags, summary: 'Sign in', body: LoginBody, response: { 200: UserResponseSchema } },
  }, async (request, reply) => {
    const { email, password } = request.body.user
    const errors: ErrorFields = {}
    if (!email?.trim()) errors.email = ["can't be blank"]
    if (!password) errors.password = ["can't be blank"]
    if (Object.keys(errors).length) throw new AppError(422, 'validation_failed', errors)
    const user = await signInChecked(reply, email ?? '', password ?? '', request.ip)
    if (!user) throw new AppError(401, 'invalid_credentials', { credentials: ['invalid'] })
    const token = await accounts.createSession(db, user.id, 'api', request.headers['user-agent'] ?? null)
    return presentUser(user, token)
  })

  app.get('/api/user', {
    schema: { tags, summary: 'Current user', security: [{ Token: [] }], response: { 200: UserResponseSchema } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const user = await accounts.userById(db, viewer.id)
    if (!user) throw new AppError(401, 'token_invalid', { token: ['is invalid'] })
    return presentUser(user, viewer.token)
  })

  app.put<{ Body: UpdateUserBody }>('/api/user', {
    schema: { tags, summary: 'Update user', security: [{ Token: [] }], body: UpdateUserBody, response: { 200: UserResponseSchema } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const { currentPassword, ...changes } = request.body.user
    // Decision (issue 9): RealWorld clients change e-mail and password with PUT /api/user and no
    // current password (the official suites do), so a token-authenticated call keeps that
    // behaviour. A browser session (cookie) must give the current password for either change,
    // as the settings page does: a borrowed, unlocked browser should not hand over the account.
    if (viewer.via === 'cookie' && (changes.password || changes.email !== undefined)) {
      const user = await accounts.userById(db, viewer.id)
      if (changes.password || (changes.email ?? '').trim().toLowerCase() !== user?.email) await confirmPassword(db, viewer.id, currentPassword)
    }
    const user = await accounts.updateUser(db, viewer.id, changes)
    return presentUser(user, viewer.token)
  })

  app.delete('/api/user/token', {
    schema: { tags, summary: 'Revoke the token (or session) this request is made with', security: [{ Token: [] }] },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await accounts.endSession(db, viewer.sessionId)
    reply.code(204).send()
  })

  // ---- pages ----

  app.get<{ Querystring: NextQuery }>('/signin', { schema: { querystring: NextQuery } }, async (request, reply) => {
    if (request.viewer) return reply.redirect(safeNext(request.query.next))
    sendPage(reply, SignInPage({ values: {}, errors: {}, next: request.query.next, notice: SIGN_IN_NOTICES[request.query.notice ?? ''] }))
  })

  app.post<{ Body: SignInForm }>('/signin', { schema: { body: SignInForm } }, async (request, reply) => {
    const { email = '', password = '', next } = request.body
    let user: UserRow | undefined
    try {
      user = email && password ? await signInChecked(reply, email, password, request.ip) : undefined
    } catch (error) {
      if (!(error instanceof throttle.TooManyAttempts)) throw error
      return sendPage(reply, SignInPage({ values: { email }, errors: error.fields, next }), 429)
    }
    if (!user) {
      const errors: ErrorFields = email && password
        ? { credentials: ['is incorrect'] }
        : { ...(email ? {} : { email: ["can't be blank"] }), ...(password ? {} : { password: ["can't be blank"] }) }
      return sendPage(reply, SignInPage({ values: { email }, errors, next }), 422)
    }
    await startWebSession(reply, user.id, request.headers['user-agent'])
    reply.redirect(safeNext(next), 303)
  })

  app.get<{ Querystring: NextQuery }>('/signup', { schema: { querystring: NextQuery } }, async (request, reply) => {
    if (request.viewer) return reply.redirect(safeNext(request.query.next))
    sendPage(reply, SignUpPage({ values: {}, errors: {}, next: request.query.next }))
  })

  app.post<{ Body: SignUpForm }>('/signup', { schema: { body: SignUpForm } }, async (request, reply) => {
    const { next, ...values } = request.body
    try {
      const user = await signUpChecked(reply, values, request.ip)
      await startWebSession(reply, user.id, request.headers['user-agent'])
      reply.redirect(safeNext(next), 303)
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409 && error.status !== 429)) throw error
      sendPage(reply, SignUpPage({ values, errors: error.fields, next }), error.status === 429 ? 429 : 422)
    }
  })

  app.post('/signout', async (request, reply) => {
    if (request.viewer?.via === 'cookie') await accounts.endSession(db, request.viewer.sessionId)
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/', 303)
  })

  app.get<{ Querystring: { saved?: string; sent?: string } }>('/settings', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fsettings', 303)
    const user = await accounts.userById(db, request.viewer.id)
    if (!user) return reply.redirect('/signin', 303)
    const values = { name: user.name, username: user.username, bio: user.bio ?? '', image: user.image ?? '', email: user.email }
    sendPage(reply, SettingsPage({
      viewer: request.viewer, values, errors: {}, next: undefined, saved: request.query.saved === '1',
      unverifiedEmail: user.email_verified_at === null ? user.email : undefined, verificationSent: request.query.sent === '1',
    }))
  })

  app.post<{ Body: SettingsForm }>('/settings', { schema: { body: SettingsForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const { password, currentPassword, ...values } = request.body
    try {
      // The page asks for the current password before a new address or password (issue 9).
      const user = await accounts.userById(db, viewer.id)
      if (password || values.email.trim().toLowerCase() !== user?.email) await confirmPassword(db, viewer.id, currentPassword)
      await accounts.updateUser(db, viewer.id, { ...values, ...(password ? { password } : {}) })
      reply.redirect('/settings?saved=1', 303)
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error
      const user = await accounts.userById(db, viewer.id)
      sendPage(reply, SettingsPage({
        viewer, values, errors: error.fields, next: undefined, saved: false,
        unverifiedEmail: user && user.email_verified_at === null ? user.email : undefined, verificationSent: false,
      }), 422)
    }
  })

  async function startWebSession(reply: FastifyReply, userId: number, userAgent: string | undefined) {
    const token = await accounts.createSession(db, userId, 'web', userAgent ?? null)
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.baseUrl.startsWith('https:'),
      maxAge: 30 * 24 * 60 * 60,
    })
  }
}
