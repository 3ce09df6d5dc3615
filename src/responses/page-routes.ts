// The no-JavaScript response forms under a story. Both post and come back to the story page by
// a 303 redirect (the story page belongs to the stories feature, so these cannot re-render it):
// a refused body returns with `?response_error=<code>`, which the page hands to ResponsesSection.
import type { FastifyPluginAsync } from 'fastify'
import type { FeatureDeps } from '../app.ts'
import { SlugParams } from '../stories/schemas.ts'
import { storyBySlug, storyPath } from '../stories/service.ts'
import { CommentParams, ResponseForm } from './schemas.ts'
import * as responses from './service.ts'

export const responsePageRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  const signInFirst = (back: string) => `/signin?next=${encodeURIComponent(`${back}#responses`)}`

  app.post<{ Params: SlugParams; Body: ResponseForm }>('/responses/:slug', { schema: { params: SlugParams, body: ResponseForm } }, async (request, reply) => {
    const story = await storyBySlug(db, request.params.slug, request.viewer?.id ?? null)
    const back = storyPath(story)
    // A session that ran out while the reader was writing: sign in and come back to the form.
    if (!request.viewer) return reply.redirect(signInFirst(back), 303)
    const body = request.body.body ?? ''
    const problem = responses.responseBodyProblem(body)
    if (problem) return reply.redirect(`${back}?response_error=${problem}#responses`, 303)
    const response = await responses.respond(db, request.viewer.id, request.params.slug, body)
    reply.redirect(`${back}#response-${response.id}`, 303)
  })

  app.post<{ Params: CommentParams }>('/responses/:slug/:id/delete', { schema: { params: CommentParams } }, async (request, reply) => {
    const story = await storyBySlug(db, request.params.slug, request.viewer?.id ?? null)
    const back = storyPath(story)
    if (!request.viewer) return reply.redirect(signInFirst(back), 303)
    await responses.deleteResponse(db, request.viewer.id, request.params.slug, request.params.id)
    reply.redirect(`${back}#responses`, 303)
  })
}
