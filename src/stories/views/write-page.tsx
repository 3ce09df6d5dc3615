import type { ErrorFields } from '../../http/errors.ts'
import { Layout, type ViewerSummary } from '../../web/layout.tsx'
import { FieldErrors, sentence } from '../../web/components/form.tsx'

export type WriteValues = { title: string; subtitle: string; body: string; tags: string; publication: string }

export type WritePageProps = {
  viewer: ViewerSummary
  /** Set when editing an existing story. */
  slug?: string
  status?: 'draft' | 'published' | 'unlisted'
  values: WriteValues
  errors: ErrorFields
  publications: { slug: string; name: string }[]
}

// The minimal writing page: plain fields and Markdown. The rich editor arrives in its own issue.
export function WritePage({ viewer, slug, status, values, errors, publications }: WritePageProps) {
  const editing = slug !== undefined
  return (
    <Layout title={editing ? `Edit “${values.title}” · Ovation` : 'Write a story · Ovation'} viewer={viewer} width="reading">
      <form method="post" action={editing ? `/edit/${slug}` : '/new-story'} class="write" novalidate>
        <FieldErrors errors={errors} fields={['publication', 'canonicalUrl']} />
        <label class="visually-hidden" for="title">Title</label>
        <textarea id="title" name="title" class="write__title" rows={1} placeholder="Title" maxLength={200} required aria-invalid={errors.title ? 'true' : undefined} aria-describedby={errors.title ? 'title-error' : undefined}>{values.title}</textarea>
        {errors.title && <p class="field__error" id="title-error">{sentence('title', errors.title)}</p>}
        <label class="visually-hidden" for="subtitle">Subtitle</label>
        <textarea id="subtitle" name="subtitle" class="write__subtitle" rows={1} placeholder="Subtitle (optional)" maxLength={300}>{values.subtitle}</textarea>
        {errors.subtitle && <p class="field__error">{sentence('subtitle', errors.subtitle)}</p>}
        <label class="visually-hidden" for="body">Story, in Markdown</label>
        <textarea id="body" name="body" class="write__body" rows={18} placeholder="Tell your story… (Markdown: ## heading, **bold**, _italic_, > quote, - list, ```code```)" required aria-invalid={errors.body ? 'true' : undefined} aria-describedby={errors.body ? 'body-error' : 'body-hint'}>{values.body}</textarea>
        {errors.body ? <p class="field__error" id="body-error">{sentence('body', errors.body)}</p> : <p class="field__hint" id="body-hint">Markdown is welcome. A blockquote starting with [!pullquote] becomes a pull quote.</p>}
        <div class="write__settings">
          <div class="field">
            <label for="tags">Tags</label>
            <input id="tags" name="tags" value={values.tags} placeholder="Up to five, separated by commas" aria-describedby={errors.tagList ? 'tags-error' : undefined} />
            {errors.tagList && <p class="field__error" id="tags-error">{sentence('tagList', errors.tagList)}</p>}
          </div>
          {publications.length > 0 && (
            <div class="field">
              <label for="publication">Publication</label>
              <select id="publication" name="publication">
                <option value="" selected={!values.publication}>None: publish on my profile</option>
                {publications.map((p) => <option value={p.slug} selected={values.publication === p.slug}>{p.name}</option>)}
              </select>
            </div>
          )}
        </div>
        <div class="write__actions">
          <button class="button button--accent" type="submit" name="intent" value="publish">{editing && status !== 'draft' ? 'Save and publish' : 'Publish'}</button>
          {(!editing || status === 'draft') && <button class="button" type="submit" name="intent" value="draft">Save draft</button>}
          {editing && status !== 'draft' && <button class="button" type="submit" name="intent" value="unpublish">Unpublish to draft</button>}
        </div>
      </form>
      {editing && (
        <form method="post" action={`/edit/${slug}/delete`} class="write__delete">
          <button class="link-button link-button--danger" type="submit">Delete this story</button>
        </form>
      )}
    </Layout>
  )
}
