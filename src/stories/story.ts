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

/** The author columns every story and response query selects, as the current reader sees them. */
export function authorOf(
  row: { author_id: number; author_username: string; author_name: string; author_bio: string | null; author_image: string | null },
  followed: Set<number>,
): StoryAuthor {
  return {
    id: row.author_id,
    username: row.author_username,
    name: row.author_name,
    bio: row.author_bio,
    image: row.author_image,
    following: followed.has(row.author_id),
  }
}
