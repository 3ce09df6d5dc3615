// Sitemaps (https://www.sitemaps.org/protocol.html): /sitemap.xml is an index of sitemaps, each
// of at most 50,000 URLs, one set per kind of page, cut by id ranges.
import type { Db } from '../db/database.ts'
import { toDate } from '../db/codecs.ts'
import * as q from './queries.ts'

/** The protocol's limit of URLs in one sitemap. */
export const SITEMAP_SIZE = 50_000

export const SITEMAP_KINDS = ['stories', 'people', 'publications', 'tags'] as const
export type SitemapKind = (typeof SITEMAP_KINDS)[number]

type Url = { loc: string; lastmod: Date | string | null }

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] as string)
}

function lastmodElement(value: Date | string | null): string {
  return value === null ? '' : `<lastmod>${toDate(value).toISOString()}</lastmod>`
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9'

/** The sitemap index: one entry per non-empty chunk of each kind. */
export async function sitemapIndex(db: Db, baseUrl: string, size = SITEMAP_SIZE): Promise<string> {
  const [stories, people, publications, tags] = await Promise.all([
    q.storyChunks(db.kysely, size),
    q.peopleChunks(db.kysely, size),
    q.publicationChunks(db.kysely, size),
    q.tagChunks(db.kysely, size),
  ])
  const chunks: Record<SitemapKind, q.Chunk[]> = { stories, people, publications, tags }
  const entries = SITEMAP_KINDS.flatMap((kind) => chunks[kind].map(({ chunk, lastmod }) =>
    `<sitemap><loc>${escapeXml(`${baseUrl}/sitemaps/${kind}-${Number(chunk)}.xml`)}</loc>${lastmodElement(lastmod)}</sitemap>`))
  return `${XML_HEAD}<sitemapindex xmlns="${NS}">\n${entries.join('\n')}\n</sitemapindex>\n`
}

/** One chunk of one kind (chunk 1 holds ids 1..size); empty when nothing public is in it. */
export async function sitemapChunk(db: Db, baseUrl: string, kind: SitemapKind, chunk: number, size = SITEMAP_SIZE): Promise<string> {
  const from = (chunk - 1) * size + 1
  const to = chunk * size
  const urls = await urlsOf(db, baseUrl, kind, from, to)
  const entries = urls.map(({ loc, lastmod }) => `<url><loc>${escapeXml(loc)}</loc>${lastmodElement(lastmod)}</url>`)
  return `${XML_HEAD}<urlset xmlns="${NS}">\n${entries.join('\n')}\n</urlset>\n`
}

async function urlsOf(db: Db, baseUrl: string, kind: SitemapKind, from: number, to: number): Promise<Url[]> {
  switch (kind) {
    case 'stories':
      // The story's address as the stories feature builds it (storyPath): under its publication
      // when it has one, else under its author. The sitemap test follows every loc.
      return (await q.storiesInRange(db.kysely, from, to)).map((row) => ({
        loc: `${baseUrl}/${row.publication_slug ?? `@${row.username}`}/${row.slug}-${row.short_id}`,
        lastmod: row.lastmod,
      }))
    case 'people':
      return (await q.peopleInRange(db.kysely, from, to)).map((row) => ({ loc: `${baseUrl}/@${row.username}`, lastmod: row.lastmod }))
    case 'publications':
      return (await q.publicationsInRange(db.kysely, from, to)).map((row) => ({ loc: `${baseUrl}/${row.slug}`, lastmod: row.lastmod }))
    case 'tags':
      return (await q.tagsInRange(db.kysely, from, to)).map((row) => ({ loc: `${baseUrl}/tag/${encodeURIComponent(row.key)}`, lastmod: row.lastmod }))
  }
}

export function robotsTxt(baseUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /',
    'Disallow: /api/',
    'Disallow: /edit/',
    'Disallow: /settings',
    'Disallow: /new-story',
    '',
    `Sitemap: ${baseUrl}/sitemap.xml`,
    '',
  ].join('\n')
}
