// Every statement on publications, memberships, invitations and pins, plus the read-only looks
// at users and stories that the publication pages need.
import type { Kysely, Transaction } from 'kysely'
import type { Database, MembershipRole, PublicationUpdate } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export function publicationBySlug(db: Q, slug: string) {
  return db.selectFrom('publications').selectAll().where('slug', '=', slug.toLowerCase()).executeTakeFirst()
}

export type NewPublication = {
  slug: string; name: string; tagline: string | null; description: string | null; logo_url: string | null; accent_color: string | null; now: Date
}

export async function insertPublication(db: Q, row: NewPublication): Promise<number> {
  const { now, ...values } = row
  const { id } = await db.insertInto('publications').values({ ...values, created_at: now }).returning('id').executeTakeFirstOrThrow()
  return id
}

export async function updatePublicationRow(db: Q, id: number, changes: PublicationUpdate): Promise<void> {
  await db.updateTable('publications').set(changes).where('id', '=', id).execute()
}

/** Whether a user holds this username (a publication slug must not look like one). */
export async function usernameExists(db: Q, usernameKey: string): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('username_key', '=', usernameKey).executeTakeFirst()) !== undefined
}

export function userByUsernameKey(db: Q, usernameKey: string) {
  return db.selectFrom('users').select(['id', 'username', 'name', 'email']).where('username_key', '=', usernameKey).executeTakeFirst()
}

export function userByEmail(db: Q, email: string) {
  // Only a verified address names its account (issue 9): an invitation to an address someone
  // merely signed up with stays an e-mail invitation, claimable once the address is proved.
  return db.selectFrom('users').select(['id', 'username', 'name', 'email']).where('email', '=', email).where('email_verified_at', 'is not', null).executeTakeFirst()
}

export async function upsertMembership(db: Q, row: { publication_id: number; user_id: number; role: MembershipRole; title: string | null; now: Date }): Promise<void> {
  const { now, ...values } = row
  await db.insertInto('memberships').values({ ...values, created_at: now })
    .onConflict((oc) => oc.columns(['publication_id', 'user_id']).doUpdateSet({ role: values.role, title: values.title })).execute()
}

export function membershipOf(db: Q, publicationId: number, userId: number) {
  return db.selectFrom('memberships').select(['role', 'title']).where('publication_id', '=', publicationId).where('user_id', '=', userId).executeTakeFirst()
}

export async function deleteMembership(db: Q, publicationId: number, userId: number): Promise<void> {
  await db.deleteFrom('memberships').where('publication_id', '=', publicationId).where('user_id', '=', userId).execute()
}

export async function ownerCount(db: Q, publicationId: number): Promise<number> {
  const row = await db.selectFrom('memberships').where('publication_id', '=', publicationId).where('role', '=', 'owner')
    .select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst()
  return Number(row?.n ?? 0)
}

/** The masthead: members with their roles and titles, owners first. */
export function membersOf(db: Q, publicationId: number) {
  return db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.username', 'users.name', 'users.image', 'users.bio', 'memberships.role', 'memberships.title'])
    .where('memberships.publication_id', '=', publicationId)
    .orderBy((eb) => eb.case().when('memberships.role', '=', 'owner').then(0).when('memberships.role', '=', 'editor').then(1).else(2).end())
    .orderBy('memberships.created_at')
    .execute()
}

export function invitationsOf(db: Q, publicationId: number) {
  return db.selectFrom('publication_invitations').leftJoin('users', 'users.id', 'publication_invitations.user_id')
    .select(['publication_invitations.id', 'publication_invitations.email', 'publication_invitations.role', 'publication_invitations.title',
      'publication_invitations.created_at', 'users.username', 'users.name'])
    .where('publication_invitations.publication_id', '=', publicationId)
    .orderBy('publication_invitations.created_at')
    .execute()
}

/** The invitation to this publication that this user may answer: to them, or to their e-mail. */
export function invitationFor(db: Q, publicationId: number, user: { id: number; email: string }) {
  return db.selectFrom('publication_invitations').selectAll()
    .where('publication_id', '=', publicationId)
    .where((eb) => eb.or([eb('user_id', '=', user.id), eb('email', '=', user.email)]))
    .orderBy('created_at', 'desc')
    .executeTakeFirst()
}

/** Every publication that invited this user (by account or e-mail), for their own pages. */
export function invitationsForUser(db: Q, user: { id: number; email: string }) {
  return db.selectFrom('publication_invitations').innerJoin('publications', 'publications.id', 'publication_invitations.publication_id')
    .select(['publications.slug', 'publications.name', 'publication_invitations.role', 'publication_invitations.title'])
    .where((eb) => eb.or([eb('publication_invitations.user_id', '=', user.id), eb('publication_invitations.email', '=', user.email)]))
    .orderBy('publication_invitations.created_at', 'desc')
    .execute()
}

export async function deleteInvitationsFor(db: Q, publicationId: number, user: { id: number | null; email: string | null }): Promise<void> {
  await db.deleteFrom('publication_invitations').where('publication_id', '=', publicationId)
    .where((eb) => eb.or([
      ...(user.id === null ? [] : [eb('user_id', '=', user.id)]),
      ...(user.email === null ? [] : [eb('email', '=', user.email)]),
    ])).execute()
}

export async function insertInvitation(db: Q, row: { publication_id: number; user_id: number | null; email: string | null; role: MembershipRole; title: string | null; invited_by: number; now: Date }): Promise<void> {
  const { now, ...values } = row
  await db.insertInto('publication_invitations').values({ ...values, created_at: now }).execute()
}

/** Ids of the publication's pinned stories, most recently pinned first. */
export async function pinnedStoryIds(db: Q, publicationId: number): Promise<number[]> {
  const rows = await db.selectFrom('publication_pins').select('story_id').where('publication_id', '=', publicationId)
    .orderBy('created_at', 'desc').execute()
  return rows.map((row) => row.story_id)
}

export async function pin(db: Q, publicationId: number, storyId: number, now: Date): Promise<void> {
  await db.insertInto('publication_pins').values({ publication_id: publicationId, story_id: storyId, created_at: now })
    .onConflict((oc) => oc.columns(['publication_id', 'story_id']).doNothing()).execute()
}

export async function unpin(db: Q, publicationId: number, storyId: number): Promise<void> {
  await db.deleteFrom('publication_pins').where('publication_id', '=', publicationId).where('story_id', '=', storyId).execute()
}

/** The publication's most used tags on its published stories: its home page's sections. */
export async function topTagsOf(db: Q, publicationId: number, limit: number): Promise<{ key: string; name: string }[]> {
  return db.selectFrom('story_tags')
    .innerJoin('stories', 'stories.id', 'story_tags.story_id')
    .innerJoin('tags', 'tags.id', 'story_tags.tag_id')
    .where('stories.publication_id', '=', publicationId)
    .where('stories.status', '=', 'published')
    .select(['tags.key', 'tags.name'])
    .groupBy(['tags.id', 'tags.key', 'tags.name'])
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('tags.name')
    .limit(limit)
    .execute()
}
