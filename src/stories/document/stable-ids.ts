import type { Block, ListItem, StoryDocument } from './types.ts'
import { uniqueBlockId } from './types.ts'
import { runsText } from './text-runs.ts'

/**
 * Gives blocks (and list items) ids, reusing those of `previous` so that
 * highlights and passage responses stay anchored across an edit:
 * 1. a block whose type and text equal a previous block's takes that block's id
 *    (the first unused one, in order), wherever it moved;
 * 2. a remaining block takes the id of the previous block at its position when
 *    that block has the same type and its id is still unused (an edit in place);
 * 3. any other block gets a new id, distinct from every previous id so that a
 *    deleted block's anchors never land on new text.
 * List items are matched the same way inside the list whose id was kept.
 * An image that keeps its id and src also keeps its known width and height,
 * which Markdown cannot carry.
 */
export function assignIds(blocks: readonly Block[], previous?: StoryDocument): Block[] {
  const before = previous?.blocks ?? []
  const ids: Ids = { used: new Set(allIds(before)), taken: new Set() }
  const matches = matchAll(blocks, before, blockKey)
  return blocks.map((block, index) => {
    const match = matches[index]
    const id = takeId(match, ids)
    if (block.type === 'list') {
      const previousItems = match?.type === 'list' ? match.items : []
      return { ...block, id, items: assignItemIds(block.items, previousItems, ids) }
    }
    if (block.type === 'image' && match?.type === 'image' && match.src === block.src && block.width === undefined) {
      const size = match.width !== undefined && match.height !== undefined ? { width: match.width, height: match.height } : {}
      return { ...block, id, ...size }
    }
    return { ...block, id }
  })
}

/** `used`: every id ever seen or made (new ids avoid them); `taken`: ids in the result. */
type Ids = { used: Set<string>; taken: Set<string> }

/** The matched element's id, unless already taken (a malformed previous document); else a new one. */
function takeId(match: WithId | undefined, ids: Ids): string {
  const id = match && !ids.taken.has(match.id) ? match.id : uniqueBlockId(ids.used)
  ids.taken.add(id)
  return id
}

function assignItemIds(items: readonly ListItem[], before: readonly ListItem[], ids: Ids): ListItem[] {
  const matches = matchAll(items, before, (item) => runsText(item.content))
  return items.map((item, index) => ({ ...item, id: takeId(matches[index], ids) }))
}

/** Steps 1 and 2 for a list of new elements. */
function matchAll<T extends WithId>(next: readonly T[], before: readonly T[], key: (value: T) => string): Array<T | undefined> {
  const matches = matchByKey(next, before, key)
  const matched = new Set(matches)
  next.forEach((value, index) => {
    if (matches[index]) return
    const old = before[index]
    if (!old || matched.has(old) || !sameKind(value, old)) return
    matches[index] = old
    matched.add(old)
  })
  return matches
}

function sameKind(value: object, old: object): boolean {
  return !('type' in value) || !('type' in old) || value.type === old.type
}

type WithId = { id: string }

/** Step 1: for each new element, the first unused old element with the same key. */
function matchByKey<T extends WithId>(next: readonly T[], before: readonly T[], key: (value: T) => string): Array<T | undefined> {
  const queues = new Map<string, T[]>()
  for (const old of before) {
    const k = key(old)
    const queue = queues.get(k)
    if (queue) queue.push(old)
    else queues.set(k, [old])
  }
  return next.map((value) => queues.get(key(value))?.shift())
}

function blockKey(block: Block): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
    case 'quote':
    case 'pullquote':
      return `${block.type}\u0000${runsText(block.content)}`
    case 'list':
      return `list\u0000${block.items.map((item) => runsText(item.content)).join('\u0001')}`
    case 'code':
      return `code\u0000${block.text}`
    case 'image':
      return `image\u0000${block.src}\u0001${block.alt}`
    case 'embed':
      return `embed\u0000${block.url}`
    case 'divider':
      return 'divider'
  }
}

function allIds(blocks: readonly Block[]): string[] {
  return blocks.flatMap((block) => (block.type === 'list' ? [block.id, ...block.items.map((item) => item.id)] : [block.id]))
}
