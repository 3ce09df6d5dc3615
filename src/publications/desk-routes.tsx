// The editorial desk as pages: the queue and featured stories (editors and owners), one
// submission under review (its editors and its writer), and the plain forms of every step.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { AppError, notFound, type ErrorFields } from '../http/errors.ts'
import { toDate } from '../db/codecs.ts'
import { sendPage } from '../web/render.ts'
import { authorizePublication, may, storySubject } from '../policy/service.ts'
import * as stories from '../stories/service.ts'
import { ReviewPage, SubmissionsPage } from './desk-views.tsx'
import { pageContext } from './page-context.ts'
import * as publications from './service.ts'

const Params = Type.Object({ slug: Type.String({ maxLength: 200 }) })
type Params = Static<typeof Params>
const StoryParams = Type.Object({ slug: Type.String({ maxLength: 200 }), story: Type.String({ maxLength: 300 }) })
type StoryParams = Static<typeof StoryParams>
const NoteForm = Type.Object({ note: Type.Optional(Type.String({ maxLength: 100_000 })) })
type NoteForm = Static<typeof NoteForm>
const ScheduleForm = Type.Object({ scheduledAt: Type.Optional(Type.String({ maxLength: 100 })) })
type ScheduleForm = Static<typeof ScheduleForm>

export const publicationDeskRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  app.get<{ Params: Params }>('/:slug/submissions', { schema: { params: Params } }, async (request, reply) => {
    if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(request.url)}`, 303)
    const context = await pageContext(db, request, request.params.slug)
    authorizePublication(context.standing.actor, 'read-submissions', { kind: 'publication', id: context.publication.id })
    const [{ submissions }, home] = await Promise.all([
      publications.submissionsOf(db, request.viewer.id, context.publication.slug),
      publications.publicationHome(db, context.publication, request.viewer.id, { limit: 10, offset: 0 }),
    ])
    const pinned = new Set(home.pinned.map((story) => story.path))
    const pinnable = home.latest.filter((story) => !pinned.has(story.path)).map((story) => ({ ...story, slug: story.path.slice(story.path.lastIndexOf('/') + 1) }))
    sendPage(reply, SubmissionsPage({ publication: context.shown, state: context.state, queue: submissions, featured: home.pinned, pinnable }))
  })

  app.get<{ Params: StoryParams }>('/:slug/submissions/:story', { schema: { params: StoryParams } }, async (request, reply) => {
    if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(request.url)}`, 303)
    await showReview(request, reply, {}, {})
  })

  async function showReview(request: FastifyRequest<{ Params: StoryParams }>, reply: FastifyReply, errors: ErrorFields, values: { note?: string; scheduledAt?: string }, status = 200) {
    const viewer = requireViewer(request)
    const context = await pageContext(db, request, request.params.slug)
    const story = await stories.storyBySlug(db, request.params.story, viewer.id)
    if (story.publication?.id !== context.publication.id) throw notFound('story', 'story_not_found')
    const history = await stories.storyEditorialHistory(db, viewer.id, request.params.story)
    const subject = storySubject(story.row)
    const actor = context.standing.actor
    sendPage(reply, ReviewPage({
      publication: context.shown,
      state: context.state,
      story: {
        slug: request.params.story, title: story.row.title, subtitle: story.row.subtitle, status: story.row.status, path: stories.storyPath(story),
        author: { username: story.author.username, name: story.author.name, image: story.author.image, title: story.row.author_title },
      },
      history: history.map((item) => ({ ...item, at: toDate(item.at) })),
      can: { publish: may(actor, 'publish', subject), return: may(actor, 'return', subject), note: may(actor, 'note', subject), withdraw: may(actor, 'withdraw', subject), edit: may(actor, 'edit', subject), remove: may(actor, 'remove-from-publication', subject) },
      errors,
      values,
    }), status)
  }

  type Step = 'publish' | 'schedule' | 'return' | 'note' | 'withdraw' | 'remove'
  const steps: Record<Step, (viewerId: number, slug: string, body: NoteForm & ScheduleForm) => Promise<unknown>> = {
    publish: (viewerId, slug) => stories.publishSubmission(db, viewerId, slug),
    // The form's datetime-local has no zone; the label says UTC.
    schedule: (viewerId, slug, body) => stories.publishSubmission(db, viewerId, slug, { scheduledAt: new Date(`${body.scheduledAt ?? ''}Z`) }),
    return: (viewerId, slug, body) => stories.returnSubmission(db, viewerId, slug, body.note ?? ''),
    note: (viewerId, slug, body) => stories.addEditorialNote(db, viewerId, slug, body.note ?? ''),
    withdraw: (viewerId, slug) => stories.withdrawSubmission(db, viewerId, slug),
    remove: (viewerId, slug) => stories.removeFromPublication(db, viewerId, slug),
  }
  for (const [name, run] of Object.entries(steps) as [Step, (typeof steps)[Step]][]) {
    app.post<{ Params: StoryParams; Body: NoteForm & ScheduleForm }>(`/:slug/submissions/:story/${name}`, {
      schema: { params: StoryParams, body: Type.Intersect([NoteForm, ScheduleForm]) },
    }, async (request, reply) => {
      const viewer = requireViewer(request)
      try {
        await run(viewer.id, request.params.story, request.body ?? {})
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 422) throw error
        return showReview(request, reply, error.fields, { note: request.body?.note ?? '', scheduledAt: request.body?.scheduledAt ?? '' }, 422)
      }
      // After a return or a withdrawal the story is the writer's draft: editors go back to the queue.
      const back = afterStep(name, request.params.slug, request.params.story)
      reply.redirect(back, 303)
    })
  }

  for (const pinned of [true, false]) {
    app.post<{ Params: StoryParams }>(`/:slug/pins/:story${pinned ? '' : '/unpin'}`, { schema: { params: StoryParams } }, async (request, reply) => {
      const viewer = requireViewer(request)
      await publications.pinStory(db, viewer.id, request.params.slug, request.params.story, pinned)
      reply.redirect(`/${request.params.slug}/submissions`, 303)
    })
  }
}

/** Where a step leaves its taker: the story is no longer the desk's after a return, withdrawal or removal. */
function afterStep(step: string, publication: string, story: string): string {
  if (step === 'withdraw') return `/edit/${story}`
  if (step === 'return') return `/${publication}/submissions`
  if (step === 'remove') return `/${publication}`
  return `/${publication}/submissions/${story}`
}
