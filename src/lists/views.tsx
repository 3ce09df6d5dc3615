// Reading lists: the Save button under a story, a reader's lists, and a page per list.
import { Layout, type ViewerSummary } from '../web/layout.tsx'
import { StoryCard, type CardStory } from '../web/components/story-card.tsx'
import { formatDate, plural } from '../web/format.ts'
import type { ListSummary } from './service.ts'

/**
 * Save a story to the Reading list: the same plain form for every reader (the story page is
 * cached), which the save island turns into Saved/Unsave once it knows the reader's lists.
 */
export function SaveButton({ slug }: { slug: string }) {
  return (
    <form method="post" action={`/lists/save/${slug}`} class="save-form" data-save={slug}>
      <button type="submit" class="save-button">
        <span class="save-button__label">Save</span>
      </button>
    </form>
  )
}

export function MyListsPage({ viewer, lists, error }: { viewer: ViewerSummary; lists: ListSummary[]; error?: string | undefined }) {
  return (
    <Layout title="Your lists | Ovation" viewer={viewer} path="/me/lists" width="narrow">
      <h1 class="page-title">Your lists</h1>
      <ul class="list-summaries">
        {lists.map((list) => (
          <li class="list-summaries__item">
            <a class="list-summaries__name" href={`/lists/${list.id}`}>{list.name}</a>
            <span class="list-summaries__meta">{plural(list.count, 'story', 'stories')}{list.private ? ' · Private' : ''}</span>
          </li>
        ))}
      </ul>
      <form method="post" action="/lists" class="list-create">
        <h2 class="section-title">New list</h2>
        {error && <p class="form-error" role="alert">{error}</p>}
        <p>
          <label for="list-name">Name</label>
          <input id="list-name" name="name" maxLength={100} required />
        </p>
        <p><label><input type="checkbox" name="private" value="1" /> Private: only you can see it</label></p>
        <button class="button button--dark" type="submit">Create list</button>
      </form>
      <p><a href="/me/highlights">Your highlights</a></p>
    </Layout>
  )
}

export type ListPageProps = { viewer: ViewerSummary | null; list: ListSummary; stories: (CardStory & { slug: string })[]; isOwner: boolean }

export function ListPage({ viewer, list, stories, isOwner }: ListPageProps) {
  return (
    <Layout title={`${list.name} | Ovation`} viewer={viewer} path={`/lists/${list.id}`} width="wide">
      <header class="list-header">
        <p class="list-header__owner"><a href={`/@${list.owner.username}`}>{list.owner.name}</a></p>
        <h1 class="page-title">{list.name}</h1>
        <p class="list-header__meta">{plural(stories.length, 'story', 'stories')}{list.private ? ' · Private' : ''} · Updated {formatDate(list.updatedAt)}</p>
      </header>
      {stories.length === 0
        ? <p class="empty">{isOwner ? 'Nothing here yet: save stories with the Save button under each one.' : 'This list is empty.'}</p>
        : (
          <ol class="list-items">
            {stories.map((story, index) => (
              <li class="list-items__item">
                <StoryCard story={story} />
                {isOwner && (
                  <div class="list-items__actions">
                    {index > 0 && <MoveForm listId={list.id} slug={story.slug} position={index} label="Move up" />}
                    {index < stories.length - 1 && <MoveForm listId={list.id} slug={story.slug} position={index + 2} label="Move down" />}
                    <form method="post" action={`/lists/${list.id}/remove/${story.slug}`} class="inline-form">
                      <button type="submit" class="link-button" aria-label={`Remove “${story.title}” from this list`}>Remove</button>
                    </form>
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
    </Layout>
  )
}

function MoveForm({ listId, slug, position, label }: { listId: number; slug: string; position: number; label: string }) {
  return (
    <form method="post" action={`/lists/${listId}/move/${slug}`} class="inline-form">
      <input type="hidden" name="position" value={String(position)} />
      <button type="submit" class="link-button">{label}</button>
    </form>
  )
}
