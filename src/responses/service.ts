// Responses: readers (and the writer) answer a story in a few paragraphs of Markdown. Anyone who
// can see a story can read its responses; signed-in readers write them; a response can be taken
// down by whoever wrote it or by the story's author. Every write is one transaction that also
// recounts the story's responses.
import type { Db } from '../db/database.ts'
import { toDate } from '../db/codecs.ts'
import { Lru } from '../web/lru.ts'
import { invalid, notFound, forbidden } from '../http/errors.ts'
import { markdownToDocument } from '../stories/document/from-markdown.ts'
import { renderDocumentHtml } from '../stories/document/render-html.ts'
import { documentToMarkdown } from '../stories/document/to-markdown.ts'
import type { StoryDocument } from '../stories/document/types.ts'
import { authorOf, storyBySlug } from '../stories/service.ts'
import * as q from './queries.ts'
import { announce, passageOf, visibleTo } from './conversation.ts'
import type { Anchor } from '../highlights/service.ts'
import { actorFor, actorWithoutRoles, authorizeStory, may, responseSubject, storySubject } from '../policy/service.ts'
import { RESPONSE_MAX, type ResponseItem, type StoryResponse } from './response.ts'

export { RESPONSE_MAX, type ResponseItem, type StoryResponse } from './response.ts'

/** Why a body cannot be a response, as the short code page redirects carry. */
export type ResponseBodyProblem = 'blank' | 'too_long'

/** What is wrong with this Markdown as a response, or undefined when it will do. */
export function responseBodyProblem(markdown: string): ResponseBodyProblem | undefined {
  if (markdown.length > RESPONSE_MAX) return 'too_long'
  // Whitespace-only Markdown gives an empty document: nothing would show on the page.
  if (!markdown.trim() || markdownToDocument(markdown).blocks.length === 0) return 'blank'
  return undefined
}

/** A story's responses, oldest first, as this reader sees them (404 when the story is hidden). */
export async function listResponses(db: Db, slug: string, viewerId: number | null): Promise<StoryResponse[]> {
  const story = await storyBySlug(db, slug, viewerId)
  const rows = (await q.responsesOfStory(db.kysely, story.row.id)).filter((row) => visibleTo(row, viewerId))
  return assemble(db, rows, viewerId)
}

/** Adds a response by the viewer; a draft is respondable only by its author (who alone sees it). */
/** Issue 5: what a response may add: the response it answers, the passage it quotes. */
export type RespondOptions = { parentId?: number | undefined; anchor?: Anchor | undefined }

export async function respond(db: Db, viewerId: number, slug: string, markdown: string, options: RespondOptions = {}): Promise<StoryResponse> {
  const story = await storyBySlug(db, slug, viewerId)
  // Published stories, and the writer's own draft; not a submission under review (policy.ts).
  authorizeStory(await actorFor(db, viewerId), 'respond', storySubject(story.row))
  const problem = responseBodyProblem(markdown)
  if (problem === 'blank') throw invalid({ body: ["can't be blank"] })
  if (problem === 'too_long') throw invalid({ body: [`is too long (maximum is ${RESPONSE_MAX} characters)`] })
  const document = markdownToDocument(markdown)
  const passage = options.anchor ? passageOf(story.row.body, options.anchor) : null
  const id = await db.kysely.transaction().execute(async (trx) => {
    // The story may have been deleted since we read it; the lock also orders concurrent recounts.
    if ((await q.lockStory(trx, db.engine, story.row.id)) === undefined) throw notFound('article', 'story_not_found')
    const parent = options.parentId === undefined ? undefined : await q.responseOnStory(trx, story.row.id, options.parentId)
    if (options.parentId !== undefined && !parent) throw invalid({ parentId: ['is not a response to this story'] })
    const responseId = await q.insertResponse(trx, { storyId: story.row.id, authorId: viewerId, body: JSON.stringify(document), markdown, now: new Date() })
    // One level deep, as on Medium: an answer to a reply joins the thread of the reply's parent.
    const parentId = parent ? (parent.parent_id ?? parent.id) : null
    if (parentId !== null || passage) {
      await q.setExtras(trx, responseId, { parentId, blockId: passage?.blockId ?? null, quoteStart: passage?.start ?? null, quoteEnd: passage?.end ?? null, quote: passage?.quote ?? null })
    }
    await q.recountResponses(trx, story.row.id)
    await announce(trx, { storyId: story.row.id, storyAuthorId: story.row.author_id, responderId: viewerId, parentAuthorId: parent?.author_id ?? null, markdown })
    return responseId
  })
  const row = await q.responseOnStory(db.kysely, story.row.id, id)
  if (!row) throw notFound('comment', 'response_not_found')
  return (await assemble(db, [row], viewerId))[0] as StoryResponse
}

/**
 * Deletes a response on the story the slug names. `id` is the path segment as sent: anything
 * that is not a response id of this story is "not found", never a server error.
 */
export async function deleteResponse(db: Db, viewerId: number, slug: string, id: string): Promise<void> {
  const story = await storyBySlug(db, slug, viewerId)
  const responseId = parseResponseId(id)
  if (responseId === undefined) throw notFound('comment', 'response_not_found')
  await db.kysely.transaction().execute(async (trx) => {
    if ((await q.lockStory(trx, db.engine, story.row.id)) === undefined) throw notFound('article', 'story_not_found')
    const row = await q.responseOnStory(trx, story.row.id, responseId)
    if (!row) throw notFound('comment', 'response_not_found')
    if (!mayDelete(viewerId, row)) throw forbidden('comment', 'not_response_author')
    await q.deleteResponse(trx, responseId)
    await q.recountResponses(trx, story.row.id)
  })
}

/** What a story page lists: responses oldest first, rendered, with what this viewer may do. */
export async function responsesForStory(db: Db, storyId: number, viewerId: number | null): Promise<ResponseItem[]> {
  const rows = await q.responsesOfStory(db.kysely, storyId)
  return rows.map((row) => ({
    id: row.id,
    author: { username: row.author_username, name: row.author_name, image: row.author_image },
    createdAt: toDate(row.created_at),
    html: renderedBody(row),
    canDelete: viewerId !== null && mayDelete(viewerId, row),
  }))
}

/** Issue 5: a story's responses as its page shows them to this viewer: threads, passages, claps. */
export async function responseThreads(db: Db, storyId: number, viewerId: number | null): Promise<ResponseItem[]> {
  const rows = (await q.responsesOfStory(db.kysely, storyId)).filter((row) => visibleTo(row, viewerId))
  const mine = viewerId === null ? new Map<number, number>() : await q.responseClapsOfReader(db.kysely, viewerId, rows.map((row) => row.id))
  return threads(rows.map((row) => responseItem(row, viewerId, mine.get(row.id) ?? 0)))
}

/** One response as a page shows it, for this viewer. */
export function responseItem(row: q.ResponseWithAuthorRow, viewerId: number | null, myClaps: number): ResponseItem & { parentId: number | null } {
  return {
    id: row.id,
    parentId: row.parent_id,
    author: { username: row.author_username, name: row.author_name, image: row.author_image },
    createdAt: toDate(row.created_at),
    html: renderedBody(row),
    canDelete: viewerId !== null && mayDelete(viewerId, row),
    passage: passageOfRow(row),
    claps: row.clap_total,
    myClaps,
    hidden: row.hidden_at !== null,
    canEdit: viewerId === row.author_id,
    canHide: viewerId === row.story_author_id,
    canClap: viewerId !== null && viewerId !== row.author_id,
  }
}

/** Top-level responses with their replies beneath, each list oldest first. */
function threads(items: (ResponseItem & { parentId: number | null })[]): ResponseItem[] {
  const top = items.filter((item) => item.parentId === null).map(({ parentId: _, ...item }) => ({ ...item, replies: [] as ResponseItem[] }))
  const byId = new Map(top.map((item) => [item.id, item]))
  for (const { parentId, ...reply } of items) {
    if (parentId !== null) byId.get(parentId)?.replies.push(reply)
  }
  return top
}

function passageOfRow(row: q.ResponseWithAuthorRow) {
  return row.block_id !== null && row.quote_start !== null && row.quote_end !== null && row.quote !== null
    ? { blockId: row.block_id, start: row.quote_start, end: row.quote_end, quote: row.quote }
    : null
}

// Every story page view lists its responses; render each version of a response once.
const renderedBodies = new Lru<string>(2000)

export function renderedBody(row: q.ResponseWithAuthorRow): string {
  const version = `${row.id}:${toDate(row.updated_at).getTime()}`
  let html = renderedBodies.get(version)
  if (html === undefined) {
    // Its footnotes must not answer to the story's own "#fn-1" on the same page.
    html = renderDocumentHtml(JSON.parse(row.body) as StoryDocument, { footnotePrefix: `response-${row.id}-` })
    renderedBodies.set(version, html)
  }
  return html
}

export function mayDelete(viewerId: number, row: q.ResponseWithAuthorRow): boolean {
  // The policy decides (issue 4); only the two author ids matter to it.
  return may(actorWithoutRoles(viewerId), 'delete-response', responseSubject(row))
}

// Ids are serial integers; the bound keeps PostgreSQL's integer column from overflowing.
export function parseResponseId(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return undefined
  const id = Number(text)
  return id <= 2_147_483_647 ? id : undefined
}

// The reader's follows for a list of rows, in one query whatever its length.
export async function assemble(db: Db, rows: q.ResponseWithAuthorRow[], viewerId: number | null): Promise<StoryResponse[]> {
  const authorIds = [...new Set(rows.map((row) => row.author_id))]
  const [following, myClaps] = viewerId === null
    ? [new Set<number>(), new Map<number, number>()]
    : await Promise.all([q.followedAmong(db.kysely, viewerId, authorIds), q.responseClapsOfReader(db.kysely, viewerId, rows.map((row) => row.id))])
  return rows.map((row) => ({
    id: row.id,
    storyId: row.story_id,
    author: authorOf(row, following),
    // Responses are always written as Markdown today; a null would mean one edited as blocks.
    markdown: row.markdown ?? documentToMarkdown(JSON.parse(row.body) as StoryDocument).trimEnd(),
    body: row.body,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    parentId: row.parent_id,
    passage: passageOfRow(row),
    claps: row.clap_total,
    myClaps: myClaps.get(row.id) ?? 0,
    hidden: row.hidden_at !== null,
  }))
}
