// Turns stories into RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents: full content, every URL
// absolute. RSS and Atom are written by the `feed` package; JSON Feed by hand, because the
// package writes version 1.0 (`author`, not 1.1's `authors`, and no `language`).
import { Feed, type Item } from 'feed'
import { toDate } from '../db/codecs.ts'
import { excerpt } from '../stories/document/plain-text.ts'
import { escapeHtml, renderDocumentHtml } from '../stories/document/render-html.ts'
import type { StoryDocument } from '../stories/document/types.ts'
import { storyPath, type Story } from '../stories/service.ts'
import { tagKey } from '../stories/tags.ts'
import { absolutizeHtml } from './absolute-html.ts'

export type FeedFormat = 'rss' | 'atom' | 'json'

/** What a feed follows: the whole site, a writer, a publication or a tag. */
export type FeedChannel = {
  title: string
  description: string
  /** The page the feed mirrors ("/@ann"), a path. */
  pagePath: string
  /** The RSS feed's path ("/feed/@ann"); Atom and JSON add ".atom" and ".json". */
  feedPath: string
}

/** One story as every format needs it; text fields are plain text, contentHtml is HTML. */
export type FeedEntry = {
  /** Stable whatever the title or publication becomes: the story's /p/<short id> address. */
  id: string
  url: string
  title: string
  summary: string
  contentHtml: string
  published: Date
  updated: Date
  author: { name: string; url: string }
  tags: { name: string; key: string }[]
}

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
}

export const FEED_EXTENSIONS: Record<FeedFormat, string> = { rss: '', atom: '.atom', json: '.json' }

export function feedEntry(story: Story, baseUrl: string): FeedEntry {
  const { row } = story
  const document = JSON.parse(row.body) as StoryDocument
  const url = baseUrl + storyPath(story)
  const updated = toDate(row.updated_at)
  return {
    id: `${baseUrl}/p/${row.short_id}`,
    url,
    title: row.title,
    summary: row.subtitle || excerpt(document, 300),
    contentHtml: absolutizeHtml(renderDocumentHtml(document), baseUrl, url),
    published: row.published_at === null ? updated : toDate(row.published_at),
    updated,
    author: { name: story.author.name, url: `${baseUrl}/@${story.author.username}` },
    tags: story.tags.map((name) => ({ name, key: tagKey(name) })),
  }
}

/** The newest change among the entries: the feed's Last-Modified; undefined when empty. */
export function lastModifiedOf(entries: FeedEntry[]): Date | undefined {
  let newest: Date | undefined
  for (const entry of entries) if (!newest || entry.updated > newest) newest = entry.updated
  return newest
}

export function buildFeed(format: FeedFormat, channel: FeedChannel, entries: FeedEntry[], baseUrl: string): string {
  return format === 'json' ? jsonFeed(channel, entries, baseUrl) : xmlFeed(format, channel, entries, baseUrl)
}

function xmlFeed(format: 'rss' | 'atom', channel: FeedChannel, entries: FeedEntry[], baseUrl: string): string {
  const feed = new Feed({
    id: baseUrl + channel.feedPath + FEED_EXTENSIONS[format],
    title: channel.title,
    description: channel.description,
    link: baseUrl + channel.pagePath,
    language: 'en',
    // Fixed for a given set of stories, so the body (and its ETag) is too; an empty feed has
    // never changed.
    updated: lastModifiedOf(entries) ?? new Date(0),
    generator: 'Ovation',
    favicon: `${baseUrl}/favicon.svg`,
    feedLinks: { [format]: baseUrl + channel.feedPath + FEED_EXTENSIONS[format] },
  })
  for (const entry of entries) feed.addItem(xmlItem(format, entry))
  return format === 'rss' ? feed.rss2() : feed.atom1()
}

// Titles and summaries are plain text, but Atom's (type="html") and, in practice, RSS readers'
// are HTML: so they are escaped here. Escaping also keeps "]]>" out of the package's CDATA
// sections, which it splits only once.
function xmlItem(format: 'rss' | 'atom', entry: FeedEntry): Item {
  const item: Item = {
    title: escapeHtml(entry.title),
    id: entry.id,
    guid: entry.id,
    link: entry.url,
    date: entry.updated,
    published: entry.published,
    description: escapeHtml(entry.summary),
    content: entry.contentHtml,
  }
  if (format === 'atom') {
    item.author = [{ name: entry.author.name, link: entry.author.url }]
    // Atom attributes are written with only '"' escaped, so the term is the tag's key ([\p{L}\p{N}-]).
    item.category = entry.tags.map((tag) => ({ term: tag.key }))
  } else {
    // RSS's <author> must be an e-mail address; Dublin Core's creator is the name.
    item.extensions = [{ name: 'dc:creator', objects: { _text: entry.author.name } }]
    item.category = entry.tags.map((tag) => ({ name: tag.name }))
  }
  return item
}

// https://www.jsonfeed.org/version/1.1/
function jsonFeed(channel: FeedChannel, entries: FeedEntry[], baseUrl: string): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: baseUrl + channel.pagePath,
    feed_url: baseUrl + channel.feedPath + FEED_EXTENSIONS.json,
    description: channel.description,
    favicon: `${baseUrl}/favicon.svg`,
    language: 'en',
    items: entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.contentHtml,
      date_published: entry.published.toISOString(),
      date_modified: entry.updated.toISOString(),
      authors: [{ name: entry.author.name, url: entry.author.url }],
      tags: entry.tags.map((tag) => tag.name),
    })),
  }, null, 2)
}
