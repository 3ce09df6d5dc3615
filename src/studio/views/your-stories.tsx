// "Your stories": the writer's drafts, scheduled and published stories, a tab each.
import { Layout, type ViewerSummary } from '../../web/layout.tsx'
import { formatDate } from '../../web/format.ts'
import type { StoryTab, WriterStory } from '../service.ts'

const TAB_NAMES: Record<StoryTab, string> = { drafts: 'Drafts', scheduled: 'Scheduled', published: 'Published' }

export function YourStoriesPage({ viewer, tab, counts, stories }: { viewer: ViewerSummary; tab: StoryTab; counts: Record<StoryTab, number>; stories: WriterStory[] }) {
  return (
    <Layout title="Your stories · Ovation" viewer={viewer} width="reading">
      <div class="your-stories">
        <header class="your-stories__header">
          <h1>Your stories</h1>
          <a class="button button--accent" href="/new-story">Write a story</a>
        </header>
        <nav class="tabs" aria-label="Your stories">
          {(Object.keys(TAB_NAMES) as StoryTab[]).map((name) => (
            <a class={name === tab ? 'tabs__tab tabs__tab--current' : 'tabs__tab'} href={`/me/stories?tab=${name}`} aria-current={name === tab ? 'page' : undefined}>
              {TAB_NAMES[name]} <span class="tabs__count">{counts[name]}</span>
            </a>
          ))}
        </nav>
        {stories.length === 0 ? (
          <p class="empty-state">{emptyText(tab)}</p>
        ) : (
          <ul class="writer-stories">
            {stories.map((story) => <StoryRow story={story} />)}
          </ul>
        )}
      </div>
    </Layout>
  )
}

function StoryRow({ story }: { story: WriterStory }) {
  return (
    <li class="writer-story">
      <h2 class="writer-story__title"><a href={`/edit/${story.slug}`}>{story.title || 'Untitled story'}</a></h2>
      {story.subtitle && <p class="writer-story__subtitle">{story.subtitle}</p>}
      <p class="writer-story__meta">
        {meta(story)}
        {' · '}{story.wordCount.toLocaleString('en')} words
        {story.publication && <> · in {story.publication}</>}
        {story.status === 'unlisted' && <> · <span class="badge badge--unlisted">Unlisted</span></>}
        {story.status === 'submitted' && <> · <span class="badge">Submitted</span></>}
      </p>
      <p class="writer-story__actions">
        <a href={`/edit/${story.slug}`}>Edit</a>
        {(story.status === 'published' || story.status === 'unlisted') && <a href={story.path}>View</a>}
        <a href={`/edit/${story.slug}/revisions`}>History</a>
      </p>
    </li>
  )
}

function meta(story: WriterStory): string {
  if (story.status === 'scheduled' && story.scheduledAt) return `Publishes ${formatDate(story.scheduledAt)}, ${story.scheduledAt.toISOString().slice(11, 16)} UTC`
  if (story.publishedAt && (story.status === 'published' || story.status === 'unlisted')) return `Published ${formatDate(story.publishedAt)}`
  return `Last edited ${formatDate(story.updatedAt)}`
}

function emptyText(tab: StoryTab): string {
  if (tab === 'drafts') return 'No drafts. Every story starts as one: write something.'
  if (tab === 'scheduled') return 'Nothing scheduled. In the publish dialog, choose “Later” to publish a story at a time you pick.'
  return 'Nothing published yet.'
}
