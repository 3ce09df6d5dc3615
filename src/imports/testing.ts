// Helpers for the import tests: an image store that checks the bytes like the media store does
// (sharp must read them) and remembers what it kept, and the fixture export as a zip.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { zipSync } from 'fflate'
import type { ImageStore } from './image-store.ts'

export const FIXTURE_EXPORT = new URL('./fixtures/medium-export/', import.meta.url).pathname

export function memoryImageStore(): ImageStore & { saved: Map<string, Uint8Array> } {
  const saved = new Map<string, Uint8Array>()
  const store = async (bytes: Uint8Array) => {
    const meta = await sharp(bytes).metadata()
    if (!meta.width || !meta.height) throw new Error('not an image')
    const url = `/media/${createHash('sha256').update(bytes).digest('hex').slice(0, 24)}-${meta.width}x${meta.height}.webp`
    saved.set(url, bytes)
    return { url, width: meta.width, height: meta.height }
  }
  return Object.assign(store, { saved })
}

/** Every file under a folder, by relative path, zipped (optionally under a top folder, as Medium does). */
export function zipFolder(folder: string, extra: Record<string, Uint8Array> = {}, top = ''): Uint8Array {
  const files: Record<string, Uint8Array> = {}
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) visit(path)
      else files[top + relative(folder, path)] = readFileSync(path)
    }
  }
  visit(folder)
  return zipSync({ ...files, ...extra })
}
