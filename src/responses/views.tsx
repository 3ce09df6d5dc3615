// The responses section under a story: the form to respond (or the way to sign in first) and the
// responses, oldest first. It works without JavaScript: both forms post and come back by redirect.
import type { ComponentChildren } from 'preact'
import type { ViewerSummary } from '../web/layout.tsx'
import { Avatar } from '../web/layout.tsx'
import { formatCount, formatDate } from '../web/format.ts'
import { ClapIcon } from '../web/components/icons.tsx'
import { RESPONSE_MAX, type ResponseItem } from './response.ts'

export type { ResponseItem } from './response.ts'

export type ResponsesSectionProps = {
  /** The story's slug as in its URLs ("title-words-abc123"): the forms post to /responses/<slug>. */
  storySlug: string
  storyPath: string
  responses: ResponseItem[]
  viewer: ViewerSummary | null
  /**
   * The `response_error` query value the respond form redirects back with. Only known codes show
   * a message, so a crafted link cannot put words of its choosing on a story page.
   */
  error?: string | undefined
}

const errorMessages: Record<string, string> = {
  blank: 'Write something before you respond.',
  too_long: `A response can be at most ${RESPONSE_MAX.toLocaleString('en-US')} characters.`,
}

export function ResponsesSection({ storySlug, storyPath, responses, viewer, error }: ResponsesSectionProps) {
  return (
    <section class="responses" id="responses" aria-labelledby="responses-title">
      <h2 class="responses__title" id="responses-title">Responses ({responses.reduce((n, r) => n + 1 + (r.replies?.length ?? 0), 0)})</h2>
      {viewer
        ? <RespondForm storySlug={storySlug} viewer={viewer} message={error === undefined ? undefined : errorMessages[error]} />
        : (
          <p class="responses__signin">
            <a class="button" href={`/signin?next=${encodeURIComponent(`${storyPath}#responses`)}`}>Sign in to respond</a>
          </p>
        )}
      {responses.length > 0
        ? (
          <ol class="responses__list">
            {responses.map((response) => (
              <li class="responses__item" key={response.id}>
                <Response storySlug={storySlug} response={response} />
                {response.replies && response.replies.length > 0 && (
                  <ol class="responses__replies" aria-label={`Replies to ${response.author.name}`}>
                    {response.replies.map((reply) => <li class="responses__item" key={reply.id}><Response storySlug={storySlug} response={reply} /></li>)}
                  </ol>
                )}
                {viewer && <ReplyForm storySlug={storySlug} response={response} />}
              </li>
            ))}
          </ol>
        )
        : <p class="responses__empty">No responses yet.</p>}
    </section>
  )
}

function RespondForm({ storySlug, viewer, message }: { storySlug: string; viewer: ViewerSummary; message: string | undefined }) {
  return (
    <form class="responses__form" method="post" action={`/responses/${storySlug}`}>
      <div class="responses__viewer">
        <Avatar name={viewer.name} image={viewer.image} size={32} />
        <span class="responses__viewer-name">{viewer.name}</span>
      </div>
      <label class="responses__label" for="response-body">What are your thoughts?</label>
      {message && <p class="responses__error" id="response-body-error" role="alert">{message}</p>}
      <textarea
        class="responses__input"
        id="response-body"
        name="body"
        rows={4}
        maxLength={RESPONSE_MAX}
        required
        aria-invalid={message ? 'true' : undefined}
        aria-describedby={message ? 'response-body-error' : undefined}
      />
      <div class="responses__actions">
        <button class="button button--dark responses__submit" type="submit">Respond</button>
      </div>
    </form>
  )
}

/** Answer a response: a plain form inside <details>, so it opens and posts without JavaScript. */
function ReplyForm({ storySlug, response }: { storySlug: string; response: ResponseItem }) {
  return (
    <details class="response__reply">
      <summary class="response__reply-toggle">Reply</summary>
      <form class="responses__form responses__form--reply" method="post" action={`/responses/${storySlug}`}>
        <input type="hidden" name="parent_id" value={String(response.id)} />
        <label class="visually-hidden" for={`reply-${response.id}`}>{`Reply to ${response.author.name}`}</label>
        <textarea class="responses__input" id={`reply-${response.id}`} name="body" rows={3} maxLength={RESPONSE_MAX} required />
        <div class="responses__actions">
          <button class="button button--dark responses__submit" type="submit">Reply</button>
        </div>
      </form>
    </details>
  )
}

export function Response({ storySlug, response }: { storySlug: string; response: ResponseItem }) {
  const { author, passage } = response
  return (
    <article
      class={`response${response.hidden ? ' response--hidden' : ''}`}
      id={`response-${response.id}`}
      data-quote-block={passage?.blockId}
      data-quote-start={passage ? String(passage.start) : undefined}
      data-quote-end={passage ? String(passage.end) : undefined}
    >
      <header class="response__meta">
        <a class="response__author" href={`/@${author.username}`}>
          <Avatar name={author.name} image={author.image} size={32} />
          <span class="response__name">{author.name}</span>
        </a>
        <a class="response__permalink" href={`/responses/${response.id}`}>
          <time class="response__date" dateTime={response.createdAt.toISOString()}>{formatDate(response.createdAt)}</time>
        </a>
      </header>
      {response.hidden && <p class="response__hidden-note">Hidden by the writer: only you and the writer see it.</p>}
      {passage && (
        <blockquote class="response__quote">
          <a href={`#${passage.blockId}`}>{passage.quote}</a>
        </blockquote>
      )}
      {/* The only raw HTML here: renderDocumentHtml escapes every text and vets every URL. */}
      <div class="response__body" dangerouslySetInnerHTML={{ __html: response.html }} />
      <ResponseActions storySlug={storySlug} response={response}>
        {response.canDelete && (
          <form class="response__delete" method="post" action={`/responses/${storySlug}/${response.id}/delete`}>
            <button class="response__delete-button" type="submit" aria-label={`Delete response by ${author.name}`}>Delete</button>
          </form>
        )}
      </ResponseActions>
    </article>
  )
}

/** Claps, edit and hide for one response, each a plain form or link (issue 5). */
function ResponseActions({ storySlug, response, children }: { storySlug: string; response: ResponseItem; children?: ComponentChildren }) {
  const claps = response.claps ?? 0
  const base = `/responses/${storySlug}/${response.id}`
  return (
    <div class="response__actions">
      {response.canClap
        ? (
          <form class="response__clap" method="post" action={`${base}/clap`}>
            <button type="submit" class={`response__clap-button${(response.myClaps ?? 0) > 0 ? ' response__clap-button--clapped' : ''}`} disabled={(response.myClaps ?? 0) >= 50}
              aria-label={`Clap for this response (${claps} ${claps === 1 ? 'clap' : 'claps'})`}>
              <ClapIcon filled={(response.myClaps ?? 0) > 0} /> <span>{claps > 0 ? formatCount(claps) : ''}</span>
            </button>
          </form>
        )
        : claps > 0 && <span class="response__claps"><ClapIcon /> {formatCount(claps)}</span>}
      {response.canEdit && <a class="response__edit" href={`${base}/edit`}>Edit</a>}
      {response.canHide && (
        <form class="response__hide" method="post" action={`${base}/${response.hidden ? 'show' : 'hide'}`}>
          <button class="link-button" type="submit">{response.hidden ? 'Show' : 'Hide'}</button>
        </form>
      )}
      {children}
    </div>
  )
}
