// A response as the rest of the app sees it (Medium's responses; RealWorld calls them comments),
// and the smaller shape a story page lists.
import type { StoryAuthor } from '../stories/service.ts'

/** A writer as the current reader sees them: the same shape a story's author has. */
export type ResponseAuthor = StoryAuthor

export type StoryResponse = {
  id: number
  storyId: number
  author: ResponseAuthor
  /** The Markdown as written. */
  markdown: string
  /** The block document (JSON text), the canonical body. */
  body: string
  createdAt: Date
  updatedAt: Date
}

/** One response as a story page shows it; `html` comes from the escaping renderer only. */
export type ResponseItem = {
  id: number
  author: { username: string; name: string; image: string | null }
  createdAt: Date
  html: string
  /** The viewer wrote the response or the story it answers. */
  canDelete: boolean
}

/** Characters of Markdown one response may hold: a response, not a second story. */
export const RESPONSE_MAX = 10_000
