// The no-JavaScript response forms under a story. Both post and come back to the story page by
// a 303 redirect (the story page belongs to the stories feature, so these cannot re-render it):
// a refused body returns with `?response_error=<code>`, which the page hands to ResponsesSection.
import type { FastifyPluginAsync } from 'fastify'
import type { FeatureDeps } from '../app.ts'
import { SlugParams } from '../stories/schemas.ts'
import { storyBySlug, storyPath } from '../stories/service.ts'
import { CommentParams, ResponseForm } from './schemas.ts'
import * as responses from './service.ts'
import { Type } from '@sinclair/typebox'
import { forbidden, notFound } from '../http/errors.ts'
import { sendPage } from '../web/render.ts'
import { anchorFrom, clapResponse, editResponse, responsePermalink, setResponseHidden } from './conversation.ts'
import { EditResponsePage, ResponsePage } from './pages.tsx'
import { actorWithoutRoles, may, responseSubject } from '../policy/service.ts'

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
    const { parent_id: parent, block_id: blockId, quote_start: start, quote_end: end } = request.body
    const response = await responses.respond(db, request.viewer.id, request.params.slug, body, {
      parentId: parent && /^[1-9][0-9]{0,9}$/.test(parent) ? Number(parent) : undefined,
      anchor: anchorFrom(blockId || undefined, formNumber(start), formNumber(end)),
    })
    reply.redirect(`${back}#response-${response.id}`, 303)
  })

  app.post<{ Params: CommentParams }>('/responses/:slug/:id/delete', { schema: { params: CommentParams } }, async (request, reply) => {
    const story = await storyBySlug(db, request.params.slug, request.viewer?.id ?? null)
    const back = storyPath(story)
    if (!request.viewer) return reply.redirect(signInFirst(back), 303)
    await responses.deleteResponse(db, request.viewer.id, request.params.slug, request.params.id)
    reply.redirect(`${back}#responses`, 303)
  })

  // Issue 5: a response's permalink, editing it, hiding it (the story's author) and clapping.
  app.get<{ Params: { id: string } }>('/responses/:id', { schema: { params: Type.Object({ id: Type.String({ maxLength: 20 }) }) } }, async (request, reply) => {
    const page = await responsePermalink(db, request.params.id, request.viewer?.id ?? null)
    reply.header('cache-control', request.viewer ? 'private, no-cache' : 'public, max-age=60')
    sendPage(reply, ResponsePage({ viewer: request.viewer, story: page.story, response: page.response }))
  })

  app.get<{ Params: CommentParams }>('/responses/:slug/:id/edit', { schema: { params: CommentParams } }, async (request, reply) => {
    const story = await storyBySlug(db, request.params.slug, request.viewer?.id ?? null)
    if (!request.viewer) return reply.redirect(signInFirst(storyPath(story)), 303)
    const mine = (await responses.listResponses(db, request.params.slug, request.viewer.id)).find((r) => String(r.id) === request.params.id)
    if (!mine) throw notFound('comment', 'response_not_found')
    if (!may(actorWithoutRoles(request.viewer.id), 'edit-response', responseSubject({ author_id: mine.author.id, story_author_id: story.author.id }))) throw forbidden('comment', 'not_response_author')
    sendPage(reply, EditResponsePage({ viewer: request.viewer, storySlug: request.params.slug, storyPath: storyPath(story), id: mine.id, markdown: mine.markdown }))
  })

  app.post<{ Params: CommentParams; Body: ResponseForm }>('/responses/:slug/:id/edit', { schema: { params: CommentParams, body: ResponseForm } }, async (request, reply) => {
    const story = await storyBySlug(db, request.params.slug, request.viewer?.id ?? null)
    if (!request.viewer) return reply.redirect(signInFirst(storyPath(story)), 303)
    const edited = await editResponse(db, request.viewer.id, request.params.slug, request.params.id, request.body.body ?? '')
    reply.redirect(`${storyPath(story)}#response-${edited.id}`, 303)
  })

  for (const [action, hidden] of [['hide', true], ['show', false]] as const) {
    app.post<{ Params: CommentParams }>(`/responses/:slug/:id/${action}`, { schema: { params: CommentParams } }, async (request, reply) => {
      const story = await storyBySlug(db, request.params.slug, request.viewer?.id ?? null)
      if (!request.viewer) return reply.redirect(signInFirst(storyPath(story)), 303)
      const changed = await setResponseHidden(db, request.viewer.id, request.params.slug, request.params.id, hidden)
      reply.redirect(`${storyPath(story)}#response-${changed.id}`, 303)
    })
  }

  app.post<{ Params: CommentParams }>('/responses/:slug/:id/clap', { schema: { params: CommentParams } }, async (request, reply) => {
    const story = await storyBySlug(db, request.params.slug, request.viewer?.id ?? null)
    if (!request.viewer) return reply.redirect(signInFirst(storyPath(story)), 303)
    const clapped = await clapResponse(db, request.viewer.id, request.params.slug, request.params.id, 1)
    reply.redirect(`${storyPath(story)}#response-${clapped.id}`, 303)
  })
}

/** A form's number field: undefined when absent or not a whole number. */
function formNumber(value: string | undefined): number | undefined {
  return value !== undefined && /^-?[0-9]{1,7}$/.test(value) ? Number(value) : undefined
}
