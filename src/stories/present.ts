// The RealWorld article object plus Ovation's additions, written out field by field.
import { toDate } from '../db/codecs.ts'
import { Lru } from '../web/lru.ts'
import { documentToMarkdown } from './document/to-markdown.ts'
import type { StoryDocument } from './document/types.ts'
import { storySlug } from './slug.ts'
import type { Story } from './story.ts'

export type ArticleJson = ReturnType<typeof presentArticle>

/** The path of a story's page: under its publication when it has one, else under its author. */
export function storyPath(story: Story): string {
  const slug = storySlug(story.row.slug, story.row.short_id)
  return story.publication ? `/${story.publication.slug}/${slug}` : `/@${story.author.username}/${slug}`
}

export function presentArticle(story: Story, baseUrl: string, withBody = true) {
  const { row } = story
  return {
    slug: storySlug(row.slug, row.short_id),
    title: row.title,
    description: row.subtitle,
    // The block document beside the Markdown (issue 5): clients anchor highlights and passage
    // responses to its block ids.
    ...(withBody ? { body: markdownOf(row), document: JSON.parse(row.body) as StoryDocument } : {}),
    // Alphabetical, as RealWorld clients expect (their suite checks); pages keep the writer's order.
    tagList: [...story.tags].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
    createdAt: toDate(row.created_at).toISOString(),
    updatedAt: toDate(row.updated_at).toISOString(),
    favorited: story.myClaps > 0,
    favoritesCount: row.fan_count,
    author: {
      username: story.author.username,
      bio: story.author.bio,
      image: story.author.image,
      following: story.author.following,
      // Their title at the story's publication ("U.S. Politics Editor"), issue 4.
      title: row.author_title ?? null,
    },
    subtitle: row.subtitle,
    claps: row.clap_total,
    myClaps: story.myClaps,
    readingTime: row.reading_time,
    url: baseUrl + storyPath(story),
    status: row.status,
    publication: story.publication?.slug ?? null,
    publishedAt: row.published_at === null ? null : toDate(row.published_at).toISOString(),
    canonicalUrl: row.canonical_url,
    coverImage: row.cover_image,
    coverAlt: row.cover_alt,
    version: row.version,
    scheduledAt: row.scheduled_at === null ? null : toDate(row.scheduled_at).toISOString(),
  }
}

/** The Markdown as the writer sent it, or generated from the document when edited as blocks. */
export function markdownOf(row: { markdown: string | null; body: string; short_id: string; updated_at: Date | string }): string {
  const { markdown, body } = row
  if (markdown !== null) return markdown
  // Generating Markdown walks the whole document; the same body is asked for again and again
  // (every clap answers with the article), so keep recent results.
  const version = `${row.short_id}:${toDate(row.updated_at).getTime()}`
  let generated = generatedMarkdown.get(version)
  if (generated === undefined) {
    generated = documentToMarkdown(JSON.parse(body) as StoryDocument).trimEnd()
    generatedMarkdown.set(version, generated)
  }
  return generated
}
const generatedMarkdown = new Lru<string>(200)
