// The writer's own stories for "Your stories": a read of the stories table, newest change first
// (only the stories feature writes it).
import type { Kysely } from 'kysely'
import type { Database, StoryStatus } from '../db/schema.ts'

export type WriterStoryRow = Awaited<ReturnType<typeof writerStories>>[number]

/** A writer's stories in these statuses, most recently changed first. */
export function writerStories(db: Kysely<Database>, authorId: number, statuses: StoryStatus[], limit: number) {
  return db.selectFrom('stories')
    .leftJoin('publications', 'publications.id', 'stories.publication_id')
    .select(['stories.short_id', 'stories.slug', 'stories.title', 'stories.subtitle', 'stories.status', 'stories.word_count', 'stories.reading_time',
      'stories.published_at', 'stories.scheduled_at', 'stories.updated_at', 'stories.clap_total', 'publications.name as publication_name', 'publications.slug as publication_slug'])
    .where('stories.author_id', '=', authorId)
    .where('stories.status', 'in', statuses)
    .orderBy(statuses.includes('scheduled') && statuses.length === 1 ? 'stories.scheduled_at' : 'stories.updated_at', statuses.includes('scheduled') && statuses.length === 1 ? 'asc' : 'desc')
    .orderBy('stories.id', 'desc')
    .limit(limit)
    .execute()
}

/** How many stories the writer has in each status. */
export async function writerStoryCounts(db: Kysely<Database>, authorId: number): Promise<Map<string, number>> {
  const rows = await db.selectFrom('stories').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('author_id', '=', authorId).groupBy('status').execute()
  return new Map(rows.map((row) => [row.status, Number(row.n)]))
}
