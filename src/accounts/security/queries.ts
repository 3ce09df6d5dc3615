// Every statement on account tokens, sign-in throttles and sign-up attempts, and the session
// listing of the security page.
import type { Kysely, Transaction } from 'kysely'
import type { AccountTokenTable, Database } from '../../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>
export type TokenPurpose = AccountTokenTable['purpose']

export async function insertToken(db: Q, row: { id: string; user_id: number; purpose: TokenPurpose; email: string | null; created_at: Date; expires_at: Date }): Promise<void> {
  await db.insertInto('account_tokens').values(row).execute()
}

/**
 * Marks a live token used and returns it; undefined when unknown, expired or used. The update's
 * own `used_at is null` makes two racing uses yield one winner.
 */
export function useToken(db: Q, id: string, purpose: TokenPurpose, now: Date) {
  return db.updateTable('account_tokens').set({ used_at: now })
    .where('id', '=', id).where('purpose', '=', purpose).where('used_at', 'is', null).where('expires_at', '>', now)
    .returning(['user_id', 'email'])
    .executeTakeFirst()
}

/** A token's state without using it (the reset page shows "expired" before asking for a password). */
export function liveToken(db: Q, id: string, purpose: TokenPurpose, now: Date) {
  return db.selectFrom('account_tokens').select(['user_id', 'email'])
    .where('id', '=', id).where('purpose', '=', purpose).where('used_at', 'is', null).where('expires_at', '>', now)
    .executeTakeFirst()
}

/** Spends every other token of the purpose: the newest link mailed is the only one that works. */
export async function retireTokens(db: Q, userId: number, purpose: TokenPurpose, now: Date): Promise<void> {
  await db.updateTable('account_tokens').set({ used_at: now })
    .where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute()
}

export async function deleteStaleTokens(db: Q, now: Date): Promise<void> {
  await db.deleteFrom('account_tokens').where('expires_at', '<', now).execute()
}

export function throttleOf(db: Q, key: string) {
  return db.selectFrom('sign_in_throttles').selectAll().where('key', '=', key).executeTakeFirst()
}

export async function saveThrottle(db: Q, row: { key: string; failures: number; last_failure_at: Date; blocked_until: Date | null }): Promise<void> {
  await db.insertInto('sign_in_throttles').values(row)
    .onConflict((c) => c.column('key').doUpdateSet({ failures: row.failures, last_failure_at: row.last_failure_at, blocked_until: row.blocked_until }))
    .execute()
}

export async function clearThrottle(db: Q, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttles').where('key', '=', key).execute()
}

export async function signUpsSince(db: Q, address: string, since: Date): Promise<number> {
  const row = await db.selectFrom('sign_up_attempts').select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('address', '=', address).where('created_at', '>', since).executeTakeFirst()
  return Number(row?.n ?? 0)
}

export async function recordSignUp(db: Q, address: string, now: Date, forgetBefore: Date): Promise<void> {
  await db.deleteFrom('sign_up_attempts').where('address', '=', address).where('created_at', '<=', forgetBefore).execute()
  await db.insertInto('sign_up_attempts').values({ address, created_at: now }).execute()
}

export function liveSessionsOf(db: Q, userId: number, now: Date) {
  return db.selectFrom('sessions').select(['id', 'kind', 'user_agent', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId).where('expires_at', '>', now)
    .orderBy('last_used_at', 'desc')
    .execute()
}

export async function deleteSessionsOf(db: Q, userId: number, except?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId)
  if (except) query = query.where('id', '!=', except)
  await query.execute()
}

export async function deleteSessionOf(db: Q, userId: number, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '=', id).execute()
}

export async function setVerified(db: Q, userId: number, email: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('users').set({ email_verified_at: now })
    .where('id', '=', userId).where('email', '=', email).executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}
