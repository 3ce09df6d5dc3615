// Two validators: query strings and path parameters arrive as text and are coerced ("20" → 20);
// JSON bodies are taken exactly as sent, so {"count": "5"} or {"count": true} is refused, not
// quietly read as a number.
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import type { FastifyInstance } from 'fastify'

export function installValidation(app: FastifyInstance): void {
  const options = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false } as const
  const coercing = new Ajv.default({ ...options, coerceTypes: 'array' })
  const exact = new Ajv.default({ ...options, coerceTypes: false })
  addFormats.default(coercing)
  addFormats.default(exact)
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? exact : coercing).compile(schema))
}
