// Request and response shapes of the accounts API (RealWorld's users and user endpoints).
// Schemas check shape only; rules that need words ("can't be blank") are the service's.
import { Type, type Static } from '@sinclair/typebox'

const NullableString = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()])

export const UserBody = Type.Object({
  email: Type.String(),
  token: Type.String(),
  username: Type.String(),
  bio: Type.Union([Type.String(), Type.Null()]),
  image: Type.Union([Type.String(), Type.Null()]),
  name: Type.String({ description: 'Display name (Ovation addition)' }),
})
export const UserResponseSchema = Type.Object({ user: UserBody })

export const RegisterBody = Type.Object({
  user: Type.Object({
    username: NullableString(200),
    email: NullableString(400),
    password: NullableString(1000),
    name: Type.Optional(NullableString(200)),
  }),
})
export type RegisterBody = Static<typeof RegisterBody>

export const LoginBody = Type.Object({
  user: Type.Object({
    email: NullableString(400),
    password: NullableString(1000),
  }),
})
export type LoginBody = Static<typeof LoginBody>

export const UpdateUserBody = Type.Object({
  user: Type.Object({
    username: Type.Optional(NullableString(200)),
    email: Type.Optional(NullableString(400)),
    password: Type.Optional(NullableString(1000)),
    bio: Type.Optional(NullableString(2000)),
    image: Type.Optional(NullableString(4000)),
    name: Type.Optional(NullableString(200)),
    currentPassword: Type.Optional(NullableString(1000)),
  }),
})
export type UpdateUserBody = Static<typeof UpdateUserBody>

export const SignInForm = Type.Object({
  email: Type.Optional(Type.String({ maxLength: 400 })),
  password: Type.Optional(Type.String({ maxLength: 1000 })),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
})
export type SignInForm = Static<typeof SignInForm>

export const SignUpForm = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  username: Type.Optional(Type.String({ maxLength: 200 })),
  email: Type.Optional(Type.String({ maxLength: 400 })),
  password: Type.Optional(Type.String({ maxLength: 1000 })),
  next: Type.Optional(Type.String({ maxLength: 2000 })),
})
export type SignUpForm = Static<typeof SignUpForm>

export const NextQuery = Type.Object({
  next: Type.Optional(Type.String({ maxLength: 2000 })),
  /** A message to show above the form (after a password reset, after signing out everywhere). */
  notice: Type.Optional(Type.String({ maxLength: 40 })),
})
export type NextQuery = Static<typeof NextQuery>

export const SettingsForm = Type.Object({
  name: Type.String({ maxLength: 200 }),
  username: Type.String({ maxLength: 200 }),
  bio: Type.String({ maxLength: 2000 }),
  image: Type.String({ maxLength: 4000 }),
  email: Type.String({ maxLength: 400 }),
  password: Type.Optional(Type.String({ maxLength: 1000 })),
  currentPassword: Type.Optional(Type.String({ maxLength: 1000 })),
})
export type SettingsForm = Static<typeof SettingsForm>
