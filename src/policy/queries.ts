// The one read the policy needs: a person's roles in publications (memberships belong to the
// publications feature; this is a read-only look, as STYLE.md allows).
import type { Kysely, Transaction } from 'kysely'
import type { Database, MembershipRole } from '../db/schema.ts'

type Q = Kysely<Database> | Transaction<Database>

export async function rolesOf(db: Q, userId: number): Promise<Map<number, MembershipRole>> {
  const rows = await db.selectFrom('memberships').select(['publication_id', 'role']).where('user_id', '=', userId).execute()
  return new Map(rows.map((row) => [row.publication_id, row.role]))
}
