// Test data made through the same services the app uses, so it obeys the same rules.
import { randomBytes } from 'node:crypto'
import type { Db } from '../db/database.ts'
import type { UserRow } from '../db/schema.ts'
import { createSession, signUp } from '../accounts/service.ts'

export type TestUser = { user: UserRow; token: string; password: string }

let counter = 0

export function uniqueName(prefix = 'user'): string {
  counter += 1
  return `${prefix}_${counter}_${randomBytes(3).toString('hex')}`
}

/** A user with an API token. */
export async function makeUser(db: Db, overrides: { username?: string; name?: string; password?: string } = {}): Promise<TestUser> {
  const username = overrides.username ?? uniqueName()
  const password = overrides.password ?? 'correct horse battery'
  const user = await signUp(db, { username, email: `${username}@example.com`, password, name: overrides.name ?? null })
  const token = await createSession(db, user.id, 'api')
  return { user, token, password }
}
