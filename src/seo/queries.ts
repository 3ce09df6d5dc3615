// Read-only queries for the sitemaps: what is public (published stories, and the writers,
// publications and tags that have one), with when it last changed. Sitemaps are cut into
// chunks by id range, so a chunk's address stays the same as rows are added, and no chunk
// needs an OFFSET scan.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../db/schema.ts'

type Q = Kysely<Database>

export type Chunk = { chunk: number; lastmod: Date | string | null }

// Integer division on both engines (both operands are integers); the size is a constant of
// ours, so it is written as a literal rather than bound, keeping the grouped expression
// identical in SELECT and GROUP BY.
function chunkOf(column: 'stories.id' | 'users.id' | 'publications.id' | 'tags.id', size: number): RawBuilder<number> {
  return sql<number>`(${sql.ref(column)} - 1) / ${sql.lit(size)} + 1`
}

function published(db: Q) {
  return db.selectFrom('stories').where('stories.status', '=', 'published')
}

export async function storyChunks(db: Q, size: number): Promise<Chunk[]> {
  const chunk = chunkOf('stories.id', size)
  return published(db).select([chunk.as('chunk'), (eb) => eb.fn.max('stories.updated_at').as('lastmod')]).groupBy(chunk).orderBy('chunk').execute()
}

export function storiesInRange(db: Q, fromId: number, toId: number) {
  return published(db)
    .innerJoin('users', 'users.id', 'stories.author_id')
    .leftJoin('publications', 'publications.id', 'stories.publication_id')
    .select(['stories.slug', 'stories.short_id', 'stories.updated_at as lastmod', 'users.username', 'publications.slug as publication_slug'])
    .where('stories.id', '>=', fromId)
    .where('stories.id', '<=', toId)
    .orderBy('stories.id')
    .execute()
}

export async function peopleChunks(db: Q, size: number): Promise<Chunk[]> {
  const chunk = chunkOf('users.id', size)
  return published(db).innerJoin('users', 'users.id', 'stories.author_id')
    .select([chunk.as('chunk'), (eb) => eb.fn.max('stories.updated_at').as('lastmod')]).groupBy(chunk).orderBy('chunk').execute()
}

export function peopleInRange(db: Q, fromId: number, toId: number) {
  return published(db).innerJoin('users', 'users.id', 'stories.author_id')
    .select(['users.username', (eb) => eb.fn.max('stories.updated_at').as('lastmod')])
    .where('users.id', '>=', fromId)
    .where('users.id', '<=', toId)
    .groupBy(['users.id', 'users.username'])
    .orderBy('users.id')
    .execute()
}

export async function publicationChunks(db: Q, size: number): Promise<Chunk[]> {
  const chunk = chunkOf('publications.id', size)
  return published(db).innerJoin('publications', 'publications.id', 'stories.publication_id')
    .select([chunk.as('chunk'), (eb) => eb.fn.max('stories.updated_at').as('lastmod')]).groupBy(chunk).orderBy('chunk').execute()
}

export function publicationsInRange(db: Q, fromId: number, toId: number) {
  return published(db).innerJoin('publications', 'publications.id', 'stories.publication_id')
    .select(['publications.slug', (eb) => eb.fn.max('stories.updated_at').as('lastmod')])
    .where('publications.id', '>=', fromId)
    .where('publications.id', '<=', toId)
    .groupBy(['publications.id', 'publications.slug'])
    .orderBy('publications.id')
    .execute()
}

function taggedStories(db: Q) {
  return published(db).innerJoin('story_tags', 'story_tags.story_id', 'stories.id').innerJoin('tags', 'tags.id', 'story_tags.tag_id')
}

export async function tagChunks(db: Q, size: number): Promise<Chunk[]> {
  const chunk = chunkOf('tags.id', size)
  return taggedStories(db).select([chunk.as('chunk'), (eb) => eb.fn.max('stories.updated_at').as('lastmod')]).groupBy(chunk).orderBy('chunk').execute()
}

export function tagsInRange(db: Q, fromId: number, toId: number) {
  return taggedStories(db)
    .select(['tags.key', (eb) => eb.fn.max('stories.updated_at').as('lastmod')])
    .where('tags.id', '>=', fromId)
    .where('tags.id', '<=', toId)
    .groupBy(['tags.id', 'tags.key'])
    .orderBy('tags.id')
    .execute()
}
