import type { ComponentChildren } from 'preact'
import { Avatar, Layout, type ViewerSummary } from '../web/layout.tsx'
import { StoryList, type CardStory } from '../web/components/story-card.tsx'
import { formatDate } from '../web/format.ts'
import { tagKey } from '../stories/tags.ts'
import { HomeFeed, type HomeFeedProps } from '../feed/views.tsx'

type HomeProps = { viewer: ViewerSummary | null; stories: CardStory[]; trending: CardStory[]; tags: string[]; olderHref: string | undefined; page: number; head?: ComponentChildren
  /** A signed-in reader's feeds, shown instead of the latest stories. */
  feed?: HomeFeedProps }

export const HOME_TITLE = 'Ovation: where good ideas find you'
export const HOME_DESCRIPTION = 'Stories, ideas and expertise from writers on any topic, and the applause they deserve.'

export function HomePage({ viewer, stories, trending, tags, olderHref, page, head, feed }: HomeProps) {
  return (
    <Layout title={HOME_TITLE} description={HOME_DESCRIPTION} viewer={viewer} path="/" head={head}>
      {!viewer && page === 1 && (
        <section class="hero">
          <h1 class="hero__title">Stories worth a standing ovation.</h1>
          <p class="hero__lede">Read what writers and publications have to say, and applaud the ones that move you: one clap for a quick cheer, fifty for a standing ovation.</p>
          <p><a class="button button--dark button--large" href="/signup">Start reading</a></p>
        </section>
      )}
      {/* Without the hero (signed in, or an older page) the page still starts with its heading. */}
      {(viewer || page !== 1) && <h1 class="visually-hidden">{viewer ? 'Your home on Ovation' : 'Ovation'}</h1>}
      {trending.length > 0 && <Trending stories={trending} />}
      <div class="columns">
        {feed
          ? <div class="columns__main"><HomeFeed {...feed} /></div>
          : (
            <section class="columns__main" aria-labelledby="latest-title">
              <h2 id="latest-title" class="section-title">{page === 1 ? 'Latest stories' : `Latest stories, page ${page}`}</h2>
              <StoryList stories={stories} olderHref={olderHref} empty="No stories yet. Be the first to write one." />
            </section>
          )}
        {tags.length > 0 && (
          <aside class="columns__side" aria-labelledby="topics-title">
            <h2 id="topics-title" class="section-title">Topics</h2>
            <ul class="tag-list">
              {tags.map((tag) => <li><a class="tag" href={`/tag/${encodeURIComponent(tagKey(tag))}`}>{tag}</a></li>)}
            </ul>
          </aside>
        )}
      </div>
    </Layout>
  )
}

/** The trending stories, numbered, in a compact grid above the latest ones. */
function Trending({ stories }: { stories: CardStory[] }) {
  return (
    <section class="trending" aria-labelledby="trending-title">
      <h2 id="trending-title" class="section-title">Trending on Ovation</h2>
      <ol class="trending__list">
        {stories.map((story, index) => (
          <li class="trending__item">
            <span class="trending__rank" aria-hidden="true">{String(index + 1).padStart(2, '0')}</span>
            <div class="trending__body">
              <p class="trending__byline">
                <a href={`/@${story.author.username}`} class="trending__author">
                  <Avatar name={story.author.name} image={story.author.image} size={24} />
                  <span>{story.author.name}</span>
                </a>
                {story.publication && (
                  <>
                    <span class="trending__in"> in </span>
                    <a href={`/${story.publication.slug}`} class="trending__publication">{story.publication.name}</a>
                  </>
                )}
              </p>
              <h3 class="trending__title"><a href={story.path}>{story.title}</a></h3>
              <p class="trending__meta">
                {story.publishedAt && <time datetime={story.publishedAt.toISOString()}>{formatDate(story.publishedAt)}</time>}
                <span>{story.readingTime} min read</span>
              </p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  )
}
