// A story's revision history as its author and its publication's editors see it: the list, one
// revision with what it changed, and restoring one (which is itself saved as a new revision).
import type { Db } from '../../db/database.ts'
import { toDate } from '../../db/codecs.ts'
import type { StoryRevisionKind } from '../../db/schema.ts'
import { notFound } from '../../http/errors.ts'
import { actorFor, authorizeStory, storySubject } from '../../policy/service.ts'
import { documentToMarkdown } from '../document/to-markdown.ts'
import type { StoryDocument } from '../document/types.ts'
import { storyBySlug, updateStory, type Story } from '../service.ts'
import { revisionBefore, revisionOf, revisionsOf } from './queries.ts'

export type RevisionSummary = { id: number; kind: StoryRevisionKind; title: string; createdAt: Date; by: { username: string; name: string } | null }

/** One piece of a diff: text both versions share, or text only the newer (added) or older (removed) has. */
export type DiffPart = { text: string; change: 'same' | 'added' | 'removed' }

export type RevisionDetail = RevisionSummary & { subtitle: string; markdown: string; document: StoryDocument; changes: DiffPart[] }

const HISTORY_LIMIT = 200

/** The story (which the viewer may edit) and its revisions, newest first. */
export async function listRevisions(db: Db, slug: string, viewerId: number | null): Promise<{ story: Story; revisions: RevisionSummary[] }> {
  const story = await editableStory(db, slug, viewerId)
  const rows = await revisionsOf(db.kysely, story.row.id, HISTORY_LIMIT)
  return { story, revisions: rows.map(summaryOf) }
}

/** One revision, its Markdown, and its changes against the revision before it. */
export async function revisionDetail(db: Db, slug: string, id: number, viewerId: number | null): Promise<{ story: Story; revision: RevisionDetail }> {
  const story = await editableStory(db, slug, viewerId)
  const row = await revisionOf(db.kysely, story.row.id, id)
  if (!row) throw notFound('revision', 'revision_not_found')
  const previous = await revisionBefore(db.kysely, story.row.id, id)
  const document = JSON.parse(row.body) as StoryDocument
  const markdown = documentToMarkdown(document).trimEnd()
  const before = previous ? textOf(previous.title, previous.subtitle, documentToMarkdown(JSON.parse(previous.body) as StoryDocument)) : ''
  // The diff library is loaded when someone first compares revisions, not at every start.
  const { diffWords } = await import('diff')
  const changes = diffWords(before, textOf(row.title, row.subtitle, markdown)).map((part): DiffPart => ({
    text: part.value,
    change: part.added ? 'added' : part.removed ? 'removed' : 'same',
  }))
  return { story, revision: { ...summaryOf(row), subtitle: row.subtitle, markdown, document, changes } }
}

/** Puts the story back as the revision had it (title, subtitle, body), keeping its status. */
export async function restoreRevision(db: Db, slug: string, id: number, viewerId: number): Promise<Story> {
  const story = await editableStory(db, slug, viewerId)
  const row = await revisionOf(db.kysely, story.row.id, id)
  if (!row) throw notFound('revision', 'revision_not_found')
  return updateStory(db, viewerId, slug, { title: row.title, subtitle: row.subtitle, document: JSON.parse(row.body), revisionKind: 'restore' })
}

async function editableStory(db: Db, slug: string, viewerId: number | null): Promise<Story> {
  const story = await storyBySlug(db, slug, viewerId)
  authorizeStory(await actorFor(db, viewerId), 'edit', storySubject(story.row))
  return story
}

function textOf(title: string, subtitle: string, markdown: string): string {
  return [title, subtitle, markdown.trimEnd()].filter(Boolean).join('\n\n')
}

function summaryOf(row: { id: number; kind: StoryRevisionKind; title: string; created_at: Date | string; username: string | null; name: string | null }): RevisionSummary {
  return {
    id: Number(row.id),
    kind: row.kind,
    title: row.title,
    createdAt: toDate(row.created_at),
    by: row.username !== null && row.name !== null ? { username: row.username, name: row.name } : null,
  }
}
