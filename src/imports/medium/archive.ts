// Reads a Medium export, a zip or an unpacked folder, into memory with hard limits: it comes from
// the internet, so it may be a zip bomb, hold names like "../../etc/passwd", or be huge. Nothing is
// ever written to disk by an entry's name; entries are decompressed in small chunks and counted as
// they inflate, so a lying size header cannot get past the caps.
import { lstat, readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { Unzip, UnzipInflate } from 'fflate'

export type ArchiveLimits = {
  /** Entries (files and folders) in the zip, or files in the folder. */
  maxEntries: number
  /** Bytes of all wanted entries together, decompressed. */
  maxTotalBytes: number
  /** Bytes of any one wanted entry, decompressed. */
  maxEntryBytes: number
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxEntryBytes: 50 * 1024 * 1024,
}

export type MediumArchive = {
  /** posts/*.html, by file name, in name order. */
  posts: { name: string; html: string }[]
  profileHtml: string | undefined
  /** Image files the export holds, by file name (Medium's own exports hold none). */
  images: Map<string, Uint8Array>
}

/** The export cannot be read at all; the message says why, for the writer. */
export class ArchiveError extends Error {}

const IMAGE = /\.(png|jpe?g|gif|webp|avif)$/i

/** Reads a zip file's bytes. */
export function readZip(bytes: Uint8Array, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): MediumArchive {
  if (!isZip(bytes)) throw new ArchiveError('This is not a zip file. Upload the .zip that Medium e-mails you.')
  const files = new Map<string, Uint8Array>()
  let entries = 0
  let total = 0
  const unzip = new Unzip()
  unzip.register(UnzipInflate)
  unzip.onfile = (file) => {
    entries += 1
    if (entries > limits.maxEntries) throw new ArchiveError(`The zip holds more than ${limits.maxEntries} files.`)
    const name = checkedName(file.name)
    if (!wanted(name)) return
    const chunks: Uint8Array[] = []
    let size = 0
    file.ondata = (error, data, final) => {
      if (error) throw new ArchiveError(`The zip is damaged (${name}: ${error.message}).`)
      size += data.length
      total += data.length
      if (size > limits.maxEntryBytes) throw new ArchiveError(`${name} is larger than ${megabytes(limits.maxEntryBytes)} once unpacked.`)
      if (total > limits.maxTotalBytes) throw new ArchiveError(`The zip unpacks to more than ${megabytes(limits.maxTotalBytes)}.`)
      chunks.push(data)
      if (final) files.set(name, Buffer.concat(chunks))
    }
    file.start()
  }
  try {
    // Small pushes: each inflates only so far, so the caps stop a bomb before it fills memory.
    const step = 64 * 1024
    for (let at = 0; at < bytes.length; at += step) unzip.push(bytes.subarray(at, at + step), at + step >= bytes.length)
  } catch (error) {
    if (error instanceof ArchiveError) throw error
    throw new ArchiveError(`The zip is damaged (${error instanceof Error ? error.message : String(error)}).`)
  }
  return collect(files)
}

/** Reads an unpacked export folder (the command line accepts one). Symbolic links are not followed. */
export async function readFolder(root: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<MediumArchive> {
  const files = new Map<string, Uint8Array>()
  let entries = 0
  let total = 0
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      entries += 1
      if (entries > limits.maxEntries) throw new ArchiveError(`The folder holds more than ${limits.maxEntries} files.`)
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        await visit(path)
        continue
      }
      if (!entry.isFile()) continue
      const name = relative(root, path).split('\\').join('/')
      if (!wanted(name)) continue
      const { size } = await lstat(path)
      total += size
      if (size > limits.maxEntryBytes) throw new ArchiveError(`${name} is larger than ${megabytes(limits.maxEntryBytes)}.`)
      if (total > limits.maxTotalBytes) throw new ArchiveError(`The folder holds more than ${megabytes(limits.maxTotalBytes)}.`)
      files.set(name, await readFile(path))
    }
  }
  await visit(root)
  return collect(files)
}

function isZip(bytes: Uint8Array): boolean {
  // "PK\3\4": a local file header opens every zip with at least one entry.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/**
 * The entry name as a relative path, or an ArchiveError for names that try to leave the export:
 * absolute paths, drive letters, "..", backslashes and control characters.
 */
export function checkedName(name: string): string {
  const unsafe = name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.includes('\\') ||
    /[\u0000-\u001f]/.test(name) || name.split('/').some((part) => part === '..')
  if (unsafe) throw new ArchiveError(`The zip holds a file with an unsafe name (${JSON.stringify(name.slice(0, 100))}); nothing was imported.`)
  return name
}

/** Medium's exports put everything in a top folder, or none: match on the last parts of the path. */
function wanted(name: string): boolean {
  return /(^|\/)posts\/[^/]+\.html?$/i.test(name) || /(^|\/)profile\/profile\.html?$/i.test(name) || IMAGE.test(name)
}

function collect(files: Map<string, Uint8Array>): MediumArchive {
  const decoder = new TextDecoder('utf-8')
  const posts: MediumArchive['posts'] = []
  let profileHtml: string | undefined
  const images = new Map<string, Uint8Array>()
  for (const [name, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const base = name.slice(name.lastIndexOf('/') + 1)
    if (/(^|\/)posts\/[^/]+\.html?$/i.test(name)) posts.push({ name: base, html: decoder.decode(bytes) })
    else if (/(^|\/)profile\/profile\.html?$/i.test(name)) profileHtml = decoder.decode(bytes)
    else images.set(base, bytes)
  }
  if (!posts.length) throw new ArchiveError('The export holds no stories (no posts/*.html). Is this Medium\'s "Download your information" zip?')
  return { posts, profileHtml, images }
}

/** The image file for a Medium image id ("1*abc.png"): stored under that name, or with "_" for "*". */
export function archiveImage(archive: MediumArchive, mediumId: string | undefined): Uint8Array | undefined {
  if (!mediumId) return undefined
  return archive.images.get(mediumId) ?? archive.images.get(mediumId.replace(/\*/g, '_'))
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${bytes} bytes`
}
