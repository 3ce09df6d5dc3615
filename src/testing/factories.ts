// Test data made through the same services the app uses, so it obeys the same rules.
import { randomBytes } from 'node:crypto'
import type { Db } from '../db/database.ts'
import type { UserRow } from '../db/schema.ts'
import { createSession, signUp } from '../accounts/service.ts'
import { createStory, type StoryInput } from '../stories/service.ts'

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

/**
 * Many readers at once, each with an API token, for concurrency tests. Inserted directly with
 * one shared password hash: two hundred scrypt hashes would cost seconds and test nothing.
 */
export async function makeReaders(db: Db, count: number): Promise<{ id: number; token: string }[]> {
  const now = new Date()
  const prefix = uniqueName('reader')
  const rows = await db.kysely.insertInto('users').values(Array.from({ length: count }, (_, i) => ({
    username: `${prefix}_${i}`,
    username_key: `${prefix}_${i}`.toLowerCase(),
    email: `${prefix}_${i}@example.com`,
    password_hash: 'scrypt$16384$8$1$unused$unused',
    name: `Reader ${i}`,
    bio: null,
    image: null,
    created_at: now,
    updated_at: now,
  }))).returning('id').execute()
  return Promise.all(rows.map(async ({ id }) => ({ id, token: await createSession(db, id, 'api') })))
}

/** A published story by this user, through the API's service. */
export async function makeStory(db: Db, authorId: number, overrides: Partial<StoryInput> = {}) {
  return createStory(db, authorId, { title: 'A story worth reading', subtitle: 'And why', body: 'It begins here.\n\nAnd it ends here.', ...overrides })
}
