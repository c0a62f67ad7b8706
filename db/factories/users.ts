import { randomBytes } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { personKeyFromIdentity } from '../../app/auth/person-key.server'
import type { Queryable } from '../client'
import { addresses, userRoles, users, type StaffRole } from '../schema'

/**
 * One factory for people, with traits for verification level and roles, used by seeds and tests alike.
 */
export interface UserTraits {
  email?: string
  displayName?: string
  passwordHash?: string | null
  /** E-mail confirmed (default true). */
  confirmed?: boolean
  /** Verified residence: the least occupied address of this buurt, or the given address id. */
  verifiedIn?: { buurtCode: string } | { addressId: number }
  /** The verified person's name (default: the display name) and full birth date (default 1980-06-15). */
  legalName?: string
  birthDate?: string
  /** Shorthand for a birth date on 15 June of this year. */
  birthYear?: number
  roles?: { role: StaffRole; scope?: string }[]
  id?: string
}

export async function createUser(db: Queryable, traits: UserTraits = {}) {
  const id = traits.id ?? randomBytes(10).toString('hex')
  const email = traits.email ?? `persoon-${id}@example.test`
  let residence: Partial<typeof users.$inferInsert> = {}
  const displayName = traits.displayName ?? `Persoon ${id.slice(0, 4)}`
  if (traits.verifiedIn) {
    const address = await pickAddress(db, traits.verifiedIn)
    const legalName = traits.legalName ?? displayName.replace(/\s*\(demo\)$/, '')
    const birthDate = traits.birthDate ?? `${traits.birthYear ?? 1980}-06-15`
    residence = {
      legalName,
      birthDate,
      birthYear: Number(birthDate.slice(0, 4)),
      personKey: personKeyFromIdentity({ name: legalName, birthDate }),
      addressId: address.id,
      buurtCode: address.buurtCode,
      wijkCode: address.wijkCode,
      verifiedAt: new Date(),
      verificationMethod: 'desk',
    }
  }
  const [user] = await db
    .insert(users)
    .values({
      id,
      email,
      displayName,
      passwordHash: traits.passwordHash ?? null,
      emailConfirmedAt: traits.confirmed === false ? null : new Date(),
      ...residence,
    })
    .onConflictDoNothing()
    .returning()
  const row = user ?? (await db.query.users.findFirst({ where: (u) => sql`lower(${u.email}) = ${email.toLowerCase()}` }))!
  for (const role of traits.roles ?? []) {
    await db
      .insert(userRoles)
      .values({ userId: row.id, role: role.role, scope: role.scope ?? '' })
      .onConflictDoNothing()
  }
  return row
}

async function pickAddress(db: Queryable, where: { buurtCode: string } | { addressId: number }) {
  const rows = await db
    .select({
      id: addresses.id,
      buurtCode: addresses.buurtCode,
      wijkCode: sql<string>`(select parent_code from areas where code = ${addresses.buurtCode})`,
    })
    .from(addresses)
    .where('addressId' in where ? eq(addresses.id, where.addressId) : eq(addresses.buurtCode, where.buurtCode))
    // In a buurt: the address with the fewest verified residents, so that people made by buurt spread
    // over its addresses (one address holds at most a few verified persons, decision 0004).
    .orderBy(sql`(select count(*) from ${users} u where u.address_id = ${addresses.id} and u.verified_at is not null)`, addresses.id)
    .limit(1)
  if (!rows[0]) throw new Error(`no address for ${JSON.stringify(where)}: seed the reference data first`)
  return rows[0] as { id: number; buurtCode: string; wijkCode: string }
}
