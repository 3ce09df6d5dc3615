import type { Source, StoryDocument, TextRun } from './types.ts'
import { numberedNotes, withoutReferences } from './footnotes.ts'
import { escapeHtml, safeHref } from './render-html.ts'
import { isHttpUrl } from './validate.ts'

/**
 * The "Notes" and "Sources" sections after a story's body: each note numbered as its
 * references are, with a back link (↩) to its first reference; then every source, cited
 * ones in the order they are first cited. Empty when the story has neither.
 * `runs` renders a note's text with the body's renderer (escaped, links vetted); `prefix`
 * (letters, digits, '-' and '_' only) goes before every id, see RenderOptions.
 */
export function renderNotesAndSources(doc: StoryDocument, runs: (content: readonly TextRun[]) => string, prefix = ''): string {
  const notes = numberedNotes(doc)
  const sections: string[] = []
  if (notes.length > 0) {
    const items = notes.map(({ number, note, source }) => {
      const text = runs(withoutReferences(note.content))
      const citation = source ? `${text ? ' ' : ''}${citationHtml(source, false)}` : ''
      // U+FE0E keeps ↩ a text glyph rather than an emoji.
      const back = `<a class="fn-back" href="#fnref-${prefix}${escapeHtml(note.id)}" role="doc-backlink" aria-label="Back to reference ${number}">↩\uFE0E</a>`
      return `<li id="fn-${prefix}${escapeHtml(note.id)}">${text}${citation} ${back}</li>`
    })
    sections.push(`<section class="story-notes" role="doc-endnotes" aria-labelledby="${prefix}notes-title"><h2 id="${prefix}notes-title">Notes</h2><ol>${items.join('')}</ol></section>`)
  }
  const sources = orderedSources(doc, notes.flatMap(({ source }) => (source ? [source.id] : [])))
  if (sources.length > 0) {
    const items = sources.map((source) => `<li id="source-${prefix}${escapeHtml(source.id)}">${citationHtml(source, true)}</li>`)
    sections.push(`<section class="story-sources" aria-labelledby="${prefix}sources-title"><h2 id="${prefix}sources-title">Sources</h2><ul>${items.join('')}</ul></section>`)
  }
  return sections.join('\n')
}

function orderedSources(doc: StoryDocument, citedIds: readonly string[]): Source[] {
  const all = doc.sources ?? []
  const byId = new Map(all.map((source) => [source.id, source]))
  const cited = [...new Set(citedIds)].flatMap((id) => byId.get(id) ?? [])
  return [...cited, ...all.filter((source) => !citedIds.includes(source.id))]
}

/** `Author, Title (linked), date.`, and in the Sources list the quoted excerpt. */
function citationHtml(source: Source, withExcerpt: boolean): string {
  const href = source.url && isHttpUrl(source.url) ? safeHref(source.url) : undefined
  // A source the editor has only begun to fill in still reads as one.
  const title = `<cite>${escapeHtml(source.title.trim() || 'Untitled source')}</cite>`
  const linked = href ? `<a href="${escapeHtml(href)}" rel="nofollow noopener">${title}</a>` : title
  const author = source.author ? `${escapeHtml(source.author)}, ` : ''
  const date = source.date ? `, <time datetime="${escapeHtml(source.date)}">${escapeHtml(source.date)}</time>` : ''
  const excerpt = withExcerpt && source.excerpt ? `<blockquote class="source-excerpt">${escapeHtml(source.excerpt)}</blockquote>` : ''
  return `<span class="citation">${author}${linked}${date}.</span>${excerpt}`
}
