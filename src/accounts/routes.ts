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

const tags = ['User and Authentication']

export const accountRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  const signInLimit = {
    rateLimit: {
      max: config.signInRateLimit,
      timeWindow: '1 minute',
      // Per address and account: one client cannot guess at many passwords of one account,
      // while many people behind one address can still sign in.
      keyGenerator: (request: { ip: string; body?: unknown }) => `${request.ip}|${emailOf(request.body)}`,
    },
  }

  app.post<{ Body: RegisterBody }>('/api/users', {
    schema: { tags, summary: 'Register', body: RegisterBody, response: { 201: UserResponseSchema } },
  }, async (request, reply) => {
    const user = await accounts.signUp(db, request.body.user)
    const token = await accounts.createSession(db, user.id, 'api', request.headers['user-agent'] ?? null)
    reply.code(201)
    return presentUser(user, token)
  })

  app.post<{ Body: LoginBody }>('/api/users/login', {
    config: signInLimit,
    schema: { tags, summary: 'Sign in', body: LoginBody, response: { 200: UserResponseSchema } },
  }, async (request) => {
    const { email, password } = request.body.user
    const errors: ErrorFields = {}
    if (!email?.trim()) errors.email = ["can't be blank"]
    if (!password) errors.password = ["can't be blank"]
    if (Object.keys(errors).length) throw new AppError(422, 'validation_failed', errors)
    const user = await accounts.checkCredentials(db, email ?? '', password ?? '')
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
    const user = await accounts.updateUser(db, viewer.id, request.body.user)
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
    sendPage(reply, SignInPage({ values: {}, errors: {}, next: request.query.next }))
  })

  app.post<{ Body: SignInForm }>('/signin', { config: signInLimit, schema: { body: SignInForm } }, async (request, reply) => {
    const { email = '', password = '', next } = request.body
    const user = email && password ? await accounts.checkCredentials(db, email, password) : undefined
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
      const user = await accounts.signUp(db, values)
      await startWebSession(reply, user.id, request.headers['user-agent'])
      reply.redirect(safeNext(next), 303)
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error
      sendPage(reply, SignUpPage({ values, errors: error.fields, next }), 422)
    }
  })

  app.post('/signout', async (request, reply) => {
    if (request.viewer?.via === 'cookie') await accounts.endSession(db, request.viewer.sessionId)
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/', 303)
  })

  app.get<{ Querystring: { saved?: string } }>('/settings', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fsettings', 303)
    const user = await accounts.userById(db, request.viewer.id)
    if (!user) return reply.redirect('/signin', 303)
    const values = { name: user.name, username: user.username, bio: user.bio ?? '', image: user.image ?? '', email: user.email }
    sendPage(reply, SettingsPage({ viewer: request.viewer, values, errors: {}, next: undefined, saved: request.query.saved === '1' }))
  })

  app.post<{ Body: SettingsForm }>('/settings', { schema: { body: SettingsForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const { password, ...values } = request.body
    try {
      await accounts.updateUser(db, viewer.id, { ...values, ...(password ? { password } : {}) })
      reply.redirect('/settings?saved=1', 303)
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error
      sendPage(reply, SettingsPage({ viewer, values, errors: error.fields, next: undefined, saved: false }), 422)
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

function emailOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return ''
  const record = body as { email?: unknown; user?: { email?: unknown } }
  const email = record.user?.email ?? record.email
  return typeof email === 'string' ? email.trim().toLowerCase() : ''
}
