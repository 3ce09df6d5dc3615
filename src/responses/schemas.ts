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
  // Ovation's additions (issue 5).
  parentId: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'The response this one answers (threads are one level deep)' })),
  passage: Type.Optional(Type.Union([
    Type.Object({ blockId: Type.String(), start: Type.Integer(), end: Type.Integer(), quote: Type.String() }, { description: 'The story passage it quotes' }),
    Type.Null(),
  ])),
  claps: Type.Optional(Type.Integer()),
  myClaps: Type.Optional(Type.Integer({ description: "The reader's claps, 0 to 50" })),
  hidden: Type.Optional(Type.Boolean({ description: "Hidden by the story's author (then listed only to that author and the responder)" })),
})

export const SingleCommentResponse = Type.Object({ comment: CommentSchema })
export const CommentListResponse = Type.Object({ comments: Type.Array(CommentSchema) })

// The schema checks shape only; the service owns the 10,000-character limit and its message.
export const CreateCommentBody = Type.Object({
  comment: Type.Object({
    body: Type.String({ maxLength: 100_000, description: 'Markdown, at most 10,000 characters' }),
    parentId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'Answer this response' })),
    blockId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'Quote a passage: its block id, with start and end' })),
    start: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
    end: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
  }, { additionalProperties: false }),
}, { additionalProperties: false })
export type CreateCommentBody = Static<typeof CreateCommentBody>

export const UpdateCommentBody = Type.Object({
  comment: Type.Object({ body: Type.String({ maxLength: 100_000 }) }, { additionalProperties: false }),
}, { additionalProperties: false })
export type UpdateCommentBody = Static<typeof UpdateCommentBody>

export const ClapCommentBody = Type.Union([
  Type.Object({ count: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 1 })) }, { additionalProperties: false }),
  Type.Null(),
])
export type ClapCommentBody = Static<typeof ClapCommentBody>

// The id stays text here: a malformed id is a comment that does not exist (404), as RealWorld
// clients expect, not a validation error.
export const CommentParams = Type.Object({
  slug: Type.String({ maxLength: 300 }),
  id: Type.String({ maxLength: 40 }),
})
export type CommentParams = Static<typeof CommentParams>

export const ResponseForm = Type.Object({
  body: Type.Optional(Type.String({ maxLength: 100_000 })),
  // Issue 5: a reply names its parent; a passage response its block and offsets (the island fills them).
  parent_id: Type.Optional(Type.String({ maxLength: 20 })),
  block_id: Type.Optional(Type.String({ maxLength: 64 })),
  quote_start: Type.Optional(Type.String({ maxLength: 10 })),
  quote_end: Type.Optional(Type.String({ maxLength: 10 })),
})
export type ResponseForm = Static<typeof ResponseForm>
