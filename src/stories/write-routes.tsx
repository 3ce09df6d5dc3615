// The writing pages: a new story, editing one, deleting it. Plain forms, Markdown body.
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer, type Viewer } from '../http/auth.ts'
import { AppError, type ErrorFields } from '../http/errors.ts'
import { sendPage } from '../web/render.ts'
import { markdownOf, storyPath } from './present.ts'
import { SlugParams } from './schemas.ts'
import * as stories from './service.ts'
import { WritePage, type WriteValues } from './views/write-page.tsx'

const WriteForm = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 10_000 })),
  subtitle: Type.Optional(Type.String({ maxLength: 10_000 })),
  body: Type.Optional(Type.String({ maxLength: 1_000_000 })),
  tags: Type.Optional(Type.String({ maxLength: 2000 })),
  publication: Type.Optional(Type.String({ maxLength: 200 })),
  intent: Type.Optional(Type.Union([Type.Literal('publish'), Type.Literal('draft'), Type.Literal('unpublish')])),
})
type WriteForm = Static<typeof WriteForm>

export const writeRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  const signInFirst = (reply: FastifyReply, next: string) => reply.redirect(`/signin?next=${encodeURIComponent(next)}`, 303)

  app.get('/new-story', async (request, reply) => {
    if (!request.viewer) return signInFirst(reply, '/new-story')
    const publications = await stories.publicationsOfWriter(db, request.viewer.id)
    sendPage(reply, WritePage({ viewer: request.viewer, values: { title: '', subtitle: '', body: '', tags: '', publication: '' }, errors: {}, publications }))
  })

  app.post<{ Body: WriteForm }>('/new-story', { schema: { body: WriteForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const values = valuesOf(request.body)
    try {
      const story = await stories.createStory(db, viewer.id, { ...toInput(values), status: request.body.intent === 'draft' ? 'draft' : 'published' })
      reply.redirect(storyPath(story), 303)
    } catch (error) {
      await showErrors(reply, viewer, error, values)
    }
  })

  app.get<{ Params: SlugParams }>('/edit/:slug', { schema: { params: SlugParams } }, async (request, reply) => {
    if (!request.viewer) return signInFirst(reply, request.url)
    const story = await ownStory(request.params.slug, request.viewer)
    const publications = await stories.publicationsOfWriter(db, request.viewer.id)
    const { row } = story
    sendPage(reply, WritePage({
      viewer: request.viewer,
      slug: request.params.slug,
      status: row.status,
      values: { title: row.title, subtitle: row.subtitle, body: markdownOf(row), tags: story.tags.join(', '), publication: story.publication?.slug ?? '' },
      errors: {},
      publications,
    }))
  })

  app.post<{ Params: SlugParams; Body: WriteForm }>('/edit/:slug', { schema: { params: SlugParams, body: WriteForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const values = valuesOf(request.body)
    const intent = request.body.intent ?? 'publish'
    const existing = await ownStory(request.params.slug, viewer)
    const status = intent === 'publish' ? (existing.row.status === 'unlisted' ? 'unlisted' : 'published') : 'draft'
    try {
      const story = await stories.updateStory(db, viewer.id, request.params.slug, { ...toInput(values), status })
      reply.redirect(storyPath(story), 303)
    } catch (error) {
      await showErrors(reply, viewer, error, values, request.params.slug, existing.row.status)
    }
  })

  app.post<{ Params: SlugParams }>('/edit/:slug/delete', { schema: { params: SlugParams } }, async (request, reply) => {
    const viewer = requireViewer(request)
    await stories.deleteStory(db, viewer.id, request.params.slug)
    reply.redirect(`/@${viewer.username}`, 303)
  })

  async function ownStory(slug: string, viewer: Viewer) {
    const story = await stories.storyBySlug(db, slug, viewer.id)
    if (story.author.id !== viewer.id) throw new AppError(403, 'not_story_author', { story: ['is not yours to edit'] })
    return story
  }

  async function showErrors(reply: FastifyReply, viewer: Viewer, error: unknown, values: WriteValues, slug?: string, status?: 'draft' | 'published' | 'unlisted') {
    if (!(error instanceof AppError) || error.status !== 422) throw error
    const publications = await stories.publicationsOfWriter(db, viewer.id)
    sendPage(reply, WritePage({ viewer, values, errors: error.fields as ErrorFields, publications, ...(slug ? { slug } : {}), ...(status ? { status } : {}) }), 422)
  }
}

function valuesOf(form: WriteForm): WriteValues {
  return { title: form.title ?? '', subtitle: form.subtitle ?? '', body: form.body ?? '', tags: form.tags ?? '', publication: form.publication ?? '' }
}

function toInput(values: WriteValues): stories.StoryInput {
  return {
    title: values.title,
    subtitle: values.subtitle,
    body: values.body,
    tags: values.tags.split(',').map((tag) => tag.trim()).filter(Boolean),
    publication: values.publication || null,
  }
}
