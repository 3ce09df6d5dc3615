// Issue 5, the conversation around a story: quoting a passage, answering a response (one level
// deep), editing one's own, the story author hiding one, clapping for one (the 1..50 rule of
// stories), a permalink per response, and the notifications a response sends.
import type { Transaction } from 'kysely'
import type { Db } from '../db/database.ts'
import type { Database } from '../db/schema.ts'
import { AppError, forbidden, invalid, notFound } from '../http/errors.ts'
import { markdownToDocument } from '../stories/document/from-markdown.ts'
import type { StoryDocument } from '../stories/document/types.ts'
import { storyBySlug, storyPath, type Story } from '../stories/service.ts'
import { anchorProblem, anchorTexts, type Anchor } from '../highlights/service.ts'
import { notify } from '../notifications/service.ts'
// Who may edit, hide or clap for a response is the policy's (issue 4).
import { actorWithoutRoles, may, responseSubject } from '../policy/service.ts'
import * as q from './queries.ts'
import type { Passage, ResponseItem, StoryResponse } from './response.ts'
import { RESPONSE_MAX } from './response.ts'
import { assemble, parseResponseId, responseBodyProblem, responseItem } from './service.ts'

/** The passage an anchor names in a story's body (JSON), or 422 naming what is wrong. */
export function passageOf(body: string, anchor: Anchor): Passage {
  const texts = anchorTexts(JSON.parse(body) as StoryDocument)
  const problem = anchorProblem(texts, anchor)
  if (problem) throw invalid(problem)
  return { ...anchor, quote: (texts.get(anchor.blockId) as string).slice(anchor.start, anchor.end) }
}

/** Hidden responses are listed only to the story's author and to the responder. */
export function visibleTo(row: q.ResponseWithAuthorRow, viewerId: number | null): boolean {
  return row.hidden_at === null || viewerId === row.author_id || viewerId === row.story_author_id
}

const MENTION = /(?:^|[^\w@/.])@([A-Za-z0-9_-]{1,40})/g
const MAX_MENTIONS = 10

/** Tells the story's author, the author of the response answered, and anyone @mentioned. */
export async function announce(
  trx: Transaction<Database>,
  event: { storyId: number; storyAuthorId: number; responderId: number; parentAuthorId: number | null; markdown: string },
): Promise<void> {
  const told = new Set<number>([event.responderId])
  for (const recipientId of [event.storyAuthorId, event.parentAuthorId]) {
    if (recipientId === null || told.has(recipientId)) continue
    told.add(recipientId)
    await notify(trx, { type: 'response', recipientId, actorId: event.responderId, storyId: event.storyId })
  }
  const names = [...new Set([...event.markdown.matchAll(MENTION)].map((match) => (match[1] as string).toLowerCase()))].slice(0, MAX_MENTIONS)
  for (const recipientId of await q.usersByUsernames(trx, names)) {
    if (told.has(recipientId)) continue
    told.add(recipientId)
    await notify(trx, { type: 'mention', recipientId, actorId: event.responderId, storyId: event.storyId })
  }
}

async function findOnStory(db: Db, viewerId: number | null, slug: string, id: string): Promise<{ story: Story; row: q.ResponseWithAuthorRow }> {
  const story = await storyBySlug(db, slug, viewerId)
  const responseId = parseResponseId(id)
  const row = responseId === undefined ? undefined : await q.responseOnStory(db.kysely, story.row.id, responseId)
  if (!row || !visibleTo(row, viewerId)) throw notFound('comment', 'response_not_found')
  return { story, row }
}

/** The responder rewrites their response (the passage it quotes stays). */
export async function editResponse(db: Db, viewerId: number, slug: string, id: string, markdown: string): Promise<StoryResponse> {
  const { story, row } = await findOnStory(db, viewerId, slug, id)
  if (!may(actorWithoutRoles(viewerId), 'edit-response', responseSubject(row))) throw forbidden('comment', 'not_response_author')
  const problem = responseBodyProblem(markdown)
  if (problem === 'blank') throw invalid({ body: ["can't be blank"] })
  if (problem === 'too_long') throw invalid({ body: [`is too long (maximum is ${RESPONSE_MAX} characters)`] })
  const document = markdownToDocument(markdown)
  await db.kysely.transaction().execute((trx) => q.updateResponseBody(trx, row.id, JSON.stringify(document), markdown, new Date()))
  const updated = await q.responseOnStory(db.kysely, story.row.id, row.id)
  if (!updated) throw notFound('comment', 'response_not_found')
  return (await assemble(db, [updated], viewerId))[0] as StoryResponse
}

/** The story's author hides a response from other readers, or shows it again. */
export async function setResponseHidden(db: Db, viewerId: number, slug: string, id: string, hidden: boolean): Promise<StoryResponse> {
  const { story, row } = await findOnStory(db, viewerId, slug, id)
  if (!may(actorWithoutRoles(viewerId), 'hide-response', responseSubject(row))) throw forbidden('comment', 'not_story_author')
  const now = new Date()
  await db.kysely.transaction().execute((trx) => q.setHidden(trx, row.id, hidden ? now : null, now))
  const updated = await q.responseOnStory(db.kysely, story.row.id, row.id)
  if (!updated) throw notFound('comment', 'response_not_found')
  return (await assemble(db, [updated], viewerId))[0] as StoryResponse
}

/** Claps for a response: 1..50 per request, 50 in all per reader (more is absorbed), never one's own. */
export async function clapResponse(db: Db, viewerId: number, slug: string, id: string, count: number): Promise<StoryResponse> {
  const { story, row } = await findOnStory(db, viewerId, slug, id)
  if (!may(actorWithoutRoles(viewerId), 'clap-response', responseSubject(row))) throw new AppError(403, 'own_story_clap', { claps: ["can't be given to your own response"] })
  await db.kysely.transaction().execute(async (trx) => {
    if ((await q.lockResponse(trx, db.engine, row.id)) === undefined) throw notFound('comment', 'response_not_found')
    await q.addResponseClaps(trx, db.engine, row.id, viewerId, count, new Date())
    await q.recountResponseClaps(trx, row.id)
  })
  const updated = await q.responseOnStory(db.kysely, story.row.id, row.id)
  if (!updated) throw notFound('comment', 'response_not_found')
  return (await assemble(db, [updated], viewerId))[0] as StoryResponse
}

export type ResponsePermalink = { story: { title: string; path: string; slug: string }; response: ResponseItem; parentId: number | null }

/** One response on a page of its own, with its replies (a reply's page shows the reply). */
export async function responsePermalink(db: Db, id: string, viewerId: number | null): Promise<ResponsePermalink> {
  const responseId = parseResponseId(id)
  const row = responseId === undefined ? undefined : await q.responseById(db.kysely, responseId)
  if (!row || !visibleTo(row, viewerId)) throw notFound('comment', 'response_not_found')
  const story = await storyBySlug(db, `x-${await shortIdOfStory(db, row.story_id)}`, viewerId)
  const all = (await q.responsesOfStory(db.kysely, row.story_id)).filter((r) => visibleTo(r, viewerId) && (r.id === row.id || r.parent_id === row.id))
  const mine = viewerId === null ? new Map<number, number>() : await q.responseClapsOfReader(db.kysely, viewerId, all.map((r) => r.id))
  const items = all.map((r) => responseItem(r, viewerId, mine.get(r.id) ?? 0))
  const { parentId, ...head } = items.find((item) => item.id === row.id) as ResponseItem & { parentId: number | null }
  const replies = items.filter((item) => item.id !== row.id).map(({ parentId: _, ...reply }) => reply)
  return {
    story: { title: story.row.title, path: storyPath(story), slug: `${story.row.slug}-${story.row.short_id}` },
    response: { ...head, replies },
    parentId,
  }
}

async function shortIdOfStory(db: Db, storyId: number): Promise<string> {
  const shortId = await q.storyShortId(db.kysely, storyId)
  if (shortId === undefined) throw notFound('comment', 'response_not_found')
  return shortId
}

/** A passage named by its three parts, all or none (422 for some without the others). */
export function anchorFrom(blockId: string | undefined, start: number | undefined, end: number | undefined): Anchor | undefined {
  if (blockId === undefined && start === undefined && end === undefined) return undefined
  if (blockId === undefined || start === undefined || end === undefined) {
    throw invalid({ ...(blockId === undefined ? { blockId: ["can't be blank"] } : {}), ...(start === undefined ? { start: ["can't be blank"] } : {}), ...(end === undefined ? { end: ["can't be blank"] } : {}) })
  }
  return { blockId, start, end }
}
