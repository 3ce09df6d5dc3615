import type { Block, ListItem, Mark, Note, Source, StoryDocument, TextRun } from './types.ts'
import { BLOCK_TYPES } from './types.ts'
import { safeHref } from './render-html.ts'

/** Limits for documents that arrive as JSON (editor saves, API, imports). */
export const DOCUMENT_LIMITS = {
  blocks: 2_000,
  /** Characters in any one text: a run, code, alt text, URL, and all runs of one block or item together. */
  textChars: 100_000,
  runsPerText: 5_000,
  itemsPerList: 2_000,
  languageChars: 40,
  /** Pixels, for image width and height. */
  dimension: 100_000,
  notes: 1_000,
  sources: 1_000,
  /** Characters in a source's title, author or date. */
  sourceField: 2_000,
  sourceUrl: 4_000,
  sourceExcerpt: 10_000,
} as const

// Looser than newBlockId's [a-z0-9]{6} so imported ids (Medium's 4-hex names) fit,
// while still safe in an HTML id and a URL fragment.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/

type Failure = { error: string }

/** Thrown inside the checker only, to stop at the first problem with its path. */
class Invalid extends Error {}

/**
 * Checks that a JSON value is a story document of exactly the known shape
 * (no unknown fields, ids unique across blocks and list items, sizes within
 * DOCUMENT_LIMITS) and returns a fresh copy of it, or the first problem found.
 */
export function parseDocument(value: unknown): StoryDocument | Failure {
  try {
    return checkDocument(value)
  } catch (error) {
    if (error instanceof Invalid) return { error: error.message }
    throw error
  }
}

function fail(path: string, message: string): never {
  throw new Invalid(`${path}: ${message}`)
}

function record(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object')
  const object = value as Record<string, unknown>
  for (const key of Object.keys(object)) if (!allowed.includes(key)) fail(`${path}.${key}`, 'is not allowed')
  return object
}

function array(value: unknown, path: string, max: number, min = 0): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array')
  if (value.length > max) fail(path, `must have at most ${max} entries`)
  if (value.length < min) fail(path, `must have at least ${min} entries`)
  return value
}

function string(value: unknown, path: string, max: number = DOCUMENT_LIMITS.textChars): string {
  if (typeof value !== 'string') fail(path, 'must be a string')
  if (value.length > max) fail(path, `must be at most ${max} characters`)
  return value
}

function checkDocument(value: unknown): StoryDocument {
  const doc = record(value, 'document', ['version', 'blocks', 'notes', 'sources'])
  if (doc.version !== 1) fail('document.version', 'must be 1')
  const ids = new Set<string>()
  const blocks = array(doc.blocks, 'document.blocks', DOCUMENT_LIMITS.blocks)
  const result: StoryDocument = { version: 1, blocks: blocks.map((block, index) => checkBlock(block, `blocks[${index}]`, ids)) }
  // Notes and sources have id spaces of their own: a note may share an id with a block.
  if (doc.notes !== undefined) {
    const noteIds = new Set<string>()
    const notes = array(doc.notes, 'document.notes', DOCUMENT_LIMITS.notes)
    result.notes = notes.map((note, index) => checkNote(note, `notes[${index}]`, noteIds))
  }
  if (doc.sources !== undefined) {
    const sourceIds = new Set<string>()
    const sources = array(doc.sources, 'document.sources', DOCUMENT_LIMITS.sources)
    result.sources = sources.map((source, index) => checkSource(source, `sources[${index}]`, sourceIds))
  }
  return result
}

function checkNote(value: unknown, path: string, ids: Set<string>): Note {
  const note = record(value, path, ['id', 'content', 'sourceId'])
  const id = checkId(note.id, `${path}.id`, ids)
  const content = checkRuns(note.content, `${path}.content`)
  if (note.sourceId === undefined) return { id, content }
  return { id, content, sourceId: checkReferenceId(note.sourceId, `${path}.sourceId`) }
}

function checkSource(value: unknown, path: string, ids: Set<string>): Source {
  const object = record(value, path, ['id', 'title', 'author', 'url', 'date', 'excerpt'])
  const source: Source = { id: checkId(object.id, `${path}.id`, ids), title: string(object.title, `${path}.title`, DOCUMENT_LIMITS.sourceField) }
  if (object.author !== undefined) source.author = string(object.author, `${path}.author`, DOCUMENT_LIMITS.sourceField)
  if (object.url !== undefined) {
    source.url = string(object.url, `${path}.url`, DOCUMENT_LIMITS.sourceUrl)
    if (!isHttpUrl(source.url)) fail(`${path}.url`, 'must be an http:// or https:// address')
  }
  if (object.date !== undefined) {
    source.date = string(object.date, `${path}.date`, DOCUMENT_LIMITS.sourceField)
    if (!SOURCE_DATE.test(source.date)) fail(`${path}.date`, 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD')
  }
  if (object.excerpt !== undefined) source.excerpt = string(object.excerpt, `${path}.excerpt`, DOCUMENT_LIMITS.sourceExcerpt)
  return source
}

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', months 01–12 and days 01–31. */
export const SOURCE_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/

/** Whether a source URL is an absolute http(s) URL: javascript:, data: and the like are refused. */
export function isHttpUrl(url: string): boolean {
  return safeHref(url) !== undefined && /^https?:/i.test(url)
}

/** An id that points at a note or a source; it may dangle while a writer edits. */
function checkReferenceId(value: unknown, path: string): string {
  const id = string(value, path, 32)
  if (!ID_PATTERN.test(id)) fail(path, 'must be 1–32 letters, digits, "-" or "_"')
  return id
}

function checkId(value: unknown, path: string, ids: Set<string>): string {
  const id = string(value, path, 32)
  if (!ID_PATTERN.test(id)) fail(path, 'must be 1–32 letters, digits, "-" or "_"')
  if (ids.has(id)) fail(path, `duplicates id "${id}"`)
  ids.add(id)
  return id
}

const FIELDS: Record<Block['type'], readonly string[]> = {
  paragraph: ['content'],
  heading: ['level', 'content'],
  quote: ['content'],
  pullquote: ['content'],
  list: ['ordered', 'items'],
  code: ['language', 'text'],
  image: ['src', 'alt', 'caption', 'width', 'height'],
  embed: ['url', 'caption'],
  divider: [],
}

function checkBlock(value: unknown, path: string, ids: Set<string>): Block {
  const type = (value as { type?: unknown } | null)?.type
  if (typeof type !== 'string' || !(BLOCK_TYPES as readonly string[]).includes(type)) {
    fail(`${path}.type`, `must be one of ${BLOCK_TYPES.join(', ')}`)
  }
  const blockType = type as Block['type']
  const block = record(value, path, ['id', 'type', ...FIELDS[blockType]])
  const id = checkId(block.id, `${path}.id`, ids)
  switch (blockType) {
    case 'paragraph':
    case 'quote':
    case 'pullquote':
      return { id, type: blockType, content: checkRuns(block.content, `${path}.content`) }
    case 'heading':
      if (block.level !== 2 && block.level !== 3) fail(`${path}.level`, 'must be 2 or 3')
      return { id, type: 'heading', level: block.level, content: checkRuns(block.content, `${path}.content`) }
    case 'list': {
      if (typeof block.ordered !== 'boolean') fail(`${path}.ordered`, 'must be a boolean')
      const items = array(block.items, `${path}.items`, DOCUMENT_LIMITS.itemsPerList)
      return { id, type: 'list', ordered: block.ordered, items: items.map((item, i) => checkItem(item, `${path}.items[${i}]`, ids)) }
    }
    case 'code': {
      const text = string(block.text, `${path}.text`)
      if (block.language === undefined) return { id, type: 'code', text }
      return { id, type: 'code', language: string(block.language, `${path}.language`, DOCUMENT_LIMITS.languageChars), text }
    }
    case 'image':
      return {
        id,
        type: 'image',
        src: string(block.src, `${path}.src`),
        alt: string(block.alt, `${path}.alt`),
        ...optionalCaption(block.caption, `${path}.caption`),
        ...optionalDimension('width', block.width, path),
        ...optionalDimension('height', block.height, path),
      }
    case 'embed':
      return { id, type: 'embed', url: string(block.url, `${path}.url`), ...optionalCaption(block.caption, `${path}.caption`) }
    case 'divider':
      return { id, type: 'divider' }
  }
}

function checkItem(value: unknown, path: string, ids: Set<string>): ListItem {
  const item = record(value, path, ['id', 'content'])
  return { id: checkId(item.id, `${path}.id`, ids), content: checkRuns(item.content, `${path}.content`) }
}

function optionalCaption(value: unknown, path: string): { caption?: TextRun[] } {
  return value === undefined ? {} : { caption: checkRuns(value, path) }
}

function optionalDimension(name: 'width' | 'height', value: unknown, path: string): { width?: number } | { height?: number } {
  if (value === undefined) return {}
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > DOCUMENT_LIMITS.dimension) {
    fail(`${path}.${name}`, `must be a whole number from 1 to ${DOCUMENT_LIMITS.dimension}`)
  }
  return { [name]: value }
}

function checkRuns(value: unknown, path: string): TextRun[] {
  const runs = array(value, path, DOCUMENT_LIMITS.runsPerText).map((run, index) => {
    const runPath = `${path}[${index}]`
    const object = record(run, runPath, ['text', 'marks'])
    const text = string(object.text, `${runPath}.text`)
    if (object.marks === undefined) return { text }
    const marks = array(object.marks, `${runPath}.marks`, 5).map((mark, i) => checkMark(mark, `${runPath}.marks[${i}]`))
    const footnote = marks.find((mark) => mark.type === 'footnote')
    if (footnote && text !== footnote.noteId) fail(`${runPath}.text`, 'of a footnote reference must be its noteId')
    return { text, marks }
  })
  const total = runs.reduce((sum, run) => sum + run.text.length, 0)
  if (total > DOCUMENT_LIMITS.textChars) fail(path, `must hold at most ${DOCUMENT_LIMITS.textChars} characters in all`)
  return runs
}

function checkMark(value: unknown, path: string): Mark {
  const type = (value as { type?: unknown } | null)?.type
  switch (type) {
    case 'bold':
    case 'italic':
    case 'code':
      record(value, path, ['type'])
      return { type }
    case 'link': {
      const mark = record(value, path, ['type', 'href'])
      return { type: 'link', href: string(mark.href, `${path}.href`) }
    }
    case 'footnote': {
      const mark = record(value, path, ['type', 'noteId'])
      return { type: 'footnote', noteId: checkReferenceId(mark.noteId, `${path}.noteId`) }
    }
    default:
      return fail(`${path}.type`, 'must be one of bold, italic, code, link, footnote')
  }
}
