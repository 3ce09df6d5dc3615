// What a well-formed request to each route looks like on the test world: the path values (the
// world's resource for each parameter) and a valid body, so the authorisation table asks about
// permission and not about a malformed request, and the fuzzer's mutations start from a request
// that reaches the handler.
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/database.ts'
import { isApiUrl } from './caller-requests.ts'
import { routeKey, type RegisteredRoute } from './routes-under-test.ts'
import type { Person, World } from './world.ts'

export type FixtureContext = { app: FastifyInstance; db: Db; world: World; who: Person | null }

/** The world's resource for a path parameter, chosen by the parameter's name and where it sits. */
export function defaultParams(route: RegisteredRoute, world: World): Record<string, string> {
  const url = route.url
  const values: Record<string, string> = {}
  const publicationFirst = /^\/(:slug|api\/publications\/:slug|publications\/:slug)(\/|$)/.test(url)
  values.slug = publicationFirst ? world.publication : world.published
  if (url.startsWith('/:owner/')) values.owner = world.publication
  if (url.startsWith('/@:owner/')) values.owner = world.people.author.username
  if (url.startsWith('/:owner/') || url.startsWith('/@:owner/')) values.slug = url.startsWith('/:owner/') ? world.publicationStory : world.published
  values.username = url.includes('/members/') ? world.people.writer.username : world.people.author.username
  values.story = url.includes('/pins/') ? world.publicationStory : world.submission
  values.tag = world.tag
  values.id = idFor(url, world)
  values.name = url.startsWith('/feed/tag/') ? world.tag : url.startsWith('/feed/@') ? world.people.author.username : url.startsWith('/media/') ? 'missing.webp' : world.publication
  values.file = 'stories-1.xml'
  values.token = 'not-a-real-unsubscribe-token'
  return values
}

function idFor(url: string, world: World): string {
  if (/\/(comments|responses)\b/.test(url)) return world.responseId
  if (url.includes('highlights')) return world.highlightId
  if (url.includes('/lists')) return world.listId
  if (url.includes('/sources/')) return world.sourceId
  if (url.includes('/revisions/')) return world.revisionId
  return '999999'
}

/** A valid body for the route, or undefined when it takes none. JSON on the API, form fields on pages. */
export function defaultBody(route: RegisteredRoute, context: FixtureContext): unknown {
  const make = BODIES[routeKey(route)]
  if (make) return make(context)
  return isApiUrl(route.url) || route.method === 'GET' ? undefined : {}
}

const suffix = () => Math.random().toString(36).slice(2, 8)

const BODIES: Record<string, (context: FixtureContext) => unknown> = {
  'POST /api/users': () => ({ user: { username: `new_${suffix()}`, email: `new_${suffix()}@example.com`, password: 'correct horse battery' } }),
  'POST /api/users/login': ({ world }) => ({ user: { email: world.people.reader.email, password: 'correct horse battery' } }),
  'PUT /api/user': () => ({ user: { bio: 'Updated bio' } }),
  'POST /api/articles': () => ({ article: { title: `New story ${suffix()}`, description: 'New', body: 'Some words.' } }),
  'PUT /api/articles/:slug': () => ({ article: { subtitle: `Changed ${suffix()}` } }),
  'POST /api/articles/:slug/sources': () => ({ source: { title: 'Another book' } }),
  'POST /api/articles/:slug/return': () => ({ note: 'Needs work' }),
  'POST /api/articles/:slug/notes': () => ({ note: 'A note' }),
  'POST /api/publications': () => ({ publication: { name: 'Another', slug: `another-${suffix()}` } }),
  'PUT /api/publications/:slug': () => ({ publication: { tagline: `Tagline ${suffix()}` } }),
  'POST /api/publications/:slug/members': ({ world }) => ({ member: { username: world.people.reader.username, role: 'writer' } }),
  'PUT /api/publications/:slug/members/:username': () => ({ member: { title: 'Staff writer' } }),
  'POST /api/articles/:slug/claps': () => ({ count: 3 }),
  'POST /api/articles/:slug/comments': () => ({ comment: { body: 'A response.' } }),
  'PUT /api/articles/:slug/comments/:id': () => ({ comment: { body: 'An edited response.' } }),
  'POST /api/articles/:slug/comments/:id/claps': () => ({ count: 2 }),
  'POST /api/notifications/read': () => ({}),
  'POST /api/articles/:slug/highlights': ({ world }) => ({ highlight: { blockId: world.blockId, start: 6, end: 15 } }),
  'POST /api/lists': () => ({ list: { name: `List ${suffix()}` } }),
  'PUT /api/lists/:id/articles/:slug': () => ({ position: 1 }),
  'POST /signin': ({ world }) => ({ email: world.people.reader.email, password: 'correct horse battery' }),
  'POST /signup': () => ({ name: 'New Person', username: `new_${suffix()}`, email: `new_${suffix()}@example.com`, password: 'correct horse battery' }),
  'POST /settings': ({ who }) => ({ name: 'Same Name', username: who?.username ?? 'nobody', bio: 'A bio', image: '', email: who?.email ?? 'nobody@example.com' }),
  'POST /new-story': () => ({ title: `Page story ${suffix()}`, body: 'Words.' }),
  'POST /edit/:slug': () => ({ title: 'A story worth reading', body: 'Edited on the page.' }),
  'POST /edit/:slug/sources': () => ({ title: 'A page source' }),
  'POST /new-publication': () => ({ name: 'Page publication', slug: `page-pub-${suffix()}` }),
  'POST /:slug/settings': () => ({ name: 'The Fuzz Gazette', tagline: 'Changed on the page' }),
  'POST /:slug/members': ({ world }) => ({ who: world.people.reader.username, role: 'writer', title: '' }),
  'POST /:slug/members/:username': () => ({ role: 'writer', title: 'Contributor' }),
  'POST /:slug/submissions/:story/note': () => ({ note: 'A note from the desk' }),
  'POST /:slug/submissions/:story/return': () => ({ note: 'Back to you' }),
  'POST /responses/:slug': () => ({ body: 'A response from the page.' }),
  'POST /responses/:slug/:id/edit': () => ({ body: 'Edited from the page.' }),
  'POST /claps/:slug': () => ({ count: '2' }),
  'POST /lists': () => ({ name: `Page list ${suffix()}` }),
  'POST /lists/:id/move/:slug': () => ({ position: '1' }),
  'POST /notifications/settings': () => ({ immediate: 'on', digest: 'weekly' }),
  // Account security: wrong passwords and made-up tokens, so no call here deletes an account,
  // changes a password or signs the world's people out; the routes' own tests cover success.
  'POST /api/users/password-reset': ({ world }) => ({ user: { email: world.people.reader.email } }),
  'POST /api/users/password-reset/confirm': () => ({ user: { token: 'not-a-real-token', password: 'another long password' } }),
  'POST /api/users/verify-email': () => ({ user: { token: 'not-a-real-token' } }),
  'PUT /api/user/password': () => ({ user: { currentPassword: 'not my password', password: 'another long password' } }),
  'DELETE /api/user': () => ({ user: { password: 'not my password' } }),
  'POST /password-reset': ({ world }) => ({ email: world.people.reader.email }),
  'POST /password-reset/:token': () => ({ password: 'another long password' }),
  'POST /settings/password': () => ({ currentPassword: 'not my password', password: 'another long password' }),
  'POST /settings/delete': () => ({ password: 'not my password' }),
}
