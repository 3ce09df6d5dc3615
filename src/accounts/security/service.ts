// Account security: password reset, e-mail verification, password and e-mail changes that
// re-check the password, and the list of a person's sessions and API tokens.
import { createHash } from 'node:crypto'
import type { Db } from '../../db/database.ts'
import { AppError, invalid, notFound, type ErrorFields } from '../../http/errors.ts'
import { hashPassword, verifyPassword } from '../password.ts'
import { passwordErrors, updateUser } from '../service.ts'
import { queuePasswordReset, queueVerification } from './emails.ts'
import * as q from './queries.ts'
import { hashSecret, looksLikeToken } from './tokens.ts'

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * Queues the reset e-mail. The caller answers 202 whatever happens here: the same job is queued
 * for a known and an unknown address, so neither the answer nor its timing tells them apart.
 */
export async function requestPasswordReset(db: Db, rawEmail: string | null | undefined): Promise<void> {
  const email = (rawEmail ?? '').trim().toLowerCase()
  if (!email) throw invalid({ email: ["can't be blank"] })
  if (email.length > 254 || !EMAIL_PATTERN.test(email)) throw invalid({ email: ['is invalid'] })
  await queuePasswordReset(db.kysely, email)
}

/** Whether a reset link still works (its page says so before asking for a password). */
export async function resetTokenIsLive(db: Db, token: string): Promise<boolean> {
  if (!looksLikeToken(token)) return false
  return (await q.liveToken(db.kysely, hashSecret(token), 'password-reset', new Date())) !== undefined
}

/**
 * Sets the new password, spends the token and ends every session of the account except the
 * one this request came with (someone who knew the old password is signed out everywhere).
 */
export async function confirmPasswordReset(db: Db, token: string | null | undefined, password: string | null | undefined, currentSessionId?: string): Promise<number> {
  const errors: ErrorFields = {}
  if (!token) errors.token = ["can't be blank"]
  const problems = passwordErrors(password ?? '')
  if (problems) errors.password = problems
  if (Object.keys(errors).length) throw invalid(errors)
  const passwordHash = await hashPassword(password ?? '')
  return db.kysely.transaction().execute(async (trx) => {
    const used = looksLikeToken(token ?? '') ? await q.useToken(trx, hashSecret(token ?? ''), 'password-reset', new Date()) : undefined
    if (!used) throw invalidToken()
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', used.user_id).execute()
    await q.deleteSessionsOf(trx, used.user_id, currentSessionId)
    return used.user_id
  })
}

/** Marks the address proved, if it is still the account's address. */
export async function verifyEmail(db: Db, token: string): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const used = looksLikeToken(token) ? await q.useToken(trx, hashSecret(token), 'email-verification', new Date()) : undefined
    if (!used?.email || !(await q.setVerified(trx, used.user_id, used.email, new Date()))) throw invalidToken()
  })
}

export async function resendVerification(db: Db, userId: number): Promise<void> {
  const user = await db.kysely.selectFrom('users').select(['email', 'email_verified_at']).where('id', '=', userId).executeTakeFirst()
  if (!user || user.email_verified_at !== null) return
  await queueVerification(db.kysely, userId, user.email)
}

/** Checks the password a person typed again before a sensitive change. */
export async function confirmPassword(db: Db, userId: number, password: string | null | undefined, field = 'currentPassword'): Promise<void> {
  const user = await db.kysely.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst()
  if (!password) throw invalid({ [field]: ["can't be blank"] })
  if (!user || !(await verifyPassword(password, user.password_hash))) throw new AppError(422, 'wrong_password', { [field]: ['is incorrect'] })
}

/** A new password after the current one; every other session ends. */
export async function changePassword(db: Db, userId: number, currentPassword: string, newPassword: string, currentSessionId: string): Promise<void> {
  await confirmPassword(db, userId, currentPassword)
  await updateUser(db, userId, { password: newPassword })
  await q.deleteSessionsOf(db.kysely, userId, currentSessionId)
}

export type SessionItem = {
  id: string
  kind: 'web' | 'api'
  userAgent: string | null
  createdAt: string
  lastUsedAt: string
  current: boolean
}

/**
 * The id shown for a session: a hash of its row id, which is itself the token's hash. Neither
 * leads back to the token, and the shown id cannot be used to sign in or look a session up
 * without also being its owner.
 */
export function publicSessionId(rowId: string): string {
  return createHash('sha256').update(`session-public-id:${rowId}`).digest('base64url').slice(0, 22)
}

export async function sessionsOf(db: Db, userId: number, currentRowId: string): Promise<SessionItem[]> {
  const rows = await q.liveSessionsOf(db.kysely, userId, new Date())
  return rows.map((row) => ({
    id: publicSessionId(row.id),
    kind: row.kind,
    userAgent: row.user_agent,
    createdAt: new Date(row.created_at).toISOString(),
    lastUsedAt: new Date(row.last_used_at).toISOString(),
    current: row.id === currentRowId,
  })).sort((a, b) => Number(b.current) - Number(a.current))
}

/** Ends one of the person's own sessions or tokens, by its shown id; returns whether it was this one. */
export async function revokeSession(db: Db, userId: number, publicId: string, currentRowId: string): Promise<{ wasCurrent: boolean }> {
  const rows = await q.liveSessionsOf(db.kysely, userId, new Date())
  const row = rows.find((candidate) => publicSessionId(candidate.id) === publicId)
  if (!row) throw notFound('session', 'session_not_found')
  await q.deleteSessionOf(db.kysely, userId, row.id)
  return { wasCurrent: row.id === currentRowId }
}

/** Ends every session and token of the person, this one included. */
export async function signOutEverywhere(db: Db, userId: number): Promise<void> {
  await q.deleteSessionsOf(db.kysely, userId)
}

function invalidToken(): AppError {
  return new AppError(422, 'account_token_invalid', { token: ['is invalid or has expired'] })
}
