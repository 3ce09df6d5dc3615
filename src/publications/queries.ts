// Every statement on publications and memberships.
import type { Kysely, Transaction } from 'kysely'
import type { Database, MembershipRole } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export function publicationBySlug(db: Q, slug: string) {
  return db.selectFrom('publications').selectAll().where('slug', '=', slug.toLowerCase()).executeTakeFirst()
}

export async function insertPublication(db: Q, row: { slug: string; name: string; tagline: string | null; now: Date }): Promise<number> {
  const { id } = await db.insertInto('publications').values({ slug: row.slug, name: row.name, tagline: row.tagline, created_at: row.now }).returning('id').executeTakeFirstOrThrow()
  return id
}

export async function upsertMembership(db: Q, row: { publication_id: number; user_id: number; role: MembershipRole; title: string | null; now: Date }): Promise<void> {
  const { now, ...values } = row
  await db.insertInto('memberships').values({ ...values, created_at: now })
    .onConflict((oc) => oc.columns(['publication_id', 'user_id']).doUpdateSet({ role: values.role, title: values.title })).execute()
}

/** The masthead: members with their roles and titles, owners first. */
export function membersOf(db: Q, publicationId: number) {
  return db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.username', 'users.name', 'users.image', 'memberships.role', 'memberships.title'])
    .where('memberships.publication_id', '=', publicationId)
    .orderBy((eb) => eb.case().when('memberships.role', '=', 'owner').then(0).when('memberships.role', '=', 'editor').then(1).else(2).end())
    .orderBy('memberships.created_at')
    .execute()
}
