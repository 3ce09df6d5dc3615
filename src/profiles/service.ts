// Profiles: a person as others see them, and following them.
import type { Db } from '../db/database.ts'
import type { UserRow } from '../db/schema.ts'
import { notFound } from '../http/errors.ts'
import { userByUsername } from '../accounts/service.ts'
import * as q from './queries.ts'
import { notify } from '../notifications/service.ts'

export type Profile = {
  user: UserRow
  /** Whether the current reader follows this person. */
  following: boolean
}

export async function profileOf(db: Db, username: string, viewerId: number | null): Promise<Profile> {
  const user = await findUser(db, username)
  const following = viewerId !== null && viewerId !== user.id && (await q.isFollowing(db.kysely, viewerId, user.id))
  return { user, following }
}

/** Follows a person; following oneself is quietly a no-op (a profile always shows "not following"). */
export async function follow(db: Db, viewerId: number, username: string): Promise<Profile> {
  const user = await findUser(db, username)
  if (user.id !== viewerId) {
    await db.kysely.transaction().execute(async (trx) => {
      // Issue 5: a new follower is news for the person followed (following again is not).
      if (await q.insertFollow(trx, viewerId, user.id, new Date())) await notify(trx, { type: 'follow', recipientId: user.id, actorId: viewerId })
    })
  }
  return { user, following: user.id !== viewerId }
}

export async function unfollow(db: Db, viewerId: number, username: string): Promise<Profile> {
  const user = await findUser(db, username)
  await db.kysely.transaction().execute((trx) => q.deleteFollow(trx, viewerId, user.id))
  return { user, following: false }
}

export function followCounts(db: Db, userId: number) {
  return q.followCounts(db.kysely, userId)
}

async function findUser(db: Db, username: string): Promise<UserRow> {
  const user = await userByUsername(db, username)
  if (!user) throw notFound('profile', 'profile_not_found')
  return user
}
