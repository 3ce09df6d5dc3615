// The RealWorld comment object, written out field by field.
import type { StoryResponse } from './response.ts'

export type CommentJson = ReturnType<typeof presentComment>

export function presentComment(response: StoryResponse) {
  return {
    id: response.id,
    createdAt: response.createdAt.toISOString(),
    updatedAt: response.updatedAt.toISOString(),
    body: response.markdown,
    author: {
      username: response.author.username,
      bio: response.author.bio,
      image: response.author.image,
      following: response.author.following,
    },
    parentId: response.parentId ?? null,
    passage: response.passage ?? null,
    claps: response.claps ?? 0,
    myClaps: response.myClaps ?? 0,
    hidden: response.hidden ?? false,
  }
}
