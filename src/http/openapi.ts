// The OpenAPI document at /api/openapi.json, generated from the routes' TypeBox schemas.
import swagger from '@fastify/swagger'
import type { FastifyInstance } from 'fastify'

export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Ovation API',
        version: '1.0.0',
        description: 'The RealWorld (Conduit) API, extended with claps, publications and more.',
      },
      components: {
        securitySchemes: {
          Token: { type: 'apiKey', in: 'header', name: 'Authorization', description: 'Token <token>' },
        },
      },
    },
    // Pages share the server but not the API contract: only /api routes are documented.
    transform: ({ schema, url }) => ({ schema: url.startsWith('/api/') ? schema : { ...schema, hide: true }, url }),
  })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}
