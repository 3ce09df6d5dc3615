// RealWorld's articles and tags endpoints, over the stories service.
import type { FastifyPluginAsync } from 'fastify'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { invalid } from '../http/errors.ts'
import { presentArticle } from './present.ts'
import {
  ArticleListResponse, CreateArticleBody, FeedQuery, ListQuery, SingleArticleResponse, SlugParams, TagsResponse, UpdateArticleBody,
} from './schemas.ts'
import * as stories from './service.ts'
import { tagKey } from './tags.ts'

const tags = ['Articles']

export const storyApiRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  const present = (story: stories.Story, withBody = true) => presentArticle(story, config.baseUrl, withBody)

  app.get<{ Querystring: ListQuery }>('/api/articles', {
    schema: { tags, summary: 'List published articles, newest first', querystring: ListQuery, response: { 200: ArticleListResponse } },
  }, async (request) => {
    const { tag, author, favorited, publication, limit = 20, offset = 0 } = request.query
    const result = await stories.listStories(db, {
      tagKey: tag === undefined ? undefined : tagKey(tag),
      authorUsername: author,
      clappedByUsername: favorited,
      publicationSlug: publication,
      limit,
      offset,
    }, request.viewer?.id ?? null)
    return { articles: result.stories.map((story) => present(story, false)), articlesCount: result.count }
  })

  app.get<{ Querystring: FeedQuery }>('/api/articles/feed', {
    schema: { tags, summary: 'Articles by followed writers, newest first', security: [{ Token: [] }], querystring: FeedQuery, response: { 200: ArticleListResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const { limit = 20, offset = 0 } = request.query
    const result = await stories.listStories(db, { followedBy: viewer.id, limit, offset }, viewer.id)
    return { articles: result.stories.map((story) => present(story, false)), articlesCount: result.count }
  })

  app.get<{ Params: SlugParams }>('/api/articles/:slug', {
    schema: { tags, summary: 'Get an article', params: SlugParams, response: { 200: SingleArticleResponse } },
  }, async (request) => {
    const story = await stories.storyBySlug(db, request.params.slug, request.viewer?.id ?? null)
    return { article: present(story) }
  })

  app.post<{ Body: CreateArticleBody }>('/api/articles', {
    schema: { tags, summary: 'Create an article (published unless status says otherwise)', security: [{ Token: [] }], body: CreateArticleBody, response: { 201: SingleArticleResponse } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const { article } = request.body
    const subtitle = article.subtitle ?? article.description
    // RealWorld requires a description; Ovation's own pages let the subtitle be empty.
    // Ovation's editor sends the document and may leave the subtitle empty.
    if (!subtitle?.trim() && article.document === undefined) {
      throw invalid({ description: ["can't be blank"], ...(article.title.trim() ? {} : { title: ["can't be blank"] }), ...(article.body?.trim() ? {} : { body: ["can't be blank"] }) })
    }
    const story = await stories.createStory(db, viewer.id, {
      title: article.title,
      subtitle,
      body: article.body,
      document: article.document,
      scheduledAt: article.scheduledAt === undefined ? undefined : new Date(article.scheduledAt),
      tags: article.tagList,
      status: article.status,
      publication: article.publication,
      canonicalUrl: article.canonicalUrl,
      coverImage: article.coverImage,
      coverAlt: article.coverAlt,
    })
    reply.code(201)
    return { article: present(story) }
  })

  app.put<{ Params: SlugParams; Body: UpdateArticleBody }>('/api/articles/:slug', {
    schema: { tags, summary: 'Update an article (its author only)', security: [{ Token: [] }], params: SlugParams, body: UpdateArticleBody, response: { 200: SingleArticleResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const { article } = request.body
    const story = await stories.updateStory(db, viewer.id, request.params.slug, {
      title: article.title,
      subtitle: article.subtitle ?? article.description,
      body: article.body,
      document: article.document,
      version: article.version,
      scheduledAt: article.scheduledAt === undefined ? undefined : new Date(article.scheduledAt),
      tags: article.tagList,
      status: article.status,
      publication: article.publication,
      canonicalUrl: article.canonicalUrl,
      coverImage: article.coverImage,
      coverAlt: article.coverAlt,
    })
    return { article: present(story) }
  })

  app.delete<{ Params: SlugParams }>('/api/articles/:slug', {
    schema: { tags, summary: 'Delete an article (its author only)', security: [{ Token: [] }], params: SlugParams },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    await stories.deleteStory(db, viewer.id, request.params.slug)
    reply.code(204).send()
  })

  app.get('/api/tags', {
    schema: { tags: ['Tags'], summary: 'Tags in use, most used first', response: { 200: TagsResponse } },
  }, async () => ({ tags: await stories.tagsInUse(db) }))
}
