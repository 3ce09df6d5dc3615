// The story page, at Medium's addresses: /@username/title-words-<shortid>, or under the
// publication's slug. Any older slug or address of the story redirects to the current one.
import { createHash } from 'node:crypto'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { toDate } from '../db/codecs.ts'
import { AppError } from '../http/errors.ts'
import { assetBuild } from '../web/assets.ts'
import { renderDocument } from '../web/render.ts'
import { Lru } from '../web/lru.ts'
import { coverOf } from './cover.ts'
import { renderDocumentHtml } from './document/render-html.ts'
import { excerpt } from './document/plain-text.ts'
import type { StoryDocument } from './document/types.ts'
import { storyPath } from './present.ts'
import { authorTitleAt, storyBodyText, storyMetaBySlug, type Story } from './service.ts'
import { StoryPage, storyViewerParts, type StoryPageProps } from './views/story-page.tsx'
import { fillTemplateBytes, toTemplate, type Template } from '../web/slots.ts'
import { renderToString } from 'preact-render-to-string'
import type { ResponsesSlot } from './responses-slot.ts'
import { firstImageUrl, storyHead } from '../seo/page-heads.tsx'

const StoryParams = Type.Object({ owner: Type.String({ maxLength: 200 }), slug: Type.String({ maxLength: 300 }) })
type StoryParams = Static<typeof StoryParams>

export type StoryPageOptions = FeatureDeps & { responses: ResponsesSlot }

export const storyPageRoutes: FastifyPluginAsync<StoryPageOptions> = async (app, { config, db, responses }) => {
  // Rendered bodies by story version, and whole anonymous pages by their ETag.
  const bodies = new Lru<{ html: string; excerpt: string; firstImage: string | undefined }>(500)
  const pages = new Lru<string>(200)
  const templates = new Lru<Template>(200)

  async function show(request: FastifyRequest<{ Params: StoryParams }>, reply: FastifyReply) {
    const viewer = request.viewer
    let story: Story
    try {
      // Without the body: it is parsed and rendered once per version (below), and reading tens of
      // kilobytes per request only to find the rendering cached was a large part of the cost.
      story = await storyMetaBySlug(db, request.params.slug, viewer?.id ?? null)
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw new AppError(404, 'story_not_found', { story: ['not found'] })
      throw error
    }
    const path = storyPath(story)
    const requested = `/${request.params.owner}/${request.params.slug}`
    if (requested !== path) return reply.redirect(path, 301)

    const { row } = story
    const version = `${row.short_id}:${toDate(row.updated_at).getTime()}`
    // Parsing and rendering the body is the costly part of a page: once per story version.
    let body = bodies.get(version)
    if (body === undefined) {
      const document = JSON.parse(await storyBodyText(db, row.id)) as StoryDocument
      body = { html: renderDocumentHtml(document), excerpt: excerpt(document, 160), firstImage: firstImageUrl(document, config.baseUrl) }
      bodies.set(version, body)
    }
    const [authorTitle, responseItems] = await Promise.all([authorTitleAt(db, story), responses.load(story, viewer)])
    const props: Omit<StoryPageProps, 'responses' | 'head'> = {
      viewer,
      path,
      canonicalUrl: row.canonical_url ?? config.baseUrl + path,
      slug: `${row.slug}-${row.short_id}`,
      title: row.title,
      subtitle: row.subtitle,
      description: row.subtitle || body.excerpt,
      bodyHtml: body.html,
      author: { ...story.author, isViewer: viewer?.id === story.author.id },
      publication: story.publication && { slug: story.publication.slug, name: story.publication.name, authorTitle },
      publishedAt: row.published_at === null ? null : toDate(row.published_at),
      readingTime: row.reading_time,
      tags: story.tags,
      claps: row.clap_total,
      fans: row.fan_count,
      myClaps: story.myClaps,
      status: row.status,
      cover: coverOf(row, 'cover'),
    }
    // The ETag covers everything the page shows (and the asset build), so it changes exactly
    // when the page would; a reader's browser revalidates and mostly hears 304.
    const etag = `"${createHash('sha1').update(version).update(JSON.stringify({ ...props, bodyHtml: '' })).update(JSON.stringify(responseItems)).update(assetBuild()).digest('base64url')}"`
    reply.header('etag', etag).header('vary', 'Cookie, Authorization')
    reply.header('cache-control', viewer ? 'private, no-cache' : 'public, no-cache')
    if (row.status === 'unlisted') reply.header('x-robots-tag', 'noindex')
    // A signed-out reader's 304 is left to the page cache's hook, which keeps the page first:
    // otherwise a crowd revalidating its copies would never refill the cache once it expired.
    if (viewer && request.headers['if-none-match'] === etag) return reply.code(304).send()
    const head = () => storyHead({
      baseUrl: config.baseUrl,
      path,
      title: row.title,
      description: props.description,
      author: story.author,
      publication: story.publication,
      publishedAt: props.publishedAt,
      updatedAt: toDate(row.updated_at),
      tags: story.tags,
      status: row.status,
      firstImage: body.firstImage,
      cover: row.cover_image,
    })
    let html: string | Buffer | undefined
    if (viewer) {
      // A signed-in reader's page: the template of everything that is the same for every reader
      // (rendered once per version of the story), filled with the parts that are theirs.
      // Clap counts show only in the applause slot: a template outlives a clap storm.
      const sameForAll = { ...props, viewer: null, myClaps: 0, claps: 0, fans: 0, author: { ...props.author, following: false, isViewer: false }, bodyHtml: '' }
      const key = createHash('sha1').update(version).update(JSON.stringify(sameForAll)).update(assetBuild()).digest('base64url')
      let template = templates.get(key)
      if (template === undefined) {
        template = toTemplate(renderDocument(<StoryPage {...props} head={head()} responses={null} template />))
        templates.set(key, template)
      }
      const parts = storyViewerParts({ ...props, responses: responses.render(story, viewer, responseItems, request.query as Record<string, string>) })
      html = fillTemplateBytes(template, Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part === null ? '' : renderToString(part)])))
    } else {
      html = pages.get(etag)
      if (html === undefined) {
        html = renderDocument(<StoryPage {...props} head={head()} responses={responses.render(story, viewer, responseItems, request.query as Record<string, string>)} />)
        pages.set(etag, html)
      }
    }
    reply.type('text/html; charset=utf-8').send(html)
  }

  app.get<{ Params: StoryParams }>('/@:owner/:slug', { schema: { params: StoryParams } }, async (request, reply) => {
    request.params.owner = `@${request.params.owner}`
    return show(request, reply)
  })
  app.get<{ Params: StoryParams }>('/:owner/:slug', { schema: { params: StoryParams } }, show)
}
