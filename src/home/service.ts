// Trending: the stories readers are applauding now, for the home page.
//
// score(story) = Σ over its claps rows updated in the last 7 days of
//                (claps + 5) · 0.5^(age in hours / 24)
// Each row is one reader (a fan) and their claps on the story; updated_at is when they last
// clapped. The +5 per fan favours breadth over depth (ten readers clapping once, 60, outweigh
// one reader clapping fifty, 55), and the weight halves every day (yesterday's claps count
// half, last week's a hundredth), so a burst twice the size of another ranks below it once it
// is more than a day older: the list follows what readers applaud now. SQL selects a bounded set
// of recent rows and JS applies the decay, which has no portable spelling in SQL.
import type { Db } from '../db/database.ts'
import { toDate } from '../db/codecs.ts'
import { storiesByIds, toCard } from '../stories/service.ts'
import type { CardStory } from '../web/components/story-card.tsx'
import * as q from './queries.ts'

export const TRENDING_DAYS = 7
export const FAN_WEIGHT = 5
export const HALF_LIFE_HOURS = 24
/** The most recent claps rows scored: bounds the work on a busy site (see recentClaps). */
const CANDIDATE_ROWS = 5000
const HOUR_MS = 60 * 60 * 1000

/** Story ids by trending score, highest first; ties go to the newer story id. */
export function trendingScores(rows: q.RecentClap[], now: Date): { storyId: number; score: number }[] {
  const scores = new Map<number, number>()
  for (const row of rows) {
    const ageHours = Math.max(0, (now.getTime() - toDate(row.updated_at).getTime()) / HOUR_MS)
    const weight = (row.count + FAN_WEIGHT) * 0.5 ** (ageHours / HALF_LIFE_HOURS)
    scores.set(row.story_id, (scores.get(row.story_id) ?? 0) + weight)
  }
  return [...scores].map(([storyId, score]) => ({ storyId, score })).sort((a, b) => b.score - a.score || b.storyId - a.storyId)
}

/** The trending stories as cards, computed now (the home page uses the cached trendingCards). */
export async function trendingStories(db: Db, limit: number, now = new Date()): Promise<CardStory[]> {
  const since = new Date(now.getTime() - TRENDING_DAYS * 24 * HOUR_MS)
  const ranked = trendingScores(await q.recentClaps(db.kysely, since, CANDIDATE_ROWS), now).slice(0, limit)
  const stories = await storiesByIds(db, ranked.map((entry) => entry.storyId), null)
  return stories.filter((story) => story.row.status === 'published').map(toCard)
}

/**
 * The trending stories, the same for every reader, so kept for a minute per process: a clap
 * shows up in the ranking that much later, which a reader cannot tell from a quiet minute.
 */
export async function trendingCards(db: Db, limit: number): Promise<CardStory[]> {
  const cached = trendingCache.get(db)
  if (cached && cached.limit === limit && Date.now() - cached.at < TRENDING_CACHE_MS) return cached.cards
  const cards = await trendingStories(db, limit)
  trendingCache.set(db, { at: Date.now(), limit, cards })
  return cards
}
const TRENDING_CACHE_MS = 60_000
const trendingCache = new WeakMap<Db, { at: number; limit: number; cards: CardStory[] }>()
