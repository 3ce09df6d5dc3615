// fast-check arbitraries for requests a careless or hostile client sends: bodies of the wrong
// shape and type, missing and extra fields, 1 MB strings, lone surrogates, right-to-left marks,
// emoji and NUL, nulls, arrays where objects belong, broken JSON, the wrong content type, huge and
// negative numbers, and path parameters that name nothing or cannot be decoded.
import fc from 'fast-check'

/** A request, apart from who sends it. `params` values replace the real resource; null keeps it. */
export type MalformedRequest = {
  params: Record<string, string | null>
  query: [string, string][]
  body: Body
}

export type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string | undefined; payload: string }
  | { kind: 'form'; fields: [string, string][] }

const ONE_MEGABYTE = 'é'.repeat(512 * 1024)

const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', 'null', 'undefined', 'true', '[]', '{}', '-1', '0', '1.5', 'NaN', '1e309', '99999999999999999999999',
  '\uD800', 'x\uDC00y', '\u202Eevil\u202C', '\u200F\u0645\u0631\u062D\u0628\u0627', '👩‍👩‍👧‍👦🎉', '\uFEFFbom', 'Ａｄｍｉｎ',
  'a\r\nSet-Cookie: x=1', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)',
  '../../etc/passwd', '%', '%00', '%E0%A4%A', "' or 1=1 --", '${7*7}', '__proto__', 'constructor', 'x'.repeat(5000),
]

/** A string a validator might not expect. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
)

/** A value of any JSON type, mostly the wrong one for where it lands; now and then 1 MB of text. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  { weight: 3, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, -2_147_483_649, 2 ** 53 + 1, 1e308, -1e308) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, nastyString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constant([{}]) },
  { weight: 1, arbitrary: fc.constant(ONE_MEGABYTE) },
)

const BROKEN_JSON = ['{', '{"a":', '[1,2', '{"a":1}}', 'nul', "{'a':1}", '\u0000', '{"a":"\\ud800"}', '1e999999', '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"admin":true}}}', '"just a string"', '[]', 'null', '{"a":' + '['.repeat(2000) + ']'.repeat(2000) + '}']

const CONTENT_TYPES = [undefined, 'text/plain', 'application/xml', 'application/octet-stream', 'multipart/form-data',
  'multipart/form-data; boundary=nothing', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'application/json']

const QUERY_KEYS = ['limit', 'offset', 'page', 'q', 'tag', 'author', 'favorited', 'tab', 'next', 'article', 'done', 'url', 'format', 'cursor', 'saved', 'sort']
const NUMBERISH = ['-1', '-999999999', '0', '1.5', '1e309', '99999999999999999999', 'abc', '']

const FORM_KEYS = ['title', 'subtitle', 'body', 'document', 'version', 'tags', 'publication', 'name', 'slug', 'username', 'email', 'password',
  'currentPassword', 'bio', 'image', 'role', 'who', 'title', 'count', 'note', 'position', 'next', 'private', 'visibility', 'when',
  'scheduledAt', 'parent_id', 'block_id', 'start', 'end', 'url', 'keepStories', 'immediate', 'digest', 'tagline', 'accentColor']

type Mutation = { at: number; op: 'replace' | 'delete' | 'add' | 'wrap'; value: unknown; key: string }

/** A valid body with one thing wrong: a value swapped for the wrong type, a field dropped or added, an object wrapped in an array. */
export function mutated(valid: unknown): fc.Arbitrary<unknown> {
  const mutation = fc.record<Mutation>({ at: fc.nat(), op: fc.constantFrom('replace', 'delete', 'add', 'wrap'), value: nastyValue, key: nastyString })
  return fc.array(mutation, { minLength: 1, maxLength: 2 }).map((mutations) => mutations.reduce(applyMutation, structuredClone(valid)))
}

function applyMutation(body: unknown, mutation: Mutation): unknown {
  const slots = objectsIn(body)
  if (slots.length === 0) return mutation.op === 'wrap' ? [body] : mutation.value
  const target = slots[mutation.at % slots.length] as Record<string, unknown>
  const keys = Object.keys(target)
  const key = keys.length ? keys[mutation.at % keys.length] as string : mutation.key
  if (mutation.op === 'replace') target[key] = mutation.value
  if (mutation.op === 'delete') delete target[key]
  if (mutation.op === 'add') target[mutation.key || 'extra'] = mutation.value
  if (mutation.op === 'wrap') target[key] = [target[key]]
  return body
}

function objectsIn(value: unknown): object[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return []
  return [value, ...Object.values(value).flatMap(objectsIn)]
}

/** Any malformed request for a route with these path parameters, starting from its valid body when it has one. */
export function malformedRequest(paramNames: string[], validBody: unknown, isPage: boolean): fc.Arbitrary<MalformedRequest> {
  const param = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: nastyString })
  const params = fc.tuple(...paramNames.map(() => param)).map((values) => Object.fromEntries(paramNames.map((name, i) => [name, values[i] ?? null])))
  const queryValue = fc.oneof(fc.constantFrom(...NUMBERISH), nastyString)
  const query = fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryValue), { maxLength: 3 })
  const validKeys = validBody && typeof validBody === 'object' ? Object.keys(validBody) : []
  const formKey = fc.oneof(fc.constantFrom(...FORM_KEYS, ...validKeys), nastyString)
  const body: fc.Arbitrary<Body> = fc.oneof(
    { weight: 3, arbitrary: (validBody === undefined ? fc.dictionary(fc.constantFrom(...FORM_KEYS), nastyValue, { maxKeys: 4 }) : mutated(validBody)).map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'json' as const, value })) },
    { weight: 1, arbitrary: fc.constantFrom(...BROKEN_JSON).map((payload) => ({ kind: 'raw' as const, contentType: 'application/json', payload })) },
    { weight: 1, arbitrary: fc.record({ contentType: fc.constantFrom(...CONTENT_TYPES), payload: nastyString }).map((raw) => ({ kind: 'raw' as const, ...raw })) },
    { weight: isPage ? 4 : 1, arbitrary: fc.array(fc.tuple(formKey, fc.oneof(nastyString, fc.constantFrom(...NUMBERISH))), { maxLength: 6 }).map((fields) => ({ kind: 'form' as const, fields })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  )
  return fc.record({ params, query, body })
}

/** Percent-encodes as a client would; a lone surrogate, which has no UTF-8 form, goes out as bytes no decoder accepts. */
export function encode(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '')) + '%ED%A0%80'
  }
}

/** The wire form of a body: its payload and content type. */
export function wireBody(body: Body): { payload?: string; contentType?: string } {
  if (body.kind === 'none') return {}
  if (body.kind === 'json') return { payload: JSON.stringify(body.value) ?? 'null', contentType: 'application/json' }
  if (body.kind === 'form') return { payload: body.fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&'), contentType: 'application/x-www-form-urlencoded' }
  return { payload: body.payload, ...(body.contentType ? { contentType: body.contentType } : {}) }
}
