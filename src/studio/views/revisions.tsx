// A story's history: the list of revisions, and one revision with what it changed (words added
// and removed against the revision before it) and a button to restore it.
import { Layout, type ViewerSummary } from '../../web/layout.tsx'
import { formatDate } from '../../web/format.ts'
import type { DiffPart, RevisionDetail, RevisionSummary } from '../../stories/revisions/service.ts'

const KIND: Record<RevisionSummary['kind'], string> = { publish: 'Published', autosave: 'Draft saved', restore: 'Restored' }

const when = (date: Date) => `${formatDate(date)}, ${date.toISOString().slice(11, 16)} UTC`

export function RevisionListPage({ viewer, slug, title, revisions }: { viewer: ViewerSummary; slug: string; title: string; revisions: RevisionSummary[] }) {
  return (
    <Layout title={`History of “${title}” · Ovation`} viewer={viewer} width="reading">
      <div class="revisions">
        <p class="revisions__back"><a href={`/edit/${slug}`}>← Back to the story</a></p>
        <h1>History of “{title}”</h1>
        <p class="revisions__intro">Every publish is kept, and drafts are saved every few minutes as you write. Open one to see what changed and to restore it.</p>
        {revisions.length === 0 ? <p class="empty-state">No revisions yet.</p> : (
          <ol class="revision-list">
            {revisions.map((revision) => (
              <li class="revision-list__item">
                <a href={`/edit/${slug}/revisions/${revision.id}`}>{when(revision.createdAt)}</a>
                <span class={`badge badge--${revision.kind}`}>{KIND[revision.kind]}</span>
                <span class="revision-list__title">{revision.title}</span>
                {revision.by && <span class="revision-list__by">by {revision.by.name}</span>}
              </li>
            ))}
          </ol>
        )}
      </div>
    </Layout>
  )
}

export function RevisionPage({ viewer, slug, revision }: { viewer: ViewerSummary; slug: string; revision: RevisionDetail }) {
  const added = revision.changes.filter((part) => part.change === 'added').length
  const removed = revision.changes.filter((part) => part.change === 'removed').length
  return (
    <Layout title={`Revision of “${revision.title}” · Ovation`} viewer={viewer} width="reading">
      <div class="revisions">
        <p class="revisions__back"><a href={`/edit/${slug}/revisions`}>← All revisions</a></p>
        <h1>{KIND[revision.kind]} {when(revision.createdAt)}</h1>
        <p class="revisions__intro">
          {revision.by ? `Saved by ${revision.by.name}. ` : ''}
          Changes against the revision before it: <ins class="diff__legend">added</ins> and <del class="diff__legend">removed</del> text
          {added + removed === 0 ? ' (none)' : ''}.
        </p>
        <form method="post" action={`/edit/${slug}/revisions/${revision.id}/restore`} class="revisions__restore">
          <button class="button button--accent" type="submit">Restore this revision</button>
          <span class="field__hint">The story’s text becomes this one; its current text stays in the history.</span>
        </form>
        <div class="diff" aria-label="Changes">
          {revision.changes.map((part) => <DiffText part={part} />)}
        </div>
      </div>
    </Layout>
  )
}

function DiffText({ part }: { part: DiffPart }) {
  if (part.change === 'added') return <ins>{part.text}</ins>
  if (part.change === 'removed') return <del>{part.text}</del>
  return <span>{part.text}</span>
}
