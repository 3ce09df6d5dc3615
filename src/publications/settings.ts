// A publication's identity and settings: name, slug, tagline, description (the about page),
// logo and accent colour. A publication lives at /<slug>, so a slug must never shadow one of
// Ovation's own addresses (reserved-slugs.ts) nor look like someone's username.
import type { Db } from '../db/database.ts'
import type { PublicationRow, PublicationUpdate } from '../db/schema.ts'
import { isUniqueViolation } from '../db/errors.ts'
import { invalid, notFound, type ErrorFields } from '../http/errors.ts'
import { actorFor, authorizePublication } from '../policy/service.ts'
import * as q from './queries.ts'
import { isReservedSlug } from './reserved-slugs.ts'

export const NAME_MAX = 100
export const TAGLINE_MAX = 200
export const DESCRIPTION_MAX = 5000
export const TITLE_MAX = 100
const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/
const COLOR_PATTERN = /^#[0-9a-f]{6}$/

export type PublicationInput = {
  slug: string
  name: string
  tagline?: string | null | undefined
  description?: string | null | undefined
  logoUrl?: string | null | undefined
  accentColor?: string | null | undefined
  ownerId: number
  /** The founder's title on the masthead ("Editor in Chief"). */
  ownerTitle?: string | null | undefined
}

export type PublicationChanges = Partial<Pick<PublicationInput, 'name' | 'tagline' | 'description' | 'logoUrl' | 'accentColor'>>

/** Creates a publication with its founder as owner; returns its id. */
export async function createPublication(db: Db, input: PublicationInput): Promise<number> {
  const errors: ErrorFields = {}
  const slug = input.slug.trim().toLowerCase()
  if (!SLUG_PATTERN.test(slug)) errors.slug = ['may use only lowercase letters, digits and inner hyphens (up to 60)']
  else if (isReservedSlug(slug)) errors.slug = ['is reserved']
  const fields = checkChanges(errors, { name: input.name, tagline: input.tagline, description: input.description, logoUrl: input.logoUrl, accentColor: input.accentColor })
  if (!fields.name) errors.name = ["can't be blank"]
  const ownerTitle = checkTitle(errors, input.ownerTitle)
  if (Object.keys(errors).length) throw invalid(errors)
  try {
    return await db.kysely.transaction().execute(async (trx) => {
      // Users' pages live at /@username, so no address clashes, but a publication named like a
      // writer would pass for them.
      if (await q.usernameExists(trx, slug)) throw invalid({ slug: ['has already been taken'] })
      const now = new Date()
      const id = await q.insertPublication(trx, {
        slug, name: fields.name as string, tagline: fields.tagline ?? null, description: fields.description ?? null,
        logo_url: fields.logo_url ?? null, accent_color: fields.accent_color ?? null, now,
      })
      await q.upsertMembership(trx, { publication_id: id, user_id: input.ownerId, role: 'owner', title: ownerTitle, now })
      return id
    })
  } catch (error) {
    if (isUniqueViolation(error)) throw invalid({ slug: ['has already been taken'] })
    throw error
  }
}

/** Changes a publication's settings (its owners only). */
export async function updatePublication(db: Db, viewerId: number, slug: string, changes: PublicationChanges): Promise<PublicationRow> {
  const publication = await publicationOrNotFound(db, slug)
  authorizePublication(await actorFor(db, viewerId), 'change-settings', { kind: 'publication', id: publication.id })
  const errors: ErrorFields = {}
  const fields = checkChanges(errors, changes)
  if (changes.name !== undefined && !fields.name) errors.name = ["can't be blank"]
  if (Object.keys(errors).length) throw invalid(errors)
  await db.kysely.transaction().execute((trx) => q.updatePublicationRow(trx, publication.id, fields))
  return publicationOrNotFound(db, slug)
}

export async function publicationOrNotFound(db: Db, slug: string): Promise<PublicationRow> {
  const publication = await q.publicationBySlug(db.kysely, slug)
  if (!publication) throw notFound('publication', 'publication_not_found')
  return publication
}

/** A member's title, trimmed; null when blank. Notes an error when too long. */
export function checkTitle(errors: ErrorFields, title: string | null | undefined): string | null {
  const text = title?.trim() || null
  if (text && text.length > TITLE_MAX) errors.title = [`is too long (maximum is ${TITLE_MAX} characters)`]
  return text
}

function checkChanges(errors: ErrorFields, changes: PublicationChanges): PublicationUpdate {
  const fields: PublicationUpdate = {}
  if (changes.name !== undefined) {
    fields.name = changes.name.trim()
    if (fields.name.length > NAME_MAX) errors.name = [`is too long (maximum is ${NAME_MAX} characters)`]
  }
  if (changes.tagline !== undefined) {
    fields.tagline = changes.tagline?.trim() || null
    if (fields.tagline && fields.tagline.length > TAGLINE_MAX) errors.tagline = [`is too long (maximum is ${TAGLINE_MAX} characters)`]
  }
  if (changes.description !== undefined) {
    fields.description = changes.description?.trim() || null
    if (fields.description && fields.description.length > DESCRIPTION_MAX) errors.description = [`is too long (maximum is ${DESCRIPTION_MAX} characters)`]
  }
  if (changes.logoUrl !== undefined) {
    fields.logo_url = changes.logoUrl?.trim() || null
    if (fields.logo_url && (!/^https?:\/\/[^\s"'<>]+$/i.test(fields.logo_url) || fields.logo_url.length > 2000)) errors.logoUrl = ['must be an http(s) URL']
  }
  if (changes.accentColor !== undefined) {
    fields.accent_color = changes.accentColor?.trim().toLowerCase() || null
    if (fields.accent_color && !COLOR_PATTERN.test(fields.accent_color)) errors.accentColor = ['must be a colour like #1a8917']
  }
  return fields
}
