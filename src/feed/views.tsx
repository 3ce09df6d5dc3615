// The signed-in home page's two feeds, the publication follow button, and followers lists.
import type { ComponentChildren } from 'preact'
import { Avatar, Layout, type ViewerSummary } from '../web/layout.tsx'
import { StoryList, type CardStory } from '../web/components/story-card.tsx'
import { plural } from '../web/format.ts'

export type FeedTab = 'for-you' | 'following'

/** Follow or stop following a publication, as a plain form that returns to `back`. */
export function PublicationFollowButton({ slug, following, followersCount, back }: { slug: string; following: boolean; followersCount: number; back: string }) {
  return (
    <form method="post" action={`/publications/${encodeURIComponent(slug)}/${following ? 'unfollow' : 'follow'}`} class="follow-form publication-follow">
      <input type="hidden" name="next" value={back} />
      <button type="submit" class={`follow-button${following ? ' follow-button--following' : ''}`} aria-pressed={following ? 'true' : 'false'}>
        {following ? 'Following' : 'Follow'}
      </button>
      <span class="publication-follow__count">{plural(followersCount, 'follower')}</span>
    </form>
  )
}

export type HomeFeedProps = { tab: FeedTab; stories: CardStory[]; olderHref: string | undefined; followsAnything: boolean }

/** "For you" and "Following" as two links (tabs without JavaScript), then the chosen feed. */
export function HomeFeed({ tab, stories, olderHref, followsAnything }: HomeFeedProps) {
  const empty = tab === 'following'
    ? (followsAnything ? 'Nothing new from what you follow yet.' : 'Follow writers, publications and topics to fill this feed.')
    : 'Nothing to recommend yet: follow a few writers and topics, and clap for what you like.'
  return (
    <section class="home-feed" aria-labelledby="home-feed-title">
      <h2 id="home-feed-title" class="visually-hidden">{tab === 'following' ? 'Following' : 'For you'}</h2>
      <nav class="feed-tabs" aria-label="Feeds">
        <a class={`feed-tabs__tab${tab === 'for-you' ? ' feed-tabs__tab--current' : ''}`} href="/" aria-current={tab === 'for-you' ? 'page' : undefined}>For you</a>
        <a class={`feed-tabs__tab${tab === 'following' ? ' feed-tabs__tab--current' : ''}`} href="/?tab=following" aria-current={tab === 'following' ? 'page' : undefined}>Following</a>
      </nav>
      <div data-feed={tab}>
        <StoryList stories={stories} olderHref={olderHref} empty={empty} />
      </div>
    </section>
  )
}

export type PeoplePageProps = {
  viewer: ViewerSummary | null
  person: { username: string; name: string }
  which: 'followers' | 'following'
  people: { username: string; name: string; bio: string | null; image: string | null }[]
  olderHref: string | undefined
  head?: ComponentChildren
}

export function PeoplePage({ viewer, person, which, people, olderHref }: PeoplePageProps) {
  const title = which === 'followers' ? `People following ${person.name}` : `People ${person.name} follows`
  return (
    <Layout title={`${title} | Ovation`} viewer={viewer} path={`/@${person.username}/${which}`} width="narrow">
      <h1 class="page-title">{title}</h1>
      <p><a href={`/@${person.username}`}>Back to {person.name}</a></p>
      {people.length === 0
        ? <p class="empty">{which === 'followers' ? 'No followers yet.' : 'Not following anyone yet.'}</p>
        : (
          <ul class="people-list">
            {people.map((p) => (
              <li class="people-list__item">
                <a href={`/@${p.username}`} class="people-list__person">
                  <Avatar name={p.name} image={p.image} size={48} />
                  <span class="people-list__name">{p.name}</span>
                </a>
                {p.bio && <p class="people-list__bio">{p.bio}</p>}
              </li>
            ))}
          </ul>
        )}
      {olderHref && <p class="pager"><a class="button" href={olderHref} rel="next">More</a></p>}
    </Layout>
  )
}
