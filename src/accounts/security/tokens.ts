// Single-use e-mailed tokens: a random secret goes into the link, only its SHA-256 into the
// database (as with sessions), so a copy of the database opens nothing.
import { createHash, randomBytes } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import * as q from './queries.ts'

type Q = Kysely<Database> | Transaction<Database>

export const TOKEN_LIFETIME_MS = {
  'password-reset': 60 * 60 * 1000,
  'email-verification': 24 * 60 * 60 * 1000,
} as const

export function hashSecret(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** Issues a token (the newest link is the only live one) and returns the raw secret, mailed once. */
export async function issueToken(db: Q, userId: number, purpose: q.TokenPurpose, email: string | null): Promise<string> {
  const token = randomBytes(32).toString('base64url')
  const now = new Date()
  await q.retireTokens(db, userId, purpose, now)
  await q.deleteStaleTokens(db, now)
  await q.insertToken(db, {
    id: hashSecret(token), user_id: userId, purpose, email, created_at: now, expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]),
  })
  return token
}

/** Base64url of 32 bytes; anything else is not one of ours and is never looked up. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token)
}
