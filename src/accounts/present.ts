// The RealWorld user object, field by field: a new column never leaks by accident.
import type { UserRow } from '../db/schema.ts'

export type UserResponse = {
  user: { email: string; token: string; username: string; bio: string | null; image: string | null; name: string }
}

export function presentUser(user: UserRow, token: string): UserResponse {
  return {
    user: { email: user.email, token, username: user.username, bio: user.bio, image: user.image, name: user.name },
  }
}
