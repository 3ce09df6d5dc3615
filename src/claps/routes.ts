// Claps over HTTP: Ovation's clap endpoints, RealWorld's favorite/unfavorite (one clap, and all
// claps back), and the plain form that claps without JavaScript.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { ArticleListItemSchema, SingleArticleResponse, SlugParams } from '../stories/schemas.ts'
import { presentArticle, storyBySlug, storyMetaBySlug, storyPath } from '../stories/service.ts'
import * as claps from './service.ts'

const ClapBody = Type.Object({
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 1, description: 'Claps to add; the total per reader is capped at 50' })),
}, { additionalProperties: false })
type ClapBody = Static<typeof ClapBody>

const ClapForm = Type.Object({ count: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}$' })) })
type ClapForm = Static<typeof ClapForm>

const ClapAnswer = Type.Object({ article: ArticleListItemSchema }, { description: 'The article as lists show it (no body): its totals and the reader\'s claps' })

const tags = ['Claps']

export const clapRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  // Claps change only totals, which cached pages may show a few seconds late: a viral story's
  // claps must not empty the page cache that is carrying its readers.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, pageCache: 'keep' }
  })
  const answer = async (slug: string, viewerId: number) => ({ article: presentArticle(await storyBySlug(db, slug, viewerId), config.baseUrl) })
  // Ovation's own clap endpoints answer the article as lists do, without its body: the clap
  // button wants the totals, and a clap storm should not re-send the story with every clap.
  const totals = async (slug: string, viewerId: number) => ({ article: presentArticle(await storyMetaBySlug(db, slug, viewerId), config.baseUrl, false) })

  app.post<{ Params: SlugParams; Body: ClapBody | undefined }>('/api/articles/:slug/claps', {
    // A bare POST (no body at all) is one clap, like a press of the button.
    preValidation: async (request) => {
      request.body ??= {}
    },
    schema: { tags, summary: 'Clap for an article (1–50 claps per reader in all)', security: [{ Token: [] }], params: SlugParams, body: ClapBody, response: { 200: ClapAnswer } },
  }, async (request) => {
    const viewer = requireViewer(request)
    await claps.clap(db, viewer.id, request.params.slug, request.body?.count ?? 1)
    return totals(request.params.slug, viewer.id)
  })

  app.delete<{ Params: SlugParams }>('/api/articles/:slug/claps', {
    schema: { tags, summary: "Take back all of the reader's claps", security: [{ Token: [] }], params: SlugParams, response: { 200: ClapAnswer } },
  }, async (request) => {
    const viewer = requireViewer(request)
    await claps.undoClaps(db, viewer.id, request.params.slug)
    return totals(request.params.slug, viewer.id)
  })

  app.post<{ Params: SlugParams }>('/api/articles/:slug/favorite', {
    schema: { tags: ['Favorites'], summary: 'Favorite: one clap', security: [{ Token: [] }], params: SlugParams, response: { 200: SingleArticleResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const story = await storyBySlug(db, request.params.slug, viewer.id)
    // Favoriting twice must not add a second clap: a favorite is "has clapped", not a clap.
    if (story.myClaps === 0) await claps.clap(db, viewer.id, request.params.slug, 1, { allowOwnStory: true })
    return answer(request.params.slug, viewer.id)
  })

  app.delete<{ Params: SlugParams }>('/api/articles/:slug/favorite', {
    schema: { tags: ['Favorites'], summary: "Unfavorite: take back the reader's claps", security: [{ Token: [] }], params: SlugParams, response: { 200: SingleArticleResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    await claps.undoClaps(db, viewer.id, request.params.slug)
    return answer(request.params.slug, viewer.id)
  })

  // Without JavaScript the clap control is this form: it adds a clap (or the few the reader
  // asked for) and returns to the applause section of the story. Signed out, it asks the reader
  // to sign in and brings them back.
  app.post<{ Params: SlugParams; Body: ClapForm }>('/claps/:slug', { schema: { params: SlugParams, body: ClapForm } }, async (request, reply) => {
    const story = await storyBySlug(db, request.params.slug, request.viewer?.id ?? null)
    const back = storyPath(story)
    if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(back)}`, 303)
    const count = Math.min(Math.max(Number(request.body.count ?? 1) || 1, 1), 50)
    await claps.clap(db, request.viewer.id, request.params.slug, count)
    reply.redirect(`${back}#applause`, 303)
  })

  app.post<{ Params: SlugParams }>('/claps/:slug/undo', { schema: { params: SlugParams } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const story = await storyBySlug(db, request.params.slug, viewer.id)
    await claps.undoClaps(db, viewer.id, request.params.slug)
    reply.redirect(`${storyPath(story)}#applause`, 303)
  })
}
