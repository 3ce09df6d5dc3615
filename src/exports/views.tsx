// The "Download your data" page: what the archive holds, and the link that downloads it.
import { Layout, type ViewerSummary } from '../web/layout.tsx'

export function ExportPage({ viewer }: { viewer: ViewerSummary }) {
  return (
    <Layout title="Download your data · Ovation" viewer={viewer} width="narrow">
      <section class="settings-panel">
        <p class="settings-panel__back"><a href="/settings">← Settings</a></p>
        <h1>Download your data</h1>
        <p class="settings-panel__lede">
          Your words are yours. The archive is a zip holding everything you own here, in open formats you can
          take to any other platform or keep as a record:
        </p>
        <ul class="settings-panel__list">
          <li>every story and draft, as Markdown with its title, tags and dates, and as JSON with every paragraph’s id;</li>
          <li>the images of your stories and your profile picture;</li>
          <li>your responses, highlights, reading lists and claps;</li>
          <li>your followers, and the writers, publications and tags you follow.</li>
        </ul>
        <p><a class="button button--dark" href="/api/user/export" download>Download my archive (.zip)</a></p>
        <p class="settings-panel__note">Coming from Medium? <a href="/settings/import">Import your Medium export</a>.</p>
      </section>
    </Layout>
  )
}
