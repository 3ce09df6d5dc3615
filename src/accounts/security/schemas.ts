// Request and response shapes of the account security API and forms.
import { Type, type Static } from '@sinclair/typebox'

const NullableString = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()])

export const PasswordResetBody = Type.Object({
  user: Type.Object({ email: NullableString(400) }),
})
export type PasswordResetBody = Static<typeof PasswordResetBody>

export const PasswordResetConfirmBody = Type.Object({
  user: Type.Object({ token: NullableString(200), password: NullableString(1000) }),
})
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>

export const VerifyEmailBody = Type.Object({
  user: Type.Object({ token: NullableString(200) }),
})
export type VerifyEmailBody = Static<typeof VerifyEmailBody>

export const ChangePasswordBody = Type.Object({
  user: Type.Object({ currentPassword: NullableString(1000), password: NullableString(1000) }),
})
export type ChangePasswordBody = Static<typeof ChangePasswordBody>

export const DeleteAccountBody = Type.Object({
  user: Type.Object({ password: NullableString(1000), keepStories: Type.Optional(Type.Boolean()) }),
})
export type DeleteAccountBody = Static<typeof DeleteAccountBody>

export const SessionParams = Type.Object({ id: Type.String({ maxLength: 100 }) })
export type SessionParams = Static<typeof SessionParams>

export const TokenParams = Type.Object({ token: Type.String({ maxLength: 200 }) })
export type TokenParams = Static<typeof TokenParams>

export const SessionBody = Type.Object({
  id: Type.String({ description: 'Stands for the session; not its token, and no token can be derived from it' }),
  kind: Type.Union([Type.Literal('web'), Type.Literal('api')], { description: 'web: a browser session; api: an API token' }),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.String({ format: 'date-time', description: 'Updated at most hourly' }),
  current: Type.Boolean({ description: 'The session or token this request was made with' }),
})
export const SessionsResponse = Type.Object({ sessions: Type.Array(SessionBody) })

export const EmailForm = Type.Object({ email: Type.Optional(Type.String({ maxLength: 400 })) })
export type EmailForm = Static<typeof EmailForm>

export const NewPasswordForm = Type.Object({ password: Type.Optional(Type.String({ maxLength: 1000 })) })
export type NewPasswordForm = Static<typeof NewPasswordForm>

export const ChangePasswordForm = Type.Object({
  currentPassword: Type.Optional(Type.String({ maxLength: 1000 })),
  password: Type.Optional(Type.String({ maxLength: 1000 })),
})
export type ChangePasswordForm = Static<typeof ChangePasswordForm>

export const DeleteAccountForm = Type.Object({
  password: Type.Optional(Type.String({ maxLength: 1000 })),
  keepStories: Type.Optional(Type.String({ maxLength: 5 })),
})
export type DeleteAccountForm = Static<typeof DeleteAccountForm>

export const SecurityQuery = Type.Object({ done: Type.Optional(Type.String({ maxLength: 40 })) })
export type SecurityQuery = Static<typeof SecurityQuery>
