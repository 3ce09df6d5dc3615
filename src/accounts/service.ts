// Accounts: sign up, sign in, sessions and tokens, profile settings. Rules live here; routes
// only translate HTTP to these calls.
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../db/database.ts'
import type { UserRow, UserUpdate } from '../db/schema.ts'
import { isUniqueViolation } from '../db/errors.ts'
import { conflict, invalid, type ErrorFields } from '../http/errors.ts'
import type { Viewer } from '../http/auth.ts'
import { hashPassword, verifyPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts'
import * as q from './queries.ts'
import { queueEmailChangedNotice, queueVerification } from './security/emails.ts'

const DAY = 24 * 60 * 60 * 1000
/** A browser session lasts 30 days from its last use. */
const WEB_SESSION_DAYS = 30
/** A RealWorld API token lasts a year from its last use, unless revoked. */
const API_TOKEN_DAYS = 365
/** last_used_at is written at most this often, keeping writes off the read path. */
const TOUCH_INTERVAL = 60 * 60 * 1000

export const USERNAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,39}$/
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Routes and pages that look like usernames but are ours. */
const RESERVED_USERNAMES = new Set(['api', 'admin', 'me', 'new-story', 'signin', 'signup', 'signout', 'settings', 'assets', 'media', 'feed', 'tag', 'tags', 'search', 'ovation', 'health', 'deleted', 'password-reset', 'verify-email'])

export type SignUpInput = { username?: string | null; email?: string | null; password?: string | null; name?: string | null }
export type UserChanges = { username?: string | null; email?: string | null; password?: string | null; bio?: string | null; image?: string | null; name?: string | null }

export async function signUp(db: Db, input: SignUpInput): Promise<UserRow> {
  const username = (input.username ?? '').trim()
  const email = (input.email ?? '').trim().toLowerCase()
  const password = input.password ?? ''
  const errors: ErrorFields = {}
  checkUsername(errors, username)
  checkEmail(errors, email)
  checkPassword(errors, password)
  if (Object.keys(errors).length) throw invalid(errors)
  const now = new Date()
  const passwordHash = await hashPassword(password)
  return db.kysely.transaction().execute(async (trx) => {
    await ensureAvailable(trx, { username, email })
    try {
      const user = await q.insertUser(trx, {
        username,
        username_key: username.toLowerCase(),
        email,
        password_hash: passwordHash,
        name: input.name?.trim() || username,
        bio: null,
        image: null,
        created_at: now,
        updated_at: now,
      })
      // Issue 9: an address counts as the person's only once they follow the link mailed to it.
      await queueVerification(trx, user.id, user.email)
      return user
    } catch (error) {
      // Two sign-ups racing for one name: the unique index decides, the loser hears why.
      if (isUniqueViolation(error)) await ensureAvailable(trx, { username, email })
      throw error
    }
  })
}

/** The user whose email and password match, or undefined. */
export async function checkCredentials(db: Db, email: string, password: string): Promise<UserRow | undefined> {
  const user = await q.userByEmail(db.kysely, email.trim())
  // Hash even for an unknown address, so the answer takes as long either way.
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'))
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash))
  return user && ok ? user : undefined
}
let dummyHash: Promise<string> | undefined

/** Opens a session (a cookie) or issues an API token; returns the raw token, shown once. */
export async function createSession(db: Db, userId: number, kind: 'web' | 'api', userAgent: string | null = null): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  await q.insertSession(db.kysely, {
    id: hashToken(token),
    user_id: userId,
    kind,
    user_agent: userAgent?.slice(0, 300) ?? null,
    now,
    expires_at: new Date(now.getTime() + (kind === 'web' ? WEB_SESSION_DAYS : API_TOKEN_DAYS) * DAY),
  })
  return token
}

export async function resolveSession(db: Db, token: string, via: 'cookie' | 'token'): Promise<Viewer | null> {
  if (token.length > 200) return null
  const now = new Date()
  const id = hashToken(token)
  const row = await q.sessionWithUser(db.kysely, id, now)
  if (!row) return null
  // A cookie cannot be used as an API token and vice versa: each is revoked on its own.
  if ((via === 'cookie') !== (row.kind === 'web')) return null
  if (now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL) {
    const days = row.kind === 'web' ? WEB_SESSION_DAYS : API_TOKEN_DAYS
    await q.touchSession(db.kysely, id, now, new Date(now.getTime() + days * DAY))
  }
  return { id: row.id, username: row.username, name: row.name, image: row.image, sessionId: row.session_id, via, token }
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await q.deleteSession(db.kysely, sessionId)
}

export async function updateUser(db: Db, userId: number, changes: UserChanges): Promise<UserRow> {
  const errors: ErrorFields = {}
  const update: UserUpdate = {}
  if (changes.username !== undefined) {
    const username = (changes.username ?? '').trim()
    checkUsername(errors, username)
    update.username = username
    update.username_key = username.toLowerCase()
  }
  if (changes.email !== undefined) {
    const email = (changes.email ?? '').trim().toLowerCase()
    checkEmail(errors, email)
    update.email = email
  }
  if (changes.password !== undefined) {
    checkPassword(errors, changes.password ?? '')
    if (!errors.password) update.password_hash = await hashPassword(changes.password ?? '')
  }
  if (changes.bio !== undefined) {
    const bio = changes.bio?.trim() || null
    if (bio && bio.length > 160) errors.bio = ['is too long (maximum is 160 characters)']
    update.bio = bio
  }
  if (changes.image !== undefined) {
    const image = changes.image?.trim() || null
    if (image && !/^https?:\/\/\S+$/i.test(image)) errors.image = ['must be an http(s) URL']
    if (image && image.length > 2000) errors.image = ['is too long']
    update.image = image
  }
  if (changes.name !== undefined) {
    const name = changes.name?.trim() ?? ''
    if (!name) errors.name = ["can't be blank"]
    else if (name.length > 80) errors.name = ['is too long (maximum is 80 characters)']
    update.name = name
  }
  if (Object.keys(errors).length) throw invalid(errors)
  return db.kysely.transaction().execute(async (trx) => {
    await ensureAvailable(trx, { username: update.username, email: update.email }, userId)
    const before = update.email === undefined ? undefined : await q.userById(trx, userId)
    const changesEmail = before !== undefined && update.email !== before.email
    // Issue 9: a new address replaces the old one at once but is unverified until its owner
    // follows the mailed link; the old address hears of the change (it may not be its owner's doing).
    if (changesEmail) update.email_verified_at = null
    const user = await q.updateUserRow(trx, userId, { ...update, updated_at: new Date() })
    if (changesEmail) {
      await queueVerification(trx, userId, user.email)
      await queueEmailChangedNotice(trx, userId, before.email, user.email)
    }
    return user
  })
}

export function userById(db: Db, id: number): Promise<UserRow | undefined> {
  return q.userById(db.kysely, id)
}

export function userByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return q.userByUsername(db.kysely, username)
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

async function ensureAvailable(trx: Parameters<typeof q.userById>[0], wanted: { username?: string | undefined; email?: string | undefined }, selfId?: number) {
  const errors: ErrorFields = {}
  if (wanted.username) {
    const other = await q.userByUsername(trx, wanted.username)
    if (other && other.id !== selfId) errors.username = ['has already been taken']
  }
  if (wanted.email) {
    const other = await q.userByEmail(trx, wanted.email)
    if (other && other.id !== selfId) errors.email = ['has already been taken']
  }
  // RealWorld answers 409 Conflict for a taken name or address (its suite checks).
  if (errors.username) throw conflict('username_taken', errors)
  if (errors.email) throw conflict('email_taken', errors)
}

function checkUsername(errors: ErrorFields, username: string) {
  if (!username) errors.username = ["can't be blank"]
  else if (username.length > 40) errors.username = ['is too long (maximum is 40 characters)']
  else if (!USERNAME_PATTERN.test(username)) errors.username = ['may use only letters, digits, _ and -']
  else if (RESERVED_USERNAMES.has(username.toLowerCase())) errors.username = ['has already been taken']
}

function checkEmail(errors: ErrorFields, email: string) {
  if (!email) errors.email = ["can't be blank"]
  else if (email.length > 254 || !EMAIL_PATTERN.test(email)) errors.email = ['is invalid']
}

function checkPassword(errors: ErrorFields, password: string) {
  const problems = passwordErrors(password)
  if (problems) errors.password = problems
}

/** What is wrong with a new password (sign-up's rules, used by every way of setting one). */
export function passwordErrors(password: string): string[] | undefined {
  if (!password) return ["can't be blank"]
  if (password.length < PASSWORD_MIN_LENGTH) return [`is too short (minimum is ${PASSWORD_MIN_LENGTH} characters)`]
  if (password.length > PASSWORD_MAX_LENGTH) return [`is too long (maximum is ${PASSWORD_MAX_LENGTH} characters)`]
  return undefined
}
