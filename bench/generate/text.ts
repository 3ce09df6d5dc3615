// Plausible story text built straight into the block document of src/stories/document/types.ts.
// Counting words with Intl.Segmenter (what wordCount does) runs at about a million words a
// second: 80 million words at full scale would take minutes. So text is assembled from a pool of
// sentences whose word counts are measured once with the real wordCount; a block's count is the
// sum of its sentences' (sentences end in punctuation, so joining them cannot merge two words).
// seed-scale.ts checks a sample of stories against wordCount/readingTimeMinutes themselves.
import type { Block, ListItem, Mark, StoryDocument, TextRun } from '../../src/stories/document/types.ts'
import { wordCount } from '../../src/stories/document/reading-time.ts'
import { int, logNormal, pick, type Random } from './random.ts'

const WORDS = (
  'time people way year work life day world story city river night train light house water place ' +
  'question answer reason idea system design language music paper garden window morning winter summer ' +
  'engineer writer reader editor teacher doctor market money value price company team product memory ' +
  'data model network signal error pattern habit attention silence distance history future moment ' +
  'build write read learn change open close carry follow notice measure forget remember explain choose ' +
  'quiet small large early late simple honest strange careful patient bright heavy slow quick rare common ' +
  'always often rarely never almost perhaps together alone again still already finally slowly quickly'
).split(' ')

const FILLERS = ['the', 'a', 'of', 'to', 'in', 'and', 'that', 'with', 'for', 'on', 'we', 'it', 'is', 'was', 'our', 'their', 'this']

const TOPICS = (
  'Programming,JavaScript,TypeScript,Python,Rust,Databases,PostgreSQL,SQLite,Web Development,Design,UX,' +
  'Product Management,Startups,Leadership,Management,Careers,Productivity,Writing,Books,Poetry,Fiction,' +
  'Science,Physics,Biology,Climate,Energy,Cities,Urbanism,Transport,Trains,Travel,Food,Cooking,Coffee,' +
  'Health,Mental Health,Fitness,Running,Music,Film,Photography,Art,History,Philosophy,Politics,Economics,' +
  'Finance,Investing,Education,Parenting,Relationships,Culture,Technology,Artificial Intelligence,' +
  'Machine Learning,Data Science,Security,Privacy,Open Source,Linux,DevOps,Cloud,Mobile,Gaming,Space'
).split(',')

const QUALIFIERS = ['Modern', 'Slow', 'Practical', 'Local', 'Applied', 'Small', 'Future', 'Open', 'Urban', 'Quiet']

const CODE = [
  { language: 'ts', text: 'const total = claps.reduce((sum, clap) => sum + clap.count, 0)\nconsole.log(total)' },
  { language: 'js', text: 'for (const story of stories) {\n  if (story.status === "published") publish(story)\n}' },
  { language: 'python', text: 'def reading_time(words):\n    return max(1, round(words / 265))' },
  { language: 'sql', text: 'select author_id, count(*) from stories\ngroup by author_id order by 2 desc limit 10;' },
  { language: 'sh', text: 'npm install && npm start\ncurl -s localhost:3000/health' },
  { language: 'rust', text: 'fn main() {\n    let words: Vec<&str> = text.split_whitespace().collect();\n}' },
]

export const IMAGES = ['/demo/images/ferry-route.svg', '/demo/images/night-skyline.svg', '/demo/images/tide-bulges.svg', '/demo/images/wenlow-hill.svg']

type Sentence = { text: string; words: number }

function countOf(text: string): number {
  return wordCount({ version: 1, blocks: [{ id: 'x', type: 'paragraph', content: [{ text }] }] })
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function titleCase(words: string[]): string {
  return words.map((word, i) => (i > 0 && FILLERS.includes(word) ? word : capitalise(word))).join(' ')
}

/** A topic list of about `count` distinct tag names: topics, then "Qualifier Topic" pairs. */
export function tagNames(count: number): string[] {
  const names = [...TOPICS]
  for (const qualifier of QUALIFIERS) for (const topic of TOPICS) names.push(`${qualifier} ${topic}`)
  return names.slice(0, count)
}

export type TextSource = {
  random: Random
  sentence: () => Sentence
  phrase: (min: number, max: number) => string
  /** A story body of about `targetWords` words; word count exact. */
  document: (targetWords: number, withImage: boolean) => { doc: StoryDocument; words: number; images: number }
  /** A short response: one to three paragraphs. */
  response: () => StoryDocument
  storyWords: () => number
}

export function textSource(random: Random, poolSize = 20_000): TextSource {
  const phrase = (min: number, max: number) => {
    const length = int(random, min, max)
    const words: string[] = []
    for (let i = 0; i < length; i += 1) words.push(i % 3 === 1 && random() < 0.6 ? pick(random, FILLERS) : pick(random, WORDS))
    return words.join(' ')
  }
  const pool: Sentence[] = []
  for (let i = 0; i < poolSize; i += 1) {
    let text = capitalise(phrase(5, 22))
    if (random() < 0.3) text = text.replace(/ (\w+) /, ' $1, ')
    if (random() < 0.05) text += ` in ${int(random, 1950, 2026)}`
    text += random() < 0.85 ? '.' : random() < 0.5 ? '?' : '!'
    pool.push({ text, words: countOf(text) })
  }
  const codeWords = CODE.map((code) => wordCount({ version: 1, blocks: [{ id: 'x', type: 'code', text: code.text }] }))
  const headings = Array.from({ length: 2000 }, () => {
    const text = titleCase(phrase(2, 6).split(' '))
    return { text, words: countOf(text) }
  })
  const sentence = () => pool[Math.floor(random() * pool.length)] as Sentence

  function ids() {
    const used = new Set<string>()
    return () => {
      let id = ''
      do id = Math.floor(random() * 2176782336).toString(36).padStart(6, '0')
      while (used.has(id))
      used.add(id)
      return id
    }
  }

  // A paragraph's sentences as runs; now and then one of them carries a mark.
  function paragraphRuns(sentences: number): { runs: TextRun[]; words: number } {
    const runs: TextRun[] = []
    let words = 0
    let plain = ''
    for (let i = 0; i < sentences; i += 1) {
      const s = sentence()
      words += s.words
      const separator = i > 0 ? ' ' : ''
      if (random() < 0.08) {
        runs.push({ text: plain + separator })
        plain = ''
        runs.push({ text: s.text, marks: [markFor()] })
      } else {
        plain += separator + s.text
      }
    }
    if (plain) runs.push({ text: plain })
    return { runs: runs.filter((run) => run.text !== ''), words }
  }

  function markFor(): Mark {
    const r = random()
    if (r < 0.4) return { type: 'italic' }
    if (r < 0.75) return { type: 'bold' }
    if (r < 0.85) return { type: 'code' }
    return { type: 'link', href: `https://example.com/${pick(random, WORDS)}/${int(random, 1, 999)}` }
  }

  function document(targetWords: number, withImage: boolean) {
    const blocks: Block[] = []
    const id = ids()
    let words = 0
    let images = 0
    while (words < targetWords) {
      const r = random()
      if (blocks.length > 2 && r < 0.07) {
        const heading = pick(random, headings)
        blocks.push({ id: id(), type: 'heading', level: random() < 0.8 ? 2 : 3, content: [{ text: heading.text }] })
        words += heading.words
      } else if (r < 0.1) {
        const s = sentence()
        blocks.push({ id: id(), type: random() < 0.7 ? 'quote' : 'pullquote', content: [{ text: s.text }] })
        words += s.words
      } else if (r < 0.14) {
        const items: ListItem[] = []
        for (let i = int(random, 2, 6); i > 0; i -= 1) {
          const s = sentence()
          items.push({ id: id(), content: [{ text: s.text }] })
          words += s.words
        }
        blocks.push({ id: id(), type: 'list', ordered: random() < 0.4, items })
      } else if (r < 0.16) {
        const index = Math.floor(random() * CODE.length)
        const code = CODE[index] as (typeof CODE)[number]
        blocks.push({ id: id(), type: 'code', language: code.language, text: code.text })
        words += codeWords[index] as number
      } else if (r < 0.17 && blocks.length > 3) {
        blocks.push({ id: id(), type: 'divider' })
      } else {
        const { runs, words: count } = paragraphRuns(int(random, 2, 6))
        blocks.push({ id: id(), type: 'paragraph', content: runs })
        words += count
      }
      if (withImage && images === 0 && blocks.length === 3) {
        const caption = sentence()
        blocks.push({ id: id(), type: 'image', src: pick(random, IMAGES), alt: phrase(3, 6), caption: [{ text: caption.text }], width: 1200, height: 800 })
        words += caption.words
        images += 1
      }
    }
    return { doc: { version: 1 as const, blocks }, words, images }
  }

  function response(): StoryDocument {
    const id = ids()
    const blocks: Block[] = []
    for (let i = int(random, 1, 3); i > 0; i -= 1) blocks.push({ id: id(), type: 'paragraph', content: paragraphRuns(int(random, 1, 4)).runs })
    return { version: 1, blocks }
  }

  // Median ~700 words (a 3-minute read), a long tail past 3,000, a floor of a short note.
  const storyWords = () => Math.round(Math.min(6000, Math.max(60, logNormal(random, 700, 0.7))))

  return { random, sentence, phrase, document, response, storyWords }
}
