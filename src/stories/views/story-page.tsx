import type { StoryStatus } from '../../db/schema.ts'
import type { ComponentChildren } from 'preact'
import { Avatar, Layout, SiteNav, type ViewerSummary } from '../../web/layout.tsx'
import { slotMark } from '../../web/slots.ts'
import { ClapIcon } from '../../web/components/icons.tsx'
import { FollowButton } from '../../web/components/follow-button.tsx'
import { tagKey } from '../tags.ts'
import { SaveButton } from '../../lists/views.tsx'
import { formatCount, formatDate, plural } from '../../web/format.ts'
import type { StoryCover } from '../cover.ts'

export type StoryPageProps = {
  viewer: ViewerSummary | null
  path: string
  canonicalUrl: string
  slug: string
  title: string
  subtitle: string
  description: string
  bodyHtml: string
  author: { username: string; name: string; bio: string | null; image: string | null; following: boolean; isViewer: boolean }
  /** The author's title at the publication, with the publication, for the byline. */
  publication: { slug: string; name: string; authorTitle: string | null } | null
  publishedAt: Date | null
  readingTime: number
  tags: string[]
  claps: number
  fans: number
  myClaps: number
  status: StoryStatus
  /** The responses section, rendered by the responses feature. */
  responses: ComponentChildren
  /** The cover image (issue 3), shown after the byline. */
  cover?: StoryCover | undefined
  /** Link-preview and search metadata for <head> (see src/seo/page-heads.tsx). */
  head?: ComponentChildren
  /**
   * Render a template for signed-in readers: slot marks (src/web/slots.ts) where the page depends
   * on the reader, filled per request with storyViewerParts.
   */
  template?: boolean
}

export function StoryPage(props: StoryPageProps) {
  const { viewer, author, publication } = props
  const parts = storyViewerParts(props)
  const slot = (name: keyof typeof parts) => (props.template ? slotMark(name) : undefined)
  return (
    <Layout title={`${props.title} | ${publication?.name ?? author.name}`} description={props.description} viewer={viewer} path={props.path} canonical={props.canonicalUrl} width="reading" head={props.head} nav={slot('nav')}>
      <article class="story" data-story={props.slug}>
        <header class="story__header">
          {props.status !== 'published' && (
            <p class={`notice notice--${props.status}`}>
              {props.status === 'submitted' && publication ? <>Submitted to {publication.name}: only its writer and editors can see it. <a href={`/${publication.slug}/submissions/${props.slug}`}>Review and history</a></>
                : props.status === 'draft' ? 'This is a draft: only you can see it.'
                : props.status === 'scheduled' ? 'Scheduled: only you can see it until it is published.'
                : 'Unlisted: only people with the link can see this story.'}
            </p>
          )}
          <h1 class="story__title">{props.title}</h1>
          {props.subtitle && <p class="story__subtitle">{props.subtitle}</p>}
          <div class="byline">
            <a href={`/@${author.username}`} class="byline__avatar" tabIndex={-1} aria-hidden="true">
              <Avatar name={author.name} image={author.image} size={48} />
            </a>
            <div class="byline__text">
              <div class="byline__names">
                <a href={`/@${author.username}`} class="byline__author" rel="author">{author.name}</a>
                {slot('follow-compact') ?? parts['follow-compact']}
              </div>
              {publication && (
                <p class="byline__role">
                  {publication.authorTitle ? `${publication.authorTitle} at ` : 'Published in '}
                  <a href={`/${publication.slug}`}>{publication.name}</a>
                </p>
              )}
              <p class="byline__meta">
                <span>{props.readingTime} min read</span>
                {props.publishedAt && (
                  <>
                    <span aria-hidden="true"> · </span>
                    <time datetime={props.publishedAt.toISOString()}>{formatDate(props.publishedAt)}</time>
                  </>
                )}
                {slot('edit') ?? parts.edit}
              </p>
            </div>
          </div>
        </header>

        {props.cover && (
          // Where Medium puts it: after the byline, before the first paragraph; loaded at once, not lazily.
          <figure class="story__cover">
            <img src={props.cover.src} srcset={props.cover.srcset} sizes={props.cover.sizes} alt={props.cover.alt} width={props.cover.width} height={props.cover.height} decoding="async" fetchpriority="high" />
          </figure>
        )}

        <div class="story__body" dangerouslySetInnerHTML={{ __html: props.bodyHtml }} />

        {props.tags.length > 0 && (
          <ul class="tag-list" aria-label="Tags">
            {props.tags.map((tag) => <li><a class="tag" href={`/tag/${encodeURIComponent(tagKey(tag))}`}>{tag}</a></li>)}
          </ul>
        )}
      </article>

      {slot('applause') ?? parts.applause}
      {props.status !== 'draft' && <SaveButton slug={props.slug} />}

      <aside class="author-card" aria-label="About the author">
        <Avatar name={author.name} image={author.image} size={64} />
        <div>
          <p class="author-card__name">Written by <a href={`/@${author.username}`}>{author.name}</a></p>
          {author.bio && <p class="author-card__bio">{author.bio}</p>}
        </div>
        {slot('follow-card') ?? parts['follow-card']}
      </aside>

      {slot('responses') ?? parts.responses}
    </Layout>
  )
}

/** The parts of a story page that depend on the reader: a template's slots (see StoryPage). */
export function storyViewerParts(props: StoryPageProps) {
  const { author } = props
  return {
    nav: <SiteNav viewer={props.viewer} path={props.path} />,
    'follow-compact': author.isViewer ? null : <FollowButton username={author.username} following={author.following} back={props.path} compact />,
    edit: author.isViewer ? (
      <>
        <span aria-hidden="true"> · </span>
        <a href={`/edit/${props.slug}`}>Edit story</a>
      </>
    ) : null,
    applause: <Applause {...props} />,
    'follow-card': author.isViewer ? null : <FollowButton username={author.username} following={author.following} back={props.path} />,
    responses: <>{props.responses}</>,
  }
}

// The applause call: works as a plain form (one clap a press) and becomes press-and-hold with
// JavaScript (src/web/client/clap.ts).
function Applause({ slug, path, claps, fans, myClaps, author, viewer, status }: StoryPageProps) {
  const signedIn = viewer !== null
  const canClap = status !== 'draft' && !author.isViewer
  return (
    <section class="applause" id="applause" aria-labelledby="applause-title">
      <h2 id="applause-title" class="applause__title">
        {author.isViewer ? 'Applause for your story' : `Give ${author.name} a round of applause`}
      </h2>
      <p class="applause__hint">
        {author.isViewer
          ? 'Readers can clap up to fifty times each.'
          : 'Clap once for a quick cheer, or press and hold for a standing ovation: up to fifty claps.'}
      </p>
      <div class="applause__row">
        {canClap ? (
          <form method="post" action={`/claps/${slug}`} class="clap" data-clap={slug} data-my-claps={myClaps} data-signed-in={signedIn ? 'true' : 'false'} data-total={claps}>
            <input type="hidden" name="count" value="1" />
            <button type="submit" class={myClaps > 0 ? 'clap__button clap__button--clapped' : 'clap__button'} aria-describedby="clap-status" disabled={myClaps >= 50}>
              <ClapIcon filled={myClaps > 0} />
              <span class="visually-hidden">{signedIn ? 'Clap for this story' : 'Sign in to clap for this story'}</span>
            </button>
            <span class="clap__bubble" aria-hidden="true" hidden />
          </form>
        ) : (
          <span class="clap__button clap__button--static" aria-hidden="true"><ClapIcon /></span>
        )}
        <p class="applause__counts" id="clap-status" aria-live="polite">
          <span class="applause__total" data-clap-total>{plural(claps, 'clap')}</span>
          <span aria-hidden="true"> · </span>
          <span data-clap-fans>{plural(fans, 'fan')}</span>
          {myClaps > 0 && (
            <span class="applause__mine" data-clap-mine>
              <span aria-hidden="true"> · </span>
              {myClaps >= 50 ? 'You gave a standing ovation' : `You clapped ${formatCount(myClaps)} ${myClaps === 1 ? 'time' : 'times'}`}
            </span>
          )}
        </p>
      </div>
      {myClaps > 0 && (
        <form method="post" action={`/claps/${slug}/undo`} class="applause__undo">
          <button type="submit" class="link-button">Undo my claps</button>
        </form>
      )}
      {!signedIn && canClap && (
        <p class="applause__signin"><a href={`/signin?next=${encodeURIComponent(path)}`}>Sign in</a> to clap and respond.</p>
      )}
    </section>
  )
}
