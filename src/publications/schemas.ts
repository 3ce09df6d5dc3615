// Request and response shapes of the publications API (issue 4).
import { Type, type Static } from '@sinclair/typebox'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()])
const Role = Type.Union([Type.Literal('owner'), Type.Literal('editor'), Type.Literal('writer')])

export const PublicationSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  tagline: Nullable(Type.String()),
  description: Nullable(Type.String()),
  logoUrl: Nullable(Type.String()),
  accentColor: Nullable(Type.String()),
  url: Type.String({ description: 'The publication page' }),
  createdAt: Type.String({ format: 'date-time' }),
})
export const SinglePublicationResponse = Type.Object({ publication: PublicationSchema })

const settings = {
  tagline: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
  description: Type.Optional(Nullable(Type.String({ maxLength: 100_000 }))),
  logoUrl: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  accentColor: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
}

export const CreatePublicationBody = Type.Object({
  publication: Type.Object({
    name: Type.String({ maxLength: 10_000 }),
    slug: Type.String({ maxLength: 200 }),
    ...settings,
    title: Type.Optional(Nullable(Type.String({ maxLength: 10_000, description: "The founder's title on the masthead" }))),
  }, { additionalProperties: false }),
}, { additionalProperties: false })
export type CreatePublicationBody = Static<typeof CreatePublicationBody>

export const UpdatePublicationBody = Type.Object({
  publication: Type.Object({ name: Type.Optional(Type.String({ maxLength: 10_000 })), ...settings }, { additionalProperties: false }),
}, { additionalProperties: false })
export type UpdatePublicationBody = Static<typeof UpdatePublicationBody>

export const MemberSchema = Type.Object({
  username: Type.String(),
  name: Type.String(),
  image: Nullable(Type.String()),
  role: Role,
  title: Nullable(Type.String()),
})
export const MembersResponse = Type.Object({ members: Type.Array(MemberSchema) })

export const InviteBody = Type.Object({
  member: Type.Object({
    username: Type.Optional(Type.String({ maxLength: 200 })),
    email: Type.Optional(Type.String({ maxLength: 320 })),
    role: Role,
    title: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))),
  }, { additionalProperties: false }),
}, { additionalProperties: false })
export type InviteBody = Static<typeof InviteBody>

export const InvitationResponse = Type.Object({
  invitation: Type.Object({ username: Nullable(Type.String()), email: Nullable(Type.String()), role: Role, title: Nullable(Type.String()) }),
})

export const UpdateMemberBody = Type.Object({
  member: Type.Object({ role: Type.Optional(Role), title: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))) }, { additionalProperties: false }),
}, { additionalProperties: false })
export type UpdateMemberBody = Static<typeof UpdateMemberBody>

export const SubmissionsResponse = Type.Object({
  submissions: Type.Array(Type.Object({
    slug: Type.String(),
    title: Type.String(),
    description: Type.String(),
    status: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
    author: Type.Object({ username: Type.String(), name: Type.String(), image: Nullable(Type.String()) }),
  })),
})

export const PublicationParams = Type.Object({ slug: Type.String({ maxLength: 200 }) })
export type PublicationParams = Static<typeof PublicationParams>
export const MemberParams = Type.Object({ slug: Type.String({ maxLength: 200 }), username: Type.String({ maxLength: 200 }) })
export type MemberParams = Static<typeof MemberParams>
