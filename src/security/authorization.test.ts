// Issue 9 ("Trust"): who may do what, for every route the app registers. The table below says,
// for each route, the status each kind of caller gets; a route the app registers and the table
// does not name fails the test with its name, so no future route skips this review.
//
// Callers (src/security/world.ts): anon (no session); reader (signed in, no relation to
// anything); author (owns the stories, response, highlight, list and source the routes point
// at; not in the publication); owner, editor and writer of the publication (the writer wrote its
// submission and its published story). Each of them is also "another writer" for the author's
// resources. API routes are called with a token, pages with a session cookie and a same-origin
// browser's headers, with a valid body (src/security/request-fixtures.ts), so a status says what
// the caller may do, not what was malformed.
//
// Adding a route: run this file; the failure names the route. Add a row `'METHOD /path': '...'`
// with the statuses each caller should get (the failure prints what they got, to review, not to
// paste blindly); give it `params` when it destroys what it points at, so each caller gets a
// resource of their own.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { engines } from '../testing/databases.ts'
import { buildTestApp, call, type TestApp } from '../testing/app.ts'
import { createSession } from '../accounts/service.ts'
import { registeredRoutes, routeKey, fillPath, type RegisteredRoute } from './routes-under-test.ts'
import { defaultBody, defaultParams, type FixtureContext } from './request-fixtures.ts'
import { sendAs } from './caller-requests.ts'
import { api, buildWorld, CALLERS, freshPublicationStory, freshResponse, freshSubmission, restoreRoles, story, type Caller, type Person, type World } from './world.ts'

type Context = FixtureContext & { caller: Caller }
type Case = {
  label?: string
  /** Path values over the defaults; may create a resource for this one call. */
  params?: (context: Context) => Promise<Record<string, string>> | Record<string, string>
  body?: (context: Context) => Promise<unknown> | unknown
  /** The call ends its own session (sign out): give the caller a new one for it. */
  freshSession?: boolean
  /** Put back what the call changed for the next rows. */
  after?: (context: Context) => Promise<void>
  /** `anon 401, reader 403, author 200, owner 403, editor 403, writer 403`: every caller, in this order. */
  expect: string
}

const authorStory = (status?: string) => async ({ app, world }: Context) => ({ slug: await story(app, world.people.author, status ? { status } : {}) })
const submission = async ({ app, world }: Context) => ({ story: await freshSubmission(app, world) })
const inviteReader = async ({ app, world }: Context) => {
  await api(app, 'POST', `/api/publications/${world.publication}/members`, world.people.owner.token, { member: { username: world.people.reader.username, role: 'writer' } })
  return {}
}
const restore = ({ app, db, world }: Context) => restoreRoles(app, db, world)
const freshHighlight = async ({ app, world }: Context) => ({
  id: String((await api(app, 'POST', `/api/articles/${world.published}/highlights`, world.people.author.token, { highlight: { blockId: world.blockId, start: 1, end: 4 } })).highlight.id),
})
const freshList = async ({ app, world }: Context) => ({ id: String((await api(app, 'POST', '/api/lists', world.people.author.token, { list: { name: 'Doomed' } })).list.id) })
const freshSource = async ({ app, world }: Context) => ({
  id: String((await api(app, 'POST', `/api/articles/${world.published}/sources`, world.people.author.token, { source: { title: 'Doomed source' } })).source.id),
})
const showResponse = async ({ app, world }: Context) => {
  await call(app, 'DELETE', `/api/articles/${world.published}/comments/${world.responseId}/hide`, { token: world.people.author.token })
}
// Signing out everywhere ends the world's sessions too: give the caller new ones for the rows after.
const renewSessions = async ({ db, world, caller }: Context) => {
  if (caller === 'anon') return
  const who = world.people[caller]
  world.people[caller] = { ...who, token: await createSession(db, who.id, 'api'), cookie: `ovation_session=${await createSession(db, who.id, 'web')}` }
}
/** A session of the author's own, made for this call, by the id the sessions list shows. */
const authorSession = async ({ app, db, world }: Context) => {
  const token = await createSession(db, world.people.author.id, 'api')
  const sessions = (await api(app, 'GET', '/api/user/sessions', token)).sessions as { id: string; current: boolean }[]
  return { id: sessions.find((session) => session.current)?.id ?? 'none' }
}
const draft = ({ world }: Context) => ({ slug: world.draft })
const unlisted = ({ world }: Context) => ({ slug: world.unlisted })
const queued = ({ world }: Context) => ({ slug: world.submission })

const TABLE: Record<string, string | Case | Case[]> = {
  'GET /': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /*': 'anon 404, reader 404, author 404, owner 404, editor 404, writer 404',
  'GET /:owner/:slug': [
    { label: 'published in the publication', expect: 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200' },
    { label: 'a submission', params: ({ world }) => ({ slug: world.submission }), expect: 'anon 404, reader 404, author 404, owner 200, editor 200, writer 200' },
  ],
  'GET /:slug': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /:slug/about': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /:slug/invitation/accept': { params: inviteReader, after: restore, expect: 'anon 401, reader 303, author 404, owner 404, editor 404, writer 404' },
  'POST /:slug/invitation/decline': { params: inviteReader, after: restore, expect: 'anon 401, reader 303, author 404, owner 404, editor 404, writer 404' },
  'POST /:slug/leave': { after: restore, expect: 'anon 401, reader 404, author 404, owner 422, editor 303, writer 303' },
  'POST /:slug/members': { after: restore, expect: 'anon 401, reader 403, author 403, owner 303, editor 403, writer 403' },
  'POST /:slug/members/:username': { after: restore, expect: 'anon 401, reader 403, author 403, owner 303, editor 403, writer 403' },
  'POST /:slug/members/:username/remove': { after: restore, expect: 'anon 401, reader 403, author 403, owner 303, editor 403, writer 303' },
  'POST /:slug/members/:username/transfer': { after: restore, expect: 'anon 401, reader 403, author 403, owner 303, editor 403, writer 403' },
  'POST /:slug/pins/:story': 'anon 401, reader 403, author 403, owner 303, editor 303, writer 403',
  'POST /:slug/pins/:story/unpin': 'anon 401, reader 403, author 403, owner 303, editor 303, writer 403',
  'GET /:slug/settings': 'anon 303, reader 403, author 403, owner 200, editor 403, writer 403',
  'POST /:slug/settings': 'anon 401, reader 403, author 403, owner 303, editor 403, writer 403',
  'GET /:slug/submissions': 'anon 303, reader 403, author 403, owner 200, editor 200, writer 403',
  'GET /:slug/submissions/:story': 'anon 303, reader 404, author 404, owner 200, editor 200, writer 200',
  'POST /:slug/submissions/:story/note': 'anon 401, reader 404, author 404, owner 303, editor 303, writer 403',
  'POST /:slug/submissions/:story/publish': { params: submission, expect: 'anon 401, reader 404, author 404, owner 303, editor 303, writer 403' },
  'POST /:slug/submissions/:story/remove': { params: async ({ app, world }) => ({ story: await freshPublicationStory(app, world) }), expect: 'anon 401, reader 403, author 403, owner 303, editor 303, writer 303' },
  'POST /:slug/submissions/:story/return': { params: submission, expect: 'anon 401, reader 404, author 404, owner 303, editor 303, writer 403' },
  'POST /:slug/submissions/:story/schedule': { params: submission, body: () => ({ scheduledAt: new Date(Date.now() + 86_400_000).toISOString().slice(0, 16) }), expect: 'anon 401, reader 404, author 404, owner 303, editor 303, writer 403' },
  'POST /:slug/submissions/:story/withdraw': { params: submission, expect: 'anon 401, reader 404, author 404, owner 403, editor 403, writer 303' },
  'GET /:slug/theme.css': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /@:owner/:slug': [
    { label: 'published', expect: 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200' },
    { label: 'a draft', params: draft, expect: 'anon 404, reader 404, author 200, owner 404, editor 404, writer 404' },
    { label: 'unlisted', params: unlisted, expect: 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200' },
  ],
  'GET /@:username': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /@:username/follow': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /@:username/followers': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /@:username/following': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /@:username/unfollow': 'anon 401, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /api/articles': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/articles': 'anon 401, reader 201, author 201, owner 201, editor 201, writer 201',
  'DELETE /api/articles/:slug': { params: authorStory(), expect: 'anon 401, reader 403, author 204, owner 403, editor 403, writer 403' },
  'GET /api/articles/:slug': [
    { label: 'published', expect: 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200' },
    { label: 'a draft', params: draft, expect: 'anon 404, reader 404, author 200, owner 404, editor 404, writer 404' },
    { label: 'unlisted', params: unlisted, expect: 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200' },
    { label: 'a submission', params: queued, expect: 'anon 404, reader 404, author 404, owner 200, editor 200, writer 200' },
  ],
  'PUT /api/articles/:slug': 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403',
  'PUT /api/articles/:slug/changes': {
    params: authorStory(),
    body: () => ({ changes: { title: 'Changed', subtitle: '', document: { version: 1, blocks: [{ id: 'p1', type: 'paragraph', content: [{ text: 'New words.' }] }] }, version: 1 } }),
    expect: 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403',
  },
  'GET /api/articles/:slug/check': [
    { label: 'published', expect: 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403' },
    { label: 'a draft', params: draft, expect: 'anon 401, reader 404, author 200, owner 404, editor 404, writer 404' },
  ],
  'DELETE /api/articles/:slug/claps': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/articles/:slug/claps': 'anon 401, reader 200, author 403, owner 200, editor 200, writer 200',
  'GET /api/articles/:slug/comments': [
    { label: 'published', expect: 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200' },
    { label: 'a draft', params: draft, expect: 'anon 404, reader 404, author 200, owner 404, editor 404, writer 404' },
  ],
  'POST /api/articles/:slug/comments': 'anon 401, reader 201, author 201, owner 201, editor 201, writer 201',
  'DELETE /api/articles/:slug/comments/:id': { params: async ({ app, world }) => ({ id: await freshResponse(app, world) }), expect: 'anon 401, reader 403, author 204, owner 403, editor 403, writer 403' },
  'PUT /api/articles/:slug/comments/:id': 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403',
  'POST /api/articles/:slug/comments/:id/claps': 'anon 401, reader 200, author 403, owner 200, editor 200, writer 200',
  'DELETE /api/articles/:slug/comments/:id/hide': 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403',
  'POST /api/articles/:slug/comments/:id/hide': { after: showResponse, expect: 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403' },
  'DELETE /api/articles/:slug/favorite': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/articles/:slug/favorite': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /api/articles/:slug/highlights': [
    { label: 'published', expect: 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200' },
    { label: 'a draft', params: draft, expect: 'anon 404, reader 404, author 200, owner 404, editor 404, writer 404' },
  ],
  'POST /api/articles/:slug/highlights': 'anon 401, reader 201, author 201, owner 201, editor 201, writer 201',
  'GET /api/articles/:slug/history': [
    { label: 'published', expect: 'anon 401, reader 404, author 200, owner 404, editor 404, writer 404' },
    { label: 'a submission', params: queued, expect: 'anon 401, reader 404, author 404, owner 200, editor 200, writer 200' },
  ],
  'POST /api/articles/:slug/notes': { params: queued, expect: 'anon 401, reader 404, author 404, owner 201, editor 201, writer 403' },
  'POST /api/articles/:slug/publish': { params: async (c) => ({ slug: (await submission(c)).story }), expect: 'anon 401, reader 404, author 404, owner 200, editor 200, writer 403' },
  'POST /api/articles/:slug/remove-from-publication': { params: async ({ app, world }) => ({ slug: await freshPublicationStory(app, world) }), expect: 'anon 401, reader 403, author 403, owner 200, editor 200, writer 200' },
  'POST /api/articles/:slug/return': { params: async (c) => ({ slug: (await submission(c)).story }), expect: 'anon 401, reader 404, author 404, owner 204, editor 204, writer 403' },
  'GET /api/articles/:slug/revisions': [
    { label: 'published', expect: 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403' },
    { label: 'a draft', params: draft, expect: 'anon 401, reader 404, author 200, owner 404, editor 404, writer 404' },
    { label: 'a submission', params: queued, expect: 'anon 401, reader 404, author 404, owner 200, editor 200, writer 200' },
  ],
  'GET /api/articles/:slug/revisions/:id': 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403',
  'POST /api/articles/:slug/revisions/:id/restore': 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403',
  'GET /api/articles/:slug/sources': [
    { label: 'published', expect: 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200' },
    { label: 'a draft', params: draft, expect: 'anon 404, reader 404, author 200, owner 404, editor 404, writer 404' },
  ],
  'POST /api/articles/:slug/sources': 'anon 401, reader 403, author 201, owner 403, editor 403, writer 403',
  'DELETE /api/articles/:slug/sources/:id': { params: freshSource, expect: 'anon 401, reader 403, author 204, owner 403, editor 403, writer 403' },
  'POST /api/articles/:slug/submit': { params: async ({ app, world }) => ({ slug: await story(app, world.people.writer, { status: 'draft', publication: world.publication }) }), expect: 'anon 401, reader 404, author 404, owner 404, editor 404, writer 200' },
  'POST /api/articles/:slug/withdraw': { params: async (c) => ({ slug: (await submission(c)).story }), expect: 'anon 401, reader 404, author 404, owner 403, editor 403, writer 200' },
  'GET /api/articles/feed': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /api/feed': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'DELETE /api/highlights/:id': { params: freshHighlight, expect: 'anon 401, reader 403, author 204, owner 403, editor 403, writer 403' },
  'GET /api/imports/:id': 'anon 401, reader 404, author 404, owner 404, editor 404, writer 404',
  'POST /api/imports/medium': 'anon 401, reader 422, author 422, owner 422, editor 422, writer 422',
  'GET /api/lists': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/lists': 'anon 401, reader 201, author 201, owner 201, editor 201, writer 201',
  'DELETE /api/lists/:id': { params: freshList, expect: 'anon 401, reader 403, author 204, owner 403, editor 403, writer 403' },
  'GET /api/lists/:id': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'DELETE /api/lists/:id/articles/:slug': 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403',
  'POST /api/lists/:id/articles/:slug': 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403',
  'PUT /api/lists/:id/articles/:slug': 'anon 401, reader 403, author 200, owner 403, editor 403, writer 403',
  'GET /api/notifications': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/notifications/read': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /api/notifications/unread': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /api/openapi.json': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /api/profiles/:username': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'DELETE /api/profiles/:username/follow': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/profiles/:username/follow': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/publications': 'anon 401, reader 201, author 201, owner 201, editor 201, writer 201',
  'GET /api/publications/:slug': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'PUT /api/publications/:slug': 'anon 401, reader 403, author 403, owner 200, editor 403, writer 403',
  'DELETE /api/publications/:slug/follow': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/publications/:slug/follow': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/publications/:slug/invitations/accept': { params: inviteReader, after: restore, expect: 'anon 401, reader 200, author 404, owner 404, editor 404, writer 404' },
  'POST /api/publications/:slug/invitations/decline': { params: inviteReader, after: restore, expect: 'anon 401, reader 200, author 404, owner 404, editor 404, writer 404' },
  'GET /api/publications/:slug/members': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/publications/:slug/members': { after: restore, expect: 'anon 401, reader 403, author 403, owner 201, editor 403, writer 403' },
  'DELETE /api/publications/:slug/members/:username': { after: restore, expect: 'anon 401, reader 403, author 403, owner 204, editor 403, writer 204' },
  'PUT /api/publications/:slug/members/:username': { after: restore, expect: 'anon 401, reader 403, author 403, owner 200, editor 403, writer 403' },
  'GET /api/publications/:slug/submissions': 'anon 401, reader 403, author 403, owner 200, editor 200, writer 403',
  'GET /api/search': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /api/tags': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'DELETE /api/tags/:tag/follow': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/tags/:tag/follow': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/uploads': 'anon 401, reader 422, author 422, owner 422, editor 422, writer 422',
  'DELETE /api/user': 'anon 401, reader 422, author 422, owner 422, editor 422, writer 422',
  'GET /api/user': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'PUT /api/user': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /api/user/export': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'PUT /api/user/password': 'anon 401, reader 422, author 422, owner 422, editor 422, writer 422',
  'DELETE /api/user/sessions': { after: renewSessions, expect: 'anon 401, reader 204, author 204, owner 204, editor 204, writer 204' },
  'GET /api/user/sessions': 'anon 401, reader 200, author 200, owner 200, editor 200, writer 200',
  'DELETE /api/user/sessions/:id': { params: authorSession, expect: 'anon 401, reader 404, author 204, owner 404, editor 404, writer 404' },
  'DELETE /api/user/token': { freshSession: true, expect: 'anon 401, reader 204, author 204, owner 204, editor 204, writer 204' },
  'POST /api/user/verification': 'anon 401, reader 202, author 202, owner 202, editor 202, writer 202',
  'POST /api/users': 'anon 201, reader 201, author 201, owner 201, editor 201, writer 201',
  'POST /api/users/login': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /api/users/password-reset': 'anon 202, reader 202, author 202, owner 202, editor 202, writer 202',
  'POST /api/users/password-reset/confirm': 'anon 422, reader 422, author 422, owner 422, editor 422, writer 422',
  'POST /api/users/verify-email': 'anon 422, reader 422, author 422, owner 422, editor 422, writer 422',
  'POST /claps/:slug': 'anon 303, reader 303, author 403, owner 303, editor 303, writer 303',
  'POST /claps/:slug/undo': 'anon 401, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /edit/:slug': [
    { label: 'published', expect: 'anon 303, reader 403, author 200, owner 403, editor 403, writer 403' },
    { label: 'a draft', params: draft, expect: 'anon 303, reader 404, author 200, owner 404, editor 404, writer 404' },
    { label: 'a submission', params: queued, expect: 'anon 303, reader 404, author 404, owner 200, editor 200, writer 200' },
  ],
  'POST /edit/:slug': { params: authorStory('draft'), expect: 'anon 401, reader 404, author 303, owner 404, editor 404, writer 404' },
  'POST /edit/:slug/delete': { params: authorStory(), expect: 'anon 401, reader 403, author 303, owner 403, editor 403, writer 403' },
  'GET /edit/:slug/images': 'anon 303, reader 403, author 200, owner 403, editor 403, writer 403',
  'POST /edit/:slug/images': 'anon 401, reader 403, author 422, owner 403, editor 403, writer 403',
  'GET /edit/:slug/revisions': [
    { label: 'published', expect: 'anon 303, reader 403, author 200, owner 403, editor 403, writer 403' },
    { label: 'a draft', params: draft, expect: 'anon 303, reader 404, author 200, owner 404, editor 404, writer 404' },
  ],
  'GET /edit/:slug/revisions/:id': 'anon 303, reader 403, author 200, owner 403, editor 403, writer 403',
  'POST /edit/:slug/revisions/:id/restore': 'anon 401, reader 403, author 303, owner 403, editor 403, writer 403',
  'GET /edit/:slug/sources': 'anon 303, reader 403, author 200, owner 403, editor 403, writer 403',
  'POST /edit/:slug/sources': 'anon 401, reader 403, author 303, owner 403, editor 403, writer 403',
  'POST /edit/:slug/sources/:id/delete': { params: freshSource, expect: 'anon 401, reader 403, author 303, owner 403, editor 403, writer 403' },
  'GET /favicon.ico': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /favicon.svg': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /feed': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /feed.atom': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /feed.json': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /feed/:name': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /feed/@:name': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /feed/tag/:name': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /health': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /healthz': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /lists': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /lists/:id': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /lists/:id/move/:slug': 'anon 401, reader 403, author 303, owner 403, editor 403, writer 403',
  'POST /lists/:id/remove/:slug': 'anon 401, reader 403, author 303, owner 403, editor 403, writer 403',
  'POST /lists/save/:slug': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'POST /lists/unsave/:slug': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /me/highlights': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /me/highlights/:id/delete': { params: freshHighlight, expect: 'anon 303, reader 403, author 303, owner 403, editor 403, writer 403' },
  'GET /me/lists': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /me/stories': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /media/:name': 'anon 404, reader 404, author 404, owner 404, editor 404, writer 404',
  'GET /metrics': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /new-publication': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /new-publication': 'anon 401, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /new-story': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /new-story': 'anon 401, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /notifications': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /notifications/read': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'POST /notifications/settings': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /notifications/unsubscribe/:token': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /notifications/unsubscribe/:token': 'anon 422, reader 422, author 422, owner 422, editor 422, writer 422',
  'GET /oembed': 'anon 422, reader 422, author 422, owner 422, editor 422, writer 422',
  'GET /password-reset': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /password-reset': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /password-reset/:token': 'anon 410, reader 410, author 410, owner 410, editor 410, writer 410',
  'POST /password-reset/:token': 'anon 410, reader 410, author 410, owner 410, editor 410, writer 410',
  'POST /publications/:slug/follow': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'POST /publications/:slug/unfollow': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /responses/:id': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /responses/:slug': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'POST /responses/:slug/:id/clap': 'anon 303, reader 303, author 403, owner 303, editor 303, writer 303',
  'POST /responses/:slug/:id/delete': { params: async ({ app, world }) => ({ id: await freshResponse(app, world) }), expect: 'anon 303, reader 403, author 303, owner 403, editor 403, writer 403' },
  'GET /responses/:slug/:id/edit': 'anon 303, reader 403, author 200, owner 403, editor 403, writer 403',
  'POST /responses/:slug/:id/edit': 'anon 303, reader 403, author 303, owner 403, editor 403, writer 403',
  'POST /responses/:slug/:id/hide': { after: showResponse, expect: 'anon 303, reader 403, author 303, owner 403, editor 403, writer 403' },
  'POST /responses/:slug/:id/show': 'anon 303, reader 403, author 303, owner 403, editor 403, writer 403',
  'GET /robots.txt': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /search': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /settings': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /settings': 'anon 401, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /settings/delete': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /settings/delete': 'anon 303, reader 422, author 422, owner 422, editor 422, writer 422',
  'GET /settings/export': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /settings/import': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /settings/import': 'anon 401, reader 422, author 422, owner 422, editor 422, writer 422',
  'POST /settings/password': 'anon 303, reader 422, author 422, owner 422, editor 422, writer 422',
  'GET /settings/security': 'anon 303, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /settings/security/sessions/:id/revoke': { params: authorSession, expect: 'anon 303, reader 404, author 303, owner 404, editor 404, writer 404' },
  'POST /settings/security/sign-out-everywhere': { after: renewSessions, expect: 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303' },
  'POST /settings/verification': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /signin': 'anon 200, reader 302, author 302, owner 302, editor 302, writer 302',
  'POST /signin': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'POST /signout': { freshSession: true, expect: 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303' },
  'GET /signup': 'anon 200, reader 302, author 302, owner 302, editor 302, writer 302',
  'POST /signup': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /sitemap.xml': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /sitemaps/:file': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'GET /tag/:tag': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /tag/:tag/follow': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'POST /tag/:tag/unfollow': 'anon 303, reader 303, author 303, owner 303, editor 303, writer 303',
  'GET /verify-email/:token': 'anon 200, reader 200, author 200, owner 200, editor 200, writer 200',
  'POST /verify-email/:token': 'anon 410, reader 410, author 410, owner 410, editor 410, writer 410',
}

for (const engine of engines()) {
  describe(`authorisation table (${engine})`, () => {
    let t: TestApp
    let world: World
    let routes: RegisteredRoute[]

    before(async () => {
      t = await buildTestApp(engine, { JOBS_POLL_MS: '0', RATE_LIMITS: 'off', PAGE_CACHE_TTL_MS: '0' })
      world = await buildWorld(t.app, t.db)
      routes = registeredRoutes(t.app)
    })
    after(() => t?.close())

    it('names every registered route, and no route that is gone', () => {
      const registered = new Set(routes.map(routeKey))
      const missing = [...registered].filter((key) => !(key in TABLE))
      const stale = Object.keys(TABLE).filter((key) => !registered.has(key))
      assert.deepEqual(missing, [], `routes with no row in the authorisation table: ${missing.join('; ')}`)
      assert.deepEqual(stale, [], `rows for routes the app no longer has: ${stale.join('; ')}`)
    })

    // Beyond statuses: the words of a story nobody else may read must not reach them by any side door.
    it('shows a draft or a submission on no public page, feed, listing or search', async () => {
      const hidden = await Promise.all([[world.draft, world.people.author], [world.submission, world.people.writer]].map(async ([slug, owner]) => ({
        slug: slug as string,
        title: (await api(t.app, 'GET', `/api/articles/${slug as string}`, (owner as Person).token)).article.title as string,
      })))
      for (const path of publicPlaces(world, hidden.map((story) => story.title))) {
        for (const who of [null, world.people.reader]) {
          const response = await sendAs(t.app, who, { method: 'GET', url: path })
          for (const story of hidden) assert.ok(!shows(path, response.body, story), `${path} as ${who ? 'reader' : 'anon'} shows "${story.title}"`)
        }
      }
    })

    it('opens an unlisted story by its link, marked noindex, and lists it nowhere', async () => {
      const page = await sendAs(t.app, null, { method: 'GET', url: `/@${world.people.author.username}/${world.unlisted}` })
      assert.equal(page.statusCode, 200)
      assert.equal(page.headers['x-robots-tag'], 'noindex')
      const story = { slug: world.unlisted, title: (await api(t.app, 'GET', `/api/articles/${world.unlisted}`, world.people.reader.token)).article.title as string }
      for (const path of publicPlaces(world, [story.title])) {
        const response = await sendAs(t.app, null, { method: 'GET', url: path })
        assert.ok(!shows(path, response.body, story), `${path} lists the unlisted "${story.title}"`)
      }
    })

    for (const [key, row] of Object.entries(TABLE)) {
      const cases: Case[] = typeof row === 'string' ? [{ expect: row }] : Array.isArray(row) ? row : [row]
      for (const one of cases) {
        it(`${key}${one.label ? ` (${one.label})` : ''}`, async () => {
          const route = routes.find((r) => routeKey(r) === key)
          if (!route) return // reported by the coverage test above
          const expected = parseExpectation(one.expect)
          const got = new Map<Caller, number>()
          // Refusals first: a caller who may destroy the resource goes after those who may not.
          const order = [...CALLERS].sort((a, b) => Number((expected.get(a) ?? 0) < 400) - Number((expected.get(b) ?? 0) < 400))
          for (const caller of order) got.set(caller, await statusFor(route, one, caller))
          const line = CALLERS.map((c) => `${c} ${got.get(c)}`).join(', ')
          assert.equal(line, CALLERS.map((c) => `${c} ${expected.get(c)}`).join(', '), `'${key}'${one.label ? ` (${one.label})` : ''} answered: '${line}'`)
        })
      }
    }

    async function statusFor(route: RegisteredRoute, one: Case, caller: Caller): Promise<number> {
      let who: Person | null = caller === 'anon' ? null : world.people[caller]
      if (who && one.freshSession) who = { ...who, token: await createSession(t.db, who.id, 'api'), cookie: `ovation_session=${await createSession(t.db, who.id, 'web')}` }
      const context: Context = { app: t.app, db: t.db, world, who, caller }
      const params = { ...defaultParams(route, world), ...(await one.params?.(context)) }
      const body = one.body ? await one.body(context) : defaultBody(route, context)
      const url = fillPath(route.url, params)
      const response = await sendAs(t.app, who, { method: route.method, url, ...(body === undefined ? {} : { body }) })
      assert.ok(response.statusCode < 500, `${route.method} ${url} as ${caller} answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
      await one.after?.(context)
      return response.statusCode
    }
  })
}

/** Where a story is listed for everyone: home, profile, publication, tag, feeds, sitemap, API lists and search. */
function publicPlaces(world: World, titles: string[]): string[] {
  const author = world.people.author.username
  return [
    '/', `/@${author}`, `/${world.publication}`, `/tag/${world.tag}`, '/feed', `/feed/@${author}`, `/feed/${world.publication}`,
    `/feed/tag/${world.tag}`, '/feed.json', '/sitemap.xml', '/sitemaps/stories-1.xml', '/api/articles', `/api/articles?author=${author}`,
    `/api/articles?tag=${world.tag}`, `/api/profiles/${author}`,
    ...titles.flatMap((title) => [`/search?q=${encodeURIComponent(title)}`, `/api/search?q=${encodeURIComponent(title)}`]),
  ]
}

// A search page repeats the words searched for, so there only a link to the story gives it away.
function shows(path: string, body: string, story: { slug: string; title: string }): boolean {
  return body.includes(story.slug) || (!path.includes('search?q=') && body.includes(story.title))
}

function parseExpectation(text: string): Map<Caller, number> {
  const expected = new Map<Caller, number>()
  for (const part of text.split(',')) {
    const [caller, status] = part.trim().split(/\s+/)
    assert.ok(CALLERS.includes(caller as Caller) && /^\d{3}$/.test(status ?? ''), `bad expectation "${part}" in "${text}"`)
    expected.set(caller as Caller, Number(status))
  }
  assert.deepEqual([...expected.keys()], [...CALLERS], `"${text}" must name every caller, in the order ${CALLERS.join(', ')}`)
  return expected
}
