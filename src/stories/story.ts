// A story as the rest of the app sees it: the row plus who wrote it, where, its tags, and what
// the current reader has done with it.
import type { StoryWithAuthorRow } from './queries.ts'

export type StoryAuthor = {
  id: number
  username: string
  name: string
  bio: string | null
  image: string | null
  /** Whether the current reader follows the author. */
  following: boolean
}

export type Story = {
  row: StoryWithAuthorRow
  author: StoryAuthor
  publication: { id: number; slug: string; name: string } | null
  tags: string[]
  /** The current reader's claps for this story (0 when signed out). */
  myClaps: number
}
