// The editorial check's warnings as a small list, for the edit page and the publish dialog.
// It informs and never blocks: publishing stays possible whatever it lists.
import type { EditorialWarning } from '../editorial-check.ts'

export function EditorialWarnings({ warnings }: { warnings: readonly EditorialWarning[] }) {
  if (warnings.length === 0) {
    return <p class="editorial-check editorial-check--clear" data-editorial-check="0">Editorial check: every quotation has a source and every link is https.</p>
  }
  return (
    <section class="editorial-check" aria-labelledby="editorial-check-title" data-editorial-check={warnings.length}>
      <h2 id="editorial-check-title" class="editorial-check__title">
        Before you publish: {warnings.length === 1 ? '1 thing' : `${warnings.length} things`} to check
      </h2>
      <ul class="editorial-check__list">
        {warnings.map((warning) => (
          <li class={`editorial-check__item editorial-check__item--${warning.kind}`} data-block={warning.blockId}>
            {warning.kind === 'unsourced_quote' ? <q>{warning.quote}</q> : <code>{warning.url}</code>}
            <span class="editorial-check__message">{warning.message}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
