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
  /** Issue 5: the response it answers (threads are one level deep). */
  parentId?: number | null
  /** The story passage it quotes. */
  passage?: Passage | null
  claps?: number
  /** The reader's claps on it, 0..50. */
  myClaps?: number
  /** Hidden by the story's author: listed to that author and the responder only. */
  hidden?: boolean
}

/** A quoted passage: a story block's id, character offsets into its text, and the words. */
export type Passage = { blockId: string; start: number; end: number; quote: string }

/** One response as a story page shows it; `html` comes from the escaping renderer only. */
export type ResponseItem = {
  id: number
  author: { username: string; name: string; image: string | null }
  createdAt: Date
  html: string
  /** The viewer wrote the response or the story it answers. */
  canDelete: boolean
  // Issue 5 (optional so older callers and tests still build a plain item):
  passage?: Passage | null
  claps?: number
  myClaps?: number
  hidden?: boolean
  /** The viewer wrote it. */
  canEdit?: boolean
  /** The viewer wrote the story: may hide or show it. */
  canHide?: boolean
  /** The viewer may clap for it (signed in, not its writer). */
  canClap?: boolean
  /** Answers to it, oldest first (top-level responses only). */
  replies?: ResponseItem[]
}

/** Characters of Markdown one response may hold: a response, not a second story. */
export const RESPONSE_MAX = 10_000
