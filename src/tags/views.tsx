// A tag page: the topic's name, counts and Follow button, related tags, then its stories in
// one of four orders, each a plain link (no JavaScript needed).
import type { ComponentChildren } from 'preact'
import { Layout, type ViewerSummary } from '../web/layout.tsx'
import { StoryList, type CardStory } from '../web/components/story-card.tsx'
import { plural } from '../web/format.ts'
import type { TagPageData, TagSort } from './service.ts'

const SORT_LABELS: Record<TagSort, string> = {
  latest: 'Latest',
  week: 'Top this week',
  month: 'Top this month',
  all: 'Top of all time',
}

/** A tag page's address in an order, at a page (the first page and latest order stay bare). */
export function tagHref(key: string, sort: TagSort, page = 1): string {
  const params = new URLSearchParams()
  if (sort !== 'latest') params.set('sort', sort)
  if (page > 1) params.set('page', String(page))
  const query = params.toString()
  return `/tag/${encodeURIComponent(key)}${query ? `?${query}` : ''}`
}

type TagPageProps = {
  viewer: ViewerSummary | null
  tag: TagPageData
  sort: TagSort
  page: number
  moreHref: string | undefined
  head?: ComponentChildren
}

export function TagPage({ viewer, tag, sort, page, moreHref, head }: TagPageProps) {
  const path = tagHref(tag.key, sort, page)
  return (
    <Layout title={`${tag.name} · Ovation`} description={`Stories about ${tag.name} on Ovation.`} viewer={viewer} path={path} head={head}>
      <header class="page-header tag-header">
        <p class="page-header__kicker">Topic</p>
        <h1 class="page-header__title">{tag.name}</h1>
        <p class="page-header__meta">
          {plural(tag.count, 'story', 'stories')} · {plural(tag.followersCount, 'follower')}
        </p>
        {(tag.followable || tag.following) && <TagFollowButton tagKey={tag.key} following={tag.following} back={path} />}
        {tag.related.length > 0 && (
          <section class="tag-related" aria-labelledby="related-tags-title">
            <h2 id="related-tags-title" class="tag-related__title">Related tags</h2>
            <ul class="tag-list tag-related__list">
              {tag.related.map((related) => <li><a class="tag" href={tagHref(related.key, 'latest')}>{related.name}</a></li>)}
            </ul>
          </section>
        )}
      </header>
      <SortTabs tagKey={tag.key} sort={sort} />
      <StoryList stories={tag.cards} empty={sort === 'latest' ? 'No stories with this tag yet.' : 'No stories with this tag have been applauded yet.'} />
      {moreHref && (
        <p class="pager tag-pager">
          <a class="button" href={moreHref} rel="next">{sort === 'latest' ? 'Older stories' : 'More stories'}</a>
        </p>
      )}
    </Layout>
  )
}

function SortTabs({ tagKey, sort }: { tagKey: string; sort: TagSort }) {
  return (
    <nav class="sort-tabs" aria-label="Sort stories">
      <ul class="sort-tabs__list">
        {(Object.keys(SORT_LABELS) as TagSort[]).map((option) => (
          <li>
            <a class="sort-tabs__link" href={tagHref(tagKey, option)} aria-current={option === sort ? 'page' : undefined}>{SORT_LABELS[option]}</a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** Follow and unfollow a tag as a plain form that returns to the page it was pressed on. */
function TagFollowButton({ tagKey, following, back }: { tagKey: string; following: boolean; back: string }) {
  return (
    <form method="post" action={`/tag/${encodeURIComponent(tagKey)}/${following ? 'unfollow' : 'follow'}`} class="follow-form tag-header__follow">
      <input type="hidden" name="next" value={back} />
      <button type="submit" class={`follow-button${following ? ' follow-button--following' : ''}`} aria-pressed={following ? 'true' : 'false'}>
        {following ? 'Following' : 'Follow'}
      </button>
    </form>
  )
}
