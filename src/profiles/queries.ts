// Every statement on follows (between people; publications and tags come later).
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export async function isFollowing(db: Q, followerId: number, followeeId: number): Promise<boolean> {
  const row = await db.selectFrom('follows').select('follower_id').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).executeTakeFirst()
  return row !== undefined
}

/** True when the follow is new. */
export async function insertFollow(db: Q, followerId: number, followeeId: number, now: Date): Promise<boolean> {
  const rows = await db.insertInto('follows').values({ follower_id: followerId, followee_id: followeeId, created_at: now })
    .onConflict((oc) => oc.columns(['follower_id', 'followee_id']).doNothing()).returning('follower_id').execute()
  return rows.length > 0
}

export async function deleteFollow(db: Q, followerId: number, followeeId: number): Promise<void> {
  await db.deleteFrom('follows').where('follower_id', '=', followerId).where('followee_id', '=', followeeId).execute()
}

export async function followCounts(db: Q, userId: number): Promise<{ followers: number; following: number }> {
  const [followers, following] = await Promise.all([
    db.selectFrom('follows').select((eb) => eb.fn.countAll<number | string>().as('n')).where('followee_id', '=', userId).executeTakeFirstOrThrow(),
    db.selectFrom('follows').select((eb) => eb.fn.countAll<number | string>().as('n')).where('follower_id', '=', userId).executeTakeFirstOrThrow(),
  ])
  return { followers: Number(followers.n), following: Number(following.n) }
}
