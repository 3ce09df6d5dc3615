// The importer's image store on top of the site's media store: the media service checks the
// bytes are an image, strips metadata, and stores it with its narrower copies, exactly as for an
// upload, so imported pictures are served like uploaded ones.
import { join } from 'node:path'
import type { Config } from '../config.ts'
import type { Db } from '../db/database.ts'
import { diskMediaStore, saveImage } from '../media/service.ts'
import type { ImageStore } from './image-store.ts'

export function mediaImageStore(config: Readonly<Config>, _db: Db): ImageStore {
  const store = diskMediaStore(join(config.dataDir, 'media'))
  return async (bytes) => {
    try {
      return await saveImage(store, bytes, { maxBytes: config.mediaMaxBytes })
    } catch (error) {
      // The media service speaks to an uploader ("file is not…"); the report names the image.
      const fields = (error as { fields?: Record<string, string[]> }).fields
      throw new Error(fields?.file?.[0] ? `the file ${fields.file[0]}` : error instanceof Error ? error.message : String(error))
    }
  }
}
