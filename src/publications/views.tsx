import type { ComponentChildren } from 'preact'
import { Avatar, Layout, type ViewerSummary } from '../web/layout.tsx'
import { StoryList, type CardStory } from '../web/components/story-card.tsx'

type Member = { username: string; name: string; image: string | null; role: string; title: string | null }

type PublicationProps = {
  viewer: ViewerSummary | null
  publication: { slug: string; name: string; tagline: string | null }
  members: Member[]
  stories: CardStory[]
  olderHref: string | undefined
  /** Link-preview, feed and search metadata for <head>. */
  head?: ComponentChildren
}

export function PublicationPage({ viewer, publication, members, stories, olderHref, head }: PublicationProps) {
  return (
    <Layout title={`${publication.name} · Ovation`} description={publication.tagline ?? `${publication.name} on Ovation.`} viewer={viewer} path={`/${publication.slug}`} head={head}>
      <header class="publication-header">
        <h1 class="publication-header__name">{publication.name}</h1>
        {publication.tagline && <p class="publication-header__tagline">{publication.tagline}</p>}
      </header>
      <div class="columns">
        <section class="columns__main" aria-labelledby="pub-stories-title">
          <h2 id="pub-stories-title" class="section-title">Latest</h2>
          <StoryList stories={stories} olderHref={olderHref} empty="This publication has not published a story yet." />
        </section>
        <aside class="columns__side masthead" aria-labelledby="masthead-title">
          <h2 id="masthead-title" class="section-title">Masthead</h2>
          <ul class="masthead__list">
            {members.map((member) => (
              <li class="masthead__member">
                <Avatar name={member.name} image={member.image} size={32} />
                <span>
                  <a href={`/@${member.username}`}>{member.name}</a>
                  <span class="masthead__title">{member.title ?? roleName(member.role)}</span>
                </span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </Layout>
  )
}

function roleName(role: string): string {
  return role === 'owner' ? 'Owner' : role === 'editor' ? 'Editor' : 'Writer'
}
