// The responses section under a story: the form to respond (or the way to sign in first) and the
// responses, oldest first. It works without JavaScript: both forms post and come back by redirect.
import type { ViewerSummary } from '../web/layout.tsx'
import { Avatar } from '../web/layout.tsx'
import { formatDate } from '../web/format.ts'
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
      <h2 class="responses__title" id="responses-title">Responses ({responses.length})</h2>
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

function Response({ storySlug, response }: { storySlug: string; response: ResponseItem }) {
  const { author } = response
  return (
    <article class="response" id={`response-${response.id}`}>
      <header class="response__meta">
        <a class="response__author" href={`/@${author.username}`}>
          <Avatar name={author.name} image={author.image} size={32} />
          <span class="response__name">{author.name}</span>
        </a>
        <a class="response__permalink" href={`#response-${response.id}`}>
          <time class="response__date" dateTime={response.createdAt.toISOString()}>{formatDate(response.createdAt)}</time>
        </a>
      </header>
      {/* The only raw HTML here: renderDocumentHtml escapes every text and vets every URL. */}
      <div class="response__body" dangerouslySetInnerHTML={{ __html: response.html }} />
      {response.canDelete && (
        <form class="response__delete" method="post" action={`/responses/${storySlug}/${response.id}/delete`}>
          <button class="response__delete-button" type="submit" aria-label={`Delete response by ${author.name}`}>Delete</button>
        </form>
      )}
    </article>
  )
}
