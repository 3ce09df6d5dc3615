import type { ComponentChildren } from 'preact'
import { assetUrls } from './assets.ts'
import { themeScript } from './theme.ts'

/** What the page chrome needs to know of the signed-in reader. */
export type ViewerSummary = { username: string; name: string; image: string | null }

export type LayoutProps = {
  title: string
  description?: string
  viewer: ViewerSummary | null
  /** Where sign-in should return to (the current page). */
  path?: string
  canonical?: string
  children: ComponentChildren
  /** The page's main column width: 'reading' for stories, 'wide' for lists. */
  width?: 'reading' | 'wide' | 'narrow'
  /** Extra elements for <head>: link-preview metadata, feed links, structured data. */
  head?: ComponentChildren
  /** The account links, when the page supplies them itself (a template's slot mark, see slots.ts). */
  nav?: ComponentChildren
}

export function Layout({ title, description, viewer, path, canonical, children, width = 'wide', head, nav }: LayoutProps) {
  const assets = assetUrls()
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {description && <meta name="description" content={description} />}
        {canonical && <link rel="canonical" href={canonical} />}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {/* Before the stylesheet, so the reader's theme is set before anything paints. */}
        <script data-theme-script dangerouslySetInnerHTML={{ __html: themeScript }} />
        {/* The body face, fetched beside the stylesheet rather than after it: on a warm or fast
            connection it is there for the first paint (fonts.css says why nothing swaps later). */}
        <link rel="preload" href={assets.font} as="font" type="font/woff2" crossorigin="anonymous" />
        <link rel="stylesheet" href={assets.style} />
        <script type="module" src={assets.app} />
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href="/">Ovation</a>
            <form class="site-search" method="get" action="/search" role="search" aria-label="Site">
              <label class="visually-hidden" for="site-search-q">Search Ovation</label>
              <input id="site-search-q" class="site-search__input" type="search" name="q" placeholder="Search" maxLength={200} />
            </form>
            {/* Shown by src/web/client/theme.ts: without JavaScript the system setting decides. */}
            <button class="theme-toggle" type="button" aria-pressed="false" data-theme-toggle hidden>
              <span class="visually-hidden">Dark theme</span>
              <svg class="theme-toggle__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path d="M20 14.5A8.5 8.5 0 0 1 9.5 4a8.5 8.5 0 1 0 10.5 10.5z" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round" />
              </svg>
            </button>
            <nav class="site-nav" aria-label="Account">
              {nav ?? <SiteNav viewer={viewer} path={path} />}
            </nav>
          </div>
        </header>
        <main id="main" class={`main main--${width}`}>
          {children}
        </main>
        <footer class="site-footer">
          <p>
            Ovation · <a href="/api/openapi.json">API</a>
          </p>
        </footer>
      </body>
    </html>
  )
}

/** The header's account links: sign in and up, or the reader's own. */
export function SiteNav({ viewer, path }: { viewer: ViewerSummary | null; path?: string | undefined }) {
  return viewer ? <SignedInNav viewer={viewer} /> : <SignedOutNav path={path} />
}

function SignedOutNav({ path }: { path?: string | undefined }) {
  const next = path && path !== '/' ? `?next=${encodeURIComponent(path)}` : ''
  return (
    <>
      <a class="nav-link" href={`/signin${next}`}>Sign in</a>
      <a class="button button--dark" href={`/signup${next}`}>Get started</a>
    </>
  )
}

function SignedInNav({ viewer }: { viewer: ViewerSummary }) {
  return (
    <>
      <a class="nav-link nav-link--write" href="/new-story"><span class="nav-link__label">Write</span></a>
      <a class="nav-link nav-link--secondary" href="/me/stories">Your stories</a>
      <a class="nav-link nav-link--secondary" href="/me/lists">Lists</a>
      {/* Issue 5: the unread count arrives by a small JSON call (src/web/client/notifications.ts),
          so pages stay the same for every request of a reader. */}
      <a class="nav-link nav-notifications" href="/notifications" data-notifications>
        <span class="nav-notifications__label">Notifications</span>
        <span class="nav-notifications__count" data-unread-count hidden />
      </a>
      <a class="nav-link nav-link--secondary" href="/settings">Settings</a>
      <a class="nav-avatar" href={`/@${viewer.username}`} title={viewer.name}>
        <Avatar name={viewer.name} image={viewer.image} size={32} />
      </a>
      <form method="post" action="/signout" class="inline-form">
        <button class="nav-link nav-link--button" type="submit">Sign out</button>
      </form>
    </>
  )
}

/** A round avatar: the image when there is a safe one, else the initial on a tinted disc. */
export function Avatar({ name, image, size }: { name: string; image: string | null; size: 24 | 32 | 48 | 64 }) {
  if (image && /^https?:\/\//i.test(image)) {
    return <img class={`avatar avatar--${size}`} src={image} alt="" width={size} height={size} loading="lazy" />
  }
  const initial = (name.trim()[0] ?? '?').toUpperCase()
  // A tint chosen from the name, by class: the CSP allows no inline styles.
  const tone = [...name].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 8
  return (
    <span class={`avatar avatar--initial avatar--${size} avatar--tone-${tone}`} aria-hidden="true">
      {initial}
    </span>
  )
}
