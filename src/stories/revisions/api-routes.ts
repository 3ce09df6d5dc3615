// The revisions API: a story's history for its author and its publication's editors, and restore.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../../app.ts'
import { requireViewer } from '../../http/auth.ts'
import { presentArticle } from '../present.ts'
import { SingleArticleResponse, SlugParams } from '../schemas.ts'
import { listRevisions, restoreRevision, revisionDetail, type RevisionSummary } from './service.ts'
import { saveChanges } from './changes.ts'

const RevisionParams = Type.Object({ slug: Type.String({ maxLength: 300 }), id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })
type RevisionParams = Static<typeof RevisionParams>

const revisionFields = {
  id: Type.Integer(),
  kind: Type.Union([Type.Literal('publish'), Type.Literal('autosave'), Type.Literal('restore')]),
  title: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  author: Type.Union([Type.Object({ username: Type.String() }), Type.Null()], { description: 'Who saved it' }),
}
const RevisionListResponse = Type.Object({ revisions: Type.Array(Type.Object(revisionFields)) })
const RevisionResponse = Type.Object({
  revision: Type.Object({ ...revisionFields, subtitle: Type.String(), body: Type.String({ description: 'Markdown' }) }),
})

const ChangesBody = Type.Object({
  changes: Type.Object({
    title: Type.String({ maxLength: 10_000 }),
    subtitle: Type.String({ maxLength: 10_000 }),
    document: Type.Unknown({ description: 'The block document' }),
    version: Type.Integer({ minimum: 1, description: "The story's version the changes were made to" }),
  }, { additionalProperties: false }),
})
type ChangesBody = Static<typeof ChangesBody>
const ChangesResponse = Type.Object({ changes: Type.Object({ savedAt: Type.String({ format: 'date-time' }) }) })

const tags = ['Revisions']

export const revisionApiRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  const summary = (revision: RevisionSummary) => ({
    id: revision.id,
    kind: revision.kind,
    title: revision.title,
    createdAt: revision.createdAt.toISOString(),
    author: revision.by && { username: revision.by.username },
  })

  app.get<{ Params: SlugParams }>('/api/articles/:slug/revisions', {
    schema: { tags, summary: "A story's revisions, newest first (its author and publication editors)", security: [{ Token: [] }], params: SlugParams, response: { 200: RevisionListResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const { revisions } = await listRevisions(db, request.params.slug, viewer.id)
    return { revisions: revisions.map(summary) }
  })

  app.get<{ Params: RevisionParams }>('/api/articles/:slug/revisions/:id', {
    schema: { tags, summary: 'One revision, its body as Markdown', security: [{ Token: [] }], params: RevisionParams, response: { 200: RevisionResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const { revision } = await revisionDetail(db, request.params.slug, request.params.id, viewer.id)
    return { revision: { ...summary(revision), subtitle: revision.subtitle, body: revision.markdown } }
  })

  app.put<{ Params: SlugParams; Body: ChangesBody }>('/api/articles/:slug/changes', {
    schema: {
      tags,
      summary: 'Save unpublished changes to a published story (its latest revision), without publishing them',
      security: [{ Token: [] }],
      params: SlugParams,
      body: ChangesBody,
      response: { 200: ChangesResponse },
    },
  }, async (request) => {
    const viewer = requireViewer(request)
    const { savedAt } = await saveChanges(db, request.params.slug, viewer.id, request.body.changes)
    return { changes: { savedAt: savedAt.toISOString() } }
  })

  app.post<{ Params: RevisionParams }>('/api/articles/:slug/revisions/:id/restore', {
    schema: { tags, summary: 'Restore a revision (saved as a new revision)', security: [{ Token: [] }], params: RevisionParams, response: { 200: SingleArticleResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const story = await restoreRevision(db, request.params.slug, request.params.id, viewer.id)
    return { article: presentArticle(story, config.baseUrl) }
  })
}
