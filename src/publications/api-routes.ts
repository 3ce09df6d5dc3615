// The publications API (issue 4): create and configure a publication, its masthead, invitations
// and the submissions queue. Every check is the policy's (src/policy), asked by the service.
import type { FastifyPluginAsync } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { presentMember, presentPublication } from './present.ts'
import {
  CreatePublicationBody, InvitationResponse, InviteBody, MemberParams, MembersResponse, PublicationParams, SinglePublicationResponse, SubmissionsResponse,
  UpdateMemberBody, UpdatePublicationBody,
} from './schemas.ts'
import * as publications from './service.ts'

const tags = ['Publications']
const security = [{ Token: [] }]

export const publicationApiRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.post<{ Body: CreatePublicationBody }>('/api/publications', {
    schema: { tags, summary: 'Create a publication; its creator becomes its owner', security, body: CreatePublicationBody, response: { 201: SinglePublicationResponse } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const { publication } = request.body
    await publications.createPublication(db, {
      slug: publication.slug, name: publication.name, tagline: publication.tagline, description: publication.description,
      logoUrl: publication.logoUrl, accentColor: publication.accentColor, ownerId: viewer.id, ownerTitle: publication.title,
    })
    reply.code(201)
    return { publication: presentPublication(await publications.publicationOrNotFound(db, publication.slug.trim()), config.baseUrl) }
  })

  app.get<{ Params: PublicationParams }>('/api/publications/:slug', {
    schema: { tags, summary: 'Get a publication', params: PublicationParams, response: { 200: SinglePublicationResponse } },
  }, async (request) => ({ publication: presentPublication(await publications.publicationOrNotFound(db, request.params.slug), config.baseUrl) }))

  app.put<{ Params: PublicationParams; Body: UpdatePublicationBody }>('/api/publications/:slug', {
    schema: { tags, summary: "Change a publication's settings (owners)", security, params: PublicationParams, body: UpdatePublicationBody, response: { 200: SinglePublicationResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const updated = await publications.updatePublication(db, viewer.id, request.params.slug, request.body.publication)
    return { publication: presentPublication(updated, config.baseUrl) }
  })

  app.get<{ Params: PublicationParams }>('/api/publications/:slug/members', {
    schema: { tags, summary: 'The masthead: members with their roles and titles (public)', params: PublicationParams, response: { 200: MembersResponse } },
  }, async (request) => {
    const { members } = await publications.publicationWithMasthead(db, request.params.slug)
    return { members: members.map(presentMember) }
  })

  app.post<{ Params: PublicationParams; Body: InviteBody }>('/api/publications/:slug/members', {
    schema: { tags, summary: 'Invite someone by username or e-mail, with a role and a title (owners)', security, params: PublicationParams, body: InviteBody, response: { 201: InvitationResponse } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const invitation = await publications.inviteMember(db, viewer.id, request.params.slug, request.body.member)
    reply.code(201)
    return { invitation }
  })

  for (const answer of ['accept', 'decline'] as const) {
    app.post<{ Params: PublicationParams }>(`/api/publications/:slug/invitations/${answer}`, {
      schema: { tags, summary: `${answer === 'accept' ? 'Accept' : 'Decline'} your invitation to the publication`, security, params: PublicationParams, response: { 200: MembersResponse } },
    }, async (request) => {
      const viewer = requireViewer(request)
      await publications.answerInvitation(db, viewer.id, request.params.slug, answer === 'accept')
      const { members } = await publications.publicationWithMasthead(db, request.params.slug)
      return { members: members.map(presentMember) }
    })
  }

  app.put<{ Params: MemberParams; Body: UpdateMemberBody }>('/api/publications/:slug/members/:username', {
    schema: { tags, summary: "Change a member's role or title (owners); role owner shares ownership", security, params: MemberParams, body: UpdateMemberBody, response: { 200: MembersResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    await publications.updateMember(db, viewer.id, request.params.slug, request.params.username, request.body.member)
    const { members } = await publications.publicationWithMasthead(db, request.params.slug)
    return { members: members.map(presentMember) }
  })

  app.delete<{ Params: MemberParams }>('/api/publications/:slug/members/:username', {
    schema: { tags, summary: 'Remove a member (owners), or leave (yourself)', security, params: MemberParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await publications.removeMember(db, viewer.id, request.params.slug, request.params.username)
    reply.code(204).send()
  })

  app.get<{ Params: PublicationParams }>('/api/publications/:slug/submissions', {
    schema: { tags, summary: 'The submissions queue, oldest first (editors and owners)', security, params: PublicationParams, response: { 200: SubmissionsResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const { submissions } = await publications.submissionsOf(db, viewer.id, request.params.slug)
    return {
      submissions: submissions.map((story) => ({
        slug: story.slug, title: story.title, description: story.subtitle, status: story.status, updatedAt: story.updatedAt.toISOString(), author: story.author,
      })),
    }
  })
}
