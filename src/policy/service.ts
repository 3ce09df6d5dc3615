// The policy as the rest of the app uses it: load the actor once, then ask `may`, or `authorize`
// to throw the right error. 404 when the actor may not even know the thing exists (someone
// else's draft), 403 when they may see it but not do this to it, 401 when signing in might help.
import type { Kysely, Transaction } from 'kysely'
import type { Db } from '../db/database.ts'
import type { Database } from '../db/schema.ts'
import { forbidden, notFound, unauthorized, type ErrorCode } from '../http/errors.ts'
import { may, type Actor, type PublicationAction, type PublicationSubject, type ResponseSubject, type StoryAction, type StorySubject } from './policy.ts'
import { rolesOf } from './queries.ts'

export { may, isEditorOf, roleIn, storyActions, publicationActions, responseActions } from './policy.ts'
export type { Actor, Action, StoryAction, PublicationAction, StorySubject, PublicationSubject, ResponseSubject } from './policy.ts'

/** The actor for a viewer (null when signed out), with their publication roles as of now. */
export async function actorFor(db: Db | Kysely<Database> | Transaction<Database>, viewerId: number | null | undefined): Promise<Actor> {
  if (viewerId === null || viewerId === undefined) return null
  const kysely = 'kysely' in db ? db.kysely : db
  return { id: viewerId, roles: await rolesOf(kysely, viewerId) }
}

/** A story's facts as the policy reads them, from a story row. */
export function storySubject(row: { author_id: number; status: string; publication_id: number | null }): StorySubject {
  return { kind: 'story', authorId: row.author_id, status: row.status as StorySubject['status'], publicationId: row.publication_id }
}

/**
 * Throws unless the actor may act on the story: 404 when they may not read it, 401 when signed
 * out, 403 otherwise. `thing` names the story in the error ('article' on the API).
 */
export function authorizeStory(actor: Actor, action: StoryAction, story: StorySubject, refusal: Refusal = {}): void {
  const thing = refusal.thing ?? 'article'
  if (!may(actor, 'read', story)) throw notFound(thing, 'story_not_found')
  if (may(actor, action, story)) return
  if (actor === null) throw unauthorized()
  throw forbidden(thing, refusal.code ?? 'not_allowed')
}

/** How a refusal names the thing ('article' on the API, 'story' on pages) and its error code. */
export type Refusal = { thing?: string; code?: ErrorCode }

/** Throws 401 when signed out, 403 unless the actor may do this to the publication. */
export function authorizePublication(actor: Actor, action: PublicationAction, publication: PublicationSubject): void {
  if (may(actor, action, publication)) return
  if (actor === null) throw unauthorized()
  throw forbidden('publication', 'not_allowed')
}

/**
 * Whether the viewer may read the story; asks the database only for stories not public. Inside
 * a transaction pass the transaction: SQLite has one connection, and a read beside an open
 * transaction would wait for it forever.
 */
export async function mayReadStory(db: Parameters<typeof actorFor>[0], viewerId: number | null, row: { author_id: number; status: string; publication_id: number | null }): Promise<boolean> {
  if (row.status === 'published' || row.status === 'unlisted') return true
  if (viewerId === null) return false
  if (row.author_id === viewerId) return true
  return may(await actorFor(db, viewerId), 'read', storySubject(row))
}

/**
 * The actor without their publication roles, for questions roles cannot change (clapping and
 * taking down a response: see policy.ts), so hot paths such as a clap save a query.
 */
export function actorWithoutRoles(viewerId: number | null): Actor {
  return viewerId === null ? null : { id: viewerId, roles: new Map() }
}

/** A response's facts as the policy reads them (only who wrote it and who wrote its story matter). */
export function responseSubject(row: { author_id: number; story_author_id: number }): ResponseSubject {
  return { kind: 'response', authorId: row.author_id, story: { kind: 'story', authorId: row.story_author_id, status: 'published', publicationId: null } }
}
