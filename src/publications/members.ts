// A publication's people: owners invite by username or e-mail with a role and a title; the
// invitee accepts or declines; owners change roles and titles and remove members; a member
// leaves; ownership is handed over. A publication always keeps at least one owner.
import type { Db } from '../db/database.ts'
import type { Database, MembershipRole } from '../db/schema.ts'
import type { ExpressionBuilder } from 'kysely'
import { AppError, conflict, invalid, notFound, type ErrorFields } from '../http/errors.ts'
import { actorFor, authorizePublication } from '../policy/service.ts'
import { notify } from '../notifications/service.ts'
import * as q from './queries.ts'
import { checkTitle, publicationOrNotFound } from './settings.ts'

export type Invite = { username?: string | undefined; email?: string | undefined; role: MembershipRole; title?: string | null | undefined }

export type Invitation = { username: string | null; email: string | null; role: MembershipRole; title: string | null }

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Invites someone (by username, or by e-mail when they may not have an account yet). */
export async function inviteMember(db: Db, viewerId: number, slug: string, invite: Invite): Promise<Invitation> {
  const publication = await publicationOrNotFound(db, slug)
  authorizePublication(await actorFor(db, viewerId), 'manage-members', { kind: 'publication', id: publication.id })
  const errors: ErrorFields = {}
  const title = checkTitle(errors, invite.title)
  const username = invite.username?.trim().replace(/^@/, '') ?? ''
  const email = invite.email?.trim().toLowerCase() ?? ''
  if (!username && !email) errors.username = ["can't be blank (or give an e-mail address)"]
  if (!username && email && !EMAIL_PATTERN.test(email)) errors.email = ['is invalid']
  if (Object.keys(errors).length) throw invalid(errors)

  return db.kysely.transaction().execute(async (trx) => {
    const user = username ? await q.userByUsernameKey(trx, username.toLowerCase()) : await q.userByEmail(trx, email)
    if (username && !user) throw invalid({ username: ['is not anyone on Ovation'] })
    if (user && (await q.membershipOf(trx, publication.id, user.id))) throw conflict('already_member', { member: ['is already on the masthead'] })
    // Inviting again replaces the earlier invitation (a new role or title).
    await q.deleteInvitationsFor(trx, publication.id, { id: user?.id ?? null, email: user ? user.email : email })
    await q.insertInvitation(trx, {
      publication_id: publication.id, user_id: user?.id ?? null, email: user ? null : email, role: invite.role, title, invited_by: viewerId, now: new Date(),
    })
    if (user) await notify(trx, { type: 'publication', recipientId: user.id, actorId: viewerId, publicationId: publication.id, message: `invited you to join as ${invite.role === 'owner' ? 'an owner' : `a ${invite.role}`}` })
    return { username: user?.username ?? null, email: user ? null : email, role: invite.role, title }
  })
}

/** The invitee's answer: accepting puts them on the masthead with the role and title offered. */
export async function answerInvitation(db: Db, viewerId: number, slug: string, accept: boolean): Promise<void> {
  const publication = await publicationOrNotFound(db, slug)
  await db.kysely.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', claimableEmail]).where('id', '=', viewerId).executeTakeFirstOrThrow()
    const invitation = await q.invitationFor(trx, publication.id, user)
    if (!invitation) throw notFound('invitation', 'invitation_not_found')
    await q.deleteInvitationsFor(trx, publication.id, user)
    // Whoever invited them hears the answer either way.
    const answer = accept ? `has a new ${invitation.role}` : 'had an invitation declined'
    if (invitation.invited_by !== null) await notify(trx, { type: 'publication', recipientId: invitation.invited_by, actorId: user.id, publicationId: publication.id, message: answer })
    if (!accept) return
    await q.upsertMembership(trx, { publication_id: publication.id, user_id: user.id, role: invitation.role, title: invitation.title, now: new Date() })
  })
}

/** Pending invitations to a publication, for its owners. */
export async function pendingInvitations(db: Db, viewerId: number, slug: string) {
  const publication = await publicationOrNotFound(db, slug)
  authorizePublication(await actorFor(db, viewerId), 'manage-members', { kind: 'publication', id: publication.id })
  return q.invitationsOf(db.kysely, publication.id)
}

/** The invitation this viewer may answer on a publication's page, if any. */
export async function invitationOfViewer(db: Db, viewerId: number, publicationId: number): Promise<{ role: MembershipRole; title: string | null } | undefined> {
  const user = await db.kysely.selectFrom('users').select(['id', claimableEmail]).where('id', '=', viewerId).executeTakeFirst()
  const invitation = user && (await q.invitationFor(db.kysely, publicationId, user))
  return invitation ? { role: invitation.role, title: invitation.title } : undefined
}

/** Every publication that invited this user, for their own pages. */
export async function invitationsOfUser(db: Db, viewerId: number) {
  const user = await db.kysely.selectFrom('users').select(['id', claimableEmail]).where('id', '=', viewerId).executeTakeFirst()
  return user ? q.invitationsForUser(db.kysely, user) : []
}

export type MemberChanges = { role?: MembershipRole | undefined; title?: string | null | undefined }

/** Changes a member's role or title (owners only); never leaves the publication without an owner. */
export async function updateMember(db: Db, viewerId: number, slug: string, username: string, changes: MemberChanges): Promise<void> {
  const publication = await publicationOrNotFound(db, slug)
  authorizePublication(await actorFor(db, viewerId), 'manage-members', { kind: 'publication', id: publication.id })
  const errors: ErrorFields = {}
  const title = changes.title === undefined ? undefined : checkTitle(errors, changes.title)
  if (Object.keys(errors).length) throw invalid(errors)
  await db.kysely.transaction().execute(async (trx) => {
    const { user, membership } = await memberOrNotFound(trx, publication.id, username)
    const role = changes.role ?? membership.role
    if (membership.role === 'owner' && role !== 'owner' && (await q.ownerCount(trx, publication.id)) <= 1) throw lastOwner()
    await q.upsertMembership(trx, { publication_id: publication.id, user_id: user.id, role, title: title === undefined ? membership.title : title, now: new Date() })
  })
}

/** Takes a member off the masthead: an owner removes anyone, a member removes themself (leaves). */
export async function removeMember(db: Db, viewerId: number, slug: string, username: string): Promise<void> {
  const publication = await publicationOrNotFound(db, slug)
  const actor = await actorFor(db, viewerId)
  await db.kysely.transaction().execute(async (trx) => {
    const { user, membership } = await memberOrNotFound(trx, publication.id, username)
    authorizePublication(actor, user.id === viewerId ? 'leave' : 'manage-members', { kind: 'publication', id: publication.id })
    if (membership.role === 'owner' && (await q.ownerCount(trx, publication.id)) <= 1) throw lastOwner()
    await q.deleteMembership(trx, publication.id, user.id)
  })
}

/** Makes another member the owner and the giver an editor, in one step. */
export async function transferOwnership(db: Db, viewerId: number, slug: string, username: string): Promise<void> {
  const publication = await publicationOrNotFound(db, slug)
  authorizePublication(await actorFor(db, viewerId), 'manage-members', { kind: 'publication', id: publication.id })
  await db.kysely.transaction().execute(async (trx) => {
    const { user, membership } = await memberOrNotFound(trx, publication.id, username)
    if (user.id === viewerId) throw invalid({ username: ['is you already'] })
    const now = new Date()
    await q.upsertMembership(trx, { publication_id: publication.id, user_id: user.id, role: 'owner', title: membership.title, now })
    const own = await q.membershipOf(trx, publication.id, viewerId)
    await q.upsertMembership(trx, { publication_id: publication.id, user_id: viewerId, role: 'editor', title: own?.title ?? null, now })
  })
}

/** Adds a member or changes their role and title directly (the demo seed; no invitation). */
export async function setMember(db: Db, publicationId: number, userId: number, role: MembershipRole, title: string | null): Promise<void> {
  await db.kysely.transaction().execute((trx) => q.upsertMembership(trx, { publication_id: publicationId, user_id: userId, role, title: title?.trim() || null, now: new Date() }))
}

async function memberOrNotFound(trx: Parameters<typeof q.membershipOf>[0], publicationId: number, username: string) {
  const user = await q.userByUsernameKey(trx, username.toLowerCase())
  const membership = user && (await q.membershipOf(trx, publicationId, user.id))
  if (!user || !membership) throw notFound('member', 'member_not_found')
  return { user, membership }
}

function lastOwner(): AppError {
  return new AppError(422, 'last_owner', { role: ['a publication needs an owner: make someone else owner first'] })
}

/**
 * The address an e-mail invitation may be claimed with: the account's, once its owner proved
 * they read it (issue 9); until then '' (matches no invitation), so signing up with someone
 * else's address does not hand over their invitations.
 */
function claimableEmail(eb: ExpressionBuilder<Database, 'users'>) {
  return eb.case().when('email_verified_at', 'is not', null).then(eb.ref('email')).else('').end().as('email')
}
