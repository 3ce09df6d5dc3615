// Publications on the wire, field by field.
import { toDate } from '../db/codecs.ts'
import type { PublicationRow } from '../db/schema.ts'
import type { Member } from './service.ts'

export function presentPublication(row: PublicationRow, baseUrl: string) {
  return {
    slug: row.slug,
    name: row.name,
    tagline: row.tagline,
    description: row.description,
    logoUrl: row.logo_url,
    accentColor: row.accent_color,
    url: `${baseUrl}/${row.slug}`,
    createdAt: toDate(row.created_at).toISOString(),
  }
}

export function presentMember(member: Member) {
  return { username: member.username, name: member.name, image: member.image, role: member.role, title: member.title }
}
