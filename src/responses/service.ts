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
  return assemble(db, await q.responsesOfStory(db.kysely, story.row.id), viewerId)
}

/** Adds a response by the viewer; a draft is respondable only by its author (who alone sees it). */
export async function respond(db: Db, viewerId: number, slug: string, markdown: string): Promise<StoryResponse> {
  const story = await storyBySlug(db, slug, viewerId)
  const problem = responseBodyProblem(markdown)
  if (problem === 'blank') throw invalid({ body: ["can't be blank"] })
  if (problem === 'too_long') throw invalid({ body: [`is too long (maximum is ${RESPONSE_MAX} characters)`] })
  const document = markdownToDocument(markdown)
  const id = await db.kysely.transaction().execute(async (trx) => {
    // The story may have been deleted since we read it; the lock also orders concurrent recounts.
    if ((await q.lockStory(trx, db.engine, story.row.id)) === undefined) throw notFound('article', 'story_not_found')
    const responseId = await q.insertResponse(trx, { storyId: story.row.id, authorId: viewerId, body: JSON.stringify(document), markdown, now: new Date() })
    await q.recountResponses(trx, story.row.id)
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

// Every story page view lists its responses; render each version of a response once.
const renderedBodies = new Lru<string>(2000)

function renderedBody(row: q.ResponseWithAuthorRow): string {
  const version = `${row.id}:${toDate(row.updated_at).getTime()}`
  let html = renderedBodies.get(version)
  if (html === undefined) {
    html = renderDocumentHtml(JSON.parse(row.body) as StoryDocument)
    renderedBodies.set(version, html)
  }
  return html
}

function mayDelete(viewerId: number, row: q.ResponseWithAuthorRow): boolean {
  return row.author_id === viewerId || row.story_author_id === viewerId
}

// Ids are serial integers; the bound keeps PostgreSQL's integer column from overflowing.
function parseResponseId(text: string): number | undefined {
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return undefined
  const id = Number(text)
  return id <= 2_147_483_647 ? id : undefined
}

// The reader's follows for a list of rows, in one query whatever its length.
async function assemble(db: Db, rows: q.ResponseWithAuthorRow[], viewerId: number | null): Promise<StoryResponse[]> {
  const authorIds = [...new Set(rows.map((row) => row.author_id))]
  const following = viewerId === null ? new Set<number>() : await q.followedAmong(db.kysely, viewerId, authorIds)
  return rows.map((row) => ({
    id: row.id,
    storyId: row.story_id,
    author: authorOf(row, following),
    // Responses are always written as Markdown today; a null would mean one edited as blocks.
    markdown: row.markdown ?? documentToMarkdown(JSON.parse(row.body) as StoryDocument).trimEnd(),
    body: row.body,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  }))
}
