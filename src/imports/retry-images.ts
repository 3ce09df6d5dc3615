// `--retry-images`: fetches the images an import could not (offline, a server down), and points
// their blocks at the copies. A block the writer has changed since keeps what the writer chose.
import type { Db } from '../db/database.ts'
import { replaceImageSource } from '../stories/service.ts'
import type { ImageStore } from './image-store.ts'
import { DEFAULT_FETCH_POLICY, fetchRemoteImage, type FetchPolicy } from './remote-image.ts'
import * as q from './queries.ts'

export type RetryReport = { fetched: { title: string; url: string }[]; failed: { title: string; url: string; reason: string }[] }

export async function retryUnfetchedImages(
  db: Db, userId: number, images: ImageStore, options: { fetchPolicy?: FetchPolicy; onProgress?: (done: number, total: number) => void; storyId?: number } = {},
): Promise<RetryReport> {
  const pending = await q.unfetchedImages(db.kysely, userId, options.storyId)
  const report: RetryReport = { fetched: [], failed: [] }
  for (const [index, image] of pending.entries()) {
    try {
      const fetched = await fetchRemoteImage(image.source_url, options.fetchPolicy ?? DEFAULT_FETCH_POLICY)
      const fileName = image.source_url.slice(image.source_url.lastIndexOf('/') + 1).replace(/[^\w.-]+/g, '_').slice(-100)
      const saved = await images(fetched.bytes, { userId, fileName, contentType: fetched.contentType })
      await db.kysely.transaction().execute(async (trx) => {
        const version = await replaceImageSource(trx, image.story_id, image.block_id, image.source_url, saved)
        await q.markImageFetched(trx, image.story_id, image.block_id, saved.url)
        // The import's own change is not the writer's edit: a later re-import may still update the story.
        if (version !== undefined) await q.setRecordVersion(trx, image.story_id, version)
      })
      report.fetched.push({ title: image.title, url: image.source_url })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      await q.markImageFailed(db.kysely, image.story_id, image.block_id, reason.slice(0, 500))
      report.failed.push({ title: image.title, url: image.source_url, reason })
    }
    options.onProgress?.(index + 1, pending.length)
  }
  return report
}
