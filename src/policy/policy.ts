// Who may do what, in one place (issue 4). `may(actor, action, subject)` is a pure function of
// what it is given: the actor with their roles in publications, and the facts of the subject
// (a story's author, status and publication; a publication's id; a response's author). Routes
// and services ask it, through `authorize` in service.ts, instead of comparing ids themselves.
// policy.test.ts writes the whole table out, role by role, as documentation.
import type { MembershipRole, StoryStatus } from '../db/schema.ts'

/** A signed-in person and their role in each publication they belong to; null when signed out. */
export type Actor = { id: number; roles: ReadonlyMap<number, MembershipRole> } | null

export type StorySubject = { kind: 'story'; authorId: number; status: StoryStatus; publicationId: number | null }
export type PublicationSubject = { kind: 'publication'; id: number }
export type ResponseSubject = { kind: 'response'; authorId: number; story: StorySubject }

export const storyActions = [
  'read', 'read-draft', 'edit', 'delete', 'submit', 'withdraw', 'publish', 'unpublish', 'return', 'note', 'remove-from-publication', 'pin', 'clap', 'respond',
] as const
export type StoryAction = (typeof storyActions)[number]

export const publicationActions = ['read-submissions', 'manage-members', 'change-settings', 'add-story', 'leave'] as const
export type PublicationAction = (typeof publicationActions)[number]

export const responseActions = ['delete-response', 'edit-response', 'hide-response', 'clap-response'] as const
export type ResponseAction = (typeof responseActions)[number]

export type Action = StoryAction | PublicationAction | ResponseAction
export type Subject = StorySubject | PublicationSubject | ResponseSubject

/** Whether this actor may do this to this subject. Unknown combinations are refused. */
export function may(actor: Actor, action: StoryAction, subject: StorySubject): boolean
export function may(actor: Actor, action: PublicationAction, subject: PublicationSubject): boolean
export function may(actor: Actor, action: ResponseAction, subject: ResponseSubject): boolean
export function may(actor: Actor, action: Action, subject: Subject): boolean {
  if (subject.kind === 'story') return mayOnStory(actor, action as StoryAction, subject)
  if (subject.kind === 'publication') return mayOnPublication(actor, action as PublicationAction, subject)
  return mayOnResponse(actor, action as ResponseAction, subject)
}

/** The actor's role in a publication, if any. */
export function roleIn(actor: Actor, publicationId: number | null): MembershipRole | undefined {
  return actor && publicationId !== null ? actor.roles.get(publicationId) : undefined
}

/** Editors and owners run a publication: they see its queue and publish its stories. */
export function isEditorOf(actor: Actor, publicationId: number | null): boolean {
  const role = roleIn(actor, publicationId)
  return role === 'editor' || role === 'owner'
}

const PUBLIC: ReadonlySet<string> = new Set(['published', 'unlisted'])

function mayOnStory(actor: Actor, action: StoryAction, story: StorySubject): boolean {
  const isAuthor = actor !== null && actor.id === story.authorId
  const editor = isEditorOf(actor, story.publicationId)
  const isPublic = PUBLIC.has(story.status)
  // Drafts are the writer's alone; a submission (or a story scheduled by its editors) is shared
  // with the publication's editors; everything else is public.
  const readable = isPublic || isAuthor || (editor && story.status !== 'draft')
  // Nothing may be done to a story one may not see (and routes answer 404 for it, not 403).
  if (!readable) return false
  switch (action) {
    case 'read':
      return true
    case 'read-draft':
      return !isPublic
    case 'edit':
      return isAuthor || (editor && story.status !== 'draft')
    case 'delete':
      return isAuthor
    case 'submit':
      // Into the queue of a publication the writer belongs to; editors may submit too.
      return isAuthor && story.status === 'draft' && roleIn(actor, story.publicationId) !== undefined
    case 'withdraw':
      return isAuthor && story.status === 'submitted'
    case 'publish':
      // On their own, writers publish; in a publication, its editors do (their own stories
      // directly, a writer's once it was submitted).
      if (story.publicationId === null) return isAuthor && !isPublic
      if (!editor) return false
      return isAuthor ? !isPublic : story.status === 'submitted' || story.status === 'scheduled'
    case 'unpublish':
      return (isAuthor || editor) && (isPublic || story.status === 'scheduled')
    case 'return':
    case 'note':
      return editor && !isAuthor && (story.status === 'submitted' || story.status === 'scheduled')
    case 'remove-from-publication':
      return story.publicationId !== null && (isAuthor || editor)
    case 'pin':
      return editor && story.status === 'published'
    case 'clap':
      return actor !== null && !isAuthor && isPublic
    case 'respond':
      // The writer may try out responses on their own draft (only they see it).
      return actor !== null && (isPublic || (isAuthor && story.status === 'draft'))
  }
}

// Responses are the responder's; the story's author keeps their story's conversation (takes
// responses down, hides them). Roles in publications play no part (see actorWithoutRoles).
function mayOnResponse(actor: Actor, action: ResponseAction, response: ResponseSubject): boolean {
  if (actor === null) return false
  const isResponder = actor.id === response.authorId
  const isStoryAuthor = actor.id === response.story.authorId
  switch (action) {
    case 'delete-response':
      return isResponder || isStoryAuthor
    case 'edit-response':
      return isResponder
    case 'hide-response':
      return isStoryAuthor
    case 'clap-response':
      return !isResponder
  }
}

function mayOnPublication(actor: Actor, action: PublicationAction, publication: PublicationSubject): boolean {
  const role = roleIn(actor, publication.id)
  switch (action) {
    case 'read-submissions':
      return role === 'editor' || role === 'owner'
    case 'manage-members':
    case 'change-settings':
      return role === 'owner'
    case 'add-story':
    case 'leave':
      return role !== undefined
  }
}
