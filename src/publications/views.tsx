// A publication's public pages: its home (featured, latest, sections by tag) and its about page
// with the masthead, under one header with its name, logo, follow button and the editors' links.
import type { ComponentChildren } from 'preact'
import type { MembershipRole } from '../db/schema.ts'
import { Avatar, Layout, type ViewerSummary } from '../web/layout.tsx'
import { StoryList, type CardStory } from '../web/components/story-card.tsx'

export type Member = { username: string; name: string; image: string | null; bio?: string | null; role: MembershipRole; title: string | null }

export type ShownPublication = {
  slug: string
  name: string
  tagline: string | null
  description: string | null
  logoUrl: string | null
  /** Set when the publication has an accent colour: the stylesheet that carries it. */
  themeHref: string | null
}

export type HeaderState = {
  viewer: ViewerSummary | null
  role: MembershipRole | undefined
  editor: boolean
  owner: boolean
  /** Absent when publication follows are not available. */
  follow?: { following: boolean; followersCount: number } | undefined
  invitation?: { role: MembershipRole; title: string | null } | undefined
  queueCount?: number | undefined
}

type Tab = 'home' | 'about' | 'submissions' | 'settings'

type FrameProps = {
  publication: ShownPublication
  state: HeaderState
  tab: Tab
  title: string
  description?: string | undefined
  head?: ComponentChildren
  children: ComponentChildren
}

/** Every publication page: the header, its tabs, then the page. */
export function PublicationFrame({ publication, state, tab, title, description, head, children }: FrameProps) {
  const path = tab === 'home' ? `/${publication.slug}` : `/${publication.slug}/${tab}`
  return (
    <Layout
      title={title}
      description={description ?? publication.tagline ?? `${publication.name} on Ovation.`}
      viewer={state.viewer}
      path={path}
      head={<>{publication.themeHref && <link rel="stylesheet" href={publication.themeHref} />}{head}</>}
    >
      <div class="publication">
        <header class="publication-header">
          {publication.logoUrl && <img class="publication-header__logo" src={publication.logoUrl} alt="" width={72} height={72} />}
          <h1 class="publication-header__name"><a href={`/${publication.slug}`}>{publication.name}</a></h1>
          {publication.tagline && <p class="publication-header__tagline">{publication.tagline}</p>}
          <div class="publication-header__actions">
            {state.follow && <FollowPublication slug={publication.slug} following={state.follow.following} count={state.follow.followersCount} back={path} />}
          </div>
          <nav class="publication-tabs" aria-label={`${publication.name} sections`}>
            <TabLink href={`/${publication.slug}`} current={tab === 'home'}>Home</TabLink>
            <TabLink href={`/${publication.slug}/about`} current={tab === 'about'}>About</TabLink>
            {state.editor && (
              <TabLink href={`/${publication.slug}/submissions`} current={tab === 'submissions'}>
                Submissions{state.queueCount ? <span class="publication-tabs__count">{state.queueCount}</span> : null}
              </TabLink>
            )}
            {state.owner && <TabLink href={`/${publication.slug}/settings`} current={tab === 'settings'}>Settings</TabLink>}
          </nav>
        </header>
        {state.invitation && <InvitationBanner slug={publication.slug} name={publication.name} invitation={state.invitation} />}
        {children}
      </div>
    </Layout>
  )
}

function TabLink({ href, current, children }: { href: string; current: boolean; children: ComponentChildren }) {
  return <a class={current ? 'publication-tabs__link publication-tabs__link--current' : 'publication-tabs__link'} href={href} aria-current={current ? 'page' : undefined}>{children}</a>
}

function FollowPublication({ slug, following, count, back }: { slug: string; following: boolean; count: number; back: string }) {
  return (
    <form method="post" action={`/publications/${slug}/${following ? 'unfollow' : 'follow'}`} class="follow-form">
      <input type="hidden" name="next" value={back} />
      <button type="submit" class={`follow-button${following ? ' follow-button--following' : ''}`} aria-pressed={following ? 'true' : 'false'}>
        {following ? 'Following' : 'Follow'}
      </button>
      <span class="publication-header__followers">{count === 1 ? '1 follower' : `${count.toLocaleString('en')} followers`}</span>
    </form>
  )
}

function InvitationBanner({ slug, name, invitation }: { slug: string; name: string; invitation: { role: MembershipRole; title: string | null } }) {
  return (
    <section class="invitation" aria-labelledby="invitation-title">
      <h2 id="invitation-title" class="invitation__title">You are invited to join {name}</h2>
      <p class="invitation__text">
        As {invitation.role === 'owner' ? 'an owner' : `a ${invitation.role}`}{invitation.title ? <>, with the title <strong>{invitation.title}</strong></> : null}.
      </p>
      <div class="invitation__actions">
        <form method="post" action={`/${slug}/invitation/accept`}><button class="button button--accent" type="submit">Accept</button></form>
        <form method="post" action={`/${slug}/invitation/decline`}><button class="button" type="submit">Decline</button></form>
      </div>
    </section>
  )
}

type HomeProps = {
  publication: ShownPublication
  state: HeaderState
  featured: CardStory[]
  latest: CardStory[]
  sections: { tag: string; tagKey: string; stories: CardStory[] }[]
  olderHref: string | undefined
  page: number
  members: Member[]
  head?: ComponentChildren
}

export function PublicationHomePage({ publication, state, featured, latest, sections, olderHref, page, members, head }: HomeProps) {
  return (
    <PublicationFrame publication={publication} state={state} tab="home" title={`${publication.name} · Ovation`} head={head}>
      {page === 1 && featured.length > 0 && (
        <section class="publication-section publication-section--featured" aria-labelledby="featured-title">
          <h2 id="featured-title" class="section-title">Featured</h2>
          <StoryList stories={featured} empty="" />
        </section>
      )}
      <div class="columns">
        <section class="columns__main" aria-labelledby="latest-title">
          <h2 id="latest-title" class="section-title">Latest</h2>
          <StoryList stories={latest} olderHref={olderHref} empty="This publication has not published a story yet." />
        </section>
        <aside class="columns__side publication-sections" aria-label={`More from ${publication.name}`}>
          {page === 1 && sections.map((section) => (
              <section class="publication-sections__section" aria-labelledby={`section-${section.tagKey}`}>
                <h2 id={`section-${section.tagKey}`} class="section-title"><a href={`/tag/${section.tagKey}`}>{section.tag}</a></h2>
                <ul class="publication-sections__list">
                  {section.stories.map((story) => (
                    <li><a href={story.path}>{story.title}</a><span class="publication-sections__by">{story.author.name}</span></li>
                  ))}
                </ul>
              </section>
            ))}
          <section class="masthead" aria-labelledby="masthead-title">
            <h2 id="masthead-title" class="section-title"><a href={`/${publication.slug}/about`}>Masthead</a></h2>
            <Masthead members={members} compact />
          </section>
        </aside>
      </div>
    </PublicationFrame>
  )
}

type AboutProps = { publication: ShownPublication; state: HeaderState; members: Member[]; canLeave: boolean }

export function PublicationAboutPage({ publication, state, members, canLeave }: AboutProps) {
  const paragraphs = (publication.description ?? '').split(/\n{2,}/).map((text) => text.trim()).filter(Boolean)
  return (
    <PublicationFrame publication={publication} state={state} tab="about" title={`About ${publication.name} · Ovation`}>
      <div class="publication-about">
        <section aria-labelledby="about-title">
          <h2 id="about-title" class="section-title">About</h2>
          {paragraphs.length ? paragraphs.map((text) => <p class="publication-about__text">{text}</p>) : <p class="publication-about__text">{publication.tagline ?? `${publication.name} publishes on Ovation.`}</p>}
        </section>
        <section class="masthead" aria-labelledby="masthead-title">
          <h2 id="masthead-title" class="section-title">Masthead</h2>
          <Masthead members={members} />
          {canLeave && (
            <form method="post" action={`/${publication.slug}/leave`} class="masthead__leave">
              <button class="link-button link-button--danger" type="submit">Leave {publication.name}</button>
            </form>
          )}
        </section>
        {state.viewer && <p class="publication-about__start"><a href="/new-publication">Start a publication of your own</a></p>}
      </div>
    </PublicationFrame>
  )
}

export function Masthead({ members, compact = false }: { members: Member[]; compact?: boolean }) {
  return (
    <ul class="masthead__list">
      {members.map((member) => (
        <li class="masthead__member">
          <Avatar name={member.name} image={member.image} size={compact ? 32 : 48} />
          <span>
            <a href={`/@${member.username}`}>{member.name}</a>
            <span class="masthead__title">{member.title ?? roleName(member.role)}</span>
            {!compact && member.bio && <span class="masthead__bio">{member.bio}</span>}
          </span>
        </li>
      ))}
    </ul>
  )
}

export function roleName(role: MembershipRole): string {
  return role === 'owner' ? 'Owner' : role === 'editor' ? 'Editor' : 'Writer'
}
