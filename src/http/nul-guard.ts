// PostgreSQL cannot store or even compare text holding NUL (U+0000): a query given one fails, so a
// request carrying one answered 500 there while SQLite took it (issue 9's fuzzer). No field of
// ours has a use for it, so it is refused at the door, alike on both engines, with a 422 naming
// the field.
import type { FastifyInstance } from 'fastify'
import { invalid } from './errors.ts'

export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field = fieldWithNul(request.params) ?? fieldWithNul(request.query) ?? fieldWithNul(request.body)
    if (field !== undefined) throw invalid({ [field]: ['must not contain the NUL character'] })
  })
}

/** The name of the first field (at any depth) whose name or text holds NUL, or undefined. */
export function fieldWithNul(value: unknown, name = 'request'): string | undefined {
  // A stack rather than recursion: a body may nest thousands of levels deep.
  const stack: [unknown, string][] = [[value, name]]
  while (stack.length > 0) {
    const [current, field] = stack.pop() as [unknown, string]
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return field
      continue
    }
    if (current === null || typeof current !== 'object') continue
    for (const [key, inner] of Object.entries(current)) {
      if (key.includes('\u0000')) return field
      stack.push([inner, Array.isArray(current) ? field : key])
    }
  }
  return undefined
}
