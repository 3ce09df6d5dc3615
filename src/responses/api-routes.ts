// RealWorld's comments endpoints, over the responses service.
import type { FastifyPluginAsync } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { SlugParams } from '../stories/schemas.ts'
import { presentComment } from './present.ts'
import { ClapCommentBody, CommentListResponse, CommentParams, CreateCommentBody, SingleCommentResponse, UpdateCommentBody } from './schemas.ts'
import * as responses from './service.ts'
import { anchorFrom, clapResponse, editResponse, setResponseHidden } from './conversation.ts'

const tags = ['Comments']

export const responseApiRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  app.get<{ Params: SlugParams }>('/api/articles/:slug/comments', {
    schema: { tags, summary: "An article's comments (responses), oldest first", params: SlugParams, response: { 200: CommentListResponse } },
  }, async (request) => {
    const list = await responses.listResponses(db, request.params.slug, request.viewer?.id ?? null)
    return { comments: list.map(presentComment) }
  })

  app.post<{ Params: SlugParams; Body: CreateCommentBody }>('/api/articles/:slug/comments', {
    schema: { tags, summary: 'Respond to an article (Markdown, up to 10,000 characters)', security: [{ Token: [] }], params: SlugParams, body: CreateCommentBody, response: { 201: SingleCommentResponse } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const { body, parentId, blockId, start, end } = request.body.comment
    const response = await responses.respond(db, viewer.id, request.params.slug, body, { parentId, anchor: anchorFrom(blockId, start, end) })
    reply.code(201)
    return { comment: presentComment(response) }
  })

  app.delete<{ Params: CommentParams }>('/api/articles/:slug/comments/:id', {
    schema: { tags, summary: "Delete a comment (its author's or the article author's right)", security: [{ Token: [] }], params: CommentParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await responses.deleteResponse(db, viewer.id, request.params.slug, request.params.id)
    reply.code(204).send()
  })

  // Issue 5: edit one's own response, the story author hides one, readers clap for one.
  app.put<{ Params: CommentParams; Body: UpdateCommentBody }>('/api/articles/:slug/comments/:id', {
    schema: { tags, summary: 'Edit your response', security: [{ Token: [] }], params: CommentParams, body: UpdateCommentBody, response: { 200: SingleCommentResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    return { comment: presentComment(await editResponse(db, viewer.id, request.params.slug, request.params.id, request.body.comment.body)) }
  })

  for (const [method, hidden] of [['post', true], ['delete', false]] as const) {
    app[method]<{ Params: CommentParams }>('/api/articles/:slug/comments/:id/hide', {
      schema: { tags, summary: hidden ? 'Hide a response on your story' : 'Show a hidden response again', security: [{ Token: [] }], params: CommentParams, response: { 200: SingleCommentResponse } },
    }, async (request) => {
      const viewer = requireViewer(request)
      return { comment: presentComment(await setResponseHidden(db, viewer.id, request.params.slug, request.params.id, hidden)) }
    })
  }

  app.post<{ Params: CommentParams; Body: ClapCommentBody }>('/api/articles/:slug/comments/:id/claps', {
    schema: { tags, summary: 'Clap for a response (1 to 50; 50 in all per reader)', security: [{ Token: [] }], params: CommentParams, body: ClapCommentBody, response: { 200: SingleCommentResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    return { comment: presentComment(await clapResponse(db, viewer.id, request.params.slug, request.params.id, request.body?.count ?? 1)) }
  })
}
