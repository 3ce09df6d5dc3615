// Structured data (schema.org JSON-LD) for search engines, and the one safe way to put it in a
// page: inside <script type="application/ld+json"> nothing is escaped by HTML, so "</script>"
// or "<!--" in a title would end the block. JSON allows \uXXXX escapes in strings (the only
// place these characters can appear), so they are written that way; U+2028/9 too, for old
// JavaScript parsers.

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g

/** JSON text that cannot leave the <script> element it is placed in. */
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(UNSAFE_IN_SCRIPT, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

const CONTEXT = 'https://schema.org'
export const SITE_NAME = 'Ovation'

export type ArticleLdInput = {
  url: string
  title: string
  description: string
  publishedAt: Date | null
  updatedAt: Date
  author: { name: string; url: string }
  /** The publication the story appeared in; the site itself otherwise. */
  publisher: { name: string; url: string }
  image: string | undefined
  tags: string[]
  logo: string
}

export function articleLd(input: ArticleLdInput) {
  return {
    '@context': CONTEXT,
    '@type': 'Article',
    headline: input.title,
    description: input.description,
    url: input.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    ...(input.publishedAt ? { datePublished: input.publishedAt.toISOString() } : {}),
    dateModified: input.updatedAt.toISOString(),
    author: { '@type': 'Person', name: input.author.name, url: input.author.url },
    publisher: { '@type': 'Organization', name: input.publisher.name, url: input.publisher.url, logo: { '@type': 'ImageObject', url: input.logo } },
    ...(input.image ? { image: [input.image] } : {}),
    ...(input.tags.length ? { keywords: input.tags.join(', ') } : {}),
  }
}

export function personLd(input: { name: string; url: string; description: string | null; image: string | null }) {
  return {
    '@context': CONTEXT,
    '@type': 'Person',
    name: input.name,
    url: input.url,
    ...(input.description ? { description: input.description } : {}),
    ...(input.image ? { image: input.image } : {}),
  }
}

export function organizationLd(input: { name: string; url: string; description: string | null; logo: string }) {
  return {
    '@context': CONTEXT,
    '@type': 'Organization',
    name: input.name,
    url: input.url,
    ...(input.description ? { description: input.description } : {}),
    logo: input.logo,
  }
}

export function websiteLd(input: { baseUrl: string; description: string }) {
  return {
    '@context': CONTEXT,
    '@type': 'WebSite',
    name: SITE_NAME,
    url: `${input.baseUrl}/`,
    description: input.description,
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${input.baseUrl}/search?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  }
}
