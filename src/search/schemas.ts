// Request and response shapes of the search API and page.
import { Type, type Static } from '@sinclair/typebox'
import { ArticleListItemSchema, ProfileSchema } from '../stories/schemas.ts'

export const QUERY_MAX = 200

const SearchTypeSchema = Type.Union([Type.Literal('stories'), Type.Literal('people'), Type.Literal('publications')], {
  description: 'What to search; all three when absent',
})
const Q = Type.String({ maxLength: QUERY_MAX, default: '', description: 'Words must all match; "quoted phrases" match in order; the last word matches as a prefix' })

export const SearchQuery = Type.Object({
  q: Type.Optional(Q),
  type: Type.Optional(SearchTypeSchema),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 0 })),
})
export type SearchQuery = Static<typeof SearchQuery>

export const PublicationSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  tagline: Type.Union([Type.String(), Type.Null()]),
  url: Type.String({ description: 'The publication page' }),
})

export const SearchResponse = Type.Object({
  articles: Type.Optional(Type.Array(ArticleListItemSchema)),
  articlesCount: Type.Optional(Type.Integer()),
  profiles: Type.Optional(Type.Array(ProfileSchema)),
  profilesCount: Type.Optional(Type.Integer()),
  publications: Type.Optional(Type.Array(PublicationSchema)),
  publicationsCount: Type.Optional(Type.Integer()),
}, { description: 'The requested kind of results (with its count); all three kinds without a type' })

export const SearchPageQuery = Type.Object({
  q: Type.Optional(Q),
  type: Type.Optional(SearchTypeSchema),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
})
export type SearchPageQuery = Static<typeof SearchPageQuery>
