// The XSS corpus (xss-corpus.ts) through every text a user controls: each string field of the
// API's request bodies (checked against the OpenAPI document, so a new field cannot be skipped
// unnoticed), the block document, sources, responses, editorial notes and a hostile Medium export.
// Every page that shows those texts is opened in Chromium with a trap: any payload that runs calls
// it with its number, and a Content-Security-Policy violation for script counts as a failure too
// (CSP catching it means our escaping already failed).
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { zipSync } from 'fflate'
import type { Browser, Page } from 'playwright-core'
import { engines, type TestServer } from './server.ts'
import { newPage, startServerAndBrowser } from './browser.ts'
import { api, createStoryViaApi, pathOf, signUpViaApi, unique, type ApiArticle, type ApiUser } from './api.ts'
import { PAYLOADS, describeTrapId, markdownBody, mediumPostHtml, packs, payload, singles, trapId } from './xss-corpus.ts'

/**
 * Every string field of an API request body, named `METHOD path dotted.field`, with the field
 * number its payloads carry. The coverage test fails when the OpenAPI document has a field that
 * is neither here nor in NOT_SHOWN.
 */
const FIELDS = [
  'POST /api/users user.name',
  'PUT /api/user user.bio',
  'PUT /api/user user.image',
  'POST /api/articles article.title',
  'POST /api/articles article.description',
  'POST /api/articles article.body',
  'POST /api/articles article.tagList[]',
  'PUT /api/articles/{slug} article.canonicalUrl',
  'PUT /api/articles/{slug} article.coverImage',
  'POST /api/articles article.coverAlt',
  'POST /api/articles/{slug}/sources source.title',
  'POST /api/articles/{slug}/sources source.author',
  'POST /api/articles/{slug}/sources source.url',
  'POST /api/articles/{slug}/sources source.date',
  'POST /api/articles/{slug}/sources source.excerpt',
  'POST /api/publications publication.name',
  'POST /api/publications publication.tagline',
  'POST /api/publications publication.description',
  'PUT /api/publications/{slug} publication.logoUrl',
  'PUT /api/publications/{slug} publication.accentColor',
  'POST /api/publications publication.title',
  'POST /api/publications/{slug}/members member.title',
  'PUT /api/articles/{slug}/changes changes.title',
  'PUT /api/articles/{slug}/changes changes.subtitle',
  'POST /api/articles/{slug}/comments comment.body',
  'PUT /api/articles/{slug}/comments/{id} comment.body',
  'POST /api/articles/{slug}/return note',
  'POST /api/articles/{slug}/notes note',
  'POST /api/lists list.name',
  'POST /api/articles article.document',
  'POST /api/imports/medium (Medium export HTML)',
  'POST /api/articles article.subtitle',
  'POST /api/users user.username',
  'PUT /api/articles/{slug}/changes changes.document',
] as const
const F = Object.fromEntries(FIELDS.map((name, index) => [name, index + 1])) as Record<(typeof FIELDS)[number], number>
const FIELD_NAMES = ['', ...FIELDS]

/** Fields with the same meaning as a covered one (the same column, another route). */
const SAME_AS: Record<string, string> = {
  'PUT /api/user user.name': 'POST /api/users user.name',
  'PUT /api/user user.username': 'POST /api/users user.username',
  'POST /api/users user.email': 'PUT /api/user user.email',
  'PUT /api/articles/{slug} article.title': 'POST /api/articles article.title',
  'PUT /api/articles/{slug} article.description': 'POST /api/articles article.description',
  'PUT /api/articles/{slug} article.subtitle': 'POST /api/articles article.subtitle',
  'PUT /api/articles/{slug} article.body': 'POST /api/articles article.body',
  'PUT /api/articles/{slug} article.tagList[]': 'POST /api/articles article.tagList[]',
  'PUT /api/articles/{slug} article.coverAlt': 'POST /api/articles article.coverAlt',
  'POST /api/articles article.canonicalUrl': 'PUT /api/articles/{slug} article.canonicalUrl',
  'POST /api/articles article.coverImage': 'PUT /api/articles/{slug} article.coverImage',
  'PUT /api/articles/{slug} article.document': 'POST /api/articles article.document',
  'PUT /api/publications/{slug} publication.name': 'POST /api/publications publication.name',
  'PUT /api/publications/{slug} publication.tagline': 'POST /api/publications publication.tagline',
  'PUT /api/publications/{slug} publication.description': 'POST /api/publications publication.description',
  'POST /api/publications publication.logoUrl': 'PUT /api/publications/{slug} publication.logoUrl',
  'POST /api/publications publication.accentColor': 'PUT /api/publications/{slug} publication.accentColor',
  'PUT /api/publications/{slug}/members/{username} member.title': 'POST /api/publications/{slug}/members member.title',
}

/** String fields no page shows as text, each with the reason. */
const NOT_SHOWN: Record<string, string> = {
  'POST /api/users user.password': 'a secret, never shown',
  'PUT /api/user user.password': 'a secret, never shown',
  'POST /api/users/login user.email': 'sign-in input, never stored',
  'POST /api/users/login user.password': 'sign-in input, never stored',
  'PUT /api/user user.email': 'validated as an address; shown only to its owner, in a form field',
  'POST /api/publications publication.slug': 'a path segment, validated against [a-z0-9-]',
  'POST /api/articles article.publication': 'a publication slug, looked up, never shown as given',
  'PUT /api/articles/{slug} article.publication': 'a publication slug, looked up, never shown as given',
  'POST /api/publications/{slug}/members member.username': 'looks a member up; never shown as given',
  'POST /api/publications/{slug}/members member.email': 'looks a member up or invites an address; never shown as given',
  'POST /api/articles/{slug}/comments comment.blockId': 'a block id, looked up in the story',
  'POST /api/articles/{slug}/highlights highlight.blockId': 'a block id, looked up in the story',
  'PUT /api/user user.currentPassword': 'a secret, never shown',
  'DELETE /api/user user.password': 'a secret, never shown',
  'PUT /api/user/password user.currentPassword': 'a secret, never shown',
  'PUT /api/user/password user.password': 'a secret, never shown',
  'POST /api/users/password-reset user.email': 'looks an account up; never shown as given',
  'POST /api/users/password-reset/confirm user.password': 'a secret, never shown',
  'POST /api/users/password-reset/confirm user.token': 'a secret token, looked up',
  'POST /api/users/verify-email user.token': 'a secret token, looked up',
}

const TABS = 3
// Short fields (names, tags, titles) hold a payload or three each: these many entities carry
// their first values, which hold every kind of payload (see INTERLEAVED in xss-corpus.ts).
// Long fields (bodies, descriptions, notes, excerpts, responses) carry the whole corpus.
const WRITERS = 12
const STORIES = 12
const PUBLICATIONS = 6

type Hit = { id: string; via: string }
type Violation = { directive: string; sample: string; blocked: string }

// The trap, installed before any page script: payloads call __xss(n) or alert(n) and friends.
const TRAP = `(() => {
  const hits = []; const violations = []
  Object.defineProperty(window, '__xssHits', { value: hits })
  Object.defineProperty(window, '__cspViolations', { value: violations })
  window.__xss = (id) => { hits.push({ id: String(id), via: '__xss' }) }
  for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = (id) => { hits.push({ id: String(id), via: name }) }
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push({ directive: event.effectiveDirective, sample: event.sample, blocked: event.blockedURI })
  }, true)
})()`

// Directives whose violation means hostile markup reached the page as markup.
const ESCAPE_FAILURE_DIRECTIVES = /^(script-src|script-src-elem|script-src-attr|object-src|frame-src|child-src|base-uri|form-action|style-src-attr|style-src-elem|style-src)$/

describe('the XSS corpus through every field', { concurrency: true }, () => {
  assert.ok(PAYLOADS.length >= 100, 'at least 100 payloads')

  for (const engine of engines()) {
    describe(engine, { concurrency: false }, () => {
      let server: TestServer
      let browser: Browser
      let page: Page
      let tabs: Page[] = []
      const dialogs: string[] = []
      const paths: string[] = []
      const jsonPaths: string[] = []

      before(async () => {
        // Hundreds of writes from one address: the abuse limits are not what this file tests.
        ;({ server, browser } = await startServerAndBrowser({ engine, env: { RATE_LIMITS: 'off', SIGNIN_RATE_LIMIT: '1000' } }))
        const started = Date.now()
        const author = await writeEverything(server.baseUrl, paths, jsonPaths)
        if (process.env.XSS_TIMING) console.log(`setup ${Date.now() - started} ms, ${paths.length} pages`)
        page = await newPage(browser, { baseURL: server.baseUrl })
        await page.context().addInitScript(TRAP)
        // Payloads point images at other hosts: the test machine has no business waiting for them.
        const origin = new URL(server.baseUrl).origin
        await page.context().route((url) => url.origin !== origin, (route) => route.abort())
        // A few tabs of one context (one signed-in reader) share the pages between them.
        tabs = [page, ...await Promise.all(range(TABS - 1).map(() => page.context().newPage()))]
        for (const tab of tabs) {
          tab.on('dialog', (dialog) => {
            dialogs.push(`${dialog.type()}: ${dialog.message()}`)
            void dialog.dismiss()
          })
        }
        const signIn = await page.request.post('/signin', { form: { email: author.email, password: author.password }, headers: { origin: server.baseUrl }, maxRedirects: 0 })
        assert.ok([302, 303].includes(signIn.status()), `signed in (${signIn.status()})`)
      }, { timeout: 180_000 })
      after(async () => {
        await browser?.close()
        await server?.close()
      }, { timeout: 90_000 })

      it('names every string field of the API, or says why a page never shows it', async () => {
        const document = await api<OpenApi>(server.baseUrl, 'GET', '/api/openapi.json')
        const known = new Set<string>([...FIELDS, ...Object.keys(SAME_AS), ...Object.keys(NOT_SHOWN)])
        const missing = stringFieldsOf(document).filter((field) => !known.has(field))
        assert.deepEqual(missing, [], 'every API string field is covered by the XSS corpus or listed as never shown')
        for (const [field, same] of Object.entries(SAME_AS)) assert.ok((FIELDS as readonly string[]).includes(same) || same in NOT_SHOWN, `${field} is covered by ${same}`)
      })

      it('runs no payload on any page that shows them', { timeout: 300_000 }, async () => {
        const problems: string[] = []
        const queue = [...paths]
        await Promise.all(tabs.map(async (tab) => {
          for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
            const started = Date.now()
            problems.push(...(await inspect(tab, path)).map((problem) => `${path}: ${problem}`))
            if (process.env.XSS_TIMING) console.log(`${Date.now() - started} ms ${path}`)
          }
        }))
        assert.deepEqual(dialogs, [], 'no dialog opened')
        assert.deepEqual(problems, [], `${paths.length} pages:\n${problems.join('\n')}`)
      })

      it('keeps JSON Feed content_html and oEmbed HTML free of script', { timeout: 60_000 }, async () => {
        const problems: string[] = []
        for (const path of jsonPaths) {
          const response = await fetch(server.baseUrl + path)
          assert.equal(response.status, 200, `GET ${path}`)
          const json = await response.json() as { items?: { content_html?: string; title?: string }[]; html?: string; title?: string }
          const htmls = [...(json.items ?? []).map((item) => item.content_html ?? ''), json.html ?? '']
          for (const html of htmls) problems.push(...markupProblems(html).map((problem) => `${path}: ${problem}`))
          assert.ok(JSON.stringify(json).includes('__xss('), `${path} carries payloads (as text)`)
        }
        assert.deepEqual(problems, [])
      })
    })
  }
})

/** What is wrong with one page: payloads that ran, CSP reports, dangerous markup. */
async function inspect(page: Page, path: string): Promise<string[]> {
  // Generous: the editor page holds the whole corpus, and CI runs this beside other browsers.
  const response = await page.goto(path, { timeout: 60_000 })
  const status = response?.status()
  if (status !== 200) return [`answered ${status}`]
  const found = await page.evaluate(() => {
    const w = window as unknown as { __xssHits: Hit[]; __cspViolations: Violation[] }
    const dangerousUrl = /^\s*(javascript|vbscript|data):/i
    const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'srcdoc']
    const elements = [...document.querySelectorAll('*')]
    return {
      hits: [...w.__xssHits],
      violations: [...w.__cspViolations],
      handlers: elements.flatMap((element) => [...element.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `<${element.tagName.toLowerCase()} ${a.name}>`)),
      urls: elements.flatMap((element) => urlAttributes.flatMap((name) => {
        const value = element.getAttribute(name)
        return value !== null && (name === 'srcdoc' || dangerousUrl.test(value.replace(/[\u0000-\u001f]/g, ''))) ? [`<${element.tagName.toLowerCase()} ${name}="${value.slice(0, 60)}">`] : []
      })),
      // Ours: modules from /assets/, and inline scripts the CSP names by hash (checked below).
      scripts: [...document.querySelectorAll('script')].filter((script) => {
        if (script.type === 'application/ld+json' || script.type === 'application/json') return false
        return !(script.type === 'module' && (script.getAttribute('src') ?? '').startsWith('/assets/'))
      }).map((script) => ({ html: script.outerHTML.slice(0, 100), inline: script.src ? undefined : script.textContent ?? '' })),
      // Data blocks (JSON-LD, the editor's document): browsers never run them.
      dataBlocks: [...document.querySelectorAll('script[type="application/ld+json"], script[type="application/json"]')].map((script) => script.textContent ?? ''),
      embeds: [...document.querySelectorAll('iframe, frame, object, embed, base, applet, meta[http-equiv]')].map((element) => element.outerHTML.slice(0, 100)),
      svgOrMath: [...document.querySelectorAll('main svg script, main svg foreignObject, main math, main svg a, main svg use, main svg animate')].map((element) => element.outerHTML.slice(0, 100)),
      showsPayloads: (document.body.textContent ?? '').includes('__xss(') || document.title.includes('__xss(') || [...document.querySelectorAll('[alt],[title],[value]')].some((element) => /__xss\(/.test(element.getAttribute('alt') ?? element.getAttribute('title') ?? element.getAttribute('value') ?? '')),
    }
  })
  const problems: string[] = []
  for (const hit of found.hits) problems.push(`RAN via ${hit.via}: ${describeTrapId(Number(hit.id), FIELD_NAMES)}`)
  for (const violation of found.violations) {
    if (ESCAPE_FAILURE_DIRECTIVES.test(violation.directive)) problems.push(`CSP blocked ${violation.directive} (${violation.blocked}) ${violation.sample}`)
  }
  problems.push(...found.handlers.map((handler) => `event handler attribute ${handler}`))
  problems.push(...found.urls.map((url) => `dangerous URL ${url}`))
  const csp = (await response?.headerValue('content-security-policy')) ?? ''
  for (const script of found.scripts) {
    const hash = script.inline === undefined ? undefined : `'sha256-${createHash('sha256').update(script.inline).digest('base64')}'`
    if (!hash || !csp.split(';').some((directive) => /^\s*script-src\s/.test(directive) && directive.includes(hash))) problems.push(`foreign script ${script.html}`)
  }
  problems.push(...found.embeds.map((embed) => `embedded element ${embed}`))
  problems.push(...found.svgOrMath.map((element) => `active SVG or MathML ${element}`))
  for (const block of found.dataBlocks) {
    // Inside a script element only "</script" could end it early: a data block must carry no "<".
    if (block.includes('<')) problems.push(`a JSON data block holds a raw "<": ${block.slice(block.indexOf('<') - 40, block.indexOf('<') + 40)}`)
    try { JSON.parse(block) } catch { problems.push('a JSON data block is not JSON') }
  }
  // The page must show the payloads as text; a page that dropped everything proves nothing.
  if (!found.showsPayloads) problems.push('shows no payload as text (nothing was tested)')
  return problems
}

/** Dangerous markup in an HTML string (a feed's content_html): script, handlers, script URLs. */
function markupProblems(html: string): string[] {
  const problems: string[] = []
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    if (/^<(script|iframe|object|embed|base|meta|style|link|svg|math|form)\b/i.test(tag)) problems.push(`element ${tag.slice(0, 80)}`)
    if (/\son[a-z]+\s*=/i.test(tag)) problems.push(`handler ${tag.slice(0, 80)}`)
    if (/\s(href|src|action|formaction)\s*=\s*["']?\s*(javascript|vbscript|data):/i.test(tag)) problems.push(`URL ${tag.slice(0, 80)}`)
  }
  return problems
}

type OpenApi = { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>; components?: { schemas?: Record<string, JsonSchema> } }
type JsonSchema = { type?: string | string[]; format?: string; enum?: unknown[]; const?: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[]; $ref?: string }

/** `METHOD path dotted.field` for every free-text string in a request body (enums and dates are not free text). */
function stringFieldsOf(document: OpenApi): string[] {
  const fields = new Set<string>()
  const walk = (schema: JsonSchema | undefined, path: string, out: Set<string>) => {
    if (!schema) return
    if (schema.$ref) return walk(document.components?.schemas?.[schema.$ref.split('/').pop() ?? ''], path, out)
    for (const list of [schema.anyOf, schema.oneOf, schema.allOf]) for (const option of list ?? []) walk(option, path, out)
    const types = Array.isArray(schema.type) ? schema.type : [schema.type]
    if (types.includes('string') && !schema.enum && schema.const === undefined && schema.format !== 'date-time') out.add(path)
    // A field of unknown type (the block document) takes any JSON, text included.
    if (schema.type === undefined && !schema.$ref && !schema.anyOf && !schema.oneOf && !schema.allOf && !schema.properties && path) out.add(path)
    for (const [name, property] of Object.entries(schema.properties ?? {})) walk(property, path ? `${path}.${name}` : name, out)
    if (schema.items) walk(schema.items, `${path}[]`, out)
  }
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
        const out = new Set<string>()
        walk(content.schema, '', out)
        for (const field of out) fields.add(`${method.toUpperCase()} ${path} ${field}`)
        // An upload: the Medium import takes a zip of HTML, covered by its own field.
        if (type === 'multipart/form-data') fields.add(`${method.toUpperCase()} ${path} (Medium export HTML)`)
      }
    }
  }
  return [...fields].sort()
}

/** A request that may be refused (422 and friends) but never fail with a 5xx. */
async function attempt(baseUrl: string, method: string, path: string, token: string | undefined, body: unknown): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  if (token) headers.authorization = `Token ${token}`
  const response = await fetch(baseUrl + path, { method, headers, body: JSON.stringify(body) })
  await response.arrayBuffer()
  assert.ok(response.status < 500, `${method} ${path} answered ${response.status} for ${JSON.stringify(body).slice(0, 200)}`)
  return response.status
}

/**
 * Writes the corpus through every field, and notes the pages (and JSON documents) that show it.
 * Returns the main author, whose pages (drafts, notifications, lists) the browser signs in to see.
 */
async function writeEverything(baseUrl: string, paths: string[], jsonPaths: string[]): Promise<ApiUser> {
  const main = await signUpViaApi(baseUrl, { name: 'Mallory Main' })
  const addPage = (path: string) => { if (!paths.includes(path)) paths.push(path) }
  const started = Date.now()
  const mark = (what: string) => { if (process.env.XSS_TIMING) console.log(`setup: ${what} after ${Date.now() - started} ms`) }

  // Usernames are a path segment: every payload is refused, none reaches a page.
  await inParallel(singles(F['POST /api/users user.username'], 200), async (username) => {
    const status = await attempt(baseUrl, 'POST', '/api/users', undefined, { user: { username, email: `${unique('u')}@example.test`, password: 'password-123', name: 'x' } })
    assert.equal(status, 422, `the username ${JSON.stringify(username)} is refused`)
  })

  // Writers: names and bios (packed), profile image URLs (one each); each follows the main author.
  const names = packs(F['POST /api/users user.name'], 80, { limit: WRITERS })
  const bios = packs(F['PUT /api/user user.bio'], 160, { limit: WRITERS })
  const images = singles(F['PUT /api/user user.image'], 2000, (entry) => entry.kind === 'url' || entry.kind === 'attribute').slice(0, WRITERS)
  const writerCount = Math.max(names.length, bios.length, images.length)
  const writers: ApiUser[] = []
  await inParallel(range(writerCount), async (i) => {
    const writer = await signUpViaApi(baseUrl, { name: names[i] ?? `Writer ${i}` })
    writers[i] = writer
    if (bios[i]) await api(baseUrl, 'PUT', '/api/user', { token: writer.token, body: { user: { bio: bios[i] } } })
    if (images[i]) await attempt(baseUrl, 'PUT', '/api/user', writer.token, { user: { image: images[i] } })
    await api(baseUrl, 'POST', `/api/profiles/${main.username}/follow`, { token: writer.token })
  })
  addPage(`/@${main.username}/followers`)
  for (let i = 0; i < writers.length; i += 4) addPage(`/@${writers[i]!.username}`)

  mark('// The main story: the Markdow')
  // The main story: the Markdown body with every payload in many constructs; sources; responses.
  const story = await createStoryViaApi(baseUrl, main.token, { title: 'The main hostile story', body: markdownBody(F['POST /api/articles article.body']) })
  addPage(pathOf(story))
  const sourceFields = { title: 2000, author: 2000, excerpt: 10_000, date: 100 } as const
  const sourceValues = Object.fromEntries(Object.entries(sourceFields).map(([name, max]) =>
    [name, packs(F[`POST /api/articles/{slug}/sources source.${name as keyof typeof sourceFields}`], max)]))
  const sourceUrls = singles(F['POST /api/articles/{slug}/sources source.url'], 4000, (entry) => entry.kind === 'url' || entry.kind === 'attribute')
  const sourceCount = Math.max(...Object.values(sourceValues).map((values) => values.length), sourceUrls.length)
  await inParallel(range(sourceCount), async (i) => {
    const source = { title: sourceValues.title?.[i] ?? `Source ${i}`, author: sourceValues.author?.[i], excerpt: sourceValues.excerpt?.[i] }
    await attempt(baseUrl, 'POST', `/api/articles/${story.slug}/sources`, main.token, { source })
    if (sourceValues.date?.[i]) await attempt(baseUrl, 'POST', `/api/articles/${story.slug}/sources`, main.token, { source: { title: `Dated ${i}`, date: sourceValues.date[i] } })
    if (sourceUrls[i]) await attempt(baseUrl, 'POST', `/api/articles/${story.slug}/sources`, main.token, { source: { title: `Linked ${i}`, url: sourceUrls[i] } })
  })
  addPage(`/edit/${story.slug}/sources`)
  addPage(`/edit/${story.slug}`)
  const responses = packs(F['POST /api/articles/{slug}/comments comment.body'], 10_000, { multiline: true, separator: '\n\n' })
  const edits = packs(F['PUT /api/articles/{slug}/comments/{id} comment.body'], 10_000, { multiline: true, separator: '\n\n' })
  await inParallel(range(Math.max(responses.length, edits.length)), async (i) => {
    const writer = writers[i % writers.length]!
    const { comment } = await api<{ comment: { id: number } }>(baseUrl, 'POST', `/api/articles/${story.slug}/comments`, { token: writer.token, body: { comment: { body: responses[i] ?? 'A response' } }, status: 201 })
    if (edits[i]) {
      const { comment: reply } = await api<{ comment: { id: number } }>(baseUrl, 'POST', `/api/articles/${story.slug}/comments`, { token: writer.token, body: { comment: { body: 'To be edited' } }, status: 201 })
      await api(baseUrl, 'PUT', `/api/articles/${story.slug}/comments/${reply.id}`, { token: writer.token, body: { comment: { body: edits[i] } } })
      addPage(`/responses/${reply.id}`)
    }
    addPage(`/responses/${comment.id}`)
  })
  // Every writer responds once more, so the story page lists every hostile name.
  await inParallel(writers, (writer) => respond(baseUrl, writer, story, 'Hello'))

  mark('// Stories: titles, subtitles')
  // Stories: titles, subtitles, tags and cover alt texts packed; cover and canonical URLs one each.
  const titles = packs(F['POST /api/articles article.title'], 200, { limit: STORIES })
  const descriptions = packs(F['POST /api/articles article.description'], 300, { limit: STORIES })
  const subtitles = packs(F['POST /api/articles article.subtitle'], 300, { limit: STORIES })
  const tags = packs(F['POST /api/articles article.tagList[]'], 40, { limit: STORIES * 5 })
  const alts = packs(F['POST /api/articles article.coverAlt'], 1000, { limit: STORIES })
  const canonicals = singles(F['PUT /api/articles/{slug} article.canonicalUrl'], 4000, (entry) => entry.kind === 'url' || entry.kind === 'attribute').slice(0, STORIES)
  const covers = singles(F['PUT /api/articles/{slug} article.coverImage'], 4000, (entry) => entry.kind === 'url' || entry.kind === 'attribute').slice(0, STORIES)
  const storyCount = Math.max(titles.length, descriptions.length, subtitles.length, Math.ceil(tags.length / 5), alts.length, canonicals.length, covers.length)
  const stories: ApiArticle[] = []
  await inParallel(range(storyCount), async (i) => {
    const { article } = await api<{ article: ApiArticle }>(baseUrl, 'POST', '/api/articles', {
      token: main.token,
      body: { article: { title: titles[i] ?? `Story ${i}`, description: descriptions[i] ?? 'A subtitle', ...(subtitles[i] ? { subtitle: subtitles[i] } : {}), body: 'A short body.', tagList: tags.slice(i * 5, i * 5 + 5), coverAlt: alts[i] ?? '' } },
    })
    stories[i] = article
    if (canonicals[i]) await attempt(baseUrl, 'PUT', `/api/articles/${article.slug}`, main.token, { article: { canonicalUrl: canonicals[i] } })
    if (covers[i]) await attempt(baseUrl, 'PUT', `/api/articles/${article.slug}`, main.token, { article: { coverImage: covers[i] } })
    addPage(pathOf(await fetchArticle(baseUrl, article.slug)))
  })
  addPage('/')
  addPage('/?page=2')
  addPage(`/@${main.username}`)
  addPage('/me/stories?tab=published')
  for (let i = 0; i < tags.length; i += 12) {
    const { article } = await api<{ article: ApiArticle }>(baseUrl, 'GET', `/api/articles/${stories[Math.floor(i / 5)]!.slug}`)
    const tag = article.tagList[i % 5]
    if (tag) addPage(`/tag/${encodeURIComponent(tag)}`)
  }
  addPage('/search?q=xss')
  addPage('/search?q=xss&type=people')
  addPage('/search?q=xss&type=publications')
  addPage(`/search?q=${encodeURIComponent(payload(0, 1))}`)

  mark('// Pending changes to a publis')
  // Pending changes to a published story: shown on its edit page and revisions.
  const changeTitles = packs(F['PUT /api/articles/{slug}/changes changes.title'], 200, { limit: 3 })
  const changeSubtitles = packs(F['PUT /api/articles/{slug}/changes changes.subtitle'], 300, { limit: 3 })
  for (let i = 0; i < Math.max(changeTitles.length, changeSubtitles.length); i += 1) {
    const article = stories[i % stories.length]!
    await attempt(baseUrl, 'PUT', `/api/articles/${article.slug}/changes`, main.token, { changes: { title: changeTitles[i] ?? 'Changed', subtitle: changeSubtitles[i] ?? 'Changed' } })
    addPage(`/edit/${article.slug}`)
    addPage(`/edit/${article.slug}/revisions`)
  }

  mark('// The block document: every p')
  // The block document: every payload as a link target, an image's src, alt and caption, an
  // embed, a code block's language, a footnote and a source.
  const documentStory = await createStoryViaApi(baseUrl, main.token, { title: 'The block document story', body: 'x' })
  await api(baseUrl, 'PUT', `/api/articles/${documentStory.slug}`, { token: main.token, body: { article: { document: hostileDocument(F['POST /api/articles article.document']) } } })
  addPage(pathOf(documentStory))
  // The same, as pending changes to the published story (the studio's autosave of an edit).
  await attempt(baseUrl, 'PUT', `/api/articles/${documentStory.slug}/changes`, main.token, { changes: { title: 'Pending', subtitle: 'Pending', document: hostileDocument(F['PUT /api/articles/{slug}/changes changes.document']) } })
  addPage(`/edit/${documentStory.slug}`)

  mark('// A publication per packed na')
  // A publication per packed name; the first carries the long texts, members with hostile titles.
  const publicationNames = packs(F['POST /api/publications publication.name'], 100, { limit: PUBLICATIONS })
  const taglines = packs(F['POST /api/publications publication.tagline'], 200, { limit: PUBLICATIONS })
  const descriptionsOf = packs(F['POST /api/publications publication.description'], 5000, { limit: PUBLICATIONS })
  const founderTitles = packs(F['POST /api/publications publication.title'], 100, { limit: PUBLICATIONS })
  const logos = singles(F['PUT /api/publications/{slug} publication.logoUrl'], 4000, (entry) => entry.kind === 'url' || entry.kind === 'attribute').slice(0, PUBLICATIONS)
  const colours = singles(F['PUT /api/publications/{slug} publication.accentColor'], 100)
  const publicationCount = Math.max(publicationNames.length, taglines.length, descriptionsOf.length, founderTitles.length, logos.length)
  const publicationSlugs: string[] = []
  await inParallel(range(publicationCount), async (i) => {
    const slug = unique('pub-')
    await api(baseUrl, 'POST', '/api/publications', {
      token: main.token,
      status: 201,
      body: { publication: { name: publicationNames[i] ?? `Publication ${i}`, slug, tagline: taglines[i] ?? null, description: descriptionsOf[i] ?? null, title: founderTitles[i] ?? null } },
    })
    publicationSlugs[i] = slug
    if (logos[i]) await attempt(baseUrl, 'PUT', `/api/publications/${slug}`, main.token, { publication: { logoUrl: logos[i] } })
    for (const colour of colours.slice(i * 8, i * 8 + 8)) {
      assert.equal(await attempt(baseUrl, 'PUT', `/api/publications/${slug}`, main.token, { publication: { accentColor: colour } }), 422, `the colour ${colour} is refused`)
    }
    // The about page shows the name, tagline, description and masthead; the home page some.
    addPage(`/${slug}/about`)
    if (i < 2) addPage(`/${slug}`)
  })
  const home = publicationSlugs[0]!
  const memberTitles = packs(F['POST /api/publications/{slug}/members member.title'], 100, { limit: WRITERS })
  await inParallel(range(Math.min(writers.length, Math.max(memberTitles.length, 3))), async (i) => {
    const writer = writers[i]!
    await api(baseUrl, 'POST', `/api/publications/${home}/members`, { token: main.token, status: 201, body: { member: { username: writer.username, role: i === 0 ? 'editor' : 'writer', title: memberTitles[i] ?? null } } })
    await api(baseUrl, 'POST', `/api/publications/${home}/invitations/accept`, { token: writer.token })
  })
  addPage(`/${home}/about`)

  mark('// A submission with editorial')
  // A submission with editorial notes and a return note (seen by the editor and by the writer).
  const submitter = writers[1]!
  const notes = packs(F['POST /api/articles/{slug}/notes note'], 5000)
  const returns = packs(F['POST /api/articles/{slug}/return note'], 5000)
  const { article: submission } = await api<{ article: ApiArticle }>(baseUrl, 'POST', '/api/articles', {
    token: submitter.token,
    body: { article: { title: 'A submission with hostile notes', description: 'Notes', body: 'Text.', publication: home, status: 'draft' } },
  })
  await api(baseUrl, 'POST', `/api/articles/${submission.slug}/submit`, { token: submitter.token })
  for (const note of notes) await api(baseUrl, 'POST', `/api/articles/${submission.slug}/notes`, { token: main.token, body: { note }, status: 201 })
  for (const note of returns) {
    await api(baseUrl, 'POST', `/api/articles/${submission.slug}/return`, { token: main.token, body: { note }, status: 204 })
    // Back in the queue, so the editor's review page shows it with its history.
    await api(baseUrl, 'POST', `/api/articles/${submission.slug}/submit`, { token: submitter.token })
  }
  addPage(`/edit/${submission.slug}`)
  addPage(`/${home}/submissions`)
  addPage(`/${home}/submissions/${submission.slug}`)
  addPage(`/${home}/settings`)

  mark('// Lists: names packed')
  // Lists: names packed; the lists page shows them all, a list page its own.
  const listNames = packs(F['POST /api/lists list.name'], 100, { limit: 8 })
  await inParallel(listNames, async (name) => {
    const { list } = await api<{ list: { id: string | number } }>(baseUrl, 'POST', '/api/lists', { token: main.token, body: { list: { name } }, status: 201 })
    await api(baseUrl, 'POST', `/api/lists/${list.id}/articles/${story.slug}`, { token: main.token, status: 200 }).catch(() => undefined)
    if (paths.filter((path) => path.startsWith('/lists/')).length < 3) addPage(`/lists/${list.id}`)
  })
  addPage('/me/lists')
  addPage('/notifications')

  mark('// A hostile Medium export')
  // A hostile Medium export, through the import API and its background job.
  const importer = await signUpViaApi(baseUrl, { name: 'Imported Writer' })
  const imported = await importHostileExport(baseUrl, importer)
  for (const path of imported) addPage(path)
  addPage(`/@${importer.username}`)

  mark('jsonPaths.push(')
  jsonPaths.push('/feed.json', `/feed/@${main.username}.json`, `/oembed?url=${encodeURIComponent(stories[0]!.url)}&format=json`)
  return main
}

/** Runs `work` on every item, a few at a time: the server overlaps requests, one process does not. */
async function inParallel<T>(items: readonly T[], work: (item: T) => Promise<unknown>, concurrency = 6): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T
      next += 1
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index)
}

async function respond(baseUrl: string, writer: ApiUser, story: ApiArticle, body: string): Promise<void> {
  await api(baseUrl, 'POST', `/api/articles/${story.slug}/comments`, { token: writer.token, body: { comment: { body } }, status: 201 })
}

async function fetchArticle(baseUrl: string, slug: string): Promise<ApiArticle> {
  const { article } = await api<{ article: ApiArticle }>(baseUrl, 'GET', `/api/articles/${slug}`)
  return article
}

/** A block document carrying every payload in every text and URL a block has. */
function hostileDocument(field: number): unknown {
  const blocks: unknown[] = []
  const notes: unknown[] = []
  const sources: unknown[] = []
  PAYLOADS.forEach((_, index) => {
    const text = payload(index, trapId(field, index))
    blocks.push({ id: `p${index}`, type: 'paragraph', content: [{ text }, { text: ` link ${index}`, marks: [{ type: 'link', href: text }] }, { text: `n${index}`, marks: [{ type: 'footnote', noteId: `n${index}` }] }] })
    blocks.push({ id: `i${index}`, type: 'image', src: text, alt: text, caption: [{ text }] })
    blocks.push({ id: `e${index}`, type: 'embed', url: text, caption: [{ text }] })
    if (index % 4 === 0) blocks.push({ id: `h${index}`, type: 'heading', level: 2, content: [{ text, marks: [{ type: 'bold' }] }] })
    if (index % 4 === 1) blocks.push({ id: `c${index}`, type: 'code', language: text.slice(0, 40), text })
    if (index % 4 === 2) blocks.push({ id: `l${index}`, type: 'list', ordered: false, items: [{ id: `li${index}`, content: [{ text, marks: [{ type: 'italic' }] }] }] })
    if (index % 4 === 3) blocks.push({ id: `q${index}`, type: 'pullquote', content: [{ text }] })
    notes.push({ id: `n${index}`, content: [{ text }], sourceId: `s${index}` })
    sources.push({ id: `s${index}`, title: text, author: text, excerpt: text })
  })
  return { version: 1, blocks, notes, sources }
}

/** Uploads a Medium export whose posts and profile are hostile; answers the imported stories' pages. */
async function importHostileExport(baseUrl: string, importer: ApiUser): Promise<string[]> {
  const field = F['POST /api/imports/medium (Medium export HTML)']
  const files: Record<string, Uint8Array> = {}
  const perPost = 15
  for (let start = 0; start < PAYLOADS.length; start += perPost) {
    const indexes = PAYLOADS.map((_, index) => index).slice(start, start + perPost)
    const title = payload(indexes[0]!, trapId(field, indexes[0]!))
    const subtitle = payload(indexes[1] ?? indexes[0]!, trapId(field, indexes[1] ?? indexes[0]!))
    files[`posts/2021-03-0${1 + (start / perPost) % 9}_Hostile-${start}-${String(start).padStart(12, '0')}.html`] = new TextEncoder().encode(mediumPostHtml(field, title, subtitle, indexes))
  }
  files['profile/profile.html'] = new TextEncoder().encode('<!DOCTYPE html><html><head><title>Profile</title></head><body><div class="h-card"><header>'
    + `<img class="u-photo" src="javascript:__xss(${trapId(field, 0)})"><h3 class="p-name">${payload(0, trapId(field, 0))}</h3></header>`
    + `<section><p class="p-note">${payload(1, trapId(field, 1))}</p></section></div></body></html>`)
  const form = new FormData()
  form.append('file', new Blob([zipSync(files)], { type: 'application/zip' }), 'medium-export.zip')
  const response = await fetch(`${baseUrl}/api/imports/medium`, { method: 'POST', headers: { authorization: `Token ${importer.token}` }, body: form })
  assert.equal(response.status, 202, `the import starts: ${await response.clone().text()}`)
  const { import: run } = await response.json() as { import: { id: string | number } }
  const deadline = Date.now() + 60_000
  for (;;) {
    const { import: state } = await api<{ import: { status: string } }>(baseUrl, 'GET', `/api/imports/${run.id}`, { token: importer.token })
    if (state.status === 'done') break
    assert.notEqual(state.status, 'failed', 'the hostile import finishes')
    assert.ok(Date.now() < deadline, 'the import finishes within a minute')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  const { articles } = await api<{ articles: ApiArticle[] }>(baseUrl, 'GET', `/api/articles?author=${importer.username}&limit=100`)
  assert.ok(articles.length > 0, 'the hostile posts were imported')
  return articles.map((article) => new URL(article.url).pathname)
}
