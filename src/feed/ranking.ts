// "For you": how a signed-in reader's home page ranks stories. Candidates are the recent stories
// from what the reader follows (writers, publications, tags), the most applauded recent stories
// of the whole site, and its newest few (so a new reader finds something); each gets
//
//   score = (1 + follow + ln(1 + claps) / 2 + ln(1 + fans)) · 0.5^(age in hours / 48) · seen
//
//   follow  4 when the reader follows the writer or the publication, 2 when only one of the
//           story's tags, 0 for a story the site is applauding that the reader follows nothing of
//           (so a new story from a followed writer outranks one that three readers gave ten
//           claps each, 5 against 4.1, but not one that dozens are applauding)
//   claps   the story's clap total; fans, how many readers clapped (breadth counts more than
//           one enthusiast's fifty, as on the trending list)
//   age     since publication: the weight halves every two days, so today's story from a
//           followed writer outranks last week's hit
//   seen    0.25 when the reader already clapped for or highlighted the story (they have read
//           it), else 1: it sinks but does not vanish
//
// Ties go to the newer story, then the higher id, so the order is total and pages are stable.

export const FOLLOW_WRITER_WEIGHT = 4
export const FOLLOW_TAG_WEIGHT = 2
export const HALF_LIFE_HOURS = 48
export const SEEN_FACTOR = 0.25

export type Candidate = {
  id: number
  publishedAt: Date
  claps: number
  fans: number
  /** 'source': a followed writer or publication; 'tag': a followed tag only. */
  followed: 'source' | 'tag' | null
  /** The reader clapped for or highlighted it. */
  seen: boolean
}

export function forYouScore(candidate: Candidate, now: Date): number {
  const follow = candidate.followed === 'source' ? FOLLOW_WRITER_WEIGHT : candidate.followed === 'tag' ? FOLLOW_TAG_WEIGHT : 0
  const ageHours = Math.max(0, (now.getTime() - candidate.publishedAt.getTime()) / 3_600_000)
  const base = 1 + follow + Math.log1p(candidate.claps) / 2 + Math.log1p(candidate.fans)
  return base * 0.5 ** (ageHours / HALF_LIFE_HOURS) * (candidate.seen ? SEEN_FACTOR : 1)
}

/** Candidates best first. */
export function rankForYou(candidates: Candidate[], now: Date): Candidate[] {
  const scored = candidates.map((candidate) => ({ candidate, score: forYouScore(candidate, now) }))
  scored.sort((a, b) => b.score - a.score || b.candidate.publishedAt.getTime() - a.candidate.publishedAt.getTime() || b.candidate.id - a.candidate.id)
  return scored.map((entry) => entry.candidate)
}
