// Publications (issue 4): what other features and this feature's routes call. The work lives in
// settings.ts (identity and settings), members.ts (masthead, invitations, ownership) and here
// (the home page, the queue, pins); this file is the feature's deliberate public surface.
import type { Db } from '../db/database.ts'
import type { MembershipRole, PublicationRow } from '../db/schema.ts'
import { invalid, notFound } from '../http/errors.ts'
import { actorFor, authorizePublication, authorizeStory, isEditorOf, roleIn, storySubject, type Actor } from '../policy/service.ts'
import { listStoryCards, storiesByIds, storyBySlug, submissionQueue, toCard, type QueuedStory } from '../stories/service.ts'
import type { CardStory } from '../web/components/story-card.tsx'
import * as q from './queries.ts'
import { publicationOrNotFound } from './settings.ts'

export { createPublication, updatePublication, publicationOrNotFound, type PublicationInput, type PublicationChanges } from './settings.ts'
export {
  inviteMember, answerInvitation, pendingInvitations, invitationOfViewer, invitationsOfUser, updateMember, removeMember, transferOwnership, setMember,
  type Invite, type Invitation, type MemberChanges,
} from './members.ts'
export { isReservedSlug } from './reserved-slugs.ts'

export type Member = { username: string; name: string; image: string | null; bio: string | null; role: MembershipRole; title: string | null }

export async function publicationWithMasthead(db: Db, slug: string): Promise<{ publication: PublicationRow; members: Member[] }> {
  const publication = await publicationOrNotFound(db, slug)
  const members = await q.membersOf(db.kysely, publication.id)
  return { publication, members }
}

/** What the viewer is to a publication: their role, and whether they may run its queue or settings. */
export type Standing = { role: MembershipRole | undefined; editor: boolean; owner: boolean; actor: Actor }

export async function standingIn(db: Db, viewerId: number | null, publicationId: number): Promise<Standing> {
  const actor = await actorFor(db, viewerId)
  const role = roleIn(actor, publicationId)
  return { role, editor: isEditorOf(actor, publicationId), owner: role === 'owner', actor }
}

export type PublicationHome = {
  pinned: CardStory[]
  latest: CardStory[]
  latestCount: number
  sections: { tag: string; tagKey: string; stories: CardStory[] }[]
}

const SECTION_COUNT = 3
const SECTION_SIZE = 3

/** The publication's home page: pinned stories, the latest, and a section per leading tag. */
export async function publicationHome(db: Db, publication: PublicationRow, viewerId: number | null, page: { limit: number; offset: number }): Promise<PublicationHome> {
  const [pinnedIds, latest, tags] = await Promise.all([
    q.pinnedStoryIds(db.kysely, publication.id),
    listStoryCards(db, { publicationSlug: publication.slug, ...page }, viewerId),
    q.topTagsOf(db.kysely, publication.id, SECTION_COUNT),
  ])
  const pinnedStories = await storiesByIds(db, pinnedIds, viewerId)
  // Pins survive unpublishing; only what readers can open is shown.
  const pinned = pinnedStories.filter((story) => story.row.status === 'published' && story.publication?.id === publication.id).map(toCard)
  const sections = await Promise.all(tags.map(async (tag) => ({
    tag: tag.name,
    tagKey: tag.key,
    stories: (await listStoryCards(db, { publicationSlug: publication.slug, tagKey: tag.key, limit: SECTION_SIZE, offset: 0 }, viewerId)).cards,
  })))
  return { pinned, latest: latest.cards, latestCount: latest.count, sections }
}

/** The submissions queue, for the publication's editors and owners. */
export async function submissionsOf(db: Db, viewerId: number | null, slug: string): Promise<{ publication: PublicationRow; submissions: QueuedStory[] }> {
  const publication = await publicationOrNotFound(db, slug)
  authorizePublication(await actorFor(db, viewerId), 'read-submissions', { kind: 'publication', id: publication.id })
  return { publication, submissions: await submissionQueue(db, publication.id) }
}

/** Pins a published story of the publication to the top of its home page (editors and owners). */
export async function pinStory(db: Db, viewerId: number, slug: string, storySlug: string, pinned: boolean): Promise<void> {
  const publication = await publicationOrNotFound(db, slug)
  const story = await storyBySlug(db, storySlug, viewerId)
  if (story.publication?.id !== publication.id) throw notFound('article', 'story_not_found')
  // Unpinning is allowed whatever became of the story since; pinning takes a published one.
  authorizeStory(await actorFor(db, viewerId), 'pin', { ...storySubject(story.row), status: 'published' })
  if (pinned && story.row.status !== 'published') throw invalid({ article: ['must be published to be pinned'] })
  await db.kysely.transaction().execute((trx) => (pinned ? q.pin(trx, publication.id, story.row.id, new Date()) : q.unpin(trx, publication.id, story.row.id)))
}

/** The slugs of a publication's pinned stories, so pages can offer "unpin". */
export async function pinnedIdsOf(db: Db, publicationId: number): Promise<Set<number>> {
  return new Set(await q.pinnedStoryIds(db.kysely, publicationId))
}

/** A role from a form or request; 422 for anything else. */
export function roleOf(value: string | undefined): MembershipRole {
  if (value === 'owner' || value === 'editor' || value === 'writer') return value
  throw invalid({ role: ['must be owner, editor or writer'] })
}
