// Starting and running a publication as pages: /new-publication, and /<slug>/settings with its
// members, invitations and ownership forms (owners; the service asks the policy).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { AppError, type ErrorFields } from '../http/errors.ts'
import type { MembershipRole } from '../db/schema.ts'
import { sendPage } from '../web/render.ts'
import { authorizePublication } from '../policy/service.ts'
import { NewPublicationPage, SettingsPage, type SettingsValues } from './admin-views.tsx'
import { pageContext } from './page-context.ts'
import * as publications from './service.ts'

const Params = Type.Object({ slug: Type.String({ maxLength: 200 }) })
type Params = Static<typeof Params>
const MemberParams = Type.Object({ slug: Type.String({ maxLength: 200 }), username: Type.String({ maxLength: 200 }) })
type MemberParams = Static<typeof MemberParams>
const text = () => Type.Optional(Type.String({ maxLength: 10_000 }))
const PublicationForm = Type.Object({ name: text(), slug: text(), tagline: text(), description: text(), logoUrl: text(), accentColor: text(), title: text() })
type PublicationForm = Static<typeof PublicationForm>
const MemberForm = Type.Object({ who: text(), role: text(), title: text() })
type MemberForm = Static<typeof MemberForm>

type Invite = { who: string; role: MembershipRole; title: string }
const noInvite: Invite = { who: '', role: 'writer', title: '' }

export const publicationAdminRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  app.get('/new-publication', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fnew-publication', 303)
    sendPage(reply, NewPublicationPage({ viewer: request.viewer, values: valuesOf({}), errors: {} }))
  })

  app.post<{ Body: PublicationForm }>('/new-publication', { schema: { body: PublicationForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const values = valuesOf(request.body)
    try {
      await publications.createPublication(db, { ...values, ownerId: viewer.id, ownerTitle: values.title })
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error
      return sendPage(reply, NewPublicationPage({ viewer, values, errors: error.fields }), 422)
    }
    reply.redirect(`/${values.slug.trim().toLowerCase()}`, 303)
  })

  app.get<{ Params: Params }>('/:slug/settings', { schema: { params: Params } }, async (request, reply) => {
    if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(request.url)}`, 303)
    await showSettings(request, reply, {})
  })

  async function showSettings(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, errors: ErrorFields, form?: { values?: PublicationForm; invite?: Invite }) {
    const viewer = requireViewer(request)
    const context = await pageContext(db, request, request.params.slug)
    authorizePublication(context.standing.actor, 'change-settings', { kind: 'publication', id: context.publication.id })
    const [{ members }, invitations] = await Promise.all([
      publications.publicationWithMasthead(db, context.publication.slug),
      publications.pendingInvitations(db, viewer.id, context.publication.slug),
    ])
    const { publication } = context
    const values = form?.values ? valuesOf(form.values) : valuesOf({
      name: publication.name, tagline: publication.tagline ?? '', description: publication.description ?? '', logoUrl: publication.logo_url ?? '', accentColor: publication.accent_color ?? '',
    })
    sendPage(reply, SettingsPage({
      publication: context.shown, state: context.state, values, members, invitations, viewerUsername: viewer.username, errors, invite: form?.invite ?? noInvite,
    }), Object.keys(errors).length ? 422 : 200)
  }

  /** Runs a settings-page form; a 422 shows the page again with its messages. */
  async function settingsForm(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, work: () => Promise<unknown>, form?: { values?: PublicationForm; invite?: Invite }) {
    try {
      await work()
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error
      return showSettings(request, reply, error.fields, form)
    }
    reply.redirect(`/${request.params.slug}/settings`, 303)
  }

  app.post<{ Params: Params; Body: PublicationForm }>('/:slug/settings', { schema: { params: Params, body: PublicationForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const { name, tagline, description, logoUrl, accentColor } = valuesOf(request.body)
    await settingsForm(request, reply, () => publications.updatePublication(db, viewer.id, request.params.slug, { name, tagline, description, logoUrl, accentColor }), { values: request.body })
  })

  app.post<{ Params: Params; Body: MemberForm }>('/:slug/members', { schema: { params: Params, body: MemberForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const who = request.body.who?.trim() ?? ''
    const invite: Invite = { who, role: roleOrWriter(request.body.role), title: request.body.title ?? '' }
    await settingsForm(request, reply, async () => {
      if (!who) throw new AppError(422, 'validation_failed', { who: ["can't be blank"] })
      const target = who.includes('@') && !who.startsWith('@') ? { email: who } : { username: who }
      await publications.inviteMember(db, viewer.id, request.params.slug, { ...target, role: publications.roleOf(request.body.role), title: invite.title })
    }, { invite })
  })

  app.post<{ Params: MemberParams; Body: MemberForm }>('/:slug/members/:username', { schema: { params: MemberParams, body: MemberForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    await settingsForm(request, reply, () => publications.updateMember(db, viewer.id, request.params.slug, request.params.username, {
      role: publications.roleOf(request.body.role), title: request.body.title ?? null,
    }))
  })

  app.post<{ Params: MemberParams }>('/:slug/members/:username/remove', { schema: { params: MemberParams } }, async (request, reply) => {
    const viewer = requireViewer(request)
    await settingsForm(request, reply, () => publications.removeMember(db, viewer.id, request.params.slug, request.params.username))
  })

  app.post<{ Params: MemberParams }>('/:slug/members/:username/transfer', { schema: { params: MemberParams } }, async (request, reply) => {
    const viewer = requireViewer(request)
    try {
      await publications.transferOwnership(db, viewer.id, request.params.slug, request.params.username)
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error
      return showSettings(request, reply, error.fields)
    }
    // No longer an owner: the settings are not theirs to see any more.
    reply.redirect(`/${request.params.slug}/about`, 303)
  })
}

function valuesOf(form: PublicationForm): SettingsValues {
  return {
    name: form.name ?? '', slug: form.slug ?? '', tagline: form.tagline ?? '', description: form.description ?? '',
    logoUrl: form.logoUrl ?? '', accentColor: form.accentColor ?? '', title: form.title ?? '',
  }
}

function roleOrWriter(value: string | undefined): MembershipRole {
  return value === 'owner' || value === 'editor' ? value : 'writer'
}
