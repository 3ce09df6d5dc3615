// Everything a writer owns, as one zip they can take anywhere (docs/export-format.md):
//   README.md                what is in the zip
//   profile.json             name, username, bio, avatar, e-mail, joined
//   stories/<slug>.md        each story as Markdown with YAML front matter (title, status, dates, tags…)
//   stories/<slug>.json      the same story with its block document, the lossless form
//   images/<file>            the images of the stories and the avatar kept on this site
//   responses.json, highlights.json, lists.json, claps.json, followers.json, following.json
import { join } from 'node:path'
import { readFile } from 'node:fs/promises'
import { strToU8, zipSync, type Zippable } from 'fflate'
import type { Db } from '../db/database.ts'
import { toDate } from '../db/codecs.ts'
import { documentToMarkdown } from '../stories/document/to-markdown.ts'
import type { StoryDocument } from '../stories/document/types.ts'
import * as q from './queries.ts'

const MEDIA_PATH = /^\/media\/([a-z0-9][a-z0-9.-]{0,99})$/

/** The zip's bytes, or undefined when there is no such user. */
export async function writerArchive(db: Db, userId: number, baseUrl: string, mediaDir: string): Promise<Uint8Array | undefined> {
  const user = await q.userRow(db.kysely, userId)
  if (!user) return undefined
  const files: Zippable = {}
  const json = (name: string, value: unknown) => { files[name] = strToU8(`${JSON.stringify(value, null, 2)}\n`) }
  const images = new Set<string>()
  const keep = (src: string | null | undefined) => {
    const name = src ? MEDIA_PATH.exec(src.replace(baseUrl, ''))?.[1] : undefined
    if (name) images.add(name)
  }
  const link = (row: { story_slug: string; story_short_id: string; story_author: string; story_title: string }) =>
    ({ title: row.story_title, url: `${baseUrl}/@${row.story_author}/${row.story_slug}-${row.story_short_id}` })

  keep(user.image)
  json('profile.json', { username: user.username, name: user.name, bio: user.bio, image: user.image, email: user.email, joinedAt: iso(user.created_at) })

  const stories = await q.storiesOf(db.kysely, userId)
  const tags = await q.tagsOf(db.kysely, stories.map((s) => s.id))
  for (const story of stories) {
    const document = JSON.parse(story.body) as StoryDocument
    for (const block of document.blocks) if (block.type === 'image') keep(block.src)
    keep(story.cover_image)
    const meta = {
      title: story.title,
      subtitle: story.subtitle,
      status: story.status,
      url: `${baseUrl}/@${user.username}/${story.slug}-${story.short_id}`,
      publication: story.publication_slug,
      tags: tags.get(story.id) ?? [],
      canonicalUrl: story.canonical_url,
      coverImage: story.cover_image,
      publishedAt: iso(story.published_at),
      createdAt: iso(story.created_at),
      updatedAt: iso(story.updated_at),
      claps: story.clap_total,
      readingTime: story.reading_time,
    }
    const base = `stories/${story.slug || 'story'}-${story.short_id}`
    files[`${base}.md`] = strToU8(`${frontMatter(meta)}\n${documentToMarkdown(document)}`)
    json(`${base}.json`, { ...meta, document })
  }

  json('responses.json', (await q.responsesOf(db.kysely, userId)).map((row) => ({
    story: link(row),
    markdown: documentToMarkdown(JSON.parse(row.body) as StoryDocument),
    inReplyTo: row.parent_id,
    id: row.id,
    passage: row.quote ? { blockId: row.block_id, quote: row.quote } : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  })))
  json('highlights.json', (await q.highlightsOf(db.kysely, userId)).map((row) => ({
    story: link(row), blockId: row.block_id, start: row.start_offset, end: row.end_offset, quote: row.quote, createdAt: iso(row.created_at),
  })))
  const items = await q.listItemsOf(db.kysely, userId)
  json('lists.json', (await q.listsOf(db.kysely, userId)).map((list) => ({
    name: list.name,
    private: list.private !== 0,
    readingList: list.is_default !== 0,
    createdAt: iso(list.created_at),
    stories: items.filter((item) => item.list_id === list.id).map((item) => ({ ...link(item), addedAt: iso(item.created_at) })),
  })))
  json('claps.json', (await q.clapsOf(db.kysely, userId)).map((row) => ({ story: link(row), count: row.count, at: iso(row.updated_at) })))
  json('followers.json', (await q.followersOf(db.kysely, userId)).map((row) => ({ username: row.username, name: row.name, since: iso(row.created_at) })))
  json('following.json', {
    people: (await q.followingOf(db.kysely, userId)).map((row) => ({ username: row.username, name: row.name, since: iso(row.created_at) })),
    publications: (await q.followedPublicationsOf(db.kysely, userId)).map((row) => ({ slug: row.slug, name: row.name, since: iso(row.created_at) })),
    tags: (await q.followedTagsOf(db.kysely, userId)).map((row) => ({ name: row.name, since: iso(row.created_at) })),
  })

  for (const name of [...images].sort()) {
    try {
      files[`images/${name}`] = [await readFile(join(mediaDir, name)), { level: 0 }]
    } catch {
      // A missing file is not worth failing the whole archive over; the story still names its URL.
    }
  }
  files['README.md'] = strToU8(readme(user.username, stories.length, images.size))
  return zipSync(files, { level: 6 })
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : toDate(value).toISOString()
}

/** YAML front matter; every string JSON-quoted, which YAML reads as a double-quoted scalar. */
function frontMatter(meta: Record<string, unknown>): string {
  const lines = Object.entries(meta).map(([key, value]) => {
    if (Array.isArray(value)) return `${key}: [${value.map((v) => JSON.stringify(v)).join(', ')}]`
    return `${key}: ${value === null || value === undefined ? 'null' : JSON.stringify(value)}`
  })
  return `---\n${lines.join('\n')}\n---\n`
}

function readme(username: string, stories: number, images: number): string {
  return `# Your Ovation archive (@${username})

- \`profile.json\`: your profile.
- \`stories/\`: your ${stories} stories, drafts included. Each is there twice: \`.md\` is Markdown with
  YAML front matter (title, subtitle, status, tags, dates, canonical link), readable by any
  static-site generator; \`.json\` holds the same story with its block document, the exact form
  Ovation keeps (paragraph ids, image sizes, footnotes).
- \`images/\`: the ${images} images of your stories and profile stored on Ovation, named as their
  \`/media/...\` addresses in the stories.
- \`responses.json\`, \`highlights.json\`, \`lists.json\`, \`claps.json\`: what you wrote and kept on other
  stories, each with the story's title and address.
- \`followers.json\`, \`following.json\`: who follows you; the people, publications and tags you follow.

Times are ISO 8601 in UTC.
`
}
