// The search page: a plain GET form, tabs for stories, people and publications (links, so it all
// works without JavaScript), and the hits with their matched words in <mark>.
import type { MarkedText } from '../db/full-text.ts'
import { Avatar, Layout, type ViewerSummary } from '../web/layout.tsx'
import { StoryCard, type CardStory } from '../web/components/story-card.tsx'
import { formatCount, plural } from '../web/format.ts'
import type { SearchType } from './service.ts'
import { QUERY_MAX } from './schemas.ts'

export type PersonResult = { username: string; name: string; image: string | null; nameMarked: MarkedText; bioMarked: MarkedText }
export type PublicationResult = { slug: string; name: string; nameMarked: MarkedText; taglineMarked: MarkedText }

export type SearchResults =
  | { type: 'stories'; hits: { card: CardStory; snippet: MarkedText }[] }
  | { type: 'people'; hits: PersonResult[] }
  | { type: 'publications'; hits: PublicationResult[] }

type SearchPageProps = {
  viewer: ViewerSummary | null
  q: string
  counts: Record<SearchType, number>
  results: SearchResults
  page: number
  nextHref: string | undefined
  previousHref: string | undefined
}

const TAB_NAMES: Record<SearchType, string> = { stories: 'Stories', people: 'People', publications: 'Publications' }
const NOUNS: Record<SearchType, [string, string]> = { stories: ['story', 'stories'], people: ['person', 'people'], publications: ['publication', 'publications'] }

/** A search results href (also what the tabs and the pager link to). */
export function searchHref(q: string, type: SearchType, page = 1): string {
  const params = new URLSearchParams({ q })
  if (type !== 'stories') params.set('type', type)
  if (page > 1) params.set('page', String(page))
  return `/search?${params}`
}

export function SearchPage({ viewer, q, counts, results, page, nextHref, previousHref }: SearchPageProps) {
  const query = q.trim()
  const path = query ? searchHref(query, results.type, page) : '/search'
  return (
    <Layout title={query ? `${query} · Search · Ovation` : 'Search · Ovation'} description="Search stories, writers and publications on Ovation." viewer={viewer} path={path} width="reading">
      <header class="search-header">
        <h1 class="search-header__title">{query ? <>Results for <span class="search-header__query">{query}</span></> : 'Search Ovation'}</h1>
        <form class="search-form" method="get" action="/search" role="search">
          <label class="visually-hidden" for="search-q">Search for</label>
          <input id="search-q" class="search-form__input" type="search" name="q" value={q} maxLength={QUERY_MAX} placeholder="Search stories, people, publications" />
          {results.type !== 'stories' && <input type="hidden" name="type" value={results.type} />}
          <button class="button button--dark" type="submit">Search</button>
        </form>
      </header>
      {query ? <Results query={query} counts={counts} results={results} page={page} nextHref={nextHref} previousHref={previousHref} /> : <Prompt />}
    </Layout>
  )
}

function Prompt() {
  return (
    <section class="search-prompt">
      <p class="search-prompt__lede">Find stories, writers and publications.</p>
      <ul class="search-prompt__tips">
        <li>Every word you type must match: <kbd>night trains</kbd></li>
        <li>Put a phrase in quotes to find those words together: <kbd>"night train"</kbd></li>
        <li>The last word may be the start of one: <kbd>sleep</kbd> finds “sleeper”</li>
      </ul>
    </section>
  )
}

function Results({ query, counts, results, page, nextHref, previousHref }: { query: string; counts: Record<SearchType, number>; results: SearchResults; page: number; nextHref: string | undefined; previousHref: string | undefined }) {
  const [one, many] = NOUNS[results.type]
  return (
    <>
      <nav class="search-tabs" aria-label="Kinds of results">
        {(Object.keys(TAB_NAMES) as SearchType[]).map((type) => (
          <a class={`search-tabs__tab${type === results.type ? ' search-tabs__tab--current' : ''}`} href={searchHref(query, type)} aria-current={type === results.type ? 'page' : undefined}>
            {TAB_NAMES[type]} <span class="search-tabs__count">{formatCount(counts[type])}</span>
          </a>
        ))}
      </nav>
      <p class="search-summary" role="status">
        {counts[results.type] ? `${plural(counts[results.type], one, many)} found${page > 1 ? `, page ${page}` : ''}` : `No ${many} match “${query}”. Try fewer or different words.`}
      </p>
      <ResultList results={results} />
      {(nextHref || previousHref) && (
        <p class="pager search-pager">
          {previousHref && <a class="button" href={previousHref} rel="prev">Previous</a>}
          {nextHref && <a class="button" href={nextHref} rel="next">More results</a>}
        </p>
      )}
    </>
  )
}

function ResultList({ results }: { results: SearchResults }) {
  if (!results.hits.length) return null
  switch (results.type) {
    case 'stories':
      return (
        <div class="story-list search-results">
          {results.hits.map((hit) => <StoryCard story={hit.card} snippet={hit.snippet.some((piece) => piece.match) ? <Marked text={hit.snippet} /> : undefined} />)}
        </div>
      )
    case 'people':
      return (
        <ul class="search-results search-people">
          {results.hits.map((person) => (
            <li class="search-person">
              <Avatar name={person.name} image={person.image} size={48} />
              <div>
                <a class="search-person__name" href={`/@${person.username}`}><Marked text={person.nameMarked} /></a>
                <span class="search-person__handle">@{person.username}</span>
                {person.bioMarked.length > 0 && <p class="search-person__bio"><Marked text={person.bioMarked} /></p>}
              </div>
            </li>
          ))}
        </ul>
      )
    case 'publications':
      return (
        <ul class="search-results search-publications">
          {results.hits.map((publication) => (
            <li class="search-publication">
              <a class="search-publication__name" href={`/${publication.slug}`}><Marked text={publication.nameMarked} /></a>
              {publication.taglineMarked.length > 0 && <p class="search-publication__tagline"><Marked text={publication.taglineMarked} /></p>}
            </li>
          ))}
        </ul>
      )
  }
}

/** Text with its matched words in <mark>; every piece is text, so Preact escapes it. */
export function Marked({ text }: { text: MarkedText }) {
  return <>{text.map((piece) => (piece.match ? <mark>{piece.text}</mark> : piece.text))}</>
}
