// buildApp(config, db): the whole server, without listening. main.ts and the tests use it.
// This is the only module that knows the list of features.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import helmet from '@fastify/helmet'
import fastifyStatic from '@fastify/static'
import type { Config } from './config.ts'
import { themeScriptHash } from './web/theme.ts'
import type { Db } from './db/database.ts'
import { installAuth } from './http/auth.ts'
import { installReturnReply } from './http/return-reply.ts'
import { installCompression } from './http/compress.ts'
import { installErrorHandler } from './http/error-handler.ts'
import { installRateLimits } from './http/rate-limits.ts'
import { installOpenApi } from './http/openapi.ts'
import { PageCache } from './http/page-cache.ts'
import { installPageCache } from './http/page-cache-hooks.ts'
import { openCacheBus } from './http/cache-bus.ts'
import { installSessionCache, SessionCache } from './http/session-cache.ts'
import { publicDir } from './web/assets.ts'
import { renderErrorPage } from './web/error-page.tsx'
import { resolveSession } from './accounts/service.ts'
import { accountRoutes } from './accounts/routes.ts'
import { clapRoutes } from './claps/routes.ts'
import { installValidation } from './http/validation.ts'
import { installJsonBodies } from './http/json-body.ts'
import { installLocationEncoding } from './http/location-header.ts'
import { installNulGuard } from './http/nul-guard.ts'
import { profileApiRoutes } from './profiles/api-routes.ts'
import { storyApiRoutes } from './stories/api-routes.ts'
import { revisionApiRoutes } from './stories/revisions/api-routes.ts'
import { storyPageRoutes } from './stories/page-routes.tsx'
import { importRoutes } from './imports/routes.tsx'
import { exportRoutes } from './exports/routes.tsx'
import { writeRoutes } from './studio/write-routes.tsx'
import { studioRoutes } from './studio/routes.tsx'
import { homeRoutes } from './home/routes.tsx'
import { tagRoutes } from './tags/routes.tsx'
import { profilePageRoutes } from './profiles/page-routes.tsx'
import { publicationPageRoutes } from './publications/page-routes.tsx'
import { publicationApiRoutes } from './publications/api-routes.ts'
import { publicationDeskRoutes } from './publications/desk-routes.tsx'
import { publicationAdminRoutes } from './publications/admin-routes.tsx'
import { workflowApiRoutes } from './stories/workflow-routes.ts'
import { responseApiRoutes } from './responses/api-routes.ts'
import { responsePageRoutes } from './responses/page-routes.ts'
import { responsesSlot } from './responses/slot.tsx'
import { feedRoutes } from './feeds/routes.ts'
import { noindexRoutes, seoRoutes } from './seo/routes.ts'
import { searchApiRoutes } from './search/api-routes.ts'
import { searchPageRoutes } from './search/page-routes.tsx'
import { operationsRoutes } from './operations/routes.ts'
import { installMetrics } from './operations/metrics.ts'
import { feedHomeRoutes } from './feed/routes.ts'
import { mediaRoutes } from './media/routes.ts'
import { sourceRoutes } from './sources/routes.ts'
import { notificationRoutes } from './notifications/routes.tsx'
import { highlightRoutes } from './highlights/routes.ts'
import { listRoutes } from './lists/routes.ts'

export type AppOptions = {
  /** pino logger settings; false silences it (tests). */
  logger?: boolean | { level: string }
  /** Told of every route as it is added, schema included (tests that walk every route use it). */
  onRoute?: (route: RouteOptions) => void
}

export async function buildApp(config: Readonly<Config>, db: Db, options: AppOptions = {}): Promise<FastifyInstance> {
  const pageCache = new PageCache({ maxEntries: 1000, ttlMs: config.pageCacheTtlMs })
  const app = Fastify({
    // The fast path: a signed-out page in the cache is answered before Fastify sees the request.
    serverFactory: (handler) => createServer((request, response) => {
      if (!pageCache.tryServe(request, response)) handler(request, response)
    }),
    logger: options.logger ?? { level: config.logLevel },
    // Only proxies we know may name the client's address: the rate limits count by it.
    trustProxy: config.trustProxy,
    // Request ids in every log line: a proxy's X-Request-Id when it sends one, else our own.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 2 * 1024 * 1024,
    // RealWorld slugs and usernames are matched case-sensitively; trailing slashes are not ours.
    routerOptions: { ignoreTrailingSlash: true },
  })

  if (options.onRoute) app.addHook('onRoute', options.onRoute)
  // First of the onSend hooks (see the file).
  installReturnReply(app)
  const bus = await openCacheBus(db, app.log)
  app.addHook('onClose', () => bus.close())
  app.decorate('pageCache', pageCache)
  app.decorate('cacheBus', bus)

  installValidation(app)
  installJsonBodies(app)
  await app.register(cookie)
  await app.register(formbody)
  await app.register(helmet, {
    // Strict: our own scripts and styles only, no inline code of any kind, so a story page
    // stays identical for every reader (no per-response nonce) and cacheable.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // And the one inline script that applies the reader's theme before the first paint.
        scriptSrc: ["'self'", themeScriptHash],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'https:', 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.baseUrl.startsWith('https:') ? [] : null,
      },
    },
    hsts: config.baseUrl.startsWith('https:'),
    crossOriginEmbedderPolicy: false,
    // Not no-referrer: with it browsers send "Origin: null" on our own form posts, and writers
    // see which sites send them readers (the origin only, never the page, across sites).
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  })
  // Before any route is added: its onRoute hook gives each route its limit.
  await installRateLimits(app, config, db)
  await app.register(fastifyStatic, {
    root: `${publicDir}build`,
    prefix: '/assets/',
    // The build writes .br and .gz beside each script and stylesheet (scripts/build-assets.ts).
    preCompressed: true,
    immutable: true,
    maxAge: '365d',
    index: false,
  })
  // The demo site's illustrations (see src/demo/content).
  await app.register(fastifyStatic, {
    root: new URL('./demo/content/images/', import.meta.url).pathname,
    prefix: '/demo/images/',
    decorateReply: false,
    maxAge: '1d',
    index: false,
  })

  installErrorHandler(app, (request, status, message) => renderErrorPage(request.viewer, status, message))
  const sessions = new SessionCache({ ttlMs: 2000, maxEntries: 10_000 })
  installAuth(app, sessions.wrap((token, via) => resolveSession(db, token, via)), config.baseUrl)
  installSessionCache(app, sessions, bus)
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
  })
  installPageCache(app, pageCache, bus)
  installCompression(app)
  installLocationEncoding(app)
  installNulGuard(app)
  const metrics = installMetrics(app, db)
  await installOpenApi(app)

  const deps = { config, db }
  // First, so its onRoute hook sees the account and editor routes registered after it.
  await app.register(noindexRoutes)
  await app.register(operationsRoutes, { ...deps, metrics })
  await app.register(feedRoutes, deps)
  await app.register(seoRoutes, deps)
  await app.register(accountRoutes, deps)
  await app.register(profileApiRoutes, deps)
  await app.register(storyApiRoutes, deps)
  await app.register(mediaRoutes, deps)
  await app.register(sourceRoutes, deps)
  await app.register(workflowApiRoutes, deps)
  await app.register(publicationApiRoutes, deps)
  await app.register(revisionApiRoutes, deps)
  await app.register(clapRoutes, deps)
  await app.register(homeRoutes, deps)
  await app.register(tagRoutes, deps)
  await app.register(writeRoutes, deps)
  await app.register(studioRoutes, deps)
  await app.register(profilePageRoutes, deps)
  await app.register(publicationPageRoutes, deps)
  await app.register(publicationDeskRoutes, deps)
  await app.register(publicationAdminRoutes, deps)
  await app.register(responseApiRoutes, deps)
  await app.register(responsePageRoutes, deps)
  await app.register(searchApiRoutes, deps)
  await app.register(searchPageRoutes, deps)
  await app.register(feedHomeRoutes, deps)
  await app.register(notificationRoutes, deps)
  await app.register(highlightRoutes, deps)
  await app.register(listRoutes, deps)
  await app.register(importRoutes, deps)
  await app.register(exportRoutes, deps)
  await app.register(storyPageRoutes, { ...deps, responses: responsesSlot(db) })

  // Browsers ask for /favicon.ico whatever the page says; both names answer with our icon.
  const favicon = await readFile(`${publicDir}favicon.svg`)
  for (const path of ['/favicon.svg', '/favicon.ico']) {
    app.get(path, { schema: { hide: true } }, (_request, reply) => {
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon)
    })
  }
  return app
}

/** What every feature's routes plugin is given. */
export type FeatureDeps = { config: Readonly<Config>; db: Db }
