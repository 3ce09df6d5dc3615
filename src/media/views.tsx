// The page that adds an image to a story with a plain form: the fallback for browsers without
// JavaScript (the editor uploads through POST /api/uploads and places the image itself).
import { Layout, type ViewerSummary } from '../web/layout.tsx'

export type AddImageProps = {
  viewer: ViewerSummary
  slug: string
  title: string
  maxBytes: number
  values: { alt: string; caption: string; cover: boolean }
  errors: Record<string, string[]>
}

export function AddImagePage({ viewer, slug, title, maxBytes, values, errors }: AddImageProps) {
  const path = `/edit/${slug}/images`
  const messages = Object.entries(errors).flatMap(([field, list]) => list.map((message) => `${field === 'file' ? 'The file' : field} ${message}`))
  return (
    <Layout title={`Add an image · ${title}`} viewer={viewer} path={path} width="narrow">
      <header class="tool-header">
        <h1 class="page-header__title">Add an image</h1>
        <p class="page-header__meta">to <a href={`/edit/${slug}`}>{title}</a></p>
      </header>
      <form method="post" action={path} enctype="multipart/form-data" class="form add-image">
        {messages.length > 0 && (
          <div class="form-alert" role="alert">
            {messages.map((message) => <p>{message}</p>)}
          </div>
        )}
        <div class="field">
          <label for="image-file">Image</label>
          <input id="image-file" type="file" name="file" accept="image/jpeg,image/png,image/webp,image/gif,image/avif" required aria-describedby="image-file-hint" />
          <p class="field__hint" id="image-file-hint">JPEG, PNG, WebP, GIF or AVIF, up to {Math.round(maxBytes / (1024 * 1024)) || 1} MB. Location and camera details are removed.</p>
        </div>
        <div class="field">
          <label for="image-alt">Alt text</label>
          <input id="image-alt" type="text" name="alt" maxLength={1000} value={values.alt} aria-describedby="image-alt-hint" />
          <p class="field__hint" id="image-alt-hint">What the image shows, for readers who cannot see it. Leave empty only for a purely decorative image.</p>
        </div>
        <div class="field">
          <label for="image-caption">Caption (optional)</label>
          <input id="image-caption" type="text" name="caption" maxLength={1000} value={values.caption} />
        </div>
        <p class="add-image__choice">
          <label><input type="checkbox" name="cover" value="1" checked={values.cover} /> Use it as the story’s cover image, rather than adding it at the end of the story</label>
        </p>
        <p class="add-image__actions">
          <button type="submit" class="button button--dark">Upload</button>
          <a href={`/edit/${slug}`}>Cancel</a>
        </p>
      </form>
    </Layout>
  )
}
