// GET /search?q=&type=&page=: the search page, rendered on the server (no JavaScript needed).
import type { FastifyPluginAsync } from 'fastify'
import type { FeatureDeps } from '../app.ts'
import { sendPage } from '../web/render.ts'
import { toCard } from '../stories/service.ts'
import { SearchPageQuery } from './schemas.ts'
import * as search from './service.ts'
import { SearchPage, searchHref, type SearchResults } from './views.tsx'

const PER_PAGE = 10

export const searchPageRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  app.get<{ Querystring: SearchPageQuery }>('/search', { schema: { hide: true, querystring: SearchPageQuery } }, async (request, reply) => {
    const { q = '', type = 'stories', page = 1 } = request.query
    const viewerId = request.viewer?.id ?? null
    const paging = { limit: PER_PAGE, offset: (page - 1) * PER_PAGE }
    const [counts, results] = await Promise.all([search.searchCounts(db, q), resultsOf(type)])
    const query = q.trim()
    const more = page * PER_PAGE < counts[type]
    sendPage(reply, SearchPage({
      viewer: request.viewer,
      q,
      counts,
      results,
      page,
      nextHref: query && more ? searchHref(query, type, page + 1) : undefined,
      previousHref: query && page > 1 ? searchHref(query, type, page - 1) : undefined,
    }))

    async function resultsOf(kind: search.SearchType): Promise<SearchResults> {
      if (kind === 'people') return { type: kind, hits: (await search.searchPeople(db, q, paging, viewerId)).hits }
      if (kind === 'publications') return { type: kind, hits: (await search.searchPublications(db, q, paging)).hits }
      const { hits } = await search.searchStories(db, q, paging, viewerId)
      return { type: kind, hits: hits.map((hit) => ({ card: toCard(hit.story), snippet: hit.snippet })) }
    }
  })
}
