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
  /** Issue 9: when the owner proved they read this address (null: not yet). */
  email_verified_at: ColumnType<Date | string | null, Date | string | null | undefined, Date | string | null>
  /** Issue 9: 1 for the shared "deleted user" account that keeps deleted writers' stories. */
  is_placeholder: ColumnType<number, number | undefined, number>
}

/** Issue 9: a single-use e-mailed token (password reset, e-mail verification); id is its SHA-256. */
export type AccountTokenTable = {
  id: string
  user_id: number
  purpose: 'password-reset' | 'email-verification'
  email: string | null
  created_at: Time
  expires_at: Time
  used_at: NullableTime
}

/** Issue 9: failed sign-ins per account or per address. */
export type SignInThrottleTable = {
  key: string
  failures: number
  last_failure_at: Time
  blocked_until: NullableTime
}

/** Issue 9: one row per account created, by client address (sign-up limits). */
export type SignUpAttemptTable = {
  id: Generated<number>
  address: string
  created_at: Time
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
  /** Issue 4: the about page's text, the logo's URL and the accent colour (#rrggbb). */
  description: ColumnType<string | null, string | null | undefined, string | null>
  logo_url: ColumnType<string | null, string | null | undefined, string | null>
  accent_color: ColumnType<string | null, string | null | undefined, string | null>
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

/** submitted: in its publication's submissions queue (issue 4). scheduled: published by a job at scheduled_at (issue 3). */
export type StoryStatus = 'draft' | 'submitted' | 'scheduled' | 'published' | 'unlisted'

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
  /** The cover image (issue 3): a site path (/media/…) or an absolute http(s) URL; null for none. */
  cover_image: ColumnType<string | null, string | null | undefined, string | null>
  /** The cover's alt text ('' when none was given). */
  cover_alt: ColumnType<string, string | undefined, string>
  /** The body's plain text, for full-text search (kept by the stories service; default ''). */
  search_text: ColumnType<string, string | undefined, string>
  /** The tag names, space-separated, for full-text search (kept by the stories service). */
  tag_names: ColumnType<string, string | undefined, string>
  clap_total: Generated<number>
  fan_count: Generated<number>
  response_count: Generated<number>
  published_at: NullableTime
  /** Bumped by every write: a save names the version it edited, and a stale one is refused (issue 3). */
  version: ColumnType<number, number | undefined, number>
  /** When a scheduled story is published; set only while status is 'scheduled'. */
  scheduled_at: ColumnType<Date | string | null, Date | string | null | undefined, Date | string | null>
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
  /** Issue 5: the response this one answers (one level deep: a reply's parent is never a reply). */
  parent_id: ColumnType<number | null, number | null | undefined, number | null>
  /** Set when the story's author hid the response. */
  hidden_at: NullableTime
  /** The quoted passage: the story block's id, character offsets in its text, and the text. */
  block_id: ColumnType<string | null, string | null | undefined, string | null>
  quote_start: ColumnType<number | null, number | null | undefined, number | null>
  quote_end: ColumnType<number | null, number | null | undefined, number | null>
  quote: ColumnType<string | null, string | null | undefined, string | null>
  clap_total: Generated<number>
}

/** Issue 5: a reader's claps on a response (1..50, like a story's). */
export type ResponseClapTable = {
  response_id: number
  user_id: number
  count: number
  created_at: Time
  updated_at: Time
}

/** Issue 5: a reader following a publication. */
export type PublicationFollowTable = {
  user_id: number
  publication_id: number
  created_at: Time
}

/** Issue 5: a passage a reader highlighted, by block id + character offsets in the block's text. */
export type HighlightTable = {
  id: Generated<number>
  user_id: number
  story_id: number
  block_id: string
  start_offset: number
  end_offset: number
  /** The text as highlighted: kept when the block is later deleted. */
  quote: string
  created_at: Time
}

/** Issue 5: a reading list. */
export type ListTable = {
  id: Generated<number>
  user_id: number
  name: string
  /** 0/1: a private list is visible to its owner only. */
  private: ColumnType<number, number | undefined, number>
  /** 0/1: the reader's "Reading list". */
  is_default: ColumnType<number, number | undefined, number>
  created_at: Time
  updated_at: Time
}

export type ListItemTable = {
  list_id: number
  story_id: number
  position: number
  created_at: Time
}

export type NotificationType = 'follow' | 'clap' | 'response' | 'highlight' | 'mention' | 'publication'

/** Issue 5: one event for a recipient; an unread clap notification gathers a story's clappers. */
export type NotificationTable = {
  id: Generated<number>
  /** The recipient. */
  user_id: number
  type: NotificationType
  story_id: number | null
  publication_id: number | null
  message: string | null
  /** How many actors it gathers. */
  count: ColumnType<number, number | undefined, number>
  read_at: NullableTime
  emailed_at: NullableTime
  created_at: Time
  updated_at: Time
}

export type NotificationActorTable = {
  notification_id: number
  actor_id: number
  created_at: Time
}

export type NotificationSettingsTable = {
  user_id: number
  /** 0/1 */
  email_immediate: number
  /** 0/1 */
  email_digest: number
  unsubscribe_token: string
  last_digest_at: NullableTime
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

/** An invitation to join a publication: to a user, or to an e-mail address not yet signed up. */
export type PublicationInvitationTable = {
  id: Generated<number>
  publication_id: number
  user_id: number | null
  /** stored lowercased. */
  email: string | null
  role: MembershipRole
  title: string | null
  invited_by: number | null
  created_at: Time
}

/** A story pinned to the top of its publication's home page. */
export type PublicationPinTable = {
  publication_id: number
  story_id: number
  created_at: Time
}

export type EditorialEventKind = 'submitted' | 'withdrawn' | 'returned' | 'note' | 'edited' | 'published' | 'scheduled' | 'removed'

/** A step in a submission's history; a 'note' or 'returned' event carries the editor's note. */
export type EditorialEventTable = {
  id: Generated<number>
  publication_id: number
  story_id: number | null
  actor_id: number | null
  kind: EditorialEventKind
  note: string | null
  created_at: Time
}

export type StoryRevisionKind = 'publish' | 'autosave' | 'restore'

/** A story as it stood at a publish, an autosave checkpoint or a restore (issue 3). */
export type StoryRevisionTable = {
  id: Generated<number>
  story_id: number
  /** Who saved it; null once that account is deleted. */
  user_id: number | null
  kind: StoryRevisionKind
  title: string
  subtitle: string
  /** The block document (JSON text). */
  body: string
  created_at: Time
}

/** Issue 7: a Medium post imported by a writer, so a re-import updates the same story. */
export type MediumImportTable = {
  user_id: number
  /** Medium's post id (the hex at the end of its file name). */
  medium_id: string
  story_id: number
  /** SHA-256 of the post as parsed: unchanged posts are skipped on re-import. */
  content_hash: string
  /** The story's version right after the import; a later version means the writer edited it here. */
  story_version: number
  created_at: Time
  updated_at: Time
}

/** Issue 7: an image block an import met; local_url null until it could be fetched. */
export type ImportImageTable = {
  story_id: number
  block_id: string
  source_url: string
  local_url: string | null
  error: string | null
  attempts: ColumnType<number, number | undefined, number>
  updated_at: Time
}

export type ImportRunStatus = 'queued' | 'running' | 'done' | 'failed'

/** Issue 7: an import started from the settings page, run as a job. */
export type ImportRunTable = {
  id: Generated<number>
  user_id: number
  status: ImportRunStatus
  file_name: string
  done: ColumnType<number, number | undefined, number>
  total: ColumnType<number, number | undefined, number>
  /** The import report as JSON, once done. */
  report: string | null
  error: string | null
  created_at: Time
  updated_at: Time
}

/** Issue 7: an uploaded export, kept until its run ends (in the database, so any instance can run it). */
export type ImportUploadTable = {
  run_id: number
  bytes: Uint8Array
}

export type Database = {
  users: UserTable
  sessions: SessionTable
  account_tokens: AccountTokenTable
  sign_in_throttles: SignInThrottleTable
  sign_up_attempts: SignUpAttemptTable
  publications: PublicationTable
  memberships: MembershipTable
  stories: StoryTable
  tags: TagTable
  story_tags: StoryTagTable
  claps: ClapTable
  follows: FollowTable
  tag_follows: TagFollowTable
  responses: ResponseTable
  response_claps: ResponseClapTable
  publication_follows: PublicationFollowTable
  highlights: HighlightTable
  lists: ListTable
  list_items: ListItemTable
  notifications: NotificationTable
  notification_actors: NotificationActorTable
  notification_settings: NotificationSettingsTable
  publication_invitations: PublicationInvitationTable
  publication_pins: PublicationPinTable
  editorial_events: EditorialEventTable
  jobs: JobTable
  story_revisions: StoryRevisionTable
  medium_imports: MediumImportTable
  import_images: ImportImageTable
  import_runs: ImportRunTable
  import_uploads: ImportUploadTable
}

export type UserRow = Selectable<UserTable>
export type NewUserRow = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>
export type SessionRow = Selectable<SessionTable>
export type PublicationRow = Selectable<PublicationTable>
export type PublicationUpdate = Updateable<PublicationTable>
export type MembershipRow = Selectable<MembershipTable>
export type StoryRow = Selectable<StoryTable>
export type NewStoryRow = Insertable<StoryTable>
export type StoryUpdate = Updateable<StoryTable>
export type TagRow = Selectable<TagTable>
export type ClapRow = Selectable<ClapTable>
export type TagFollowRow = Selectable<TagFollowTable>
export type NewTagFollowRow = Insertable<TagFollowTable>
export type ResponseRow = Selectable<ResponseTable>
export type StoryRevisionRow = Selectable<StoryRevisionTable>
