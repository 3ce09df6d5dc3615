// Publications: just what bylines and the publication page need for now (the editorial
// workflow is its own issue). A publication lives at /<slug>, so slugs must never shadow
// Ovation's own addresses.
import type { Db } from '../db/database.ts'
import type { MembershipRole } from '../db/schema.ts'
import { isUniqueViolation } from '../db/errors.ts'
import { invalid, notFound, type ErrorFields } from '../http/errors.ts'
import * as q from './queries.ts'

const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/
const RESERVED_SLUGS = new Set(['api', 'assets', 'media', 'demo', 'new-story', 'edit', 'claps', 'responses', 'signin', 'signup', 'signout', 'settings', 'tag', 'tags', 'search', 'feed', 'health', 'me', 'about', 'admin'])

export type PublicationInput = { slug: string; name: string; tagline?: string | null; ownerId: number; ownerTitle?: string | null }

export async function createPublication(db: Db, input: PublicationInput): Promise<number> {
  const slug = input.slug.trim().toLowerCase()
  const name = input.name.trim()
  const errors: ErrorFields = {}
  if (!SLUG_PATTERN.test(slug)) errors.slug = ['may use only lowercase letters, digits and inner hyphens']
  else if (RESERVED_SLUGS.has(slug)) errors.slug = ['is reserved']
  if (!name) errors.name = ["can't be blank"]
  if (Object.keys(errors).length) throw invalid(errors)
  try {
    return await db.kysely.transaction().execute(async (trx) => {
      const now = new Date()
      const id = await q.insertPublication(trx, { slug, name, tagline: input.tagline?.trim() || null, now })
      await q.upsertMembership(trx, { publication_id: id, user_id: input.ownerId, role: 'owner', title: input.ownerTitle?.trim() || null, now })
      return id
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid({ slug: ['has already been taken'] })
    throw error
  }
}

/** Adds a member or changes their role and title. */
export async function setMember(db: Db, publicationId: number, userId: number, role: MembershipRole, title: string | null): Promise<void> {
  await db.kysely.transaction().execute((trx) => q.upsertMembership(trx, { publication_id: publicationId, user_id: userId, role, title: title?.trim() || null, now: new Date() }))
}

export async function publicationWithMasthead(db: Db, slug: string) {
  const publication = await q.publicationBySlug(db.kysely, slug)
  if (!publication) throw notFound('publication', 'publication_not_found')
  const members = await q.membersOf(db.kysely, publication.id)
  return { publication, members }
}
