// Every statement on users and sessions.
import type { Kysely, Transaction } from 'kysely'
import type { Database, NewUserRow, UserRow, UserUpdate } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export function userById(db: Q, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export function userByEmail(db: Q, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst()
}

export function userByUsername(db: Q, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username_key', '=', username.toLowerCase()).executeTakeFirst()
}

export async function insertUser(db: Q, row: NewUserRow): Promise<UserRow> {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow()
}

export async function updateUserRow(db: Q, id: number, changes: UserUpdate): Promise<UserRow> {
  return db.updateTable('users').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow()
}

export async function insertSession(
  db: Q,
  row: { id: string; user_id: number; kind: 'web' | 'api'; user_agent: string | null; now: Date; expires_at: Date },
): Promise<void> {
  const { now, ...rest } = row
  await db.insertInto('sessions').values({ ...rest, created_at: now, last_used_at: now }).execute()
}

/** The live session with its user, or undefined when unknown or expired. */
export function sessionWithUser(db: Q, id: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.kind', 'sessions.last_used_at', 'users.id', 'users.username', 'users.name', 'users.image'])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst()
}

export async function touchSession(db: Q, id: string, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_used_at: now, expires_at: expiresAt }).where('id', '=', id).execute()
}

export async function deleteSession(db: Q, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute()
}
