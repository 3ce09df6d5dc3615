// Images: checked, cleaned and resized once at upload, then served as immutable files. Other features
// (the uploads API, the editor, the Medium importer) save images only through saveImage.
import { createHash } from 'node:crypto'
import { AppError, invalid } from '../http/errors.ts'
import { sniffImageType } from './image-type.ts'
import type { MediaStore } from './store.ts'
import type { Db } from '../db/database.ts'
import { actorFor, authorizeStory, storySubject } from '../policy/service.ts'
import { storyBySlug, updateStory, type Story } from '../stories/service.ts'
import { uniqueBlockId, type Block, type StoryDocument } from '../stories/document/types.ts'
import { MAX_WIDTH, mediaFileName, mediaUrl, variantWidths } from './variants.ts'

export type { MediaStore } from './store.ts'
export { diskMediaStore } from './store.ts'
export { imageSizes, mediaImage, parseMediaName } from './variants.ts'

/** An image as stored: its site path (`/media/…webp`) and its size in pixels. */
export type SavedImage = { url: string; width: number; height: number }

/** 25 MB, the default for MEDIA_MAX_BYTES. */
export const DEFAULT_MAX_BYTES = 25 * 1024 * 1024

// Above this many pixels a file is refused before it is decoded (a "decompression bomb" is a
// small file that would fill memory); 100 megapixels is far beyond any camera a writer uses.
const MAX_INPUT_PIXELS = 100_000_000
const WEBP = { quality: 82, effort: 4 } as const

/** 413 for a file over the limit, in the API's error shape. */
export function imageTooLarge(maxBytes: number): AppError {
  return new AppError(413, 'payload_too_large', { file: [`is too large (the limit is ${formatMegabytes(maxBytes)})`] })
}

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024)
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}

/**
 * Checks the bytes are a JPEG, PNG, WebP, GIF or AVIF image, turns it upright, drops every
 * piece of metadata (EXIF with GPS, XMP, ICC…), stores it as WebP at most 2000 px wide plus
 * narrower copies for `srcset`, and returns where it is. Throws 422 for anything that is not a
 * readable image, 413 over `maxBytes`. Stores nothing unless everything succeeded. The same
 * picture uploaded twice is stored once (names are content hashes).
 */
export async function saveImage(store: MediaStore, bytes: Uint8Array, options: { maxBytes?: number } = {}): Promise<SavedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  if (bytes.length > maxBytes) throw imageTooLarge(maxBytes)
  const type = sniffImageType(bytes)
  if (!type) throw invalid({ file: ['is not an image Ovation accepts (JPEG, PNG, WebP, GIF or AVIF)'] })
  const animated = type === 'gif' || type === 'webp'
  const files = await encode(bytes, animated)
  const written: string[] = []
  try {
    for (const file of files.all) {
      await store.put(file.name, file.bytes)
      written.push(file.name)
    }
  } catch (error) {
    await Promise.allSettled(written.map((name) => store.remove(name)))
    throw error
  }
  return { url: mediaUrl(files.id, files.width, files.height), width: files.width, height: files.height }
}

type Encoded = { id: string; width: number; height: number; all: Array<{ name: string; bytes: Buffer }> }

async function encode(bytes: Uint8Array, animated: boolean): Promise<Encoded> {
  // Loaded on the first upload: libvips is tens of megabytes a reading server never needs.
  const { default: sharp } = await import('sharp')
  try {
    const input = () => sharp(bytes, { animated, limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    // autoOrient applies the EXIF orientation before the EXIF goes; sharp writes no metadata
    // unless asked (no withMetadata here), which is what strips GPS and camera details.
    const full = await input().autoOrient().resize({ width: MAX_WIDTH, withoutEnlargement: true }).webp(WEBP).toBuffer({ resolveWithObject: true })
    const width = full.info.width
    // For an animation, height is that of the whole strip of frames: one frame's is pageHeight.
    const height = full.info.pageHeight ?? full.info.height
    const id = createHash('sha256').update(full.data).digest('hex').slice(0, 24)
    const variants = await Promise.all(
      variantWidths(width).map(async (w) => ({
        name: mediaFileName(id, width, height, w),
        bytes: await sharp(full.data, { animated }).resize({ width: w }).webp(WEBP).toBuffer(),
      })),
    )
    return { id, width, height, all: [...variants, { name: mediaFileName(id, width, height), bytes: full.data }] }
  } catch (error) {
    if (error instanceof AppError) throw error
    // sharp's errors name the decoder's complaint; to the writer the file is simply unreadable.
    throw invalid({ file: ['is not a readable image (the file may be damaged or incomplete)'] })
  }
}

/** The bytes and content type of a stored file, for the media route; undefined when absent. */
export async function readMedia(store: MediaStore, name: string): Promise<Buffer | undefined> {
  return store.get(name)
}

/** Where an uploaded image goes in a story: its cover, or a new image block at the end. */
export type Placement = { alt: string; caption: string; cover: boolean }

/**
 * Puts a saved image into a story for someone who may edit it: as its cover (with the alt text),
 * or as an image block after the last block. For the plain upload form; the editor places images
 * itself.
 */
export async function placeImage(db: Db, viewerId: number, slug: string, image: SavedImage, placement: Placement): Promise<Story> {
  const story = await storyToEdit(db, viewerId, slug)
  const alt = placement.alt.replace(/\s+/g, ' ').trim().slice(0, 1000)
  if (placement.cover) return updateStory(db, viewerId, slug, { coverImage: image.url, coverAlt: alt, version: story.row.version })
  const doc = JSON.parse(story.row.body) as StoryDocument
  const caption = placement.caption.replace(/\s+/g, ' ').trim().slice(0, 1000)
  const block: Block = {
    id: uniqueBlockId(new Set(doc.blocks.flatMap((b) => (b.type === 'list' ? [b.id, ...b.items.map((item) => item.id)] : [b.id])))),
    type: 'image',
    src: image.url,
    alt,
    width: image.width,
    height: image.height,
    ...(caption ? { caption: [{ text: caption }] } : {}),
  }
  return updateStory(db, viewerId, slug, { document: { ...doc, blocks: [...doc.blocks, block] }, version: story.row.version })
}

/** The story, when this viewer may edit it (its author, its publication's editors); 404/403 otherwise. */
export async function storyToEdit(db: Db, viewerId: number, slug: string): Promise<Story> {
  const story = await storyBySlug(db, slug, viewerId)
  authorizeStory(await actorFor(db, viewerId), 'edit', storySubject(story.row), { code: 'not_story_author', thing: 'story' })
  return story
}
