// Addresses a publication may not take: a publication lives at /<slug>, beside Ovation's own
// top-level routes. routes.test.ts checks that every first path segment the app registers is
// here, so a feature adding a route cannot be shadowed by (or shadow) a publication; the rest
// are names kept for pages to come and names that would mislead readers.
const RESERVED = new Set([
  // routes that exist
  'api', 'assets', 'claps', 'demo', 'edit', 'favicon.ico', 'favicon.svg', 'feed', 'health', 'new-story', 'oembed', 'publications',
  'responses', 'robots.txt', 'healthz', 'readyz', 'livez', 'metrics', 'me', 'lists', 'media', 'feed.atom', 'feed.json', 'feed.xml', 'search', 'settings', 'signin', 'signout', 'signup', 'password-reset', 'verify-email', 'sitemap.xml', 'sitemaps', 'tag', 'new-publication',
  // kept for what is coming and what would mislead
  'about', 'account', 'admin', 'administrator', 'auth', 'blog', 'docs', 'download', 'export', 'explore', 'feeds', 'followers', 'following',
  'help', 'home', 'import', 'invitations', 'lists', 'login', 'logout', 'me', 'media', 'metrics', 'notifications', 'ovation', 'policy',
  'privacy', 'register', 'rss', 'security', 'static', 'stats', 'status', 'stories', 'studio', 'support', 'tags', 'terms', 'topics',
  'uploads', 'user', 'users', 'www', 'write', 'new', 'drafts', 'submissions', 'reading-list', 'highlights', 'activitypub', 'well-known',
])

export function isReservedSlug(slug: string): boolean {
  return RESERVED.has(slug.toLowerCase())
}
