// Every statement on story_revisions. Only the stories feature writes them: a revision is
// recorded in the same transaction as the story change it keeps.
import type { Kysely, Transaction } from 'kysely'
import type { Database, StoryRevisionKind } from '../../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export type NewRevision = { storyId: number; userId: number | null; kind: StoryRevisionKind; title: string; subtitle: string; body: string; at: Date }

export async function insertRevision(db: Q, revision: NewRevision): Promise<number> {
  const { id } = await db.insertInto('story_revisions').values({
    story_id: revision.storyId,
    user_id: revision.userId,
    kind: revision.kind,
    title: revision.title,
    subtitle: revision.subtitle,
    body: revision.body,
    created_at: revision.at,
  }).returning('id').executeTakeFirstOrThrow()
  return Number(id)
}

/** When the story's latest revision was made, or undefined for a story without any. */
export async function latestRevisionAt(db: Q, storyId: number): Promise<Date | string | undefined> {
  const row = await db.selectFrom('story_revisions').select('created_at').where('story_id', '=', storyId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
  return row?.created_at
}

/** A story's revisions, newest first, without their bodies. */
export function revisionsOf(db: Q, storyId: number, limit: number) {
  return db.selectFrom('story_revisions')
    .leftJoin('users', 'users.id', 'story_revisions.user_id')
    .select(['story_revisions.id', 'story_revisions.kind', 'story_revisions.title', 'story_revisions.created_at', 'users.username', 'users.name'])
    .where('story_revisions.story_id', '=', storyId)
    .orderBy('story_revisions.created_at', 'desc').orderBy('story_revisions.id', 'desc')
    .limit(limit)
    .execute()
}

/** One revision of one story, with its body (undefined when the id is another story's). */
export function revisionOf(db: Q, storyId: number, id: number) {
  return db.selectFrom('story_revisions')
    .leftJoin('users', 'users.id', 'story_revisions.user_id')
    .select(['story_revisions.id', 'story_revisions.kind', 'story_revisions.title', 'story_revisions.subtitle', 'story_revisions.body',
      'story_revisions.created_at', 'users.username', 'users.name'])
    .where('story_revisions.story_id', '=', storyId).where('story_revisions.id', '=', id)
    .executeTakeFirst()
}

/** The revision made just before this one, to diff against. */
export function revisionBefore(db: Q, storyId: number, id: number) {
  return db.selectFrom('story_revisions').select(['id', 'title', 'subtitle', 'body'])
    .where('story_id', '=', storyId).where('id', '<', id)
    .orderBy('id', 'desc').limit(1).executeTakeFirst()
}

/** The story's latest revision, with its body. */
export function latestRevision(db: Q, storyId: number) {
  return db.selectFrom('story_revisions').select(['id', 'kind', 'title', 'subtitle', 'body', 'created_at'])
    .where('story_id', '=', storyId)
    .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()
}

export async function updateRevision(db: Q, id: number, content: { title: string; subtitle: string; body: string; at: Date; userId: number }): Promise<void> {
  await db.updateTable('story_revisions')
    .set({ title: content.title, subtitle: content.subtitle, body: content.body, created_at: content.at, user_id: content.userId })
    .where('id', '=', id).execute()
}
