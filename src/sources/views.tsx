// The sources page of a story: its list of cited works, a plain form to add one, and how to cite
// one from Markdown. Works without JavaScript; the editor attaches sources to passages itself.
import { Layout, type ViewerSummary } from '../web/layout.tsx'
import type { CitedSource } from './service.ts'

export type SourcesPageProps = {
  viewer: ViewerSummary
  slug: string
  title: string
  sources: Array<CitedSource & { markdown: string }>
  values: { title: string; author: string; url: string; date: string; excerpt: string }
  errors: Record<string, string[]>
}

const LABELS: Record<string, string> = { title: 'Title', author: 'Author or publisher', url: 'Address', date: 'Date', excerpt: 'Excerpt' }

export function SourcesPage({ viewer, slug, title, sources, values, errors }: SourcesPageProps) {
  const path = `/edit/${slug}/sources`
  const field = (name: keyof SourcesPageProps['values'], props: Record<string, unknown>) => (
    <div class={errors[name] ? 'field field--invalid' : 'field'}>
      <label for={`source-${name}`}>{LABELS[name]}</label>
      {name === 'excerpt'
        ? <textarea id={`source-${name}`} name={name} rows={3} maxLength={10_000} aria-describedby={errors[name] ? `source-${name}-error` : undefined}>{values[name]}</textarea>
        : <input id={`source-${name}`} name={name} value={values[name]} aria-invalid={errors[name] ? 'true' : undefined} aria-describedby={errors[name] ? `source-${name}-error` : undefined} {...props} />}
      {errors[name] && <p class="field__error" id={`source-${name}-error`}>{LABELS[name]} {errors[name]?.join(', ')}</p>}
    </div>
  )
  return (
    <Layout title={`Sources · ${title}`} viewer={viewer} path={path} width="narrow">
      <header class="tool-header">
        <h1 class="page-header__title">Sources</h1>
        <p class="page-header__meta">of <a href={`/edit/${slug}`}>{title}</a></p>
      </header>
      {sources.length === 0 ? (
        <p class="empty">No sources yet.</p>
      ) : (
        <ul class="source-list">
          {sources.map((source) => (
            <li class="source-list__item">
              <p class="source-list__citation">
                {source.author && `${source.author}, `}<cite>{source.title || 'Untitled source'}</cite>{source.date && `, ${source.date}`}
                {source.notes.length > 0 && <span class="source-list__notes"> · cited in {source.notes.length === 1 ? 'note' : 'notes'} {source.notes.join(', ')}</span>}
              </p>
              {source.url && <p class="source-list__url"><code>{source.url}</code></p>}
              <p class="source-list__how">To cite it in Markdown, end a footnote with: <code>{source.markdown}</code></p>
              <form method="post" action={`${path}/${source.id}/delete`} class="inline-form">
                <button type="submit" class="link-button link-button--danger">Remove</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <h2 class="section-title">Add a source</h2>
      <form method="post" action={path} class="form" novalidate>
        {Object.keys(errors).length > 0 && <p class="form-alert" role="alert">The source was not saved: see below.</p>}
        {field('title', { required: true, maxLength: 2000 })}
        {field('author', { maxLength: 2000 })}
        {field('url', { type: 'url', placeholder: 'https://…', maxLength: 4000 })}
        {field('date', { placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD', maxLength: 10 })}
        {field('excerpt', {})}
        <p class="add-image__actions">
          <button type="submit" class="button button--dark">Add the source</button>
          <a href={`/edit/${slug}`}>Back to the story</a>
        </p>
      </form>
    </Layout>
  )
}
