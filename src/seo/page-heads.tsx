// The <head> additions of each public page, assembled from the pieces in page-meta.tsx. The
// page routes call these with what they already loaded and pass the result to their view.
import type { StoryStatus } from '../db/schema.ts'
import type { VNode } from 'preact'
import { safeImageSrc } from '../stories/document/render-html.ts'
import type { StoryDocument } from '../stories/document/types.ts'
import { articleLd, organizationLd, personLd, websiteLd } from './json-ld.ts'
import { ArticleMeta, Canonical, FeedLinks, JsonLd, Noindex, OEmbedLink, SocialMeta } from './page-meta.tsx'

/** The address of a list page: ?page=N past the first. */
function listUrl(baseUrl: string, path: string, page: number): string {
  return page > 1 ? `${baseUrl}${path}?page=${page}` : `${baseUrl}${path}`
}

const logoOf = (baseUrl: string) => `${baseUrl}/favicon.svg`

/**
 * The story's first image as an absolute URL, for link previews of stories without a cover
 * image; undefined when it has none we would show.
 */
export function firstImageUrl(document: StoryDocument, baseUrl: string): string | undefined {
  for (const block of document.blocks) {
    if (block.type !== 'image') continue
    const src = safeImageSrc(block.src)
    if (src) return src.startsWith('/') ? baseUrl + src : src
  }
  return undefined
}

export type StoryHeadInput = {
  baseUrl: string
  path: string
  title: string
  description: string
  author: { username: string; name: string }
  publication: { slug: string; name: string } | null
  publishedAt: Date | null
  updatedAt: Date
  tags: string[]
  status: StoryStatus
  /** The body's first image as an absolute URL (see firstImageUrl), used when there is no cover. */
  firstImage: string | undefined
  /** The cover image (a site path or an http(s) URL), preferred to the body's first image. */
  cover?: string | null | undefined
}

/** A story page's metadata. Its canonical link is the Layout's (the story's own canonical URL). */
export function storyHead(input: StoryHeadInput): VNode {
  const { baseUrl } = input
  const url = baseUrl + input.path
  const cover = input.cover ? safeImageSrc(input.cover) : undefined
  const image = cover ? (cover.startsWith('/') ? baseUrl + cover : cover) : input.firstImage
  const author = { name: input.author.name, url: `${baseUrl}/@${input.author.username}` }
  const publisher = input.publication
    ? { name: input.publication.name, url: `${baseUrl}/${input.publication.slug}` }
    : { name: 'Ovation', url: `${baseUrl}/` }
  const listed = input.status === 'published'
  return (
    <>
      {!listed && <Noindex />}
      <SocialMeta type="article" title={input.title} description={input.description} url={url} image={image} />
      <ArticleMeta publishedAt={input.publishedAt} updatedAt={input.updatedAt} author={author} section={input.publication?.name} tags={input.tags} />
      {listed && <OEmbedLink baseUrl={baseUrl} url={url} title={input.title} />}
      <JsonLd data={articleLd({ url, title: input.title, description: input.description, publishedAt: input.publishedAt, updatedAt: input.updatedAt, author, publisher, image, tags: input.tags, logo: logoOf(baseUrl) })} />
    </>
  )
}

export type ProfileHeadInput = {
  baseUrl: string
  person: { username: string; name: string; bio: string | null; image: string | null }
  description: string
  page: number
}

export function profileHead({ baseUrl, person, description, page }: ProfileHeadInput): VNode {
  const path = `/@${person.username}`
  const url = baseUrl + path
  const image = person.image && /^https?:\/\//i.test(person.image) ? person.image : undefined
  return (
    <>
      <Canonical url={listUrl(baseUrl, path, page)} />
      <SocialMeta type="profile" title={person.name} description={description} url={url} image={image} />
      <meta property="profile:username" content={person.username} />
      <FeedLinks title={`Stories by ${person.name}`} rss={`${baseUrl}/feed${path}`} />
      <JsonLd data={personLd({ name: person.name, url, description: person.bio, image: image ?? null })} />
    </>
  )
}

export type PublicationHeadInput = {
  baseUrl: string
  publication: { slug: string; name: string; tagline: string | null }
  description: string
  page: number
}

export function publicationHead({ baseUrl, publication, description, page }: PublicationHeadInput): VNode {
  const path = `/${publication.slug}`
  const url = baseUrl + path
  return (
    <>
      <Canonical url={listUrl(baseUrl, path, page)} />
      <SocialMeta type="website" title={publication.name} description={description} url={url} />
      <FeedLinks title={publication.name} rss={`${baseUrl}/feed${path}`} />
      <JsonLd data={organizationLd({ name: publication.name, url, description: publication.tagline, logo: logoOf(baseUrl) })} />
    </>
  )
}

export function homeHead({ baseUrl, title, description, page }: { baseUrl: string; title: string; description: string; page: number }): VNode {
  return (
    <>
      <Canonical url={listUrl(baseUrl, '/', page)} />
      <SocialMeta type="website" title={title} description={description} url={`${baseUrl}/`} />
      <FeedLinks title="Ovation" rss={`${baseUrl}/feed`} />
      <JsonLd data={websiteLd({ baseUrl, description })} />
    </>
  )
}

/** A tag page; `key` is the tag's URL form ("slow-travel"). */
export function tagHead({ baseUrl, key, name, description, page }: { baseUrl: string; key: string; name: string; description: string; page: number }): VNode {
  const path = `/tag/${encodeURIComponent(key)}`
  return (
    <>
      <Canonical url={listUrl(baseUrl, path, page)} />
      <SocialMeta type="website" title={name} description={description} url={baseUrl + path} />
      <FeedLinks title={`${name} on Ovation`} rss={`${baseUrl}/feed${path}`} />
    </>
  )
}
