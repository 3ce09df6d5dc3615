// Request and response shapes of the comments API (RealWorld's comments are Ovation's responses)
// and of the no-JavaScript response forms.
import { Type, type Static } from '@sinclair/typebox'
import { ProfileSchema } from '../stories/schemas.ts'

export const CommentSchema = Type.Object({
  id: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  body: Type.String({ description: 'Markdown, as written' }),
  author: ProfileSchema,
})

export const SingleCommentResponse = Type.Object({ comment: CommentSchema })
export const CommentListResponse = Type.Object({ comments: Type.Array(CommentSchema) })

// The schema checks shape only; the service owns the 10,000-character limit and its message.
export const CreateCommentBody = Type.Object({
  comment: Type.Object({
    body: Type.String({ maxLength: 100_000, description: 'Markdown, at most 10,000 characters' }),
  }, { additionalProperties: false }),
}, { additionalProperties: false })
export type CreateCommentBody = Static<typeof CreateCommentBody>

// The id stays text here: a malformed id is a comment that does not exist (404), as RealWorld
// clients expect, not a validation error.
export const CommentParams = Type.Object({
  slug: Type.String({ maxLength: 300 }),
  id: Type.String({ maxLength: 40 }),
})
export type CommentParams = Static<typeof CommentParams>

export const ResponseForm = Type.Object({ body: Type.Optional(Type.String({ maxLength: 100_000 })) })
export type ResponseForm = Static<typeof ResponseForm>
