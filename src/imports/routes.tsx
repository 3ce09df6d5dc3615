// Imports over HTTP: the settings page (upload form, progress, report) and the API
// (POST /api/imports/medium with a multipart upload, GET /api/imports/:id for its progress).
// Both keep the upload and queue a job; the job does the import (see service.ts).
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import multipart from '@fastify/multipart'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { AppError, invalid, notFound } from '../http/errors.ts'
import { sendPage } from '../web/render.ts'
import { importRunOf, importRunsOf, MAX_UPLOAD_BYTES, startMediumImport, type ImportRun } from './service.ts'
import { ImportPage } from './views.tsx'

const tags = ['Imports']

// The upper bound is PostgreSQL's integer: a larger id is a 422, not a failed query (a 500).
const RunParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })
type RunParams = Static<typeof RunParams>

const ImportRunResponse = Type.Object({
  import: Type.Object({
    id: Type.Integer(),
    status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
    fileName: Type.String(),
    done: Type.Integer({ description: 'Posts handled so far' }),
    total: Type.Integer({ description: 'Posts in the export (0 until it has been read)' }),
    createdAt: Type.String({ format: 'date-time' }),
    error: Type.Union([Type.String(), Type.Null()], { description: 'Why the import failed as a whole' }),
    report: Type.Union([Type.Null(), Type.Unknown()], { description: 'Once done: imported, updated, skipped (with reasons), failed, unfetchedImages, savedImages, profile' }),
  }),
})

export const importRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  // Scoped to these routes; another feature may have registered it for its own.
  if (!app.hasRequestDecorator('isMultipart')) await app.register(multipart, { limits: { files: 1, fields: 5, fileSize: MAX_UPLOAD_BYTES } })

  /** The uploaded zip, or a 4xx saying what is wrong with the request. */
  async function upload(request: FastifyRequest): Promise<{ fileName: string; bytes: Buffer }> {
    if (!request.isMultipart()) throw invalid({ file: ['must be sent as multipart/form-data'] })
    // Busboy throws plain errors on a body that is not the multipart it claims to be (no
    // boundary, cut short): the client's mistake, a 400 and not a server error (issue 9's fuzzer).
    const unreadable = () => new AppError(400, 'malformed_body', { body: ['is not readable multipart/form-data'] })
    const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES } }).catch(() => { throw unreadable() })
    if (!part) throw invalid({ file: ["can't be blank"] })
    let bytes: Buffer
    try {
      bytes = await part.toBuffer()
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AppError(413, 'payload_too_large', { file: [`is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`] })
      }
      throw unreadable()
    }
    if (!bytes.length) throw invalid({ file: ["can't be blank"] })
    // Checked here too, so the writer hears at once; the job checks everything else.
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw invalid({ file: ['is not a zip file: upload the .zip Medium sent you'] })
    return { fileName: part.filename || 'export.zip', bytes }
  }

  app.post('/api/imports/medium', {
    schema: { tags, summary: 'Import a Medium export (multipart field "file"); runs in the background', security: [{ Token: [] }], consumes: ['multipart/form-data'], response: { 202: ImportRunResponse } },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const { fileName, bytes } = await upload(request)
    const id = await startMediumImport(db, viewer.id, fileName, bytes)
    const run = await importRunOf(db, viewer.id, id)
    reply.code(202).header('location', `/api/imports/${id}`)
    return { import: presentRun(run as ImportRun) }
  })

  app.get<{ Params: RunParams }>('/api/imports/:id', {
    schema: { tags, summary: 'An import’s progress and report', security: [{ Token: [] }], params: RunParams, response: { 200: ImportRunResponse } },
  }, async (request) => {
    const viewer = requireViewer(request)
    const run = await importRunOf(db, viewer.id, request.params.id)
    if (!run) throw notFound('import')
    return { import: presentRun(run) }
  })

  app.get('/settings/import', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fsettings%2Fimport', 303)
    reply.header('cache-control', 'no-store')
    sendPage(reply, ImportPage({ viewer: request.viewer, runs: await importRunsOf(db, request.viewer.id), errors: {} }))
  })

  app.post('/settings/import', async (request, reply) => {
    const viewer = requireViewer(request)
    try {
      const { fileName, bytes } = await upload(request)
      await startMediumImport(db, viewer.id, fileName, bytes)
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 413)) throw error
      return sendPage(reply, ImportPage({ viewer, runs: await importRunsOf(db, viewer.id), errors: error.fields }), error.status)
    }
    reply.redirect('/settings/import', 303)
  })
}

function presentRun(run: ImportRun) {
  return {
    id: run.id,
    status: run.status,
    fileName: run.fileName,
    done: run.done,
    total: run.total,
    createdAt: run.createdAt.toISOString(),
    error: run.error,
    report: run.report,
  }
}
