// Who is asking: resolved once per request from a RealWorld token (`Authorization: Token x`,
// `Bearer x` also accepted) or the session cookie. The lookup itself belongs to accounts and is
// handed in by app.ts, so this foundation knows nothing of any feature.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError, unauthorized } from './errors.ts'

export type Viewer = {
  id: number
  username: string
  name: string
  image: string | null
  /** The session or API token row id (a hash), to sign out this one. */
  sessionId: string
  /** How the viewer proved who they are; cookies need cross-site protection, tokens do not. */
  via: 'cookie' | 'token'
  /** The raw token, echoed back in RealWorld user responses. */
  token: string
}

export type SessionResolver = (token: string, via: 'cookie' | 'token') => Promise<Viewer | null>

export const SESSION_COOKIE = 'ovation_session'

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null
    /** Set when a token was sent but did not resolve (expired, revoked, garbage). */
    badToken: boolean
  }
}

export function installAuth(app: FastifyInstance, resolve: SessionResolver, baseUrl: string): void {
  app.decorateRequest('viewer', null)
  app.decorateRequest('badToken', false)
  const allowedOrigin = new URL(baseUrl).origin

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization
    if (header) {
      const match = /^(?:Token|Bearer)\s+(\S+)$/i.exec(header)
      request.viewer = match?.[1] ? await resolve(match[1], 'token') : null
      request.badToken = request.viewer === null
      return
    }
    const cookie = request.cookies[SESSION_COOKIE]
    request.viewer = cookie ? await resolve(cookie, 'cookie') : null
    if (!request.viewer) {
      // Login CSRF: another site must not post our sign-in or sign-up form, signing the reader
      // in as someone else. Only these forms: API clients on other origins sign in with JSON,
      // and a mail provider may post a one-click unsubscribe from anywhere.
      if (isUnsafe(request.method) && isSignInForm(request.url) && crossSite(request, allowedOrigin)) {
        throw new AppError(403, 'cross_site_request', { request: ['must come from this site'] })
      }
      return
    }
    if (request.viewer && isUnsafe(request.method) && !sameOrigin(request, allowedOrigin)) {
      // A cookie rides along on any request the browser makes; a write must come from our own
      // pages. SameSite=Lax stops most cross-site posts, this stops the rest (see csrf notes in
      // the README). Tokens are never sent by a browser on its own, so they need no such check.
      throw new AppError(403, 'cross_site_request', { request: ['must come from this site'] })
    }
  })
}

/** The signed-in viewer, or a 401 RealWorld clients understand. */
export function requireViewer(request: FastifyRequest): Viewer {
  if (request.viewer) return request.viewer
  throw unauthorized(request.badToken ? 'is invalid' : 'is missing')
}

function isUnsafe(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS'
}

// Browsers send Origin on every cross-origin request and on same-origin POSTs, and
// Sec-Fetch-Site on all requests; a request with neither did not come from a browser form.
function sameOrigin(request: FastifyRequest, allowedOrigin: string): boolean {
  const site = request.headers['sec-fetch-site']
  if (site === 'same-origin' || site === 'none') return true
  const origin = request.headers.origin
  if (origin) return origin === allowedOrigin || origin === hostOrigin(request)
  return site === undefined && request.headers.referer?.startsWith(allowedOrigin + '/') === true
}

// What a browser says when another site made it send the request. Unlike sameOrigin(), a
// request saying nothing (a script, a mail client's one-click unsubscribe, which may send
// "Origin: null") passes: it carries no session, so it can only do what its sender could anyway.
function crossSite(request: FastifyRequest, allowedOrigin: string): boolean {
  const site = request.headers['sec-fetch-site']
  if (site !== undefined) return site !== 'same-origin' && site !== 'none'
  const origin = request.headers.origin
  return origin !== undefined && origin !== 'null' && origin !== allowedOrigin && origin !== hostOrigin(request)
}

function isSignInForm(url: string): boolean {
  // With or without the trailing slash the router ignores.
  const path = url.split('?', 1)[0]?.replace(/(.)\/$/, '$1')
  return path === '/signin' || path === '/signup'
}

function hostOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`
}
