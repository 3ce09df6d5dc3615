// A writer's archive over HTTP: GET /api/user/export (token or session) answers the zip, and the
// settings page /settings/export explains what is in it and links to it (a plain link: no script).
import type { FastifyPluginAsync } from 'fastify'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { sendPage } from '../web/render.ts'
import { exportWriter } from './service.ts'
import { ExportPage } from './views.tsx'

export const exportRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { config, db }) => {
  app.get('/api/user/export', {
    schema: {
      tags: ['User and Authentication'],
      summary: 'Everything you own on Ovation as a zip (stories as Markdown and JSON, images, responses, highlights, lists, follows)',
      security: [{ Token: [] }],
      produces: ['application/zip'],
    },
  }, async (request, reply) => {
    const viewer = requireViewer(request)
    const { fileName, bytes } = await exportWriter(db, config, viewer.id, viewer.username)
    reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(bytes))
  })

  app.get('/settings/export', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/signin?next=%2Fsettings%2Fexport', 303)
    sendPage(reply, ExportPage({ viewer: request.viewer }))
  })
}
