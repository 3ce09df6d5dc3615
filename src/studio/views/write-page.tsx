// The write page: the studio. Without JavaScript it is a plain form (title, subtitle, the story
// in Markdown, publishing settings under it); the editor bundle turns the Markdown field into the
// rich editor, saves drafts as the writer types, and opens the settings as the publish dialog.
import type { StoryStatus } from '../../db/schema.ts'
import type { ErrorFields } from '../../http/errors.ts'
import { assetUrls } from '../../web/assets.ts'
import { Layout, type ViewerSummary } from '../../web/layout.tsx'
import { FieldErrors, sentence } from '../../web/components/form.tsx'
import { formatDate } from '../../web/format.ts'
import { EditorialWarnings } from '../../stories/views/editorial-warnings.tsx'
import type { EditorialWarning } from '../../stories/editorial-check.ts'

export type WriteValues = {
  title: string
  subtitle: string
  body: string
  tags: string
  publication: string
  canonicalUrl: string
  visibility: 'public' | 'unlisted'
  when: 'now' | 'later'
  /** datetime-local text (UTC without JavaScript; the writer's zone with it, sent as publishAtIso). */
  publishAt: string
  /** The cover image's address (an upload's /media/… path or an http(s) URL) and its alt text. */
  coverImage: string
  coverAlt: string
}

export type WritePageProps = {
  viewer: ViewerSummary
  /** Set when editing an existing story. */
  slug?: string | undefined
  status?: StoryStatus | undefined
  /** The story's version, for optimistic concurrency. */
  version?: number | undefined
  /** The block document as JSON, for the editor. */
  documentJson?: string | undefined
  scheduledAt?: Date | null | undefined
  /** When the unpublished changes to a published story (loaded instead of it) were saved. */
  pendingSavedAt?: Date | undefined
  values: WriteValues
  errors: ErrorFields
  publications: { slug: string; name: string }[]
  /** Existing tags to suggest. */
  tagSuggestions: string[]
  /** The editorial check of the saved story (issue 3): shown in the publish dialog, never blocking. */
  warnings?: readonly EditorialWarning[] | undefined
}

export const emptyValues: WriteValues = { title: '', subtitle: '', body: '', tags: '', publication: '', canonicalUrl: '', visibility: 'public', when: 'now', publishAt: '', coverImage: '', coverAlt: '' }

export function WritePage(props: WritePageProps) {
  const { viewer, slug, status, values, errors, publications } = props
  const editing = slug !== undefined
  const live = status === 'published' || status === 'unlisted'
  const publishLabel = live ? 'Republish' : 'Publish'
  return (
    <Layout
      title={editing ? `Edit “${values.title}” · Ovation` : 'Write a story · Ovation'}
      viewer={viewer}
      width="reading"
      head={<script type="module" src={assetUrls().editor} />}
    >
      <form method="post" action={editing ? `/edit/${slug}` : '/new-story'} class="write" novalidate data-studio data-slug={slug ?? ''} data-autosave={live ? 'changes' : 'story'}>
        <div class="write__bar">
          <p class="write__state">{stateText(status, props.scheduledAt)}</p>
          {props.pendingSavedAt && <p class="write__pending">Unpublished changes from {formatDate(props.pendingSavedAt)}, {props.pendingSavedAt.toISOString().slice(11, 16)} UTC: republish to publish them.</p>}
          <p class="write__saved" data-save-status role="status" aria-live="polite"></p>
          {editing && <a class="write__history" href={`/edit/${slug}/revisions`}>History</a>}
          {editing && <a class="write__history" href={`/edit/${slug}/images`}>Add an image</a>}
          {editing && <a class="write__history" href={`/edit/${slug}/sources`}>Sources</a>}
        </div>
        <FieldErrors errors={errors} fields={['publication', 'canonicalUrl', 'document', 'version', 'status', 'scheduledAt']} />
        {/* The page's heading for screen readers: the title field below is the visible one. */}
        <h1 class="visually-hidden">{editing ? 'Edit your story' : 'Write a story'}</h1>
        <label class="visually-hidden" for="title">Title</label>
        <textarea id="title" name="title" class="write__title" rows={1} placeholder="Title" maxLength={200} required aria-invalid={errors.title ? 'true' : undefined} aria-describedby={errors.title ? 'title-error' : undefined}>{values.title}</textarea>
        {errors.title && <p class="field__error" id="title-error">{sentence('title', errors.title)}</p>}
        <label class="visually-hidden" for="subtitle">Subtitle</label>
        <textarea id="subtitle" name="subtitle" class="write__subtitle" rows={1} placeholder="Subtitle (optional)" maxLength={300}>{values.subtitle}</textarea>
        {errors.subtitle && <p class="field__error">{sentence('subtitle', errors.subtitle)}</p>}
        <div class="write__markdown">
          <label class="visually-hidden" for="body">Story, in Markdown</label>
          <textarea id="body" name="body" class="write__body" rows={18} placeholder="Tell your story… (Markdown: ## heading, **bold**, _italic_, > quote, - list, ```code```)" required aria-invalid={errors.body ? 'true' : undefined} aria-describedby={errors.body ? 'body-error' : 'body-hint'}>{values.body}</textarea>
          {errors.body ? <p class="field__error" id="body-error">{sentence('body', errors.body)}</p> : <p class="field__hint" id="body-hint">Markdown is welcome. A blockquote starting with [!pullquote] becomes a pull quote.</p>}
        </div>
        <input type="hidden" name="document" value="" />
        <input type="hidden" name="version" value={String(props.version ?? '')} />
        <div class="write__actions">
          <button type="button" class="button button--accent" data-open-publish hidden>{publishLabel}…</button>
          {!live && <button class="button" type="submit" name="intent" value="draft">{status === 'scheduled' ? 'Save' : 'Save draft'}</button>}
          {editing && status !== 'draft' && <button class="button" type="submit" name="intent" value="unpublish">{status === 'scheduled' ? 'Unschedule (back to draft)' : 'Unpublish to draft'}</button>}
        </div>
        <PublishSettings {...props} publishLabel={publishLabel} />
      </form>
      {props.documentJson && (
        // Data for the editor, not a script: the CSP runs none inline, and `<` is escaped so the
        // text cannot close the element.
        <script type="application/json" id="story-document" dangerouslySetInnerHTML={{ __html: props.documentJson.replace(/</g, '\\u003c') }} />
      )}
      {editing && (
        <form method="post" action={`/edit/${slug}/delete`} class="write__delete">
          <button class="link-button link-button--danger" type="submit">Delete this story</button>
        </form>
      )}
    </Layout>
  )
}

function PublishSettings({ values, errors, publications, tagSuggestions, status, publishLabel, warnings }: WritePageProps & { publishLabel: string }) {
  const live = status === 'published' || status === 'unlisted'
  return (
    <dialog open class="publish" aria-labelledby="publish-title">
      <h2 id="publish-title" class="publish__title">{live ? 'Republish your story' : 'Publish your story'}</h2>
      <div class="publish__fields">
        <div class={errors.tagList ? 'field field--invalid' : 'field'}>
          <label for="tags">Tags</label>
          <input id="tags" name="tags" value={values.tags} list="tag-suggestions" autocomplete="off" placeholder="Up to five, separated by commas" aria-describedby={errors.tagList ? 'tags-error' : 'tags-hint'} />
          <datalist id="tag-suggestions">{tagSuggestions.map((tag) => <option value={tag} />)}</datalist>
          {errors.tagList ? <p class="field__error" id="tags-error">{sentence('tagList', errors.tagList)}</p> : <p class="field__hint" id="tags-hint">Readers find stories by their tags.</p>}
        </div>
        {publications.length > 0 && (
          <div class="field">
            <label for="publication">Publication</label>
            <select id="publication" name="publication">
              <option value="" selected={!values.publication}>None: publish on my profile</option>
              {publications.map((p) => <option value={p.slug} selected={values.publication === p.slug}>{p.name}</option>)}
            </select>
            <p class="field__hint">In a publication where you write, publishing sends the story to its editors for review.</p>
          </div>
        )}
        <div class={errors.coverImage ? 'field field--invalid publish__cover' : 'field publish__cover'}>
          <label for="coverImage">Cover image</label>
          <input id="coverImage" name="coverImage" value={values.coverImage} placeholder="An address: /media/… or https://…" aria-describedby={errors.coverImage ? 'cover-error' : 'cover-hint'} />
          {errors.coverImage ? <p class="field__error" id="cover-error">{sentence('coverImage', errors.coverImage)}</p> : <p class="field__hint" id="cover-hint">Shown at the top of the story and in lists.</p>}
        </div>
        <div class={errors.coverAlt ? 'field field--invalid' : 'field'}>
          <label for="coverAlt">Cover alt text</label>
          <input id="coverAlt" name="coverAlt" value={values.coverAlt} maxLength={300} placeholder="What the cover shows" aria-describedby="cover-alt-hint" />
          <p class="field__hint" id="cover-alt-hint">For readers who cannot see the image.</p>
        </div>
        <div class={errors.canonicalUrl ? 'field field--invalid' : 'field'}>
          <label for="canonicalUrl">Canonical URL</label>
          <input id="canonicalUrl" name="canonicalUrl" type="url" value={values.canonicalUrl} placeholder="https://…" aria-describedby="canonical-hint" />
          <p class="field__hint" id="canonical-hint">Where the story first appeared, if it was somewhere else.</p>
        </div>
        <fieldset class="publish__choice">
          <legend>Who can read it</legend>
          <label><input type="radio" name="visibility" value="public" checked={values.visibility === 'public'} /> Everyone: on your profile, in feeds and lists</label>
          <label><input type="radio" name="visibility" value="unlisted" checked={values.visibility === 'unlisted'} /> Unlisted: only people with the link</label>
        </fieldset>
        {!live && (
          <fieldset class={errors.scheduledAt ? 'publish__choice field--invalid' : 'publish__choice'}>
            <legend>When</legend>
            <label><input type="radio" name="when" value="now" checked={values.when === 'now'} /> Now</label>
            <label><input type="radio" name="when" value="later" checked={values.when === 'later'} /> Later, at</label>
            <label class="visually-hidden" for="publishAt">Publish at (your time; UTC without JavaScript)</label>
            <input id="publishAt" name="publishAt" type="datetime-local" value={values.publishAt} aria-describedby={errors.scheduledAt ? 'schedule-error' : undefined} />
            <input type="hidden" name="publishAtIso" value="" />
            {errors.scheduledAt && <p class="field__error" id="schedule-error">{sentence('scheduled time', errors.scheduledAt)}</p>}
          </fieldset>
        )}
      </div>
      {/* The editor re-checks the text on screen into this slot whenever the dialog opens. */}
      <div class="publish__check" data-editorial-slot>{warnings && <EditorialWarnings warnings={warnings} />}</div>
      <div class="publish__actions">
        <button class="button button--accent" type="submit" name="intent" value="publish">{publishLabel}</button>
        <button class="button" type="button" data-close-publish hidden>Cancel</button>
      </div>
    </dialog>
  )
}

function stateText(status: StoryStatus | undefined, scheduledAt: Date | null | undefined): string {
  switch (status) {
    case undefined:
    case 'draft':
      return 'Draft'
    case 'scheduled':
      return scheduledAt ? `Scheduled for ${formatDate(scheduledAt)}, ${scheduledAt.toISOString().slice(11, 16)} UTC` : 'Scheduled'
    case 'published':
      return 'Published'
    case 'unlisted':
      return 'Published, unlisted'
    default:
      return status.charAt(0).toUpperCase() + status.slice(1)
  }
}
