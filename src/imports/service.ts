// Imports: what the command line, the settings page and the job call. A Medium export is read
// (zip or folder, with limits), then imported for one writer; from the settings page the upload
// is kept in the database and imported by a job, which records progress and the report.
import { stat, readFile } from 'node:fs/promises'
import type { Config } from '../config.ts'
import type { Db } from '../db/database.ts'
import type { ImportRunStatus } from '../db/schema.ts'
import { defineJob, enqueueJob } from '../jobs/service.ts'
import { userByUsername } from '../accounts/service.ts'
import { ArchiveError, DEFAULT_ARCHIVE_LIMITS, readFolder, readZip, type ArchiveLimits } from './medium/archive.ts'
import { emptyReport, importMediumArchive, type ImportReport } from './medium-import.ts'
import { retryUnfetchedImages, type RetryReport } from './retry-images.ts'
import type { ImageStore } from './image-store.ts'
import type { FetchPolicy } from './remote-image.ts'
import { mediaImageStore } from './media-store.ts'
import * as q from './queries.ts'

export { ArchiveError } from './medium/archive.ts'
export type { ImportReport } from './medium-import.ts'
export type { ImageStore } from './image-store.ts'

/** The largest upload the settings page takes (Medium's exports hold text only: a few MB). */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024

export function writerByUsername(db: Db, username: string) {
  return userByUsername(db, username)
}

/** The media store, as the importer's image store. */
export function imageStoreFor(config: Readonly<Config>, db: Db): ImageStore {
  return mediaImageStore(config, db)
}

type Progress = (done: number, total: number, file: string) => void | Promise<void>

/** Imports a zip file or an unpacked export folder (the command line). */
export async function importFromPath(
  db: Db, config: Readonly<Config>, userId: number, path: string, images: ImageStore, onProgress?: Progress, fetchPolicy?: FetchPolicy,
): Promise<ImportReport> {
  const info = await stat(path)
  let archive
  if (info.isDirectory()) archive = await readFolder(path)
  else {
    if (info.size > DEFAULT_ARCHIVE_LIMITS.maxTotalBytes) throw new ArchiveError('The file is too large to be a Medium export.')
    archive = readZip(await readFile(path))
  }
  return importMediumArchive(db, archive, { userId, images, baseUrl: config.baseUrl, ...(onProgress ? { onProgress } : {}), ...(fetchPolicy ? { fetchPolicy } : {}) })
}

export function retryImages(db: Db, userId: number, images: ImageStore, onProgress?: (done: number, total: number) => void): Promise<RetryReport> {
  return retryUnfetchedImages(db, userId, images, onProgress ? { onProgress } : {})
}

/** The report as the command line prints it. */
export function formatReport(report: ImportReport): string {
  const lines: string[] = []
  lines.push(`imported ${report.imported.length}, updated ${report.updated.length}, skipped ${report.skipped.length}, failed ${report.failed.length}`)
  for (const story of report.imported) lines.push(`  imported: ${story.title}${story.draft ? ' (draft)' : ''}`)
  for (const story of report.updated) lines.push(`  updated:  ${story.title}${story.draft ? ' (draft)' : ''}`)
  for (const story of report.skipped) lines.push(`  skipped:  ${story.title}: ${story.reason}`)
  for (const failure of report.failed) lines.push(`  failed:   ${failure.file}: ${failure.reason}`)
  lines.push(`images: ${report.savedImages} stored, ${report.unfetchedImages.length} kept at their old address`)
  for (const image of report.unfetchedImages) lines.push(`  not fetched: ${image.url} in "${image.title}" (${image.reason})`)
  if (report.unfetchedImages.length) lines.push('  run again later with --retry-images to fetch them')
  if (report.profile.length) lines.push(`profile: ${report.profile.join(', ')} taken from Medium`)
  return `${lines.join('\n')}\n`
}

// ---- from the settings page, as a job ----

export const MEDIUM_IMPORT_JOB = 'imports.medium'

/** Keeps the upload and queues its import; the run shows on the import page. */
export async function startMediumImport(db: Db, userId: number, fileName: string, bytes: Uint8Array): Promise<number> {
  return db.kysely.transaction().execute(async (trx) => {
    const id = await q.insertRun(trx, userId, fileName.slice(0, 200) || 'export.zip', bytes)
    await enqueueJob(trx, MEDIUM_IMPORT_JOB, { runId: id }, { key: `medium-import:${id}` })
    return id
  })
}

export type ImportRun = {
  id: number
  status: ImportRunStatus
  fileName: string
  done: number
  total: number
  report: ImportReport | null
  error: string | null
  createdAt: Date
}

export async function importRunsOf(db: Db, userId: number, limit = 5): Promise<ImportRun[]> {
  return (await q.recentRuns(db.kysely, userId, limit)).map(toRun)
}

/** One of the writer's runs; undefined when there is none such (or it is someone else's). */
export async function importRunOf(db: Db, userId: number, id: number): Promise<ImportRun | undefined> {
  const row = await q.runById(db.kysely, id)
  return row && row.user_id === userId ? toRun(row) : undefined
}

function toRun(row: Awaited<ReturnType<typeof q.recentRuns>>[number]): ImportRun {
  return {
    id: row.id,
    status: row.status,
    fileName: row.file_name,
    done: row.done,
    total: row.total,
    report: row.report ? (JSON.parse(row.report) as ImportReport) : null,
    error: row.error,
    createdAt: new Date(row.created_at),
  }
}

/**
 * The job. A bad upload (not a zip, no posts, a bomb) fails the run with its message at once:
 * trying again cannot help. The upload is deleted when the run ends, either way.
 */
export async function runMediumImport(db: Db, config: Readonly<Config>, runId: number, images: ImageStore, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS, fetchPolicy?: FetchPolicy): Promise<void> {
  const run = await q.runById(db.kysely, runId)
  if (!run || run.status === 'done' || run.status === 'failed') return
  const bytes = await q.uploadOf(db.kysely, runId)
  if (!bytes) return q.updateRun(db.kysely, runId, { status: 'failed', error: 'The upload is gone; please upload the export again.' })
  await q.updateRun(db.kysely, runId, { status: 'running', done: 0 })
  let report = emptyReport()
  let handled = 0
  try {
    const archive = readZip(bytes, limits)
    await q.updateRun(db.kysely, runId, { total: archive.posts.length })
    report = await importMediumArchive(db, archive, {
      userId: run.user_id, images, baseUrl: config.baseUrl, ...(fetchPolicy ? { fetchPolicy } : {}),
      onProgress: (done) => {
        handled = done
        return q.updateRun(db.kysely, runId, { done })
      },
    })
  } catch (error) {
    // Either way the run ends here with a message: a bad zip cannot get better by retrying, and
    // after anything else the stories already imported are kept and a new upload resumes.
    const message = error instanceof ArchiveError
      ? error.message
      : `The import stopped after ${handled} posts (${error instanceof Error ? error.message : String(error)}). Upload the zip again to finish: stories already imported are not duplicated.`
    await q.updateRun(db.kysely, runId, { status: 'failed', error: message })
    await q.deleteUpload(db.kysely, runId)
    return
  }
  await q.updateRun(db.kysely, runId, { status: 'done', report: JSON.stringify(report) })
  await q.deleteUpload(db.kysely, runId)
}

/**
 * The fetch policy jobs use: the default (public addresses only) unless a test swaps it, e.g. for
 * one that resolves every name to a local server. Nothing in the app changes it.
 */
let jobFetchPolicy: FetchPolicy | undefined
export function useFetchPolicyForJobs(policy: FetchPolicy | undefined): void {
  jobFetchPolicy = policy
}

defineJob(MEDIUM_IMPORT_JOB, async (payload: { runId: number }, { db, config }) => {
  await runMediumImport(db, config, payload.runId, imageStoreFor(config, db), DEFAULT_ARCHIVE_LIMITS, jobFetchPolicy)
}, { maxAttempts: 3 })
