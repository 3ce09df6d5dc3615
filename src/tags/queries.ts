// Every statement on tag_follows, plus the read-only joins a tag page needs on stories,
// story_tags and claps (which the stories and claps features write).
import type { Kysely, Transaction } from 'kysely'
import type { Database, TagRow } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export function tagByKey(db: Q, key: string): Promise<TagRow | undefined> {
  return db.selectFrom('tags').selectAll().where('key', '=', key).executeTakeFirst()
}

/** How many published stories carry the tag. */
export async function publishedStoryCount(db: Q, tagId: number): Promise<number> {
  const row = await db.selectFrom('story_tags')
    .innerJoin('stories', 'stories.id', 'story_tags.story_id')
    .where('story_tags.tag_id', '=', tagId)
    .where('stories.status', '=', 'published')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Ids of the tag's published stories, most clapped first: by the claps given since `since`
 * (claps rows whose updated_at falls in the period), or by all claps ever (clap_total) when
 * `since` is null. Stories without claps in the period follow; ties go to the newer story.
 */
export async function topStoryIds(db: Q, tagId: number, since: Date | null, limit: number, offset: number): Promise<number[]> {
  const tagged = db.selectFrom('stories')
    .innerJoin('story_tags', 'story_tags.story_id', 'stories.id')
    .where('story_tags.tag_id', '=', tagId)
    .where('stories.status', '=', 'published')
  const ranked = since === null
    ? tagged.select('stories.id').orderBy('stories.clap_total', 'desc')
    : tagged
      .leftJoin(
        (eb) => eb.selectFrom('claps')
          .innerJoin('story_tags as clapped', 'clapped.story_id', 'claps.story_id')
          .where('clapped.tag_id', '=', tagId)
          .where('claps.updated_at', '>=', since)
          .select(['claps.story_id', (c) => c.fn.sum<number | string>('claps.count').as('claps')])
          .groupBy('claps.story_id')
          .as('period'),
        (join) => join.onRef('period.story_id', '=', 'stories.id'),
      )
      .select('stories.id')
      .orderBy((eb) => eb.fn.coalesce('period.claps', eb.lit(0)), 'desc')
  const rows = await ranked.orderBy('stories.published_at', 'desc').orderBy('stories.id', 'desc').limit(limit).offset(offset).execute()
  return rows.map((row) => row.id)
}

/** The tags most often on the same published stories as this one, most shared first. */
export async function relatedTags(db: Q, tagId: number, limit: number): Promise<{ key: string; name: string }[]> {
  const rows = await db.selectFrom('story_tags as mine')
    .innerJoin('stories', 'stories.id', 'mine.story_id')
    .innerJoin('story_tags as other', 'other.story_id', 'mine.story_id')
    .innerJoin('tags', 'tags.id', 'other.tag_id')
    .where('mine.tag_id', '=', tagId)
    .where('other.tag_id', '<>', tagId)
    .where('stories.status', '=', 'published')
    .select(['tags.key', 'tags.name', (eb) => eb.fn.countAll<number | string>().as('shared')])
    .groupBy(['tags.id', 'tags.key', 'tags.name'])
    .orderBy('shared', 'desc')
    .orderBy('tags.key')
    .limit(limit)
    .execute()
  return rows.map(({ key, name }) => ({ key, name }))
}

export async function followerCount(db: Q, tagId: number): Promise<number> {
  const row = await db.selectFrom('tag_follows').where('tag_id', '=', tagId).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function isFollowing(db: Q, userId: number, tagId: number): Promise<boolean> {
  const row = await db.selectFrom('tag_follows').select('tag_id').where('user_id', '=', userId).where('tag_id', '=', tagId).executeTakeFirst()
  return row !== undefined
}

export async function insertFollow(db: Q, userId: number, tagId: number, now: Date): Promise<void> {
  await db.insertInto('tag_follows').values({ user_id: userId, tag_id: tagId, created_at: now })
    .onConflict((oc) => oc.columns(['user_id', 'tag_id']).doNothing()).execute()
}

export async function deleteFollow(db: Q, userId: number, tagId: number): Promise<void> {
  await db.deleteFrom('tag_follows').where('user_id', '=', userId).where('tag_id', '=', tagId).execute()
}
