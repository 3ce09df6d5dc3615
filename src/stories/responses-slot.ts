// The story page shows responses, which belong to the responses feature. app.ts hands the page
// this slot (loading and rendering them) so stories never import another feature's internals.
import type { ComponentChildren } from 'preact'
import type { Viewer } from '../http/auth.ts'
import type { Story } from './story.ts'

export type ResponsesSlot = {
  /** What the section shows, as plain data (it also feeds the page's ETag). */
  load: (story: Story, viewer: Viewer | null) => Promise<unknown>
  render: (story: Story, viewer: Viewer | null, loaded: unknown, query: Record<string, string>) => ComponentChildren
}
