// The demo site: people, two publications, a dozen stories written for Ovation, claps, follows
// and responses, so a newcomer's first `npm start` shows a living site. Everything goes through
// the same services as real use, so the demo obeys every rule the product does.
import { readdirSync, readFileSync } from 'node:fs'
import type { Db } from '../db/database.ts'
import type { MembershipRole } from '../db/schema.ts'
import { signUp, updateUser } from '../accounts/service.ts'
import { follow } from '../profiles/service.ts'
import { createPublication, setMember } from '../publications/service.ts'
import { createStory, publishSubmission } from '../stories/service.ts'
import { clap } from '../claps/service.ts'
import { respond } from '../responses/service.ts'
import { markdownToDocument } from '../stories/document/from-markdown.ts'
import type { StoryDocument } from '../stories/document/types.ts'

const content = new URL('./content/', import.meta.url)

type Site = {
  password: string
  users: { username: string; email: string; name: string; bio: string; image: string | null }[]
  publications: { slug: string; name: string; tagline: string; description?: string; members: { username: string; role: MembershipRole; title: string }[] }[]
  follows: { follower: string; following: string }[]
  claps: { story: string; reader: string; count: number }[]
  responses: { story: string; author: string; body: string }[]
}

type DemoStory = { file: string; meta: Record<string, string>; body: string }

/** Seeds the demo when the database has no users yet; a no-op otherwise. */
export async function seedDemoIfEmpty(db: Db, log: (line: string) => void): Promise<boolean> {
  const anyone = await db.kysely.selectFrom('users').select('id').limit(1).executeTakeFirst()
  if (anyone) return false
  await seedDemo(db, log)
  return true
}

export async function seedDemo(db: Db, log: (line: string) => void): Promise<void> {
  const site = JSON.parse(readFileSync(new URL('site.json', content), 'utf8')) as Site
  const stories = readStories()
  const total = site.users.length + site.publications.length + stories.length + site.follows.length + site.claps.length + site.responses.length
  let done = 0
  const step = (what: string) => {
    done += 1
    log(`demo: [${String(done).padStart(String(total).length)}/${total}] ${what}`)
  }

  const ids = new Map<string, number>()
  for (const person of site.users) {
    const user = await signUp(db, { username: person.username, email: person.email, password: site.password, name: person.name })
    await updateUser(db, user.id, { bio: person.bio, image: person.image })
    ids.set(person.username, user.id)
    step(`writer @${person.username}`)
  }
  const idOf = (username: string) => {
    const id = ids.get(username)
    if (id === undefined) throw new Error(`demo content names an unknown user: ${username}`)
    return id
  }

  for (const publication of site.publications) {
    const owner = publication.members.find((member) => member.role === 'owner')
    if (!owner) throw new Error(`demo publication ${publication.slug} has no owner`)
    const id = await createPublication(db, { slug: publication.slug, name: publication.name, tagline: publication.tagline, description: publication.description, ownerId: idOf(owner.username), ownerTitle: owner.title })
    for (const member of publication.members) {
      if (member !== owner) await setMember(db, id, idOf(member.username), member.role, member.title)
    }
    step(`publication /${publication.slug}`)
  }

  const slugs = new Map<string, string>()
  for (const story of stories) {
    const created = await createStory(db, idOf(story.meta.author ?? ''), {
      title: story.meta.title,
      subtitle: story.meta.subtitle,
      body: story.body,
      document: withImageSizes(markdownToDocument(story.body)),
      tags: (story.meta.tags ?? '').split(',').map((tag) => tag.trim()).filter(Boolean),
      publication: story.meta.publication ?? null,
      publishedAt: story.meta.published ? new Date(story.meta.published) : undefined,
    })
    slugs.set(story.file, `${created.row.slug}-${created.row.short_id}`)
    // A writer's story in a publication is a submission (issue 4): its owner publishes it.
    if (created.row.status === 'submitted') {
      const owner = site.publications.find((p) => p.slug === story.meta.publication)?.members.find((member) => member.role === 'owner')
      const date = story.meta.published ? new Date(story.meta.published) : undefined
      await publishSubmission(db, idOf(owner?.username ?? ''), `${created.row.slug}-${created.row.short_id}`, { publishedAt: date })
    }
    step(`story “${story.meta.title}”`)
  }
  const slugOf = (file: string) => {
    const slug = slugs.get(file)
    if (!slug) throw new Error(`demo content names an unknown story: ${file}`)
    return slug
  }

  for (const { follower, following } of site.follows) {
    await follow(db, idOf(follower), following)
    step(`@${follower} follows @${following}`)
  }
  for (const { story, reader, count } of site.claps) {
    await clap(db, idOf(reader), slugOf(story), count)
    step(`@${reader} claps ${count}× for ${story}`)
  }
  for (const { story, author, body } of site.responses) {
    await respond(db, idOf(author), slugOf(story), body)
    step(`@${author} responds to ${story}`)
  }
  log(`demo: ready — sign in as any writer (e.g. ${site.users[0]?.email}) with the password "${site.password}"`)
}

function readStories(): DemoStory[] {
  const folder = new URL('stories/', content)
  return readdirSync(folder)
    .filter((file) => file.endsWith('.md'))
    .map((file) => parseStory(file.replace(/\.md$/, ''), readFileSync(new URL(file, folder), 'utf8')))
    .sort((a, b) => (a.meta.published ?? '').localeCompare(b.meta.published ?? ''))
}

// Front matter is one `key: value` a line between `---` fences; values may hold ": " themselves.
function parseStory(file: string, text: string): DemoStory {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text)
  if (!match?.[1]) throw new Error(`demo story ${file} has no front matter`)
  const meta: Record<string, string> = {}
  for (const line of match[1].split('\n')) {
    const at = line.indexOf(': ')
    if (at > 0) meta[line.slice(0, at).trim()] = line.slice(at + 2).trim()
  }
  return { file, meta, body: text.slice(match[0].length).trim() }
}

/**
 * The demo's illustrations with their width and height, read from each SVG's own attributes, so
 * the page reserves their space and nothing moves as they load (uploads get theirs from
 * media/variants.ts; Markdown has no way to say an image's size).
 */
function withImageSizes(document: StoryDocument): StoryDocument {
  const blocks = document.blocks.map((block) => {
    if (block.type !== 'image' || !block.src.startsWith('/demo/images/')) return block
    const file = new URL(`./images/${block.src.slice('/demo/images/'.length)}`, content)
    const svg = readFileSync(file, 'utf8').slice(0, 400)
    const width = Number(/\swidth="(\d+)"/.exec(svg)?.[1])
    const height = Number(/\sheight="(\d+)"/.exec(svg)?.[1])
    return width > 0 && height > 0 ? { ...block, width, height } : block
  })
  return { ...document, blocks }
}
