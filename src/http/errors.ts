// The one error type services throw. Each failure has a stable machine code (never reused once
// shipped), an HTTP status and RealWorld's field-keyed messages: {"errors":{"article":["not found"]}}.

export type ErrorCode =
  // shared
  | 'validation_failed'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'cross_site_request'
  | 'rate_limited'
  | 'payload_too_large'
  | 'malformed_body'
  // accounts
  | 'invalid_credentials'
  | 'token_invalid'
  | 'username_taken'
  | 'email_taken'
  // account security (issue 9)
  | 'too_many_attempts'
  | 'wrong_password'
  | 'account_token_invalid'
  | 'session_not_found'
  | 'sole_owner'
  // stories
  | 'story_not_found'
  | 'not_story_author'
  | 'story_version_conflict'
  | 'revision_not_found'
  // claps
  | 'own_story_clap'
  // responses
  | 'response_not_found'
  | 'not_response_author'
  // profiles and publications
  | 'profile_not_found'
  | 'publication_not_found'
  // tags
  | 'tag_not_found'
  // reader network (issue 5)
  | 'highlight_not_found'
  | 'not_highlight_owner'
  | 'list_not_found'
  | 'not_list_owner'
  | 'notification_not_found'
  // policy and publications (issue 4)
  | 'not_allowed'
  | 'invitation_not_found'
  | 'member_not_found'
  | 'already_member'
  | 'last_owner'

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429

export type ErrorFields = Record<string, string[]>

export class AppError extends Error {
  status: ErrorStatus
  code: ErrorCode
  fields: ErrorFields

  constructor(status: ErrorStatus, code: ErrorCode, fields: ErrorFields) {
    super(Object.entries(fields).map(([field, messages]) => `${field} ${messages.join(', ')}`).join('; '))
    this.status = status
    this.code = code
    this.fields = fields
  }
}

/** 422 with messages keyed by field: invalid({ title: ["can't be blank"] }). */
export function invalid(fields: ErrorFields): AppError {
  return new AppError(422, 'validation_failed', fields)
}

/** 404 for a thing the API names ('article', 'profile', 'comment'). */
export function notFound(thing: string, code: ErrorCode = 'not_found'): AppError {
  return new AppError(404, code, { [thing]: ['not found'] })
}

/** 401: no (valid) credentials. */
export function unauthorized(reason: 'is missing' | 'is invalid' = 'is missing'): AppError {
  return new AppError(401, reason === 'is missing' ? 'unauthorized' : 'token_invalid', { token: [reason] })
}

/** 403: signed in, but this is not yours to change. */
export function forbidden(thing: string, code: ErrorCode = 'forbidden'): AppError {
  return new AppError(403, code, { [thing]: ['forbidden'] })
}

export function conflict(code: ErrorCode, fields: ErrorFields): AppError {
  return new AppError(409, code, fields)
}
