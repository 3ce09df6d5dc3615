// A story in a list: home, profile, publication and tag pages all show stories this way.
import type { StoryStatus } from '../../db/schema.ts'
import type { ComponentChildren } from 'preact'
import { Avatar } from '../layout.tsx'
import { formatCount, formatDate } from '../format.ts'
import { ClapIcon } from './icons.tsx'

export type CardStory = {
  path: string
  title: string
  subtitle: string
  author: { username: string; name: string; image: string | null }
  publication: { slug: string; name: string } | null
  publishedAt: Date | null
  readingTime: number
  claps: number
  responses: number
  tags: string[]
  status: StoryStatus
  /** A small cover thumbnail (issue 3); srcset and size when it is one of our uploads. */
  cover?: CardCover | null | undefined
}

export type CardCover = { src: string; alt: string; srcset?: string | undefined; sizes?: string | undefined; width?: number | undefined; height?: number | undefined }

/** `snippet`: a passage shown under the subtitle (search shows where the words matched). */
export function StoryCard({ story, showAuthor = true, snippet }: { story: CardStory; showAuthor?: boolean; snippet?: ComponentChildren }) {
  return (
    <article class={story.cover ? 'story-card story-card--with-cover' : 'story-card'}>
      {story.cover && (
        <a href={story.path} class="story-card__cover" tabIndex={-1} aria-hidden="true">
          <img src={story.cover.src} srcset={story.cover.srcset} sizes={story.cover.sizes} alt="" loading="lazy" decoding="async" width={story.cover.width} height={story.cover.height} />
        </a>
      )}
      {showAuthor && (
        <p class="story-card__byline">
          <a href={`/@${story.author.username}`} class="story-card__author">
            <Avatar name={story.author.name} image={story.author.image} size={24} />
            <span>{story.author.name}</span>
          </a>
          {story.publication && (
            <>
              <span class="story-card__in"> in </span>
              <a href={`/${story.publication.slug}`} class="story-card__publication">{story.publication.name}</a>
            </>
          )}
        </p>
      )}
      <h2 class="story-card__title">
        <a href={story.path}>{story.title}</a>
      </h2>
      {story.subtitle && <p class="story-card__subtitle">{story.subtitle}</p>}
      {snippet && <p class="story-card__snippet">{snippet}</p>}
      <p class="story-card__meta">
        {story.status !== 'published' && <span class={`badge badge--${story.status}`}>{story.status === 'draft' ? 'Draft' : story.status === 'submitted' ? 'Submitted' : story.status === 'scheduled' ? 'Scheduled' : 'Unlisted'}</span>}
        {story.publishedAt && <time datetime={story.publishedAt.toISOString()}>{formatDate(story.publishedAt)}</time>}
        <span>{story.readingTime} min read</span>
        {story.claps > 0 && (
          <span class="story-card__claps" title={`${story.claps} claps`}>
            <ClapIcon /> {formatCount(story.claps)}
          </span>
        )}
        {story.responses > 0 && <span>{formatCount(story.responses)} {story.responses === 1 ? 'response' : 'responses'}</span>}
      </p>
    </article>
  )
}

/** A list of cards with an "Older" link when there is more (works without JavaScript). */
export function StoryList({ stories, olderHref, showAuthor = true, empty }: { stories: CardStory[]; olderHref?: string | undefined; showAuthor?: boolean; empty: string }) {
  if (!stories.length) return <p class="empty">{empty}</p>
  return (
    <div class="story-list">
      {stories.map((story) => <StoryCard story={story} showAuthor={showAuthor} />)}
      {olderHref && (
        <p class="pager">
          <a class="button" href={olderHref} rel="next">Older stories</a>
        </p>
      )}
    </div>
  )
}
