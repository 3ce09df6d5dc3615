// GET /api/search: stories as RealWorld articles (exactly as GET /api/articles lists them),
// people as RealWorld profiles, and publications.
import type { FastifyPluginAsync } from 'fastify'
import type { FeatureDeps } from '../app.ts'
import { presentArticle } from '../stories/service.ts'
import { SearchQuery, SearchResponse } from './schemas.ts'
import * as search from './service.ts'

export const searchApiRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.get<{ Querystring: SearchQuery }>('/api/search', {
    schema: {
      tags: ['Search'],
      summary: 'Search published stories, people and publications, best match first',
      querystring: SearchQuery,
      response: { 200: SearchResponse },
    },
  }, async (request) => {
    const { q = '', type, limit = 20, offset = 0 } = request.query
    const viewerId = request.viewer?.id ?? null
    const page = { limit, offset }
    const [stories, people, publications] = await Promise.all([
      !type || type === 'stories' ? search.searchStories(db, q, page, viewerId) : undefined,
      !type || type === 'people' ? search.searchPeople(db, q, page, viewerId) : undefined,
      !type || type === 'publications' ? search.searchPublications(db, q, page) : undefined,
    ])
    return {
      ...(stories && { articles: stories.hits.map((hit) => presentArticle(hit.story, config.baseUrl, false)), articlesCount: stories.count }),
      ...(people && {
        profiles: people.hits.map((hit) => ({ username: hit.username, bio: hit.bio, image: hit.image, following: hit.following })),
        profilesCount: people.count,
      }),
      ...(publications && {
        publications: publications.hits.map((hit) => ({ slug: hit.slug, name: hit.name, tagline: hit.tagline, url: `${config.baseUrl}/${hit.slug}` })),
        publicationsCount: publications.count,
      }),
    }
  })
}
