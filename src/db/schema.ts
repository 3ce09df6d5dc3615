// The Database interface: one table type per table, the source of every row type.
// Times are Date on PostgreSQL and ISO text on SQLite (see codecs.ts), hence `Date | string`.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

type Time = ColumnType<Date | string, Date | string, Date | string>
type NullableTime = ColumnType<Date | string | null, Date | string | null | undefined, Date | string | null>

export type UserTable = {
  id: Generated<number>
  username: string
  /** username lowercased: usernames are unique regardless of case. */
  username_key: string
  /** stored lowercased. */
  email: string
  password_hash: string
  name: string
  bio: string | null
  image: string | null
  created_at: Time
  updated_at: Time
}

export type SessionTable = {
  /** SHA-256 of the token, hex: a stolen database does not yield usable tokens. */
  id: string
  user_id: number
  /** 'web' for the browser cookie, 'api' for a RealWorld token. */
  kind: 'web' | 'api'
  user_agent: string | null
  created_at: Time
  last_used_at: Time
  expires_at: Time
}

export type PublicationTable = {
  id: Generated<number>
  slug: string
  name: string
  tagline: string | null
  created_at: Time
}

export type MembershipRole = 'owner' | 'editor' | 'writer'

export type MembershipTable = {
  publication_id: number
  user_id: number
  role: MembershipRole
  /** Free text shown in bylines, e.g. "U.S. Politics Editor". */
  title: string | null
  created_at: Time
}

export type StoryStatus = 'draft' | 'published' | 'unlisted'

export type StoryTable = {
  id: Generated<number>
  /** The stable part of every URL of the story (the trailing "-<short_id>"). */
  short_id: string
  /** Title words, without the short id; changes with the title, old ones keep resolving. */
  slug: string
  author_id: number
  publication_id: number | null
  title: string
  subtitle: string
  /** The block document (JSON text): the canonical body. */
  body: string
  /**
   * The Markdown the writer last sent (RealWorld clients), echoed back as written; null once the
   * body was last edited as blocks, when Markdown is generated from the document instead.
   */
  markdown: string | null
  status: StoryStatus
  reading_time: number
  word_count: number
  canonical_url: string | null
  /** The body's plain text, for full-text search (kept by the stories service; default ''). */
  search_text: ColumnType<string, string | undefined, string>
  /** The tag names, space-separated, for full-text search (kept by the stories service). */
  tag_names: ColumnType<string, string | undefined, string>
  clap_total: Generated<number>
  fan_count: Generated<number>
  response_count: Generated<number>
  published_at: NullableTime
  created_at: Time
  updated_at: Time
}

export type TagTable = {
  id: Generated<number>
  /** Normalised form used for lookups and uniqueness ("machine-learning"). */
  key: string
  /** How the tag is shown ("Machine Learning"): the first spelling used. */
  name: string
}

export type StoryTagTable = {
  story_id: number
  tag_id: number
  position: number
}

export type ClapTable = {
  story_id: number
  user_id: number
  /** 1..50: the most one reader can give one story. */
  count: number
  created_at: Time
  updated_at: Time
}

export type FollowTable = {
  follower_id: number
  followee_id: number
  created_at: Time
}

/** A reader following a tag (a tag page shows how many do). */
export type TagFollowTable = {
  user_id: number
  tag_id: number
  created_at: Time
}

export type ResponseTable = {
  id: Generated<number>
  story_id: number
  author_id: number
  /** The block document (JSON text). */
  body: string
  /** The Markdown as written (see StoryTable.markdown). */
  markdown: string | null
  created_at: Time
  updated_at: Time
}

/** Background work; see src/jobs/service.ts. */
export type JobTable = {
  id: Generated<number>
  kind: string
  /** JSON text. */
  payload: string
  key: string | null
  run_at: Time
  attempts: ColumnType<number, number | undefined, number>
  max_attempts: ColumnType<number, number | undefined, number>
  locked_by: string | null
  locked_until: NullableTime
  last_error: string | null
  failed_at: NullableTime
  created_at: Time
}

export type Database = {
  users: UserTable
  sessions: SessionTable
  publications: PublicationTable
  memberships: MembershipTable
  stories: StoryTable
  tags: TagTable
  story_tags: StoryTagTable
  claps: ClapTable
  follows: FollowTable
  tag_follows: TagFollowTable
  responses: ResponseTable
  jobs: JobTable
}

export type UserRow = Selectable<UserTable>
export type NewUserRow = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
export type SessionRow = Selectable<SessionTable>
export type PublicationRow = Selectable<PublicationTable>
export type MembershipRow = Selectable<MembershipTable>
export type StoryRow = Selectable<StoryTable>
export type NewStoryRow = Insertable<StoryTable>
export type StoryUpdate = Updateable<StoryTable>
export type TagRow = Selectable<TagTable>
export type ClapRow = Selectable<ClapTable>
export type TagFollowRow = Selectable<TagFollowTable>
export type NewTagFollowRow = Insertable<TagFollowTable>
export type ResponseRow = Selectable<ResponseTable>
