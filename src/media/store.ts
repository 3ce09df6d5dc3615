// Where uploaded files live. Ovation keeps no state in the process, so every instance must see the
// same files: a shared disk (DATA_DIR/media) for one machine, an S3-compatible bucket later.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'

/** A flat store of immutable files by name (names come from media/variants.ts, never from clients). */
export type MediaStore = {
  /** Writes a file; an existing file of that name is replaced (names are content hashes, so it is the same). */
  put(name: string, bytes: Uint8Array): Promise<void>
  /** The file's bytes, or undefined when there is none. */
  get(name: string): Promise<Buffer | undefined>
  /** Removes a file if present. */
  remove(name: string): Promise<void>
}

const SAFE_NAME = /^[a-z0-9][a-z0-9.-]{0,99}$/

/** Files in one folder. A write goes to a temporary name first, so a reader never sees half a file. */
export function diskMediaStore(dir: string): MediaStore {
  const path = (name: string) => {
    // Defence in depth: callers pass only generated names.
    if (!SAFE_NAME.test(name) || name.includes('..')) throw new Error(`unsafe media name: ${name}`)
    return join(dir, name)
  }
  let ready: Promise<unknown> | undefined
  return {
    async put(name, bytes) {
      ready ??= mkdir(dir, { recursive: true })
      await ready
      const target = path(name)
      const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`
      await writeFile(temporary, bytes)
      await rename(temporary, target)
    },
    async get(name) {
      try {
        return await readFile(path(name))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw error
      }
    },
    async remove(name) {
      await rm(path(name), { force: true })
    },
  }
}
