import type { ComponentChildren } from 'preact'
import { Avatar, Layout, type ViewerSummary } from '../web/layout.tsx'
import { FollowButton } from '../web/components/follow-button.tsx'
import { StoryList, type CardStory } from '../web/components/story-card.tsx'
import { plural } from '../web/format.ts'

type ProfileProps = {
  viewer: ViewerSummary | null
  person: { username: string; name: string; bio: string | null; image: string | null }
  following: boolean
  isSelf: boolean
  counts: { followers: number; following: number; stories: number }
  stories: CardStory[]
  drafts: CardStory[]
  olderHref: string | undefined
  /** Issue 5: the person's public reading lists. */
  lists?: { id: number; name: string; count: number }[]
  /** Link-preview, feed and search metadata for <head>. */
  head?: ComponentChildren
}

export function ProfilePage({ viewer, person, following, isSelf, counts, stories, drafts, olderHref, head, lists }: ProfileProps) {
  const path = `/@${person.username}`
  return (
    <Layout title={`${person.name} (@${person.username}) · Ovation`} description={person.bio ?? `Stories by ${person.name} on Ovation.`} viewer={viewer} path={path} head={head}>
      <header class="profile-header">
        <Avatar name={person.name} image={person.image} size={64} />
        <div class="profile-header__text">
          <h1 class="page-header__title">{person.name}</h1>
          <p class="profile-header__handle">@{person.username}</p>
          {person.bio && <p class="profile-header__bio">{person.bio}</p>}
          <p class="page-header__meta">
            {/* Issue 5: the counts lead to the lists of people (src/feed). */}
            <a href={`/@${person.username}/followers`}>{plural(counts.followers, 'follower')}</a> · <a href={`/@${person.username}/following`}>{counts.following} following</a> · {plural(counts.stories, 'story', 'stories')}
          </p>
        </div>
        {isSelf ? <a class="button" href="/settings">Edit profile</a> : <FollowButton username={person.username} following={following} back={path} />}
      </header>
      {isSelf && drafts.length > 0 && (
        <section aria-labelledby="drafts-title" class="profile-section">
          <h2 id="drafts-title" class="section-title">Your drafts and unlisted stories</h2>
          <StoryList stories={drafts} showAuthor={false} empty="" />
        </section>
      )}
      <section aria-labelledby="stories-title" class="profile-section">
        <h2 id="stories-title" class="section-title">Stories</h2>
        <StoryList stories={stories} showAuthor={false} olderHref={olderHref} empty={isSelf ? 'You have not published a story yet.' : `${person.name} has not published a story yet.`} />
      </section>
      {lists && lists.length > 0 && (
        <section aria-labelledby="lists-title" class="profile-section">
          <h2 id="lists-title" class="section-title">Lists</h2>
          <ul class="list-summaries">
            {lists.map((list) => <li class="list-summaries__item"><a class="list-summaries__name" href={`/lists/${list.id}`}>{list.name}</a><span class="list-summaries__meta">{plural(list.count, 'story', 'stories')}</span></li>)}
          </ul>
        </section>
      )}
    </Layout>
  )
}
