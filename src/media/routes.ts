// Uploads over HTTP: POST /api/uploads for the editor and API clients, the plain form at
// /edit/<slug>/images that adds an image without JavaScript, and GET /media/<file> serving stored
// images as immutable files.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import multipart from '@fastify/multipart'
import { Type } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { AppError, invalid } from '../http/errors.ts'
import { sendPage } from '../web/render.ts'
import { storyPath } from '../stories/service.ts'
import { diskMediaStore, imageTooLarge, placeImage, readMedia, saveImage, storyToEdit, type MediaStore, type SavedImage } from './service.ts'
import { parseMediaName } from './variants.ts'
import { AddImagePage } from './views.tsx'

const UploadResponse = Type.Object({
  upload: Type.Object({
    url: Type.String({ description: 'Site path of the stored image (WebP), e.g. /media/…-1600x1067.webp' }),
    width: Type.Integer(),
    height: Type.Integer(),
  }),
})

const MediaParams = Type.Object({ name: Type.String({ maxLength: 100 }) })

export type MediaRouteOptions = FeatureDeps & { store?: MediaStore }

const EditParams = Type.Object({ slug: Type.String({ maxLength: 300 }) })

export const mediaRoutes: FastifyPluginAsync<MediaRouteOptions> = async (app, { config, db, store: given }) => {
  const store = given ?? diskMediaStore(`${config.dataDir}/media`)
  const maxBytes = config.mediaMaxBytes
  // Here only: multipart bodies reach no other route. One file per request, and the stream stops
  // at the limit rather than buffering whatever a client sends.
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 10_000, parts: 20 } })

  app.post('/api/uploads', {
    // A stored file changes no page until a story points at it: cached pages stay.
    config: { pageCache: 'keep' },
    schema: {
      tags: ['Uploads'],
      summary: 'Upload an image (multipart/form-data, the file in the field `file`)',
      description: 'JPEG, PNG, WebP, GIF or AVIF, checked by content. Metadata is removed; the image is stored as WebP in several widths.',
      security: [{ Token: [] }],
      consumes: ['multipart/form-data'],
      response: { 200: UploadResponse },
    },
  }, async (request) => {
    requireViewer(request)
    const upload = await saveUploadedFile(request, store, maxBytes)
    return { upload }
  })

  // The plain form: upload, then back to the story's edit page (or its page, for a cover).
  app.get<{ Params: { slug: string } }>('/edit/:slug/images', { schema: { params: EditParams } }, async (request, reply) => {
    if (!request.viewer) return reply.redirect(`/signin?next=${encodeURIComponent(request.url)}`, 303)
    const story = await storyToEdit(db, request.viewer.id, request.params.slug)
    sendPage(reply, AddImagePage({ viewer: request.viewer, slug: request.params.slug, title: story.row.title, maxBytes, values: { alt: '', caption: '', cover: false }, errors: {} }))
  })

  app.post<{ Params: { slug: string } }>('/edit/:slug/images', { schema: { params: EditParams } }, async (request, reply) => {
    const viewer = requireViewer(request)
    const slug = request.params.slug
    const form = await readForm(request, maxBytes).catch((error: unknown) => ({ error }))
    const values = 'fields' in form ? { alt: form.fields.alt ?? '', caption: form.fields.caption ?? '', cover: form.fields.cover === '1' } : { alt: '', caption: '', cover: false }
    try {
      if ('error' in form) throw form.error
      if (!form.bytes) throw invalid({ file: ['is missing: choose an image to upload'] })
      await storyToEdit(db, viewer.id, slug) // before storing anything: a refused writer leaves no file
      const image = await saveImage(store, form.bytes, { maxBytes })
      const story = await placeImage(db, viewer.id, slug, image, values)
      reply.redirect(values.cover ? storyPath(story) : `/edit/${slug}`, 303)
    } catch (error) {
      if (!(error instanceof AppError) || (error.status !== 422 && error.status !== 413)) throw error
      const story = await storyToEdit(db, viewer.id, slug)
      sendPage(reply, AddImagePage({ viewer, slug, title: story.row.title, maxBytes, values, errors: error.fields }), error.status)
    }
  })

  app.get<{ Params: { name: string } }>('/media/:name', { schema: { hide: true, params: MediaParams } }, async (request, reply) => {
    const name = request.params.name
    const bytes = parseMediaName(name) ? await readMedia(store, name) : undefined
    if (!bytes) return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not found')
    // A name is a hash of the content, so a file never changes: browsers and CDNs keep it for a year.
    return reply
      .type('image/webp')
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', 'inline')
      .send(bytes)
  })
}

/** The request's `file` part, saved; 422 when there is none or it is not an image, 413 when too large. */
export async function saveUploadedFile(request: FastifyRequest, store: MediaStore, maxBytes: number): Promise<SavedImage> {
  const bytes = await fileBytes(request, maxBytes)
  return saveImage(store, bytes, { maxBytes })
}

async function fileBytes(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  if (!request.isMultipart()) throw invalid({ file: ['is missing: send multipart/form-data with the image in the field "file"'] })
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue
      if (part.fieldname !== 'file') {
        part.file.resume() // another file field: drain it so the next part can be read
        continue
      }
      try {
        return await part.toBuffer()
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw imageTooLarge(maxBytes)
        throw error
      }
    }
  } catch (error) {
    throw unreadableForm(error)
  }
  throw invalid({ file: ['is missing: send the image in the field "file"'] })
}

/** A multipart form: its text fields and the bytes of its `file` (undefined when none was chosen). */
async function readForm(request: FastifyRequest, maxBytes: number): Promise<{ fields: Record<string, string>; bytes: Buffer | undefined }> {
  if (!request.isMultipart()) throw invalid({ file: ['is missing: choose an image to upload'] })
  const fields: Record<string, string> = {}
  let bytes: Buffer | undefined
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') fields[part.fieldname] = part.value
        continue
      }
      if (part.fieldname !== 'file' || bytes !== undefined) {
        part.file.resume()
        continue
      }
      try {
        bytes = await part.toBuffer()
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw imageTooLarge(maxBytes)
        throw error
      }
      // A browser sends an empty file part when none was chosen.
      if (bytes.length === 0 && part.filename === '') bytes = undefined
    }
  } catch (error) {
    throw unreadableForm(error)
  }
  return { fields, bytes }
}

// Busboy throws plain errors on a body that is not the multipart it claims to be (no boundary,
// cut short): the client's mistake, so a 400 and not a server error (found by issue 9's fuzzer).
function unreadableForm(error: unknown): unknown {
  return error instanceof AppError ? error : new AppError(400, 'malformed_body', { body: ['is not readable multipart/form-data'] })
}
