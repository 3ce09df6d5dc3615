// The editorial desk: the submissions queue, featured stories, and one submission under review
// with its history, the editors' notes and the steps they (or its writer) may take. Plain forms.
import type { ErrorFields } from '../http/errors.ts'
import { sentence } from '../web/components/form.tsx'
import { Avatar } from '../web/layout.tsx'
import { formatDate } from '../web/format.ts'
import type { CardStory } from '../web/components/story-card.tsx'
import { PublicationFrame, type HeaderState, type ShownPublication } from './views.tsx'

export type QueueItem = { slug: string; title: string; subtitle: string; status: string; updatedAt: Date; author: { username: string; name: string; image: string | null } }

type DeskProps = {
  publication: ShownPublication
  state: HeaderState
  queue: QueueItem[]
  featured: CardStory[]
  /** Recent published stories an editor may pin. */
  pinnable: (CardStory & { slug: string })[]
}

export function SubmissionsPage({ publication, state, queue, featured, pinnable }: DeskProps) {
  return (
    <PublicationFrame publication={publication} state={state} tab="submissions" title={`Submissions · ${publication.name}`}>
      <section class="desk" aria-labelledby="queue-title">
        <h2 id="queue-title" class="section-title">Submissions</h2>
        {queue.length === 0 ? <p class="empty">Nothing waiting. Submitted stories appear here, oldest first.</p> : (
          <ul class="queue">
            {queue.map((item) => (
              <li class="queue__item">
                <Avatar name={item.author.name} image={item.author.image} size={32} />
                <div class="queue__body">
                  <a class="queue__title" href={`/${publication.slug}/submissions/${item.slug}`}>{item.title}</a>
                  {item.subtitle && <p class="queue__subtitle">{item.subtitle}</p>}
                  <p class="queue__meta">
                    {item.author.name} · {item.status === 'scheduled' ? 'scheduled' : 'submitted'} {formatDate(item.updatedAt)}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="desk" aria-labelledby="featured-desk-title">
        <h2 id="featured-desk-title" class="section-title">Featured on the home page</h2>
        {featured.length === 0 ? <p class="empty">No story is pinned. Pin one below to feature it at the top of the home page.</p> : (
          <ul class="desk-list">
            {featured.map((story) => (
              <li class="desk-list__item">
                <a href={story.path}>{story.title}</a>
                <form method="post" action={`/${publication.slug}/pins/${slugOfPath(story.path)}/unpin`}><button class="link-button" type="submit">Unpin</button></form>
              </li>
            ))}
          </ul>
        )}
        {pinnable.length > 0 && (
          <ul class="desk-list">
            {pinnable.map((story) => (
              <li class="desk-list__item">
                <a href={story.path}>{story.title}</a>
                <form method="post" action={`/${publication.slug}/pins/${story.slug}`}><button class="link-button" type="submit">Pin</button></form>
              </li>
            ))}
          </ul>
        )}
      </section>
    </PublicationFrame>
  )
}

export type HistoryItem = { kind: string; note: string | null; at: Date; by: { username: string; name: string } | null }

type ReviewProps = {
  publication: ShownPublication
  state: HeaderState
  story: { slug: string; title: string; subtitle: string; status: string; path: string; author: { username: string; name: string; image: string | null; title: string | null } }
  history: HistoryItem[]
  can: { publish: boolean; return: boolean; note: boolean; withdraw: boolean; edit: boolean; remove: boolean }
  errors: ErrorFields
  values: { note?: string; scheduledAt?: string }
}

const STEP_WORDS: Record<string, string> = {
  submitted: 'submitted it', withdrawn: 'withdrew it', returned: 'returned it', note: 'left a note', edited: 'edited it',
  published: 'published it', scheduled: 'scheduled it', removed: 'took it out of the publication',
}

export function ReviewPage({ publication, state, story, history, can, errors, values }: ReviewProps) {
  const base = `/${publication.slug}/submissions/${story.slug}`
  const pending = story.status === 'submitted' || story.status === 'scheduled'
  return (
    <PublicationFrame publication={publication} state={state} tab="submissions" title={`${story.title} · Submissions · ${publication.name}`}>
      <article class="review">
        <header class="review__header">
          <p class={`badge badge--${story.status}`}>{statusWords(story.status)}</p>
          <h2 class="review__title">{story.title}</h2>
          {story.subtitle && <p class="review__subtitle">{story.subtitle}</p>}
          <p class="review__byline">
            <Avatar name={story.author.name} image={story.author.image} size={24} />
            <span>{story.author.name}{story.author.title ? `, ${story.author.title}` : ''}</span>
          </p>
          <p class="review__links">
            <a class="button" href={story.path}>Read it</a>
            {can.edit && <a class="button" href={`/edit/${story.slug}`}>Edit</a>}
          </p>
        </header>

        {Object.keys(errors).length > 0 && (
          <div class="form-alert" role="alert">{Object.entries(errors).map(([field, messages]) => <p>{sentence(field, messages)}</p>)}</div>
        )}

        {pending && (can.publish || can.return || can.note || can.withdraw) && (
          <section class="review__steps" aria-label="Editorial steps">
            {can.publish && (
              <div class="review__step">
                <form method="post" action={`${base}/publish`}><button class="button button--accent" type="submit">Publish now</button></form>
                <form method="post" action={`${base}/schedule`} class="review__schedule">
                  <label for="scheduledAt">Or publish at (UTC)</label>
                  <input id="scheduledAt" name="scheduledAt" type="datetime-local" value={values.scheduledAt} required />
                  <button class="button" type="submit">Schedule</button>
                </form>
              </div>
            )}
            {(can.note || can.return) && (
              <form method="post" action={`${base}/note`} class="review__note">
                <label for="note">A note to {story.author.name} (only they and the editors see it)</label>
                <textarea id="note" name="note" rows={4} maxLength={5000}>{values.note}</textarea>
                <div class="review__note-actions">
                  {can.note && <button class="button" type="submit">Send note</button>}
                  {can.return && <button class="button" type="submit" formaction={`${base}/return`}>Return to writer with this note</button>}
                </div>
              </form>
            )}
            {can.withdraw && (
              <form method="post" action={`${base}/withdraw`}><button class="button" type="submit">Withdraw my submission</button></form>
            )}
          </section>
        )}

        {can.remove && (
          <form method="post" action={`${base}/remove`} class="review__remove">
            <button class="link-button link-button--danger" type="submit">Take it out of {publication.name}</button>
            <span class="review__remove-hint">{pending ? 'It goes back to being its writer’s draft.' : 'It stays published, on its writer’s profile.'}</span>
          </form>
        )}

        <section class="review__history" aria-labelledby="history-title">
          <h3 id="history-title" class="section-title">History</h3>
          <ol class="history">
            {history.map((item) => (
              <li class={`history__item history__item--${item.kind}`}>
                <p class="history__line"><strong>{item.by?.name ?? 'Someone'}</strong> {STEP_WORDS[item.kind] ?? item.kind} · <time datetime={item.at.toISOString()}>{formatDate(item.at)}</time></p>
                {item.note && <blockquote class="history__note">{item.note}</blockquote>}
              </li>
            ))}
          </ol>
        </section>
      </article>
    </PublicationFrame>
  )
}

function statusWords(status: string): string {
  return status === 'submitted' ? 'Awaiting review' : status === 'scheduled' ? 'Scheduled' : status === 'draft' ? "Writer's draft" : 'Published'
}

function slugOfPath(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}
