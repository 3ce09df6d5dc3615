// A small client for the JSON API (RealWorld's, with Ovation's additions), used to set up data
// for browser tests and to read it back, as any RealWorld client would: fetch and a token.
import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'

export type ApiUser = { username: string; email: string; password: string; name: string; token: string }
export type ApiArticle = { slug: string; title: string; subtitle: string; body: string; url: string; claps: number; myClaps: number; favoritesCount: number; tagList: string[] }
export type ApiComment = { id: number; body: string; author: { username: string } }

/** A short random suffix, so names never collide between runs or test files. */
export function unique(prefix: string): string {
  return `${prefix}${randomBytes(4).toString('hex')}`
}

/** Calls the API; fails the test with the server's answer unless the status is the expected one. */
export async function api<T>(baseUrl: string, method: string, path: string, options: { token?: string; body?: unknown; status?: number } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.token) headers.authorization = `Token ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  })
  const text = await response.text()
  const expected = options.status ?? (method === 'POST' && /\/api\/(users|articles)$/.test(path) ? 201 : 200)
  assert.equal(response.status, expected, `${method} ${path} answered ${response.status}: ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

export async function signUpViaApi(baseUrl: string, fields: { username?: string; name?: string; password?: string } = {}): Promise<ApiUser> {
  const username = fields.username ?? unique('reader')
  const password = fields.password ?? `pw-${randomBytes(6).toString('hex')}`
  const email = `${username}@example.test`
  const name = fields.name ?? `Reader ${username}`
  const { user } = await api<{ user: { token: string } }>(baseUrl, 'POST', '/api/users', { body: { user: { username, email, password, name } } })
  return { username, email, password, name, token: user.token }
}

export async function signInViaApi(baseUrl: string, email: string, password: string): Promise<string> {
  const { user } = await api<{ user: { token: string } }>(baseUrl, 'POST', '/api/users/login', { body: { user: { email, password } } })
  return user.token
}

/** RealWorld's `description` is Ovation's subtitle; RealWorld requires it, so it defaults to one. */
export async function createStoryViaApi(baseUrl: string, token: string, article: { title: string; body: string; description?: string; tagList?: readonly string[] }): Promise<ApiArticle> {
  const description = article.description ?? 'A story written for the end-to-end tests'
  const { article: created } = await api<{ article: ApiArticle }>(baseUrl, 'POST', '/api/articles', { token, body: { article: { ...article, description } } })
  return created
}

export async function getStoryViaApi(baseUrl: string, slug: string, token?: string): Promise<ApiArticle> {
  const { article } = await api<{ article: ApiArticle }>(baseUrl, 'GET', `/api/articles/${encodeURIComponent(slug)}`, token ? { token } : {})
  return article
}

export async function clapViaApi(baseUrl: string, token: string, slug: string, count: number): Promise<ApiArticle> {
  const { article } = await api<{ article: ApiArticle }>(baseUrl, 'POST', `/api/articles/${encodeURIComponent(slug)}/claps`, { token, body: { count } })
  return article
}

export async function respondViaApi(baseUrl: string, token: string, slug: string, body: string): Promise<ApiComment> {
  const { comment } = await api<{ comment: ApiComment }>(baseUrl, 'POST', `/api/articles/${encodeURIComponent(slug)}/comments`, { token, body: { comment: { body } }, status: 201 })
  return comment
}

export async function responsesViaApi(baseUrl: string, slug: string): Promise<ApiComment[]> {
  const { comments } = await api<{ comments: ApiComment[] }>(baseUrl, 'GET', `/api/articles/${encodeURIComponent(slug)}/comments`)
  return comments
}

/** The story page's path from the article's absolute `url`. */
export function pathOf(article: ApiArticle): string {
  return new URL(article.url).pathname
}
