// Sign-in throttling by account and by client address, and sign-up limits by address. The
// state lives in the database, so it holds whichever instance a request reaches.
//
// An account: the first SIGNIN_BACKOFF_AFTER failures are free; each further failure makes the
// next attempt wait 1 s, 2 s, 4 s, ... (refused unchecked until then), and SIGNIN_LOCK_AFTER
// failures lock the account for SIGNIN_LOCK_MINUTES. A success clears the account's record.
// An address: SIGNIN_ADDRESS_LOCK_AFTER failures, on any accounts, lock the address likewise
// (many people may share one address, so its count is higher and only a success elsewhere
// does not clear it). Failures are forgotten a day after the last one.
import type { Config } from '../../config.ts'
import type { Db } from '../../db/database.ts'
import { AppError } from '../../http/errors.ts'
import * as q from './queries.ts'

const FORGET_AFTER_MS = 24 * 60 * 60 * 1000
const HOUR = 60 * 60 * 1000

export type ThrottleSettings = Pick<Config, 'signInBackoffAfter' | 'signInLockAfter' | 'signInLockMinutes' | 'signInAddressLockAfter' | 'signUpsPerHour'>

export class TooManyAttempts extends AppError {
  retryAfterSeconds: number
  constructor(retryAfterSeconds: number, field: 'credentials' | 'email') {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
    super(429, 'too_many_attempts', { [field]: [`too many attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`] })
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds))
  }
}

function keys(email: string, address: string) {
  return { account: `account:${email.trim().toLowerCase()}`, address: `address:${address}` }
}

/** Throws TooManyAttempts while the account or the address is waiting out a back-off or lock. */
export async function checkSignInAllowed(db: Db, email: string, address: string, now = new Date()): Promise<void> {
  const { account, address: addressKey } = keys(email, address)
  const rows = await Promise.all([q.throttleOf(db.kysely, account), q.throttleOf(db.kysely, addressKey)])
  let wait = 0
  for (const row of rows) {
    if (!row?.blocked_until) continue
    wait = Math.max(wait, new Date(row.blocked_until).getTime() - now.getTime())
  }
  if (wait > 0) throw new TooManyAttempts(wait / 1000, 'credentials')
}

/** Counts a failure against the account and the address; returns the account's new wait, if any. */
export async function recordSignInFailure(db: Db, settings: ThrottleSettings, email: string, address: string, now = new Date()): Promise<void> {
  const { account, address: addressKey } = keys(email, address)
  await db.kysely.transaction().execute(async (trx) => {
    for (const key of [account, addressKey]) {
      const row = await q.throttleOf(trx, key)
      const fresh = !row || now.getTime() - new Date(row.last_failure_at).getTime() > FORGET_AFTER_MS
      const failures = (fresh ? 0 : row.failures) + 1
      await q.saveThrottle(trx, { key, failures, last_failure_at: now, blocked_until: blockedUntil(settings, key === account, failures, now) })
    }
  })
}

export async function recordSignInSuccess(db: Db, email: string): Promise<void> {
  await q.clearThrottle(db.kysely, keys(email, '').account)
}

function blockedUntil(settings: ThrottleSettings, isAccount: boolean, failures: number, now: Date): Date | null {
  const lock = new Date(now.getTime() + settings.signInLockMinutes * 60_000)
  if (!isAccount) return failures >= settings.signInAddressLockAfter ? lock : null
  if (failures >= settings.signInLockAfter) return lock
  if (failures < settings.signInBackoffAfter) return null
  const seconds = 2 ** (failures - settings.signInBackoffAfter)
  return new Date(now.getTime() + seconds * 1000)
}

/** Throws TooManyAttempts when the address made its hour's share of accounts. */
export async function checkSignUpAllowed(db: Db, settings: ThrottleSettings, address: string, now = new Date()): Promise<void> {
  const count = await q.signUpsSince(db.kysely, address, new Date(now.getTime() - HOUR))
  if (count >= settings.signUpsPerHour) throw new TooManyAttempts(HOUR / 1000, 'email')
}

export async function recordSignUp(db: Db, address: string, now = new Date()): Promise<void> {
  await q.recordSignUp(db.kysely, address, now, new Date(now.getTime() - HOUR))
}
