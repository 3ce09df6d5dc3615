import { Layout, type ViewerSummary } from './layout.tsx'
import { renderDocument } from './render.ts'

const headings: Record<number, string> = {
  400: 'That request did not make sense to us',
  401: 'Please sign in first',
  403: 'That is not yours to change',
  404: 'We couldn’t find this page',
  413: 'That is too large for us',
  422: 'Something in that form needs fixing',
  429: 'Slow down a little',
}

export function renderErrorPage(viewer: ViewerSummary | null, status: number, message: string): string {
  const heading = headings[status] ?? 'Something went wrong on our side'
  const detail = status === 404
    ? 'The story or page may have been moved, unpublished, or never existed.'
    : status >= 500 ? 'We have logged the problem. Please try again in a moment.' : capitalise(message) + '.'
  return renderDocument(
    <Layout title={`${heading} · Ovation`} viewer={viewer} width="narrow">
      <section class="error-page">
        <p class="error-page__status">{status}</p>
        <h1>{heading}</h1>
        <p>{detail}</p>
        <p><a class="button" href="/">Go to the home page</a></p>
      </section>
    </Layout>,
  )
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
