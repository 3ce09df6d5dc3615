// What every publication page needs before its own content: the publication, and the viewer's
// standing in it (role, follow, a pending invitation, the queue's length for editors).
import type { FastifyRequest } from 'fastify'
import type { Db } from '../db/database.ts'
import type { PublicationRow } from '../db/schema.ts'
import { publicationFollowState } from '../feed/service.ts'
import { submissionQueue } from '../stories/service.ts'
import { invitationOfViewer } from './members.ts'
import { publicationOrNotFound, standingIn, type Standing } from './service.ts'
import type { HeaderState, ShownPublication } from './views.tsx'

export type PageContext = { publication: PublicationRow; shown: ShownPublication; state: HeaderState; standing: Standing }

export async function pageContext(db: Db, request: FastifyRequest, slug: string): Promise<PageContext> {
  const publication = await publicationOrNotFound(db, slug)
  const viewer = request.viewer
  const [standing, follow, invitation] = await Promise.all([
    standingIn(db, viewer?.id ?? null, publication.id),
    publicationFollowState(db, publication.slug, viewer?.id ?? null),
    viewer ? invitationOfViewer(db, viewer.id, publication.id) : undefined,
  ])
  const queueCount = standing.editor ? (await submissionQueue(db, publication.id)).length : undefined
  return {
    publication,
    shown: shownPublication(publication),
    standing,
    state: {
      viewer: viewer ? { username: viewer.username, name: viewer.name, image: viewer.image } : null,
      role: standing.role,
      editor: standing.editor,
      owner: standing.owner,
      follow: { following: follow.following, followersCount: follow.followersCount },
      // Someone already on the masthead has nothing to answer.
      invitation: standing.role ? undefined : invitation,
      queueCount,
    },
  }
}

export function shownPublication(row: PublicationRow): ShownPublication {
  return {
    slug: row.slug,
    name: row.name,
    tagline: row.tagline,
    description: row.description,
    logoUrl: row.logo_url,
    // The colour changes the stylesheet's address, so a cached old one is never used.
    themeHref: row.accent_color ? `/${row.slug}/theme.css?c=${row.accent_color.slice(1)}` : null,
  }
}
