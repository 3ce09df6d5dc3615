// RealWorld's comments endpoints, over the responses service.
import type { FastifyPluginAsync } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { SlugParams } from '../stories/schemas.ts'
import { presentComment } from './present.ts'
import { CommentListResponse, CommentParams, CreateCommentBody, SingleCommentResponse } from './schemas.ts'
import * as responses from './service.ts'

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
    const response = await responses.respond(db, viewer.id, request.params.slug, request.body.comment.body)
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
}
