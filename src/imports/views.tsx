// The writer's "Import from Medium" page: an upload form (a plain multipart form, no script
// needed), the runs in progress with a progress bar (the page refreshes itself while one runs),
// and each finished run's report.
import type { ErrorFields } from '../http/errors.ts'
import { Layout, type ViewerSummary } from '../web/layout.tsx'
import { FieldErrors } from '../web/components/form.tsx'
import type { ImportReport, ImportRun } from './service.ts'

type ImportPageProps = { viewer: ViewerSummary; runs: ImportRun[]; errors: ErrorFields }

export function ImportPage({ viewer, runs, errors }: ImportPageProps) {
  const busy = runs.some((run) => run.status === 'queued' || run.status === 'running')
  return (
    <Layout title="Import from Medium · Ovation" viewer={viewer} width="narrow" head={busy ? <meta http-equiv="refresh" content="2" /> : undefined}>
      <section class="settings-panel">
        <p class="settings-panel__back"><a href="/settings">← Settings</a></p>
        <h1>Import from Medium</h1>
        <p class="settings-panel__lede">
          On Medium, open <b>Settings → Security and apps → Download your information</b>. Medium e-mails you a zip:
          upload it here. Every story comes across with its headings, quotes, lists, images, tags, date and
          canonical link; drafts stay drafts. Importing the same zip again updates your stories instead of
          duplicating them.
        </p>
        <form method="post" action="/settings/import" enctype="multipart/form-data" class="form">
          <FieldErrors errors={errors} fields={['file']} />
          <div class="field">
            <label for="file">Your Medium export (.zip)</label>
            <input id="file" type="file" name="file" accept=".zip,application/zip" required />
            <p class="field__hint">Up to 100 MB. Nothing is changed until the zip has been checked.</p>
          </div>
          <button class="button button--dark" type="submit">Import</button>
        </form>
        {runs.length > 0 && <h2 class="settings-panel__heading">Your imports</h2>}
        {runs.map((run) => <RunCard run={run} />)}
      </section>
    </Layout>
  )
}

function RunCard({ run }: { run: ImportRun }) {
  return (
    <article class={`import-run import-run--${run.status}`} aria-live={run.status === 'running' ? 'polite' : undefined}>
      <p class="import-run__title">
        <b>{run.fileName}</b> · {run.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC · <StatusText run={run} />
      </p>
      {(run.status === 'running' || run.status === 'queued') && (
        <progress class="import-run__progress" max={Math.max(run.total, 1)} value={run.done}>{run.done} of {run.total}</progress>
      )}
      {run.status === 'failed' && run.error && <p class="import-run__error" role="alert">{run.error}</p>}
      {run.report && <Report report={run.report} />}
    </article>
  )
}

function StatusText({ run }: { run: ImportRun }) {
  if (run.status === 'queued') return <>waiting to start</>
  if (run.status === 'running') return <>importing {run.done} of {run.total || '…'}</>
  if (run.status === 'failed') return <>not imported</>
  return <>done</>
}

function Report({ report }: { report: NonNullable<ImportRun['report']> }) {
  return (
    <div class="import-report">
      <p>
        {report.imported.length} imported, {report.updated.length} updated, {report.skipped.length} skipped
        {report.failed.length > 0 && <>, <b>{report.failed.length} failed</b></>}.
        {' '}{report.savedImages} image{report.savedImages === 1 ? '' : 's'} stored.
      </p>
      <StoryList title="Imported" stories={report.imported} />
      <StoryList title="Updated" stories={report.updated} />
      <ReportList title="Skipped" items={report.skipped.map((s) => `${s.title}: ${s.reason}`)} />
      <ReportList title="Failed" items={report.failed.map((f) => `${f.file}: ${f.reason}`)} />
      <ReportList
        title="Images left on their old address (import the same zip again later to fetch them)"
        items={report.unfetchedImages.map((i) => `${i.title}: ${i.url} (${i.reason})`)}
      />
      {report.profile.length > 0 && <p>From your Medium profile: {report.profile.join(', ')}.</p>}
    </div>
  )
}

function StoryList({ title, stories }: { title: string; stories: ImportReport['imported'] }) {
  if (!stories.length) return null
  return (
    <details class="import-report__list" open={stories.length <= 10}>
      <summary>{title} ({stories.length})</summary>
      <ul>{stories.map((story) => <li><a href={story.path}>{story.title}</a>{story.draft ? ' (draft)' : ''}</li>)}</ul>
    </details>
  )
}

function ReportList({ title, items }: { title: string; items: string[] }) {
  if (!items.length) return null
  return (
    <details class="import-report__list" open={items.length <= 10}>
      <summary>{title} ({items.length})</summary>
      <ul>{items.map((item) => <li>{item}</li>)}</ul>
    </details>
  )
}
