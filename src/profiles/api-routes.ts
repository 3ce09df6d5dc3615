// RealWorld's profiles endpoints.
import type { FastifyPluginAsync } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { FeatureDeps } from '../app.ts'
import { requireViewer } from '../http/auth.ts'
import { ProfileSchema } from '../stories/schemas.ts'
import * as profiles from './service.ts'

const UsernameParams = Type.Object({ username: Type.String({ maxLength: 200 }) })
type UsernameParams = Static<typeof UsernameParams>
const ProfileResponse = Type.Object({ profile: ProfileSchema })
const tags = ['Profile']

function present({ user, following }: profiles.Profile) {
  return { profile: { username: user.username, bio: user.bio, image: user.image, following } }
}

export const profileApiRoutes: FastifyPluginAsync<FeatureDeps> = async (app, { db }) => {
  app.get<{ Params: UsernameParams }>('/api/profiles/:username', {
    schema: { tags, summary: 'Get a profile', params: UsernameParams, response: { 200: ProfileResponse } },
  }, async (request) => present(await profiles.profileOf(db, request.params.username, request.viewer?.id ?? null)))

  app.post<{ Params: UsernameParams }>('/api/profiles/:username/follow', {
    schema: { tags, summary: 'Follow a writer', security: [{ Token: [] }], params: UsernameParams, response: { 200: ProfileResponse } },
  }, async (request) => present(await profiles.follow(db, requireViewer(request).id, request.params.username)))

  app.delete<{ Params: UsernameParams }>('/api/profiles/:username/follow', {
    schema: { tags, summary: 'Unfollow a writer', security: [{ Token: [] }], params: UsernameParams, response: { 200: ProfileResponse } },
  }, async (request) => present(await profiles.unfollow(db, requireViewer(request).id, request.params.username)))
}
