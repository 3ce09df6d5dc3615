// One place maps every error to a response: RealWorld JSON for /api, a friendly page elsewhere.
// 4xx are logged at info, anything else at error with the request id; a 500's text never
// reaches the client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, type ErrorFields } from './errors.ts'

export type ErrorPageRenderer = (request: FastifyRequest, status: number, message: string) => string

export function isApiRequest(request: FastifyRequest): boolean {
  return request.url === '/api' || request.url.startsWith('/api/')
}

export function installErrorHandler(app: FastifyInstance, renderPage: ErrorPageRenderer): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, fields, code } = describe(error)
    if (status >= 500) request.log.error({ err: error, reqId: request.id }, 'request failed')
    else request.log.info({ code, status }, 'request refused')
    if (status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '60')
    send(request, reply, status, fields, code)
  })

  app.setNotFoundHandler((request, reply) => {
    send(request, reply, 404, { [isApiRequest(request) ? 'route' : 'page']: ['not found'] }, 'not_found')
  })

  function send(request: FastifyRequest, reply: FastifyReply, status: number, fields: ErrorFields, code: string) {
    reply.code(status)
    if (isApiRequest(request)) {
      reply.type('application/json; charset=utf-8').send(status === 422 ? { errors: fields } : { errors: fields, code })
      return
    }
    // A rate limit's message is a sentence of its own ("too many requests; try again in 5 seconds").
    const message = status === 404 ? 'not found' : status === 429 && fields.rate?.[0] ? fields.rate[0] : firstMessage(fields)
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderPage(request, status, message))
  }
}

function describe(error: FastifyError | AppError): { status: number; fields: ErrorFields; code: string } {
  if (error instanceof AppError) return { status: error.status, fields: error.fields, code: error.code }
  const fastifyError = error as FastifyError
  if (fastifyError.validation) return { status: 422, fields: validationFields(fastifyError), code: 'validation_failed' }
  const status = fastifyError.statusCode ?? 500
  if (status === 413) return { status, fields: { body: ['is too large'] }, code: 'payload_too_large' }
  if (status === 429) return { status, fields: { request: ['too many requests, try again later'] }, code: 'rate_limited' }
  if (status >= 400 && status < 500) {
    // Fastify's own client errors (malformed JSON, unsupported media type, ...).
    return { status: status === 415 ? 415 : 400, fields: { body: [fastifyError.message] }, code: fastifyError.code ?? 'bad_request' }
  }
  return { status: 500, fields: { server: ['something went wrong on our side'] }, code: 'internal' }
}

// Schema failures become RealWorld's field-keyed 422, each field named from the path of the
// value (`/article/title` → "title") or the missing property.
function validationFields(error: FastifyError): ErrorFields {
  // No prototype: a client's field may be called `constructor` or `__proto__` (issue 9's fuzzer
  // sent both), and `fields[field] ??= []` must not find Object's own members there.
  const fields: ErrorFields = Object.create(null)
  for (const issue of error.validation ?? []) {
    const params = issue.params as { missingProperty?: string; additionalProperty?: string }
    const path = issue.instancePath.split('/').filter(Boolean)
    let field = params.missingProperty ?? params.additionalProperty ?? path.at(-1) ?? error.validationContext ?? 'body'
    if (/^\d+$/.test(field) && path.length > 1) field = path.at(-2) ?? field
    const message = params.missingProperty
      ? "can't be blank"
      : params.additionalProperty
        ? 'is not allowed'
        : (issue.message ?? 'is invalid')
    ;(fields[field] ??= []).push(message)
  }
  return fields
}

function firstMessage(fields: ErrorFields): string {
  const [field, messages] = Object.entries(fields)[0] ?? ['request', ['is invalid']]
  return `${field} ${messages?.[0] ?? ''}`.trim()
}
