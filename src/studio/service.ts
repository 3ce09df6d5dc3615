// The studio's own reads: a writer's stories grouped as "Your stories" shows them.
import type { Db } from '../db/database.ts'
import type { StoryStatus } from '../db/schema.ts'
import { toDate } from '../db/codecs.ts'
import { storySlug } from '../stories/slug.ts'
import { writerStories, writerStoryCounts } from './queries.ts'

export const STORY_TABS = ['drafts', 'scheduled', 'published'] as const
export type StoryTab = (typeof STORY_TABS)[number]

const STATUSES: Record<StoryTab, StoryStatus[]> = {
  drafts: ['draft', 'submitted'],
  scheduled: ['scheduled'],
  published: ['published', 'unlisted'],
}

export type WriterStory = {
  slug: string
  title: string
  subtitle: string
  status: StoryStatus
  wordCount: number
  publication: string | null
  /** The story page: under its publication, else under its author. */
  path: string
  publishedAt: Date | null
  scheduledAt: Date | null
  updatedAt: Date
}

export async function yourStories(db: Db, author: { id: number; username: string }, tab: StoryTab): Promise<{ counts: Record<StoryTab, number>; stories: WriterStory[] }> {
  const [rows, byStatus] = await Promise.all([writerStories(db.kysely, author.id, STATUSES[tab], 500), writerStoryCounts(db.kysely, author.id)])
  const counts = Object.fromEntries(STORY_TABS.map((name) => [name, STATUSES[name].reduce((sum, status) => sum + (byStatus.get(status) ?? 0), 0)])) as Record<StoryTab, number>
  return {
    counts,
    stories: rows.map((row) => ({
      slug: storySlug(row.slug, row.short_id),
      path: row.publication_slug ? `/${row.publication_slug}/${storySlug(row.slug, row.short_id)}` : `/@${author.username}/${storySlug(row.slug, row.short_id)}`,
      title: row.title,
      subtitle: row.subtitle,
      status: row.status,
      wordCount: row.word_count,
      publication: row.publication_name,
      publishedAt: row.published_at === null ? null : toDate(row.published_at),
      scheduledAt: row.scheduled_at === null ? null : toDate(row.scheduled_at),
      updatedAt: toDate(row.updated_at),
    })),
  }
}
