// Metadata for search engines, link previews and feed readers, as elements for Layout's `head`:
// OpenGraph and Twitter cards, feed links, robots, oEmbed discovery and JSON-LD. Pure: props in,
// elements out; every URL given is absolute.
import type { VNode } from 'preact'
import { jsonLdText, SITE_NAME } from './json-ld.ts'

export type SocialMetaProps = {
  type: 'website' | 'article' | 'profile'
  title: string
  description: string
  url: string
  image?: string | undefined
}

/** OpenGraph (https://ogp.me) and Twitter card tags. */
export function SocialMeta({ type, title, description, url, image }: SocialMetaProps) {
  return (
    <>
      <meta property="og:site_name" content={SITE_NAME} />
      <meta property="og:type" content={type} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      {image && <meta property="og:image" content={image} />}
      <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={description} />
      {image && <meta name="twitter:image" content={image} />}
    </>
  )
}

export type ArticleMetaProps = {
  publishedAt: Date | null
  updatedAt: Date
  author: { name: string; url: string }
  section: string | undefined
  tags: string[]
}

/** OpenGraph's article properties, and the author for engines that read <meta name="author">. */
export function ArticleMeta({ publishedAt, updatedAt, author, section, tags }: ArticleMetaProps) {
  return (
    <>
      <meta name="author" content={author.name} />
      {publishedAt && <meta property="article:published_time" content={publishedAt.toISOString()} />}
      <meta property="article:modified_time" content={updatedAt.toISOString()} />
      <meta property="article:author" content={author.url} />
      {section && <meta property="article:section" content={section} />}
      {tags.map((tag) => <meta property="article:tag" content={tag} />)}
    </>
  )
}

/** RSS, Atom and JSON Feed links for a page; `rss` is the RSS feed's absolute URL. */
export function FeedLinks({ title, rss }: { title: string; rss: string }) {
  return (
    <>
      <link rel="alternate" type="application/rss+xml" title={title} href={rss} />
      <link rel="alternate" type="application/atom+xml" title={title} href={`${rss}.atom`} />
      <link rel="alternate" type="application/feed+json" title={title} href={`${rss}.json`} />
    </>
  )
}

/** Structured data; its text is escaped so nothing in it can close the script element. */
export function JsonLd({ data }: { data: unknown }): VNode {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />
}

/** Keeps a page out of search results (drafts, unlisted stories, account pages). */
export function Noindex() {
  return <meta name="robots" content="noindex" />
}

/** oEmbed discovery (https://oembed.com/#section4) for a story's absolute URL. */
export function OEmbedLink({ baseUrl, url, title }: { baseUrl: string; url: string; title: string }) {
  return <link rel="alternate" type="application/json+oembed" title={title} href={`${baseUrl}/oembed?url=${encodeURIComponent(url)}&format=json`} />
}

export function Canonical({ url }: { url: string }) {
  return <link rel="canonical" href={url} />
}
