// The reads a writer's archive needs: read-only, across the tables of the features whose data it
// carries (stories, responses, highlights, lists, claps, follows). Nothing here writes.
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'

type Q = Kysely<Database>

export function userRow(db: Q, userId: number) {
  return db.selectFrom('users').select(['id', 'username', 'name', 'email', 'bio', 'image', 'created_at']).where('id', '=', userId).executeTakeFirst()
}

export function storiesOf(db: Q, userId: number) {
  return db.selectFrom('stories')
    .leftJoin('publications', 'publications.id', 'stories.publication_id')
    .select([
      'stories.id', 'stories.short_id', 'stories.slug', 'stories.title', 'stories.subtitle', 'stories.body', 'stories.status',
      'stories.canonical_url', 'stories.cover_image', 'stories.cover_alt', 'stories.published_at', 'stories.created_at', 'stories.updated_at',
      'stories.clap_total', 'stories.reading_time', 'publications.slug as publication_slug',
    ])
    .where('stories.author_id', '=', userId).orderBy('stories.id').execute()
}

export async function tagsOf(db: Q, storyIds: number[]): Promise<Map<number, string[]>> {
  const tags = new Map<number, string[]>()
  if (!storyIds.length) return tags
  const rows = await db.selectFrom('story_tags').innerJoin('tags', 'tags.id', 'story_tags.tag_id')
    .select(['story_tags.story_id', 'tags.name']).where('story_tags.story_id', 'in', storyIds).orderBy('story_tags.story_id').orderBy('story_tags.position').execute()
  for (const row of rows) tags.set(row.story_id, [...(tags.get(row.story_id) ?? []), row.name])
  return tags
}

/** A story as a link: for the things a writer did on other people's stories. */
const storyRef = ['stories.title as story_title', 'stories.slug as story_slug', 'stories.short_id as story_short_id', 'author.username as story_author'] as const

export function responsesOf(db: Q, userId: number) {
  return db.selectFrom('responses').innerJoin('stories', 'stories.id', 'responses.story_id').innerJoin('users as author', 'author.id', 'stories.author_id')
    .select(['responses.id', 'responses.body', 'responses.parent_id', 'responses.quote', 'responses.block_id', 'responses.created_at', 'responses.updated_at', ...storyRef])
    .where('responses.author_id', '=', userId).orderBy('responses.id').execute()
}

export function highlightsOf(db: Q, userId: number) {
  return db.selectFrom('highlights').innerJoin('stories', 'stories.id', 'highlights.story_id').innerJoin('users as author', 'author.id', 'stories.author_id')
    .select(['highlights.block_id', 'highlights.start_offset', 'highlights.end_offset', 'highlights.quote', 'highlights.created_at', ...storyRef])
    .where('highlights.user_id', '=', userId).orderBy('highlights.id').execute()
}

export function listsOf(db: Q, userId: number) {
  return db.selectFrom('lists').select(['id', 'name', 'private', 'is_default', 'created_at']).where('user_id', '=', userId).orderBy('id').execute()
}

export function listItemsOf(db: Q, userId: number) {
  return db.selectFrom('list_items').innerJoin('lists', 'lists.id', 'list_items.list_id')
    .innerJoin('stories', 'stories.id', 'list_items.story_id').innerJoin('users as author', 'author.id', 'stories.author_id')
    .select(['list_items.list_id', 'list_items.created_at', ...storyRef])
    .where('lists.user_id', '=', userId).orderBy('list_items.list_id').orderBy('list_items.position').execute()
}

export function clapsOf(db: Q, userId: number) {
  return db.selectFrom('claps').innerJoin('stories', 'stories.id', 'claps.story_id').innerJoin('users as author', 'author.id', 'stories.author_id')
    .select(['claps.count', 'claps.updated_at', ...storyRef]).where('claps.user_id', '=', userId).orderBy('claps.story_id').execute()
}

export function followersOf(db: Q, userId: number) {
  return db.selectFrom('follows').innerJoin('users', 'users.id', 'follows.follower_id')
    .select(['users.username', 'users.name', 'follows.created_at']).where('follows.followee_id', '=', userId).orderBy('users.username').execute()
}

export function followingOf(db: Q, userId: number) {
  return db.selectFrom('follows').innerJoin('users', 'users.id', 'follows.followee_id')
    .select(['users.username', 'users.name', 'follows.created_at']).where('follows.follower_id', '=', userId).orderBy('users.username').execute()
}

export function followedPublicationsOf(db: Q, userId: number) {
  return db.selectFrom('publication_follows').innerJoin('publications', 'publications.id', 'publication_follows.publication_id')
    .select(['publications.slug', 'publications.name', 'publication_follows.created_at']).where('publication_follows.user_id', '=', userId).orderBy('publications.slug').execute()
}

export function followedTagsOf(db: Q, userId: number) {
  return db.selectFrom('tag_follows').innerJoin('tags', 'tags.id', 'tag_follows.tag_id')
    .select(['tags.name', 'tags.key', 'tag_follows.created_at']).where('tag_follows.user_id', '=', userId).orderBy('tags.key').execute()
}
