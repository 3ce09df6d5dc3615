// The studio's pages besides the editor: "Your stories", and a story's history (revisions with
// their changes, and restore). Plain pages and forms.
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { sendPage } from '../web/render.ts'
import { listRevisions, restoreRevision, revisionDetail } from '../stories/revisions/service.ts'
import { storyPath } from '../stories/service.ts'
import { STORY_TABS, yourStories, type StoryTab } from './service.ts'
import { RevisionListPage, RevisionPage } from './views/revisions.tsx'
import { YourStoriesPage } from './views/your-stories.tsx'

const TabQuery = Type.Object({ tab: Type.Optional(Type.Union(STORY_TABS.map((tab) => Type.Literal(tab)))) })
type TabQuery = Static<typeof TabQuery>
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 300 }) })
type SlugParams = Static<typeof SlugParams>
const RevisionParams = Type.Object({ slug: Type.String({ maxLength: 300 }), id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })
type RevisionParams = Static<typeof RevisionParams>

export const studioRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  const signInFirst = (reply: FastifyReply, next: string) => reply.redirect(`/signin?next=${encodeURIComponent(next)}`, 303)

  app.get<{ Querystring: TabQuery }>('/me/stories', { schema: { querystring: TabQuery } }, async (request, reply) => {
    if (!request.viewer) return signInFirst(reply, request.url)
    const tab: StoryTab = request.query.tab ?? 'drafts'
    const { counts, stories } = await yourStories(db, request.viewer, tab)
    sendPage(reply, YourStoriesPage({ viewer: request.viewer, tab, counts, stories }))
  })

  app.get<{ Params: SlugParams }>('/edit/:slug/revisions', { schema: { params: SlugParams } }, async (request, reply) => {
    if (!request.viewer) return signInFirst(reply, request.url)
    const { story, revisions } = await listRevisions(db, request.params.slug, request.viewer.id)
    sendPage(reply, RevisionListPage({ viewer: request.viewer, slug: request.params.slug, title: story.row.title, revisions }))
  })

  app.get<{ Params: RevisionParams }>('/edit/:slug/revisions/:id', { schema: { params: RevisionParams } }, async (request, reply) => {
    if (!request.viewer) return signInFirst(reply, request.url)
    const { revision } = await revisionDetail(db, request.params.slug, request.params.id, request.viewer.id)
    sendPage(reply, RevisionPage({ viewer: request.viewer, slug: request.params.slug, revision }))
  })

  app.post<{ Params: RevisionParams }>('/edit/:slug/revisions/:id/restore', { schema: { params: RevisionParams } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const story = await restoreRevision(db, request.params.slug, request.params.id, viewer.id)
    reply.redirect(story.row.status === 'published' || story.row.status === 'unlisted' ? storyPath(story) : `/edit/${request.params.slug}`, 303)
  })
}
