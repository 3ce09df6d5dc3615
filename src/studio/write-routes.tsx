// The writing pages: a new story, editing one, deleting it. Plain forms that work without
// JavaScript (Markdown body); the editor bundle enhances them and sends the block document.
import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import type { StoryStatus } from '../db/schema.ts'
import { requireViewer, type Viewer } from '../http/auth.ts'
import { AppError, type ErrorFields } from '../http/errors.ts'
import { toDate } from '../db/codecs.ts'
import { sendPage } from '../web/render.ts'
import * as stories from '../stories/service.ts'
import { WritePage, emptyValues, type WritePageProps, type WriteValues } from './views/write-page.tsx'
import { actorFor, authorizeStory, storySubject } from '../policy/service.ts'
import { editorialCheck } from '../stories/editorial-check.ts'
import { pendingChanges } from '../stories/revisions/changes.ts'
import { documentToMarkdown } from '../stories/document/to-markdown.ts'
import type { StoryDocument } from '../stories/document/types.ts'

const SlugParams = Type.Object({ slug: Type.String({ maxLength: 300 }) })
type SlugParams = Static<typeof SlugParams>

const WriteForm = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 10_000 })),
  subtitle: Type.Optional(Type.String({ maxLength: 10_000 })),
  body: Type.Optional(Type.String({ maxLength: 1_000_000 })),
  /** The editor's block document, JSON; takes the place of `body` when present. */
  document: Type.Optional(Type.String({ maxLength: 4_000_000 })),
  version: Type.Optional(Type.String({ pattern: '^[0-9]{0,12}$' })),
  tags: Type.Optional(Type.String({ maxLength: 2000 })),
  publication: Type.Optional(Type.String({ maxLength: 200 })),
  canonicalUrl: Type.Optional(Type.String({ maxLength: 4000 })),
  coverImage: Type.Optional(Type.String({ maxLength: 4000 })),
  coverAlt: Type.Optional(Type.String({ maxLength: 10_000 })),
  visibility: Type.Optional(Type.Union([Type.Literal('public'), Type.Literal('unlisted')])),
  when: Type.Optional(Type.Union([Type.Literal('now'), Type.Literal('later')])),
  publishAt: Type.Optional(Type.String({ maxLength: 40 })),
  publishAtIso: Type.Optional(Type.String({ maxLength: 40 })),
  intent: Type.Optional(Type.Union([Type.Literal('publish'), Type.Literal('draft'), Type.Literal('unpublish')])),
})
type WriteForm = Static<typeof WriteForm>

export const writeRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  const signInFirst = (reply: FastifyReply, next: string) => reply.redirect(`/signin?next=${encodeURIComponent(next)}`, 303)
  const page = async (viewer: Viewer, props: Omit<WritePageProps, 'viewer' | 'publications' | 'tagSuggestions'>) => {
    const [publications, tagSuggestions] = await Promise.all([stories.publicationsOfWriter(db, viewer.id), stories.tagsInUse(db, 100)])
    return WritePage({ viewer, publications, tagSuggestions, ...props })
  }

  app.get('/new-story', async (request, reply) => {
    if (!request.viewer) return signInFirst(reply, '/new-story')
    sendPage(reply, await page(request.viewer, { values: emptyValues, errors: {} }))
  })

  app.post<{ Body: WriteForm }>('/new-story', { schema: { body: WriteForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const values = valuesOf(request.body)
    try {
      const input = toInput(request.body, values)
      const intent = request.body.intent ?? 'publish'
      const story = await stories.createStory(db, viewer.id, { ...input, status: intent === 'publish' ? publishStatus(values) : 'draft' })
      reply.redirect(intent === 'publish' ? stories.storyPath(story) : `/edit/${slugOf(story)}`, 303)
    } catch (error) {
      await showErrors(reply, viewer, error, { values, documentJson: request.body.document })
    }
  })

  app.get<{ Params: SlugParams }>('/edit/:slug', { schema: { params: SlugParams } }, async (request, reply) => {
    if (!request.viewer) return signInFirst(reply, request.url)
    const story = await ownStory(request.params.slug, request.viewer)
    const props = storyProps(story)
    const values = valuesOfStory(story)
    // A published story's unpublished changes are what the writer was last working on.
    const pending = await pendingChanges(db, story.row)
    if (pending) {
      const document = JSON.parse(pending.body) as StoryDocument
      Object.assign(values, { title: pending.title, subtitle: pending.subtitle, body: documentToMarkdown(document).trimEnd() })
      Object.assign(props, { documentJson: pending.body, warnings: editorialCheck(document) })
    }
    sendPage(reply, await page(request.viewer, { ...props, pendingSavedAt: pending?.savedAt, values, errors: {} }))
  })

  app.post<{ Params: SlugParams; Body: WriteForm }>('/edit/:slug', { schema: { params: SlugParams, body: WriteForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const values = valuesOf(request.body)
    const existing = await ownStory(request.params.slug, viewer)
    const intent = request.body.intent ?? 'publish'
    // "Save" keeps a scheduled (or submitted) story as it is; on a published one it is "Unpublish".
    const keep = existing.row.status === 'scheduled' || existing.row.status === 'submitted'
    const status: StoryStatus | undefined = intent === 'publish' ? publishStatus(values) : intent === 'unpublish' || !keep ? 'draft' : undefined
    try {
      const input = toInput(request.body, values)
      // A published story re-sent without a schedule stays published; scheduling it is refused.
      const story = await stories.updateStory(db, viewer.id, request.params.slug, { ...input, ...(status ? { status } : {}) })
      const live = story.row.status === 'published' || story.row.status === 'unlisted' || story.row.status === 'scheduled'
      reply.redirect(intent === 'publish' && live ? stories.storyPath(story) : `/edit/${slugOf(story)}`, 303)
    } catch (error) {
      await showErrors(reply, viewer, error, { ...storyProps(existing), values, documentJson: request.body.document || storyProps(existing).documentJson })
    }
  })

  app.post<{ Params: SlugParams }>('/edit/:slug/delete', { schema: { params: SlugParams } }, async (request, reply) => {
    const viewer = requireViewer(request)
    await stories.deleteStory(db, viewer.id, request.params.slug)
    reply.redirect('/me/stories', 303)
  })

  async function ownStory(slug: string, viewer: Viewer) {
    const story = await stories.storyBySlug(db, slug, viewer.id)
    // The writer, or an editor of its publication once it is submitted (policy.ts, issue 4).
    authorizeStory(await actorFor(db, viewer.id), 'edit', storySubject(story.row), { thing: 'story', code: 'not_story_author' })
    return story
  }

  async function showErrors(reply: FastifyReply, viewer: Viewer, error: unknown, props: Omit<WritePageProps, 'viewer' | 'publications' | 'tagSuggestions' | 'errors'>) {
    // A stale version (another tab saved) is shown like a field problem, with its own status.
    if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 409)) throw error
    sendPage(reply, await page(viewer, { ...props, errors: error.fields as ErrorFields }), error.status)
  }
}

function slugOf(story: stories.Story): string {
  return stories.presentArticle(story, '', false).slug
}

function storyProps(story: stories.Story) {
  const { row } = story
  return {
    slug: slugOf(story),
    status: row.status,
    version: row.version,
    documentJson: row.body,
    scheduledAt: row.scheduled_at === null ? null : toDate(row.scheduled_at),
    warnings: editorialCheck(JSON.parse(row.body) as StoryDocument),
  }
}

function valuesOfStory(story: stories.Story): WriteValues {
  const { row } = story
  return {
    ...emptyValues,
    title: row.title,
    subtitle: row.subtitle,
    body: stories.presentArticle(story, '').body ?? '',
    tags: story.tags.join(', '),
    publication: story.publication?.slug ?? '',
    canonicalUrl: row.canonical_url ?? '',
    visibility: row.status === 'unlisted' ? 'unlisted' : 'public',
    when: row.status === 'scheduled' ? 'later' : 'now',
    publishAt: row.scheduled_at === null ? '' : toDate(row.scheduled_at).toISOString().slice(0, 16),
    coverImage: row.cover_image ?? '',
    coverAlt: row.cover_alt,
  }
}

function valuesOf(form: WriteForm): WriteValues {
  return {
    title: form.title ?? '',
    subtitle: form.subtitle ?? '',
    body: form.body ?? '',
    tags: form.tags ?? '',
    publication: form.publication ?? '',
    canonicalUrl: form.canonicalUrl ?? '',
    visibility: form.visibility ?? 'public',
    when: form.when ?? 'now',
    publishAt: form.publishAt ?? '',
    coverImage: form.coverImage ?? '',
    coverAlt: form.coverAlt ?? '',
  }
}

function publishStatus(values: WriteValues): StoryStatus {
  if (values.when === 'later') return 'scheduled'
  return values.visibility === 'unlisted' ? 'unlisted' : 'published'
}

function toInput(form: WriteForm, values: WriteValues): stories.StoryInput {
  const input: stories.StoryInput = {
    title: values.title,
    subtitle: values.subtitle,
    tags: values.tags.split(',').map((tag) => tag.trim()).filter(Boolean),
    publication: values.publication || null,
    canonicalUrl: values.canonicalUrl || null,
    coverImage: values.coverImage.trim() || null,
    coverAlt: values.coverAlt,
  }
  if (form.document) input.document = parseJson(form.document)
  else input.body = values.body
  if (form.version) input.version = Number(form.version)
  if (values.when === 'later') input.scheduledAt = scheduledTime(form)
  return input
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new AppError(422, 'validation_failed', { document: ['is not valid JSON'] })
  }
}

/** The exact instant the browser computed, else the datetime-local text read as UTC. */
function scheduledTime(form: WriteForm): Date | undefined {
  const text = form.publishAtIso || (form.publishAt ? `${form.publishAt}Z` : '')
  const at = new Date(text)
  return text && !Number.isNaN(at.getTime()) ? at : undefined
}
