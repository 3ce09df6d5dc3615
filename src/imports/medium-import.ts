// Imports a Medium export for one writer: every post becomes a story (drafts stay drafts), in one
// transaction each, so a post that fails leaves nothing behind and the others still land. A post
// imported before updates its story instead of adding one: unless the writer has edited that
// story here since, which the import then leaves alone and says so.
import { createHash } from 'node:crypto'
import type { Db } from '../db/database.ts'
import type { Block, StoryDocument } from '../stories/document/types.ts'
import { saveImportedStory } from '../stories/service.ts'
import { updateUser, userById } from '../accounts/service.ts'
import { archiveImage, type MediumArchive } from './medium/archive.ts'
import { MalformedPost, parsePost, type ParsedPost } from './medium/post.ts'
import { parseProfile } from './medium/profile.ts'
import type { ImageStore, SavedImage } from './image-store.ts'
import { DEFAULT_FETCH_POLICY, fetchRemoteImage, type FetchPolicy } from './remote-image.ts'
import { retryUnfetchedImages } from './retry-images.ts'
import * as q from './queries.ts'

export type ImportReport = {
  imported: StoryLine[]
  updated: StoryLine[]
  skipped: { file: string; title: string; reason: string }[]
  failed: { file: string; reason: string }[]
  /** Images kept at their old address: listed so `--retry-images` (or the writer) can deal with them. */
  unfetchedImages: { title: string; url: string; reason: string }[]
  savedImages: number
  profile: string[]
}

/** `path`: the story's address on this site (its author's, so drafts open for them). */
type StoryLine = { file: string; title: string; storyId: number; draft: boolean; path: string }

export type MediumImportOptions = {
  userId: number
  images: ImageStore
  fetchPolicy?: FetchPolicy
  /** Site address, to turn a stored avatar's path into the absolute URL profiles hold. */
  baseUrl: string
  /** Called after each post: how many of how many, and the post just handled. */
  onProgress?: (done: number, total: number, file: string) => void | Promise<void>
}

export function emptyReport(): ImportReport {
  return { imported: [], updated: [], skipped: [], failed: [], unfetchedImages: [], savedImages: 0, profile: [] }
}

export async function importMediumArchive(db: Db, archive: MediumArchive, options: MediumImportOptions): Promise<ImportReport> {
  const report = emptyReport()
  const total = archive.posts.length
  const writer = await userById(db, options.userId)
  if (!writer) throw new Error(`no user ${options.userId}`)
  for (const [index, post] of archive.posts.entries()) {
    await importPost(db, archive, post.name, post.html, { ...options, username: writer.username }, report)
    await options.onProgress?.(index + 1, total, post.name)
  }
  if (archive.profileHtml) await importProfile(db, archive, archive.profileHtml, options, report)
  return report
}

async function importPost(db: Db, archive: MediumArchive, file: string, html: string, options: MediumImportOptions & { username: string }, report: ImportReport): Promise<void> {
  let post: ParsedPost
  try {
    post = parsePost(file, html)
  } catch (error) {
    if (!(error instanceof MalformedPost)) throw error
    report.failed.push({ file, reason: `not a Medium post we can read: ${error.message}` })
    return
  }
  const hash = contentHash(post)
  const record = await q.importRecord(db.kysely, options.userId, post.mediumId)
  const storyId = record?.current_version == null ? undefined : record.story_id
  if (record && storyId !== undefined) {
    const edited = record.current_version !== record.story_version
    if (edited || record.content_hash === hash) {
      report.skipped.push({ file, title: post.title, reason: edited ? 'edited on Ovation since it was imported, so left as it is' : 'unchanged since the last import' })
      // Importing again is also how a writer gets the images that could not be fetched last time.
      await retryStoryImages(db, storyId, options, report)
      return
    }
  }
  const images = await fetchImages(db, archive, post, options, report)
  const document = withImages(post.document, images)
  try {
    const saved = await db.kysely.transaction().execute(async (trx) => {
      const result = await saveImportedStory(trx, options.userId, storyId, {
        title: post.title,
        subtitle: post.subtitle,
        document,
        tags: post.tags,
        status: post.draft ? 'draft' : 'published',
        publishedAt: post.publishedAt,
        canonicalUrl: post.canonicalUrl,
      })
      await q.saveImportRecord(trx, { userId: options.userId, mediumId: post.mediumId, storyId: result.id, hash, version: result.version })
      await q.replaceImportImages(trx, result.id, [...images.values()])
      return result
    })
    const line = { file, title: post.title, storyId: saved.id, draft: post.draft, path: `/@${options.username}/${saved.slug}-${saved.shortId}` }
    ;(saved.created ? report.imported : report.updated).push(line)
  } catch (error) {
    report.failed.push({ file, reason: `could not be saved: ${error instanceof Error ? error.message : String(error)}` })
  }
}

async function retryStoryImages(db: Db, storyId: number, options: MediumImportOptions, report: ImportReport): Promise<void> {
  const retried = await retryUnfetchedImages(db, options.userId, options.images, { storyId, ...(options.fetchPolicy ? { fetchPolicy: options.fetchPolicy } : {}) })
  report.savedImages += retried.fetched.length
  report.unfetchedImages.push(...retried.failed)
}

/** A post's content as parsed, hashed: equal hashes mean a re-import has nothing to change. */
function contentHash(post: ParsedPost): string {
  const { images: _images, ...content } = post
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}

/**
 * Each image of the post: the zip's own copy when it holds one, else a copy fetched earlier for
 * this writer, else downloaded now; when none of these works, it keeps its URL and is reported.
 */
async function fetchImages(db: Db, archive: MediumArchive, post: ParsedPost, options: MediumImportOptions, report: ImportReport): Promise<Map<string, q.ImageRow & { saved?: SavedImage }>> {
  const rows = new Map<string, q.ImageRow & { saved?: SavedImage }>()
  for (const image of post.images) {
    const base = { blockId: image.blockId, sourceUrl: image.src }
    const fileName = (image.mediumId ?? image.src.slice(image.src.lastIndexOf('/') + 1)).replace(/[^\w.-]+/g, '_').slice(-100)
    try {
      const inZip = archiveImage(archive, image.mediumId)
      const earlier = inZip ? undefined : await q.fetchedCopy(db.kysely, options.userId, image.src)
      let saved: SavedImage
      if (inZip) saved = await options.images(inZip, { userId: options.userId, fileName })
      else if (earlier) saved = { url: earlier }
      else {
        const fetched = await fetchLargest(image.src, image.mediumId, options.fetchPolicy ?? DEFAULT_FETCH_POLICY)
        saved = await options.images(fetched.bytes, { userId: options.userId, fileName, contentType: fetched.contentType })
      }
      rows.set(image.blockId, { ...base, localUrl: saved.url, error: null, saved })
      report.savedImages += 1
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      rows.set(image.blockId, { ...base, localUrl: null, error: reason.slice(0, 500) })
      report.unfetchedImages.push({ title: post.title, url: image.src, reason })
    }
  }
  return rows
}

/**
 * Posts show Medium's images 800 px wide; its image server gives the same image at 2000 px
 * (the widest we keep) by id. The URL in the post is the fallback.
 */
async function fetchLargest(src: string, mediumId: string | undefined, policy: FetchPolicy) {
  const host = URL.parse(src)?.hostname ?? ''
  if (mediumId && /^(cdn-images-\d+|miro)\.medium\.com$/.test(host) && /^[\w*.-]+$/.test(mediumId)) {
    try {
      return await fetchRemoteImage(`https://${host}/max/2000/${mediumId}`, policy)
    } catch {
      // The size Medium linked to is still worth having.
    }
  }
  return fetchRemoteImage(src, policy)
}

function withImages(document: StoryDocument, images: Map<string, { saved?: SavedImage }>): StoryDocument {
  const blocks = document.blocks.map((block): Block => {
    const saved = block.type === 'image' ? images.get(block.id)?.saved : undefined
    if (!saved || block.type !== 'image') return block
    const size = saved.width && saved.height && block.width === undefined ? { width: saved.width, height: saved.height } : {}
    return { ...block, src: saved.url, ...size }
  })
  return { ...document, blocks }
}

/** The display name always; the bio and avatar only where the writer has none here yet. */
async function importProfile(db: Db, archive: MediumArchive, html: string, options: MediumImportOptions, report: ImportReport): Promise<void> {
  const profile = parseProfile(html)
  const user = await userById(db, options.userId)
  if (!user) return
  const changes: { name?: string; bio?: string; image?: string } = {}
  if (profile.name && profile.name !== user.name) changes.name = profile.name.slice(0, 100)
  if (profile.bio && !user.bio) changes.bio = profile.bio.length > 160 ? `${profile.bio.slice(0, 159)}…` : profile.bio
  if (profile.avatarUrl && !user.image) {
    try {
      const inZip = archiveImage(archive, profile.avatarUrl.slice(profile.avatarUrl.lastIndexOf('/') + 1))
      const bytes = inZip ?? (await fetchRemoteImage(profile.avatarUrl, options.fetchPolicy ?? DEFAULT_FETCH_POLICY)).bytes
      const saved = await options.images(bytes, { userId: options.userId, fileName: 'avatar' })
      changes.image = new URL(saved.url, options.baseUrl).href
    } catch (error) {
      report.unfetchedImages.push({ title: 'your profile picture', url: profile.avatarUrl, reason: error instanceof Error ? error.message : String(error) })
    }
  }
  if (!Object.keys(changes).length) return
  try {
    await updateUser(db, options.userId, changes)
    report.profile.push(...Object.keys(changes).map((field) => ({ name: 'display name', bio: 'bio', image: 'avatar' })[field] as string))
  } catch (error) {
    report.failed.push({ file: 'profile/profile.html', reason: `profile not updated: ${error instanceof Error ? error.message : String(error)}` })
  }
}
