// Account security over HTTP: the API (password reset, verification, sessions, deleting the
// account) and the pages behind "Forgot password?", /settings/security and /settings/delete.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { FeatureDeps } from '../../app.ts'
import { requireViewer, SESSION_COOKIE, type Viewer } from '../../http/auth.ts'
import { AppError, type ErrorFields } from '../../http/errors.ts'
import { sendPage } from '../../web/render.ts'
import { deleteAccount } from './delete-account.ts'
import {
  ChangePasswordBody, ChangePasswordForm, DeleteAccountBody, DeleteAccountForm, EmailForm, NewPasswordForm,
  PasswordResetBody, PasswordResetConfirmBody, SecurityQuery, SessionParams, SessionsResponse, TokenParams, VerifyEmailBody,
} from './schemas.ts'
import * as security from './service.ts'
import { AccountDeletedPage, DeleteAccountPage, PasswordResetPage, PasswordResetRequestPage, SecurityPage, VerifyEmailPage } from './views.tsx'

const tags = ['User and Authentication']
const tokenAuth = [{ Token: [] }]

const NOTICES: Record<string, string> = {
  revoked: 'Signed out there.',
  password: 'Your password is changed; your other sessions have ended.',
}

export const accountSecurityRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  // ---- API ----

  app.post<{ Body: PasswordResetBody }>('/api/users/password-reset', {
    schema: { tags, summary: 'E-mail a password reset link (202 whether or not the address has an account)', body: PasswordResetBody },
  }, async (request, reply) => {
    await security.requestPasswordReset(db, request.body.user.email)
    reply.code(202).send({})
  })

  app.post<{ Body: PasswordResetConfirmBody }>('/api/users/password-reset/confirm', {
    schema: { tags, summary: 'Set a new password with an e-mailed reset token; ends every other session', body: PasswordResetConfirmBody },
  }, async (request, reply) => {
    await security.confirmPasswordReset(db, request.body.user.token, request.body.user.password, request.viewer?.sessionId)
    reply.code(204).send()
  })

  app.post<{ Body: VerifyEmailBody }>('/api/users/verify-email', {
    schema: { tags, summary: 'Confirm an e-mail address with an e-mailed token', body: VerifyEmailBody },
  }, async (request, reply) => {
    await security.verifyEmail(db, request.body.user.token ?? '')
    reply.code(204).send()
  })

  app.post('/api/user/verification', {
    schema: { tags, summary: 'Send the e-mail verification link again', security: tokenAuth },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await security.resendVerification(db, viewer.id)
    reply.code(202).send({})
  })

  app.put<{ Body: ChangePasswordBody }>('/api/user/password', {
    schema: { tags, summary: 'Change the password, giving the current one; ends every other session', security: tokenAuth, body: ChangePasswordBody },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await security.changePassword(db, viewer.id, request.body.user.currentPassword ?? '', request.body.user.password ?? '', viewer.sessionId)
    reply.code(204).send()
  })

  app.get('/api/user/sessions', {
    schema: { tags, summary: 'Browser sessions and API tokens of the current user', security: tokenAuth, response: { 200: SessionsResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    return { sessions: await security.sessionsOf(db, viewer.id, viewer.sessionId) }
  })

  app.delete<{ Params: SessionParams }>('/api/user/sessions/:id', {
    schema: { tags, summary: 'End one session or revoke one API token', security: tokenAuth, params: SessionParams },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const { wasCurrent } = await security.revokeSession(db, viewer.id, request.params.id, viewer.sessionId)
    if (wasCurrent && viewer.via === 'cookie') reply.clearCookie(SESSION_COOKIE, { path: '/' })
    reply.code(204).send()
  })

  app.delete('/api/user/sessions', {
    schema: { tags, summary: 'Sign out everywhere: every session and token, this one included', security: tokenAuth },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await security.signOutEverywhere(db, viewer.id)
    if (viewer.via === 'cookie') reply.clearCookie(SESSION_COOKIE, { path: '/' })
    reply.code(204).send()
  })

  app.delete<{ Body: DeleteAccountBody }>('/api/user', {
    schema: { tags, summary: 'Delete the account, giving the password; keepStories keeps published stories and responses under "deleted user"', security: tokenAuth, body: DeleteAccountBody },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await deleteAccount(db, viewer.id, request.body.user.password, request.body.user.keepStories ?? false)
    // The signed-in write empties every instance's page cache on its way out (page-cache-hooks).
    if (viewer.via === 'cookie') reply.clearCookie(SESSION_COOKIE, { path: '/' })
    reply.code(204).send()
  })

  // ---- pages ----

  app.get('/password-reset', async (request, reply) => {
    sendPage(reply, PasswordResetRequestPage({ viewer: request.viewer, values: {}, errors: {}, sent: false }))
  })

  app.post<{ Body: EmailForm }>('/password-reset', { schema: { body: EmailForm } }, async (request, reply) => {
    const email = request.body.email ?? ''
    const errors = await formErrors(() => security.requestPasswordReset(db, email))
    sendPage(reply, PasswordResetRequestPage({ viewer: request.viewer, values: { email: email.trim() }, errors, sent: !errors.email }), errors.email ? 422 : 200)
  })

  app.get<{ Params: TokenParams }>('/password-reset/:token', { config: { pageCache: false }, schema: { params: TokenParams } }, async (request, reply) => {
    const live = await security.resetTokenIsLive(db, request.params.token)
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')
    sendPage(reply, PasswordResetPage({ token: request.params.token, live, errors: {} }), live ? 200 : 410)
  })

  app.post<{ Params: TokenParams; Body: NewPasswordForm }>('/password-reset/:token', { schema: { params: TokenParams, body: NewPasswordForm } }, async (request, reply) => {
    const { token } = request.params
    const errors = await formErrors(() => security.confirmPasswordReset(db, token, request.body.password ?? '', request.viewer?.sessionId))
    if (!Object.keys(errors).length) return reply.redirect('/signin?notice=reset', 303)
    reply.header('cache-control', 'no-store')
    sendPage(reply, PasswordResetPage({ token, live: !errors.token, errors }), errors.token ? 410 : 422)
  })

  app.get<{ Params: TokenParams }>('/verify-email/:token', { config: { pageCache: false }, schema: { params: TokenParams } }, async (request, reply) => {
    // A button, not an action on GET: mail scanners that open links must not spend the token.
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer')
    sendPage(reply, VerifyEmailPage({ viewer: request.viewer, token: request.params.token, state: 'ask' }))
  })

  app.post<{ Params: TokenParams }>('/verify-email/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const errors = await formErrors(() => security.verifyEmail(db, request.params.token))
    const ok = !Object.keys(errors).length
    sendPage(reply, VerifyEmailPage({ viewer: request.viewer, token: request.params.token, state: ok ? 'done' : 'invalid' }), ok ? 200 : 410)
  })

  app.post('/settings/verification', async (request, reply) => {
    const viewer = signedIn(request, reply, '/settings')
    if (!viewer) return
    await security.resendVerification(db, viewer.id)
    reply.redirect('/settings?sent=1', 303)
  })

  app.get<{ Querystring: SecurityQuery }>('/settings/security', { schema: { querystring: SecurityQuery } }, async (request, reply) => {
    const viewer = signedIn(request, reply, '/settings/security')
    if (!viewer) return
    await renderSecurity(reply, viewer, {}, NOTICES[request.query.done ?? ''])
  })

  app.post<{ Params: SessionParams }>('/settings/security/sessions/:id/revoke', { schema: { params: SessionParams } }, async (request, reply) => {
    const viewer = signedIn(request, reply, '/settings/security')
    if (!viewer) return
    const { wasCurrent } = await security.revokeSession(db, viewer.id, request.params.id, viewer.sessionId)
    if (wasCurrent) return reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/signin', 303)
    reply.redirect('/settings/security?done=revoked', 303)
  })

  app.post('/settings/security/sign-out-everywhere', async (request, reply) => {
    const viewer = signedIn(request, reply, '/settings/security')
    if (!viewer) return
    await security.signOutEverywhere(db, viewer.id)
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).redirect('/signin?notice=everywhere', 303)
  })

  app.post<{ Body: ChangePasswordForm }>('/settings/password', { schema: { body: ChangePasswordForm } }, async (request, reply) => {
    const viewer = signedIn(request, reply, '/settings/security')
    if (!viewer) return
    const errors = await formErrors(() => security.changePassword(db, viewer.id, request.body.currentPassword ?? '', request.body.password ?? '', viewer.sessionId))
    if (!Object.keys(errors).length) return reply.redirect('/settings/security?done=password', 303)
    await renderSecurity(reply, viewer, errors, undefined, 422)
  })

  app.get('/settings/delete', async (request, reply) => {
    const viewer = signedIn(request, reply, '/settings/delete')
    if (!viewer) return
    sendPage(reply, DeleteAccountPage({ viewer, errors: {}, keepStories: true }))
  })

  app.post<{ Body: DeleteAccountForm }>('/settings/delete', { schema: { body: DeleteAccountForm } }, async (request, reply) => {
    const viewer = signedIn(request, reply, '/settings/delete')
    if (!viewer) return
    const keepStories = request.body.keepStories !== '0'
    const errors = await formErrors(() => deleteAccount(db, viewer.id, request.body.password ?? '', keepStories))
    if (Object.keys(errors).length) {
      return sendPage(reply, DeleteAccountPage({ viewer, errors, keepStories }), errors.publications ? 409 : 422)
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    sendPage(reply, AccountDeletedPage())
  })

  async function renderSecurity(reply: FastifyReply, viewer: Viewer, errors: ErrorFields, notice: string | undefined, status = 200) {
    const sessions = await security.sessionsOf(db, viewer.id, viewer.sessionId)
    reply.header('cache-control', 'no-store')
    sendPage(reply, SecurityPage({ viewer, sessions, errors, notice }), status)
  }
}

/** The viewer, or a redirect to sign in that comes back here. */
function signedIn(request: FastifyRequest, reply: FastifyReply, back: string): Viewer | undefined {
  if (request.viewer) return request.viewer
  reply.redirect(`/signin?next=${encodeURIComponent(back)}`, 303)
  return undefined
}

/** Runs a form's action; a refusal a person can fix becomes the form's messages. */
async function formErrors(action: () => Promise<unknown>): Promise<ErrorFields> {
  try {
    await action()
    return {}
  } catch (error) {
    if (error instanceof AppError && (error.status === 422 || error.status === 409)) return error.fields
    throw error
  }
}
