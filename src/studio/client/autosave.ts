// Autosave: a draft is saved a moment after the writer pauses, through the articles API, with
// the version it was loaded at. The server refuses a save made to an older version (another tab
// or device saved since) with 409, and the writer is told instead of either copy being lost.
// A published story is not changed while typing (readers would see half-made edits): its
// working copy is saved as unpublished changes instead, and "Republish" (the form) publishes it.

export type SaveContent = { title: string; subtitle: string; document: unknown }

export type AutosaveOptions = {
  slug: string | null
  version: number
  /** 'story' saves the story itself (drafts, scheduled); 'changes' its unpublished changes (live stories). */
  mode: 'story' | 'changes'
  content: () => SaveContent
  /** Whether there is enough to save a new story (a title and some text). */
  ready: (content: SaveContent) => boolean
  status: (state: SaveState, message: string) => void
  /** A new story got its address: the page and form now edit it. */
  created: (slug: string, version: number) => void
  versionChanged: (version: number) => void
}

export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'conflict'

const PAUSE_MS = 1200
// A writer who never pauses is still saved this often.
const MAX_WAIT_MS = 10_000
const RETRY_MS = 5000

export type Autosave = { changed: () => void; flush: () => Promise<void>; state: () => SaveState; stop: () => void }

export function startAutosave(options: AutosaveOptions): Autosave {
  let slug = options.slug
  let version = options.version
  let state: SaveState = 'idle'
  let timer: ReturnType<typeof setTimeout> | undefined
  let firstChangeAt = 0
  let inFlight: Promise<void> | null = null
  let again = false
  let stopped = false

  const set = (next: SaveState, message: string) => {
    state = next
    options.status(next, message)
  }

  async function save(): Promise<void> {
    if (stopped || state === 'conflict') return
    if (inFlight) {
      again = true
      return inFlight
    }
    clearTimeout(timer)
    firstChangeAt = 0
    const content = options.content()
    if (!slug && !options.ready(content)) {
      set('dirty', 'Add a title and some text to save a draft')
      return
    }
    set('saving', 'Saving…')
    inFlight = send(content).finally(() => { inFlight = null })
    await inFlight
    if (again) {
      again = false
      await save()
    }
  }

  async function send(content: SaveContent): Promise<void> {
    const article = { title: content.title, subtitle: content.subtitle, document: content.document }
    let response: Response
    try {
      response = slug && options.mode === 'changes'
        ? await fetch(`/api/articles/${encodeURIComponent(slug)}/changes`, request('PUT', { changes: { ...article, version } }))
        : slug
        ? await fetch(`/api/articles/${encodeURIComponent(slug)}`, request('PUT', { article: { ...article, version } }))
        : await fetch('/api/articles', request('POST', { article: { ...article, status: 'draft' } }))
    } catch {
      set('error', 'Offline: not saved yet, trying again…')
      timer = setTimeout(() => { void save() }, RETRY_MS)
      return
    }
    const json = (await response.json().catch(() => null)) as { article?: { slug: string; version: number }; changes?: unknown; errors?: Record<string, string[]> } | null
    if (response.ok && json?.changes) {
      set(again ? 'dirty' : 'saved', again ? 'Unsaved changes' : 'Changes saved, not yet published: republish to publish them')
      return
    }
    if (response.ok && json?.article) {
      version = json.article.version
      options.versionChanged(version)
      if (!slug) {
        slug = json.article.slug
        options.created(slug, version)
      }
      set(again ? 'dirty' : 'saved', again ? 'Unsaved changes' : 'Saved')
      return
    }
    if (response.status === 409) {
      stopped = true
      set('conflict', 'This story was changed in another tab or on another device since you opened it. Your latest edits here are not saved: copy them, then reload to see the newer version.')
      return
    }
    const message = json?.errors ? Object.entries(json.errors).map(([field, messages]) => `${field} ${messages.join(', ')}`).join('; ') : `error ${response.status}`
    set('error', `Not saved: ${message}`)
  }

  return {
    changed() {
      if (stopped) return
      if (state !== 'saving') set('dirty', 'Unsaved changes')
      const now = Date.now()
      if (!firstChangeAt) firstChangeAt = now
      clearTimeout(timer)
      const wait = Math.min(PAUSE_MS, Math.max(0, firstChangeAt + MAX_WAIT_MS - now))
      timer = setTimeout(() => { void save() }, wait)
    },
    // Waits for the save in flight (and any it chains), then saves what is still unsaved, once.
    // Calling save() here while one was in flight would flag another round, and a caller that
    // flushes whenever it sees 'saving' (the publish form) could then chase saves forever.
    async flush() {
      clearTimeout(timer)
      while (inFlight) await inFlight
      if (state === 'dirty') await save()
    },
    state: () => state,
    stop() {
      stopped = true
      clearTimeout(timer)
    },
  }
}

function request(method: 'PUT' | 'POST', body: unknown): RequestInit {
  return { method, credentials: 'same-origin', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) }
}
