// The lists API and pages: a reader's lists, one list, saving and ordering stories.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { safeNext, sendPage } from '../web/render.ts'
import { ArticleListItemSchema } from '../stories/schemas.ts'
import { presentArticle, storyBySlug, storyPath, toCard } from '../stories/service.ts'
import * as lists from './service.ts'
import { ListPage, MyListsPage } from './views.tsx'

const ListIdParams = Type.Object({ id: Type.String({ maxLength: 20, description: 'A list id, or "reading-list" for your Reading list' }) })
type ListIdParams = Static<typeof ListIdParams>
const ListArticleParams = Type.Object({ id: Type.String({ maxLength: 20 }), slug: Type.String({ maxLength: 300 }) })
type ListArticleParams = Static<typeof ListArticleParams>
const SlugParams = Type.Object({ slug: Type.String({ maxLength: 300 }) })
type SlugParams = Static<typeof SlugParams>
const CreateListBody = Type.Object({
  list: Type.Object({ name: Type.String({ maxLength: 1000 }), private: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
}, { additionalProperties: false })
type CreateListBody = Static<typeof CreateListBody>
const MoveBody = Type.Object({ position: Type.Integer({ minimum: 1, maximum: 100_000, description: '1 is first' }) }, { additionalProperties: false })
type MoveBody = Static<typeof MoveBody>
const ListsQuery = Type.Object({ article: Type.Optional(Type.String({ maxLength: 300, description: 'Say which lists hold this article (hasArticle)' })) })
type ListsQuery = Static<typeof ListsQuery>
const ListJson = Type.Object({
  id: Type.Integer(), name: Type.String(), private: Type.Boolean(), isReadingList: Type.Boolean(), owner: Type.String({ description: 'username' }),
  articlesCount: Type.Integer(), createdAt: Type.String({ format: 'date-time' }), updatedAt: Type.String({ format: 'date-time' }),
  hasArticle: Type.Optional(Type.Boolean()),
})
const ListWithArticlesJson = Type.Object({ ...ListJson.properties, articles: Type.Array(ArticleListItemSchema) })
const SingleList = Type.Object({ list: ListWithArticlesJson })
const NameForm = Type.Object({ name: Type.Optional(Type.String({ maxLength: 1000 })), private: Type.Optional(Type.String({ maxLength: 10 })) })
type NameForm = Static<typeof NameForm>
const PositionForm = Type.Object({ position: Type.Optional(Type.String({ maxLength: 10 })) })
type PositionForm = Static<typeof PositionForm>
const NextForm = Type.Object({ next: Type.Optional(Type.String({ maxLength: 2000 })) })
type NextForm = Static<typeof NextForm>
const tags = ['Lists']

function summaryJson(list: lists.ListSummary) {
  return {
    id: list.id, name: list.name, private: list.private, isReadingList: list.isReadingList, owner: list.owner.username,
    articlesCount: list.count, createdAt: list.createdAt.toISOString(), updatedAt: list.updatedAt.toISOString(),
    ...(list.hasArticle === undefined ? {} : { hasArticle: list.hasArticle }),
  }
}

export const listRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  const full = (list: lists.ListWithStories) => ({ list: { ...summaryJson(list), articles: list.stories.map((story) => presentArticle(story, config.baseUrl, false)) } })
  const listId = async (viewerId: number, text: string) => (text === 'reading-list' ? lists.readingListOf(db, viewerId) : lists.parseListId(text))

  app.get<{ Querystring: ListsQuery }>('/api/lists', {
    schema: { tags, summary: 'Your lists, the Reading list first', security: [{ Token: [] }], querystring: ListsQuery, response: { 200: Type.Object({ lists: Type.Array(ListJson) }) } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    reply.header('cache-control', 'private, no-store')
    return { lists: (await lists.myLists(db, viewer.id, request.query.article)).map(summaryJson) }
  })

  app.post<{ Body: CreateListBody }>('/api/lists', {
    schema: { tags, summary: 'Create a list (public unless private is true)', security: [{ Token: [] }], body: CreateListBody, response: { 201: Type.Object({ list: ListJson }) } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const list = await lists.createList(db, viewer.id, request.body.list)
    reply.code(201)
    return { list: summaryJson(list) }
  })

  app.get<{ Params: ListIdParams }>('/api/lists/:id', {
    schema: { tags, summary: 'A list and its articles in order (a private list is 404 to anyone but its owner)', params: ListIdParams, response: { 200: SingleList } },
  }, async (request) => {
    const id = request.params.id === 'reading-list' ? await listId(requireViewer(request).id, 'reading-list') : lists.parseListId(request.params.id)
    return full(await lists.listWithStories(db, id, request.viewer?.id ?? null))
  })

  app.delete<{ Params: ListIdParams }>('/api/lists/:id', {
    schema: { tags, summary: 'Delete one of your lists (not the Reading list)', security: [{ Token: [] }], params: ListIdParams, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await lists.deleteList(db, viewer.id, await listId(viewer.id, request.params.id))
    reply.code(204).send()
  })

  app.post<{ Params: ListArticleParams }>('/api/lists/:id/articles/:slug', {
    schema: { tags, summary: 'Add an article at the end of your list', security: [{ Token: [] }], params: ListArticleParams, response: { 200: SingleList } },
  }, async (request) => {
    const viewer = requireViewer(request)
    return full(await lists.addToList(db, viewer.id, await listId(viewer.id, request.params.id), request.params.slug))
  })

  app.delete<{ Params: ListArticleParams }>('/api/lists/:id/articles/:slug', {
    schema: { tags, summary: 'Remove an article from your list', security: [{ Token: [] }], params: ListArticleParams, response: { 200: SingleList } },
  }, async (request) => {
    const viewer = requireViewer(request)
    return full(await lists.removeFromList(db, viewer.id, await listId(viewer.id, request.params.id), request.params.slug))
  })

  app.put<{ Params: ListArticleParams; Body: MoveBody }>('/api/lists/:id/articles/:slug', {
    schema: { tags, summary: 'Move an article to a position in your list', security: [{ Token: [] }], params: ListArticleParams, body: MoveBody, response: { 200: SingleList } },
  }, async (request) => {
    const viewer = requireViewer(request)
    return full(await lists.moveInList(db, viewer.id, await listId(viewer.id, request.params.id), request.params.slug, request.body.position))
  })

  // Pages and plain forms.
  app.get('/me/lists', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fme%2Flists', 303)
    reply.header('cache-control', 'private, no-cache')
    sendPage(reply, MyListsPage({ viewer: request.viewer, lists: await lists.myLists(db, request.viewer.id) }))
  })

  app.post<{ Body: NameForm }>('/lists', { schema: { body: NameForm } }, async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fme%2Flists', 303)
    const list = await lists.createList(db, request.viewer.id, { name: request.body.name ?? '', private: request.body.private === '1' })
    reply.redirect(`/lists/${list.id}`, 303)
  })

  app.get<{ Params: ListIdParams }>('/lists/:id', { schema: { params: ListIdParams } }, async (request, reply) => {
    const list = await lists.listWithStories(db, lists.parseListId(request.params.id), request.viewer?.id ?? null)
    reply.header('cache-control', request.viewer ? 'private, no-cache' : 'public, max-age=60')
    const stories = list.stories.map((story) => ({ ...toCard(story), slug: `${story.row.slug}-${story.row.short_id}` }))
    sendPage(reply, ListPage({ viewer: request.viewer, list, stories, isOwner: list.isOwner }))
  })

  for (const action of ['save', 'unsave'] as const) {
    app.post<{ Params: SlugParams; Body: NextForm }>(`/lists/${action}/:slug`, { schema: { params: SlugParams, body: NextForm } }, async (request, reply) => {
      const story = await storyBySlug(db, request.params.slug, request.viewer?.id ?? null)
      const back = request.body.next === undefined ? storyPath(story) : safeNext(request.body.next)
      if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(back)}`, 303)
      const id = await lists.readingListOf(db, request.viewer.id)
      if (action === 'save') await lists.addToList(db, request.viewer.id, id, request.params.slug)
      else await lists.removeFromList(db, request.viewer.id, id, request.params.slug)
      reply.redirect(back, 303)
    })
  }

  app.post<{ Params: ListArticleParams }>('/lists/:id/remove/:slug', { schema: { params: ListArticleParams } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const id = lists.parseListId(request.params.id)
    await lists.removeFromList(db, viewer.id, id, request.params.slug)
    reply.redirect(`/lists/${id}`, 303)
  })

  app.post<{ Params: ListArticleParams; Body: PositionForm }>('/lists/:id/move/:slug', { schema: { params: ListArticleParams, body: PositionForm } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const id = lists.parseListId(request.params.id)
    const position = Number(request.body.position)
    await lists.moveInList(db, viewer.id, id, request.params.slug, Number.isInteger(position) ? position : 1)
    reply.redirect(`/lists/${id}`, 303)
  })
}
