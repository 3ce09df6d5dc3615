// One request as a given caller would send it: API routes with the caller's token and a JSON
// body, pages with the caller's session cookie, a same-origin browser's headers (see the CSRF
// check in src/http/auth.ts) and a urlencoded form.
import type { FastifyInstance, HTTPMethods, LightMyRequestResponse } from 'fastify'
import type { Person } from './world.ts'

export type Sent = { method: HTTPMethods; url: string; body?: unknown }

export function isApiUrl(url: string): boolean {
  return url === '/api' || url.startsWith('/api/')
}

export function sendAs(app: FastifyInstance, who: Person | null, request: Sent): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {}
  const api = isApiUrl(request.url)
  if (who && api) headers.authorization = `Token ${who.token}`
  if (who && !api) {
    headers.cookie = who.cookie
    headers['sec-fetch-site'] = 'same-origin'
  }
  if (request.body === undefined) return app.inject({ method: request.method, url: request.url, headers })
  if (api) return app.inject({ method: request.method, url: request.url, headers, payload: request.body as object })
  headers['content-type'] = 'application/x-www-form-urlencoded'
  const form = new URLSearchParams(request.body as Record<string, string>).toString()
  return app.inject({ method: request.method, url: request.url, headers, payload: form })
}
