// Feed readers show a story away from our site, so every same-site address in its rendered body
// must be absolute. The renderer (stories/document/render-html.ts) writes only three kinds of
// src/href values: vetted absolute http(s)/mailto URLs, same-site paths ("/media/…", images
// only) and in-page anchors ("#source-…", footnotes). Only the last two need rewriting, and
// both sit in double-quoted attributes that the renderer has already escaped.

/**
 * The story's HTML with `src="/…"` and `href="/…"` made absolute against baseUrl, and
 * `href="#…"` pointing into the story's page.
 */
export function absolutizeHtml(html: string, baseUrl: string, storyUrl: string): string {
  return html
    .replace(/ (src|href)="\/(?![/\\])/g, (_match, name: string) => ` ${name}="${baseUrl}/`)
    .replace(/ href="#/g, ` href="${storyUrl}#`)
}
