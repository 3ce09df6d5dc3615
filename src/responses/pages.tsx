// Pages of their own for one response (issue 5): its permalink, and the form to edit it.
import { Layout, type ViewerSummary } from '../web/layout.tsx'
import { RESPONSE_MAX, type ResponseItem } from './response.ts'
import { Response } from './views.tsx'

export function ResponsePage({ viewer, story, response }: { viewer: ViewerSummary | null; story: { title: string; path: string; slug: string }; response: ResponseItem }) {
  return (
    <Layout title={`${response.author.name} on “${story.title}” | Ovation`} viewer={viewer} path={`/responses/${response.id}`} width="reading">
      <p class="response-page__story">A response to <a href={`${story.path}#response-${response.id}`}>{story.title}</a></p>
      <section class="responses">
        <Response storySlug={story.slug} response={response} />
        {response.replies && response.replies.length > 0 && (
          <ol class="responses__replies">
            {response.replies.map((reply) => <li class="responses__item"><Response storySlug={story.slug} response={reply} /></li>)}
          </ol>
        )}
      </section>
    </Layout>
  )
}

export function EditResponsePage({ viewer, storySlug, storyPath, id, markdown }: { viewer: ViewerSummary; storySlug: string; storyPath: string; id: number; markdown: string }) {
  return (
    <Layout title="Edit your response | Ovation" viewer={viewer} width="narrow">
      <h1 class="page-title">Edit your response</h1>
      <form class="responses__form" method="post" action={`/responses/${storySlug}/${id}/edit`}>
        <label class="responses__label" for="response-body">Your response</label>
        <textarea class="responses__input" id="response-body" name="body" rows={8} maxLength={RESPONSE_MAX} required>{markdown}</textarea>
        <div class="responses__actions">
          <a class="button" href={`${storyPath}#response-${id}`}>Cancel</a>
          <button class="button button--dark responses__submit" type="submit">Save</button>
        </div>
      </form>
    </Layout>
  )
}
