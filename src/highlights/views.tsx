// A reader's highlights page: every passage they marked, newest first, with its story.
import { Layout, type ViewerSummary } from '../web/layout.tsx'
import { formatDate } from '../web/format.ts'
import type { ReaderHighlight } from './service.ts'

export function HighlightsPage({ viewer, highlights, olderHref }: { viewer: ViewerSummary; highlights: ReaderHighlight[]; olderHref: string | undefined }) {
  return (
    <Layout title="Your highlights | Ovation" viewer={viewer} path="/me/highlights" width="narrow">
      <h1 class="page-title">Your highlights</h1>
      {highlights.length === 0
        ? <p class="empty">Select a passage in a story and choose Highlight: it will wait for you here.</p>
        : (
          <ol class="highlight-list">
            {highlights.map((h) => (
              <li class={`highlight-list__item${h.detached ? ' highlight-list__item--detached' : ''}`}>
                <blockquote class="highlight-list__quote"><mark>{h.quote}</mark></blockquote>
                <p class="highlight-list__meta">
                  <a href={h.detached ? h.story.path : `${h.story.path}#${h.blockId}`}>{h.story.title}</a>
                  {' · '}<time datetime={h.createdAt.toISOString()}>{formatDate(h.createdAt)}</time>
                  {h.detached && <span class="badge"> The writer has since removed this passage</span>}
                </p>
                <form method="post" action={`/me/highlights/${h.id}/delete`} class="inline-form">
                  <button type="submit" class="link-button" aria-label={`Remove the highlight “${h.quote.slice(0, 40)}”`}>Remove</button>
                </form>
              </li>
            ))}
          </ol>
        )}
      {olderHref && <p class="pager"><a class="button" href={olderHref} rel="next">Older highlights</a></p>}
    </Layout>
  )
}
