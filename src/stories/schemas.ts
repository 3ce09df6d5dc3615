// Request and response shapes of the articles API (RealWorld's, plus Ovation's fields).
import { Type, type Static } from '@sinclair/typebox'

const StatusSchema = Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('unlisted')], {
  description: "draft (only the author sees it), submitted (in its publication's submissions queue; a writer's \"publish\" there submits), scheduled (published at scheduledAt), published, or unlisted (reachable by link only)",
})

export const ProfileSchema = Type.Object({
  username: Type.String(),
  bio: Type.Union([Type.String(), Type.Null()]),
  image: Type.Union([Type.String(), Type.Null()]),
  following: Type.Boolean(),
})

const articleFields = {
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  tagList: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  favorited: Type.Boolean({ description: 'The reader has clapped (myClaps > 0)' }),
  favoritesCount: Type.Integer({ description: 'Fans: readers who clapped' }),
  author: Type.Object({ ...ProfileSchema.properties, title: Type.Union([Type.String(), Type.Null()], { description: "The author's title at the story's publication" }) }),
  subtitle: Type.String(),
  claps: Type.Integer({ description: "The story's clap total" }),
  myClaps: Type.Integer({ description: "The reader's claps, 0 to 50" }),
  readingTime: Type.Integer({ description: 'Minutes' }),
  url: Type.String({ description: 'The story page' }),
  status: StatusSchema,
  publication: Type.Union([Type.String(), Type.Null()], { description: 'Publication slug' }),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  canonicalUrl: Type.Union([Type.String(), Type.Null()]),
  coverImage: Type.Union([Type.String(), Type.Null()], { description: 'The cover image: a site path from POST /api/uploads (/media/…) or an http(s) URL' }),
  coverAlt: Type.String({ description: "The cover's alt text" }),
  version: Type.Integer({ description: 'Bumped by every save; send it back with an update to be told (409) when another save came first' }),
  scheduledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When a scheduled story is published' }),
}

export const ArticleSchema = Type.Object({
  ...articleFields,
  body: Type.String({ description: 'Markdown' }),
  document: Type.Optional(Type.Unknown({ description: 'The block document: {version, blocks: [{id, type, …}]}; block ids anchor highlights and passage responses' })),
})
export const ArticleListItemSchema = Type.Object(articleFields)
export const SingleArticleResponse = Type.Object({ article: ArticleSchema })
export const ArticleListResponse = Type.Object({ articles: Type.Array(ArticleListItemSchema), articlesCount: Type.Integer() })

const Optional = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) => Type.Optional(schema)

// A cover image (issue 3): the url an upload answered with, or null to remove it.
const coverFields = {
  coverImage: Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
  coverAlt: Optional(Type.String({ maxLength: 10_000 })),
}

// Ovation's editor saves the block document itself, not Markdown; it is checked by parseDocument.
const studioFields = {
  document: Optional(Type.Unknown({ description: 'The block document (in place of the Markdown body)' })),
  scheduledAt: Optional(Type.String({ format: 'date-time', maxLength: 64, description: 'With status "scheduled": when to publish' })),
}

export const CreateArticleBody = Type.Object({
  article: Type.Object({
    title: Type.String({ maxLength: 10_000 }),
    description: Optional(Type.String({ maxLength: 10_000 })),
    subtitle: Optional(Type.String({ maxLength: 10_000 })),
    body: Optional(Type.String({ maxLength: 1_000_000 })),
    tagList: Optional(Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 })),
    status: Optional(StatusSchema),
    publication: Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    canonicalUrl: Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    ...coverFields,
    ...studioFields,
  }),
})
export type CreateArticleBody = Static<typeof CreateArticleBody>

export const UpdateArticleBody = Type.Object({
  article: Type.Object({
    title: Optional(Type.String({ maxLength: 10_000 })),
    description: Optional(Type.String({ maxLength: 10_000 })),
    subtitle: Optional(Type.String({ maxLength: 10_000 })),
    body: Optional(Type.String({ maxLength: 1_000_000 })),
    tagList: Optional(Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 })),
    status: Optional(StatusSchema),
    publication: Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    canonicalUrl: Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    ...coverFields,
    ...studioFields,
    version: Optional(Type.Integer({ minimum: 1, description: 'The version this update was made to (see the article\'s version)' })),
  }),
})
export type UpdateArticleBody = Static<typeof UpdateArticleBody>

export const ListQuery = Type.Object({
  tag: Optional(Type.String({ maxLength: 200 })),
  author: Optional(Type.String({ maxLength: 200 })),
  favorited: Optional(Type.String({ maxLength: 200 })),
  publication: Optional(Type.String({ maxLength: 200 })),
  limit: Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
})
export type ListQuery = Static<typeof ListQuery>

export const FeedQuery = Type.Object({
  limit: Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
})
export type FeedQuery = Static<typeof FeedQuery>

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 300 }) })
export type SlugParams = Static<typeof SlugParams>

export const TagsResponse = Type.Object({ tags: Type.Array(Type.String()) })
