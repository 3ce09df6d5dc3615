import type { ComponentChildren } from 'preact'
import { Layout, type ViewerSummary } from '../web/layout.tsx'
import { StoryList, type CardStory } from '../web/components/story-card.tsx'
import { plural } from '../web/format.ts'
import { tagKey } from '../stories/tags.ts'

type HomeProps = { viewer: ViewerSummary | null; stories: CardStory[]; tags: string[]; olderHref: string | undefined; page: number; head?: ComponentChildren }

export const HOME_TITLE = 'Ovation: where good ideas find you'
export const HOME_DESCRIPTION = 'Stories, ideas and expertise from writers on any topic, and the applause they deserve.'

export function HomePage({ viewer, stories, tags, olderHref, page, head }: HomeProps) {
  return (
    <Layout title={HOME_TITLE} description={HOME_DESCRIPTION} viewer={viewer} path="/" head={head}>
      {!viewer && page === 1 && (
        <section class="hero">
          <h1 class="hero__title">Stories worth a standing ovation.</h1>
          <p class="hero__lede">Read what writers and publications have to say, and applaud the ones that move you: one clap for a quick cheer, fifty for a standing ovation.</p>
          <p><a class="button button--dark button--large" href="/signup">Start reading</a></p>
        </section>
      )}
      <div class="columns">
        <section class="columns__main" aria-labelledby="latest-title">
          <h2 id="latest-title" class="section-title">{page === 1 ? 'Latest stories' : `Latest stories, page ${page}`}</h2>
          <StoryList stories={stories} olderHref={olderHref} empty="No stories yet. Be the first to write one." />
        </section>
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

type TagProps = { viewer: ViewerSummary | null; tag: string; count: number; stories: CardStory[]; olderHref: string | undefined; head?: ComponentChildren }

export function TagPage({ viewer, tag, count, stories, olderHref, head }: TagProps) {
  return (
    <Layout title={`${tag} · Ovation`} description={`Stories about ${tag} on Ovation.`} viewer={viewer} head={head}>
      <header class="page-header">
        <p class="page-header__kicker">Topic</p>
        <h1 class="page-header__title">{tag}</h1>
        <p class="page-header__meta">{plural(count, 'story', 'stories')}</p>
      </header>
      <StoryList stories={stories} olderHref={olderHref} empty="No stories with this tag yet." />
    </Layout>
  )
}
