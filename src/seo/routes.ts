// /sitemap.xml and its sitemaps, /robots.txt, and the oEmbed endpoint for story URLs.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { AppError } from '../http/errors.ts'
import { storyBySlug, type Story } from '../stories/service.ts'
import { robotsTxt, sitemapChunk, sitemapIndex, SITEMAP_KINDS, type SitemapKind } from './sitemap.ts'

const SitemapParams = Type.Object({ file: Type.String({ maxLength: 100 }) })
type SitemapParams = Static<typeof SitemapParams>
const OEmbedQuery = Type.Object({
  url: Type.String({ maxLength: 2000 }),
  format: Type.Optional(Type.String({ maxLength: 10 })),
  maxwidth: Type.Optional(Type.String({ maxLength: 10 })),
  maxheight: Type.Optional(Type.String({ maxLength: 10 })),
})
type OEmbedQuery = Static<typeof OEmbedQuery>

const SITEMAP_FILE = new RegExp(`^(${SITEMAP_KINDS.join('|')})-([1-9][0-9]{0,5})\\.xml$`)
const XML = 'application/xml; charset=utf-8'

export const seoRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  const { baseUrl } = config

  app.get('/robots.txt', { schema: { hide: true } }, (_request, reply) => {
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(robotsTxt(baseUrl))
  })

  app.get('/sitemap.xml', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(XML).header('cache-control', 'public, max-age=3600').send(await sitemapIndex(db, baseUrl))
  })

  app.get<{ Params: SitemapParams }>('/sitemaps/:file', { schema: { hide: true, params: SitemapParams } }, async (request, reply) => {
    const match = SITEMAP_FILE.exec(request.params.file)
    if (!match) throw new AppError(404, 'not_found', { sitemap: ['not found'] })
    const xml = await sitemapChunk(db, baseUrl, match[1] as SitemapKind, Number(match[2]))
    reply.type(XML).header('cache-control', 'public, max-age=3600').send(xml)
  })

  // https://oembed.com/#section2: a "link" answer for a published story's URL; 404 for anything
  // else (unknown, unlisted, draft, another site), 501 for formats we do not speak (XML).
  app.get<{ Querystring: OEmbedQuery }>('/oembed', { schema: { hide: true, querystring: OEmbedQuery } }, async (request, reply) => {
    const format = request.query.format ?? 'json'
    if (format !== 'json') return reply.code(501).type('application/json; charset=utf-8').send({ error: `format ${format} is not supported; use json` })
    const story = await publishedStoryAt(request.query.url)
    if (!story) return reply.code(404).type('application/json; charset=utf-8').send({ error: 'no published story at this URL' })
    reply.header('cache-control', 'public, max-age=3600').type('application/json; charset=utf-8').send({
      version: '1.0',
      type: 'link',
      title: story.row.title,
      author_name: story.author.name,
      author_url: `${baseUrl}/@${story.author.username}`,
      provider_name: 'Ovation',
      provider_url: `${baseUrl}/`,
      cache_age: 3600,
    })
  })

  /** The published story a URL of this site names (any address of it that redirects counts). */
  async function publishedStoryAt(url: string): Promise<Story | undefined> {
    const parsed = URL.parse(url)
    if (!parsed || parsed.origin !== baseUrl) return undefined
    const segments = parsed.pathname.split('/').slice(1)
    if (segments.length !== 2 || !segments[0] || !segments[1]) return undefined
    let story: Story
    try {
      story = await storyBySlug(db, segments[1], null)
    } catch (error) {
      if (error instanceof AppError && error.status === 404) return undefined
      throw error
    }
    return story.row.status === 'published' ? story : undefined
  }
}

// Pages that search engines should never list: account forms and the editor. Their views belong
// to other features, so the rule is sent as a header (equivalent to the robots meta tag).
const NOINDEX_ROUTES = new Set(['/signin', '/signup', '/settings', '/new-story', '/edit/:slug', '/me/stories', '/edit/:slug/revisions', '/edit/:slug/revisions/:id'])

/** Adds `x-robots-tag: noindex` to those pages; install on the root instance. */
export const noindexRoutes: FastifyPluginAsync = async (app) => {
  app.addHook('onRoute', (route) => {
    if (!NOINDEX_ROUTES.has(route.url)) return
    const existing = route.onSend ? [route.onSend].flat() : []
    route.onSend = [...existing, async (_request, reply, payload) => {
      reply.header('x-robots-tag', 'noindex')
      return payload
    }]
  })
}
// A hook of the root instance, not of this plugin's own scope (what fastify-plugin does).
Object.assign(noindexRoutes, { [Symbol.for('skip-override')]: true })
