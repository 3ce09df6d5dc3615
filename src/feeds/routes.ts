// Feeds at Medium's addresses: /feed (the whole site), /feed/@username, /feed/<publication> and
// /feed/tag/<tag> answer RSS; the same with ".atom" or ".json" answer Atom and JSON Feed.
// Static segments win in find-my-way, so none of these clash with /:owner/:slug or /:slug.
import { createHash } from 'node:crypto'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { notFound } from '../http/errors.ts'
import { profileOf } from '../profiles/service.ts'
import { publicationWithMasthead } from '../publications/service.ts'
import { listStories, type StoryListQuery } from '../stories/service.ts'
import { tagKey } from '../stories/tags.ts'
import { buildFeed, feedEntry, FEED_EXTENSIONS, FEED_TYPES, lastModifiedOf, type FeedChannel, type FeedFormat } from './builder.ts'

/** How many of the newest stories a feed carries. */
export const FEED_LENGTH = 20

const NameParams = Type.Object({ name: Type.String({ maxLength: 200 }) })
type NameParams = Static<typeof NameParams>

export const feedRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  const { baseUrl } = config

  async function send(request: FastifyRequest, reply: FastifyReply, format: FeedFormat, channel: FeedChannel, filter: Omit<StoryListQuery, 'limit' | 'offset'>) {
    // Published stories only: listStories never returns drafts or unlisted stories by default.
    const { stories } = await listStories(db, { ...filter, limit: FEED_LENGTH, offset: 0 }, null)
    const entries = stories.map((story) => feedEntry(story, baseUrl))
    const body = buildFeed(format, channel, entries, baseUrl)
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`
    const lastModified = lastModifiedOf(entries)
    reply.header('etag', etag).header('cache-control', 'public, max-age=300')
    if (lastModified) reply.header('last-modified', lastModified.toUTCString())
    if (notModified(request, etag, lastModified)) return reply.code(304).send()
    return reply.type(FEED_TYPES[format]).send(body)
  }

  const site = (format: FeedFormat) => async (request: FastifyRequest, reply: FastifyReply) =>
    send(request, reply, format, { title: 'Ovation', description: 'The latest stories on Ovation.', pagePath: '/', feedPath: '/feed' }, {})
  for (const format of ['rss', 'atom', 'json'] as const) app.get(`/feed${FEED_EXTENSIONS[format]}`, site(format))

  app.get<{ Params: NameParams }>('/feed/@:name', { schema: { params: NameParams } }, async (request, reply) => {
    const { name, format } = splitFormat(request.params.name)
    const { user } = await profileOf(db, name, null)
    const channel = { title: `Stories by ${user.name} on Ovation`, description: user.bio || `The latest stories by ${user.name} on Ovation.`, pagePath: `/@${user.username}`, feedPath: `/feed/@${user.username}` }
    return send(request, reply, format, channel, { authorUsername: user.username })
  })

  app.get<{ Params: NameParams }>('/feed/tag/:name', { schema: { params: NameParams } }, async (request, reply) => {
    const { name, format } = splitFormat(request.params.name)
    const key = tagKey(name)
    if (key !== name) return reply.redirect(`/feed/tag/${encodeURIComponent(key)}${FEED_EXTENSIONS[format]}`, 301)
    const { stories } = key ? await listStories(db, { tagKey: key, limit: 1, offset: 0 }, null) : { stories: [] }
    const tag = stories[0]?.tags.find((candidate) => tagKey(candidate) === key)
    if (!tag) throw notFound('tag')
    const path = `/tag/${encodeURIComponent(key)}`
    const channel = { title: `${tag} on Ovation`, description: `The latest stories about ${tag} on Ovation.`, pagePath: path, feedPath: `/feed${path}` }
    return send(request, reply, format, channel, { tagKey: key })
  })

  app.get<{ Params: NameParams }>('/feed/:name', { schema: { params: NameParams } }, async (request, reply) => {
    const { name, format } = splitFormat(request.params.name)
    const { publication } = await publicationWithMasthead(db, name)
    const channel = { title: publication.name, description: publication.tagline || `The latest stories in ${publication.name} on Ovation.`, pagePath: `/${publication.slug}`, feedPath: `/feed/${publication.slug}` }
    return send(request, reply, format, channel, { publicationSlug: publication.slug })
  })
}

/** "ann.atom" → ann as Atom; no extension is RSS. Usernames, tags and slugs never hold a dot. */
export function splitFormat(param: string): { name: string; format: FeedFormat } {
  if (param.endsWith('.atom')) return { name: param.slice(0, -5), format: 'atom' }
  if (param.endsWith('.json')) return { name: param.slice(0, -5), format: 'json' }
  return { name: param, format: 'rss' }
}

// If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3); dates have one-second precision.
function notModified(request: FastifyRequest, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = request.headers['if-none-match']
  // Weak comparison, as RFC 9110 asks for If-None-Match: W/"x" matches "x".
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
  const ifModifiedSince = request.headers['if-modified-since']
  if (!ifModifiedSince || !lastModified) return false
  const since = Date.parse(ifModifiedSince)
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since
}
