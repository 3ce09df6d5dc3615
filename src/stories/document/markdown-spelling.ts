/**
 * Ovation's own Markdown spellings, shared by the parser and the serializer.
 *
 * - Pull quote: a blockquote whose first line is `[!pullquote]`, in the style of
 *   GitHub's alerts (`> [!pullquote]` then `> The quoted words`).
 * - Embed: a paragraph holding only `@[embed](https://url "optional caption")`.
 * - Task list items: GFM's `- [ ] a` / `- [x] a` become items starting with
 *   "☐ " / "☑ ", and are written back as GFM task items.
 */
export const PULLQUOTE_MARKER = '[!pullquote]'
export const EMBED_LABEL = 'embed'
export const TASK_UNCHECKED = '☐ '
export const TASK_CHECKED = '☑ '
