// A small site with one of everything a route can point at, made through the public API (so it
// obeys the same rules as a client's data): the callers of the authorisation table, their
// stories in every state, a publication with its three roles, a response, a highlight, a list,
// a source, a revision. Used by the fuzzer (real resources get a handler past its 404) and by
// the authorisation table.
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import type { Db } from '../db/database.ts'
import { createSession } from '../accounts/service.ts'
import { setMember } from '../publications/members.ts'
import { makeUser, uniqueName } from '../testing/factories.ts'
import { call } from '../testing/app.ts'

/** Who asks. `author` owns the personal resources; owner, editor and writer hold those roles at the publication. */
export const CALLERS = ['anon', 'reader', 'author', 'owner', 'editor', 'writer'] as const
export type Caller = (typeof CALLERS)[number]

export type Person = { id: number; username: string; email: string; token: string; cookie: string }

export type World = {
  people: Record<Exclude<Caller, 'anon'>, Person>
  publication: string
  publicationId: number
  /** The author's stories, by state. */
  published: string
  draft: string
  unlisted: string
  /** The publication writer's draft, waiting in the publication's queue. */
  submission: string
  /** The publication writer's story, published in the publication by its owner. */
  publicationStory: string
  tag: string
  /** The author's response on their own published story. */
  responseId: string
  highlightId: string
  listId: string
  sourceId: string
  revisionId: string
  /** A block of the published story, for highlights and passage responses. */
  blockId: string
}

export async function person(db: Db, prefix: string): Promise<Person> {
  const { user, token } = await makeUser(db, { username: uniqueName(prefix) })
  return { id: user.id, username: user.username, email: user.email, token, cookie: `ovation_session=${await createSession(db, user.id, 'web')}` }
}

/** A JSON API call that must succeed; returns the parsed body. */
export async function api(app: FastifyInstance, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, body?: unknown): Promise<Record<string, any>> {
  const response = await call(app, method, url, { token, ...(body === undefined ? {} : { body }) })
  assert.ok(response.statusCode < 300, `setup ${method} ${url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`)
  return response.body ? response.json() : {}
}

async function freshSessions(db: Db, people: World['people']): Promise<World['people']> {
  const renewed = { ...people }
  for (const [role, who] of Object.entries(people) as [keyof World['people'], Person][]) {
    renewed[role] = { ...who, token: await createSession(db, who.id, 'api'), cookie: `ovation_session=${await createSession(db, who.id, 'web')}` }
  }
  return renewed
}

export async function story(app: FastifyInstance, who: Person, fields: Record<string, unknown> = {}): Promise<string> {
  const body = { article: { title: uniqueName('Story'), description: 'A test story', body: 'First paragraph of the story.\n\nSecond paragraph.', tagList: ['fuzzing'], ...fields } }
  return (await api(app, 'POST', '/api/articles', who.token, body)).article.slug as string
}

/**
 * The whole world. Given the people of an earlier world, it reuses them (signing up costs a
 * password hash each) with new sessions, and builds everything else afresh: for a request that
 * destroys what it points at, or signs its caller out.
 */
export async function buildWorld(app: FastifyInstance, db: Db, earlier?: World['people']): Promise<World> {
  const people = earlier ? await freshSessions(db, earlier) : {
    reader: await person(db, 'reader'),
    author: await person(db, 'author'),
    owner: await person(db, 'owner'),
    editor: await person(db, 'editor'),
    writer: await person(db, 'writer'),
  }
  const publication = uniqueName('pub').replaceAll('_', '-')
  await api(app, 'POST', '/api/publications', people.owner.token, { publication: { name: 'The Fuzz Gazette', slug: publication } })
  const { id: publicationId } = await db.kysely.selectFrom('publications').select('id').where('slug', '=', publication).executeTakeFirstOrThrow()
  for (const role of ['editor', 'writer'] as const) {
    await api(app, 'POST', `/api/publications/${publication}/members`, people.owner.token, { member: { username: people[role].username, role } })
    await api(app, 'POST', `/api/publications/${publication}/invitations/accept`, people[role].token)
  }

  const published = await story(app, people.author)
  const draft = await story(app, people.author, { status: 'draft' })
  const unlisted = await story(app, people.author, { status: 'unlisted' })
  const submission = await story(app, people.writer, { status: 'draft', publication })
  await api(app, 'POST', `/api/articles/${submission}/submit`, people.writer.token)
  const publicationStory = await story(app, people.writer, { status: 'draft', publication })
  await api(app, 'POST', `/api/articles/${publicationStory}/submit`, people.writer.token)
  await api(app, 'POST', `/api/articles/${publicationStory}/publish`, people.owner.token)

  const article = (await api(app, 'GET', `/api/articles/${published}`, people.author.token)).article
  const blockId = article.document.blocks[0].id as string
  await api(app, 'PUT', `/api/articles/${published}`, people.author.token, { article: { body: 'First paragraph of the story, revised.\n\nSecond paragraph.' } })
  const revisions = (await api(app, 'GET', `/api/articles/${published}/revisions`, people.author.token)).revisions
  const response = (await api(app, 'POST', `/api/articles/${published}/comments`, people.author.token, { comment: { body: 'A response of my own.' } })).comment
  const highlight = (await api(app, 'POST', `/api/articles/${published}/highlights`, people.author.token, { highlight: { blockId, start: 0, end: 5 } })).highlight
  const list = (await api(app, 'POST', '/api/lists', people.author.token, { list: { name: 'Keepers' } })).list
  await api(app, 'POST', `/api/lists/${list.id}/articles/${published}`, people.author.token)
  const source = (await api(app, 'POST', `/api/articles/${published}/sources`, people.author.token, { source: { title: 'A cited book' } })).source
  return {
    people,
    publication,
    publicationId,
    published,
    draft,
    unlisted,
    submission,
    publicationStory,
    tag: 'fuzzing',
    responseId: String(response.id),
    highlightId: String(highlight.id),
    listId: String(list.id),
    sourceId: String(source.id),
    revisionId: String(revisions.at(-1).id),
    blockId,
  }
}

/** Puts the masthead back as the world began (after a member left, was removed or took over), and the reader off it. */
export async function restoreRoles(app: FastifyInstance, db: Db, world: World): Promise<void> {
  const { owner, editor, writer, reader } = world.people
  await setMember(db, world.publicationId, owner.id, 'owner', null)
  await setMember(db, world.publicationId, editor.id, 'editor', null)
  await setMember(db, world.publicationId, writer.id, 'writer', null)
  await call(app, 'DELETE', `/api/publications/${world.publication}/members/${reader.username}`, { token: owner.token })
  await call(app, 'POST', `/api/publications/${world.publication}/invitations/decline`, { token: reader.token })
}

/** A new draft by the publication's writer, waiting in its queue. */
export async function freshSubmission(app: FastifyInstance, world: World): Promise<string> {
  const slug = await story(app, world.people.writer, { status: 'draft', publication: world.publication })
  await api(app, 'POST', `/api/articles/${slug}/submit`, world.people.writer.token)
  return slug
}

/** A new story by the publication's writer, published in the publication. */
export async function freshPublicationStory(app: FastifyInstance, world: World): Promise<string> {
  const slug = await freshSubmission(app, world)
  await api(app, 'POST', `/api/articles/${slug}/publish`, world.people.owner.token)
  return slug
}

/** A new response by the author on their published story. */
export async function freshResponse(app: FastifyInstance, world: World): Promise<string> {
  return String((await api(app, 'POST', `/api/articles/${world.published}/comments`, world.people.author.token, { comment: { body: 'Another response.' } })).comment.id)
}
