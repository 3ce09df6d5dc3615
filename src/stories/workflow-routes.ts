// The editorial workflow on the articles API (issue 4): submit, withdraw, publish (now or at
// scheduledAt), return with a note, a private note, the history, and taking a story out of its
// publication. Each answers with the article as the caller now sees it.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { presentArticle } from './present.ts'
import { SingleArticleResponse, SlugParams } from './schemas.ts'
import * as stories from './service.ts'

const tags = ['Editorial workflow']
const security = [{ Token: [] }]

const NoteBody = Type.Object({ note: Type.String({ maxLength: 100_000 }) }, { additionalProperties: false })
type NoteBody = Static<typeof NoteBody>
const PublishBody = Type.Object({
  scheduledAt: Type.Optional(Type.String({ format: 'date-time', maxLength: 64, description: 'Publish at this time instead of now' })),
}, { additionalProperties: false })
type PublishBody = Static<typeof PublishBody>

const HistoryResponse = Type.Object({
  history: Type.Array(Type.Object({
    kind: Type.String(),
    note: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    by: Type.Union([Type.Object({ username: Type.String(), name: Type.String() }), Type.Null()]),
  })),
})

export const workflowApiRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  const answer = async (slug: string, viewerId: number) => ({ article: presentArticle(await stories.storyBySlug(db, slug, viewerId), config.baseUrl) })

  const steps = {
    submit: { summary: "Submit the writer's draft to its publication's queue", run: stories.submitStory },
    withdraw: { summary: 'Withdraw a pending submission (its writer)', run: stories.withdrawSubmission },
    'remove-from-publication': { summary: 'Take the story out of its publication; a published story stays on the writer\'s profile', run: stories.removeFromPublication },
  } as const
  for (const [path, step] of Object.entries(steps)) {
    app.post<{ Params: SlugParams }>(`/api/articles/:slug/${path}`, {
      schema: { tags, summary: step.summary, security, params: SlugParams, response: { 200: SingleArticleResponse } },
    }, async (request) => {
      const viewer = requireViewer(request)
      await step.run(db, viewer.id, request.params.slug)
      return answer(request.params.slug, viewer.id)
    })
  }

  app.post<{ Params: SlugParams; Body: PublishBody | undefined }>('/api/articles/:slug/publish', {
    preValidation: async (request) => {
      request.body ??= {}
    },
    schema: { tags, summary: 'Publish now or at scheduledAt (editors and owners of its publication; the author of a story of their own)', security, params: SlugParams, body: PublishBody, response: { 200: SingleArticleResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const at = request.body?.scheduledAt
    await stories.publishSubmission(db, viewer.id, request.params.slug, { scheduledAt: at === undefined ? undefined : new Date(at) })
    return answer(request.params.slug, viewer.id)
  })

  app.post<{ Params: SlugParams; Body: NoteBody }>('/api/articles/:slug/return', {
    // 204: the story is the writer's draft again, which its editors no longer see.
    schema: { tags, summary: 'Return a submission to its writer with a note (editors and owners)', security, params: SlugParams, body: NoteBody, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await stories.returnSubmission(db, viewer.id, request.params.slug, request.body.note)
    reply.code(204).send()
  })

  app.post<{ Params: SlugParams; Body: NoteBody }>('/api/articles/:slug/notes', {
    schema: { tags, summary: 'A private note to the writer on a submission (editors and owners)', security, params: SlugParams, body: NoteBody, response: { 201: HistoryResponse } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await stories.addEditorialNote(db, viewer.id, request.params.slug, request.body.note)
    reply.code(201)
    return { history: present(await stories.storyEditorialHistory(db, viewer.id, request.params.slug)) }
  })

  app.get<{ Params: SlugParams }>('/api/articles/:slug/history', {
    schema: { tags, summary: "The story's editorial history and notes (its writer and its publication's editors)", security, params: SlugParams, response: { 200: HistoryResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    return { history: present(await stories.storyEditorialHistory(db, viewer.id, request.params.slug)) }
  })
}

function present(steps: stories.EditorialStep[]) {
  return steps.map((step) => ({ kind: step.kind, note: step.note, createdAt: new Date(step.at).toISOString(), by: step.by }))
}
