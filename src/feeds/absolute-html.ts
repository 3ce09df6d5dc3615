// Feed readers show a story away from our site, so every same-site address in its rendered body
// must be absolute. The renderer (stories/document/render-html.ts) writes only three kinds of
// src/href values: vetted absolute http(s)/mailto URLs, same-site paths ("/media/…", images
// only, also in srcset) and in-page anchors ("#fn-…", "#fnref-…", footnotes). Only the last two need rewriting, and
// both sit in double-quoted attributes that the renderer has already escaped.

/**
 * The story's HTML with `src="/…"` and `href="/…"` made absolute against baseUrl, and
 * `href="#…"` pointing into the story's page.
 */
export function absolutizeHtml(html: string, baseUrl: string, storyUrl: string): string {
  return html
    .replace(/ (src|href)="\/(?![/\\])/g, (_match, name: string) => ` ${name}="${baseUrl}/`)
    // Uploaded images list their widths in srcset ("/media/a-400.webp 400w, …"), all same-site paths.
    .replace(/ srcset="([^"]*)"/g, (_match, list: string) => ` srcset="${list.split(', ').map((candidate) => (/^\/(?![/\\])/.test(candidate) ? baseUrl + candidate : candidate)).join(', ')}"`)
    .replace(/ href="#/g, ` href="${storyUrl}#`)
}
