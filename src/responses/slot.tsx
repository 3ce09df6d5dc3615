// The responses section as the story page's slot (see stories/responses-slot.ts): app.ts passes
// `responsesSlot(db)` to storyPageRoutes, so the stories feature never imports this one.
import type { Db } from '../db/database.ts'
import type { Viewer } from '../http/auth.ts'
import { storyPath } from '../stories/service.ts'
import type { ResponsesSlot } from '../stories/responses-slot.ts'
import type { Story } from '../stories/story.ts'
import { responseThreads, type ResponseItem } from './service.ts'
import { ResponsesSection } from './views.tsx'

export function responsesSlot(db: Db): ResponsesSlot {
  return {
    load: (story: Story, viewer: Viewer | null) => responseThreads(db, story.row.id, viewer?.id ?? null),
    render: (story: Story, viewer: Viewer | null, loaded: unknown, query: Record<string, string>) => (
      <ResponsesSection
        storySlug={`${story.row.slug}-${story.row.short_id}`}
        storyPath={storyPath(story)}
        responses={loaded as ResponseItem[]}
        // Only what the section shows: the viewer object also carries the session token.
        viewer={viewer && { username: viewer.username, name: viewer.name, image: viewer.image }}
        error={typeof query.response_error === 'string' ? query.response_error : undefined}
      />
    ),
  }
}
