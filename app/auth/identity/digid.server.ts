import { and, desc, eq, ne, sql } from 'drizzle-orm'
import { generateIdFromEntropySize } from 'lucia'
import { identityLinks, users } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { findAddress } from '~/modules/areas/queries.server'
import { audit } from '~/utils/audit.server'
import { personKeyFromBsn } from '../person-key.server'
import { recordResidence } from '../residence.server'
import { lookUpPerson } from './brp.server'
import type { Assurance } from './assurance'

/*
 * What a DigiD log-in does, once the broker's answer is checked (oidc.server.ts): the BSN becomes the
 * pseudonym at once, the BRP is asked for the address and birth date with the BSN in memory, and the
 * account is found, linked or started. The BSN goes no further than this function.
 */

export type BrpStatus = 'ok' | 'unavailable' | 'not_found' | 'address_unknown'

export interface DigidIdentity {
  bsn: string
  assurance: Assurance
}

export interface DigidOutcome {
  ok: true
  userId: string
  created: boolean
  brpStatus: BrpStatus
  /**
   * The same DigiD is linked to another account too: the same person, with the same person key, so the
   * accounts together vote once. The page says so in plain words.
   */
  samePersonAsOther: boolean
}

/**
 * The one call site where a person verified through DigiD is recorded as a resident: the verified-person
 * record of decision 0004, with the pseudonym from the BSN as its person key (one person, one vote, however
 * many accounts). The BRP gives the birth date; the name stays what the account had (we ask the BRP for
 * no more than the address and birth date).
 */
export async function recordDigidResidence(
  db: Queryable,
  input: { userId: string; addressId: number; birthDate: string | null; personKey: string },
): Promise<void> {
  const [current] = await db
    .select({ legalName: users.legalName, birthDate: users.birthDate })
    .from(users)
    .where(eq(users.id, input.userId))
  await recordResidence(
    db,
    input.userId,
    input.addressId,
    { legalName: current?.legalName ?? null, birthDate: input.birthDate ?? current?.birthDate ?? null, personKey: input.personKey },
    'oidc',
  )
}

/** A log-in (or link) with DigiD. `linkTo` is the logged-in account that asked to link DigiD. */
export async function completeDigidLogin(identity: DigidIdentity, linkTo: string | null): Promise<DigidOutcome> {
  const pseudonym = personKeyFromBsn(identity.bsn)
  const brp = await lookUpPerson(identity.bsn)
  const address = brp.ok ? await findAddress(brp.person.postcode, brp.person.houseNumber, brp.person.addition) : null
  const brpStatus: BrpStatus = brp.ok ? (address ? 'ok' : 'address_unknown') : brp.reason
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    let userId = linkTo
    let created = false
    if (!userId) {
      const [known] = await tx
        .select({ userId: identityLinks.userId })
        .from(identityLinks)
        .where(eq(identityLinks.pseudonym, pseudonym))
        .orderBy(desc(identityLinks.lastLoginAt))
        .limit(1)
      userId = known?.userId ?? null
    }
    if (!userId) {
      // A new account without a password: it logs in with DigiD. The person may add an e-mail address later.
      userId = generateIdFromEntropySize(10)
      created = true
      await tx.insert(users).values({
        id: userId,
        email: `${userId}@digid.invalid`,
        emailConfirmedAt: new Date(),
        displayName: 'Inwoner',
        passwordHash: null,
      })
    }
    const [other] = await tx
      .select({ userId: identityLinks.userId })
      .from(identityLinks)
      .where(and(eq(identityLinks.pseudonym, pseudonym), ne(identityLinks.userId, userId)))
      .limit(1)
    const [before] = await tx
      .select({ addressId: users.addressId, method: users.verificationMethod })
      .from(users)
      .where(eq(users.id, userId))
    await tx
      .insert(identityLinks)
      .values({ userId, pseudonym, assurance: identity.assurance, brpStatus })
      .onConflictDoUpdate({
        target: identityLinks.userId,
        set: { pseudonym, assurance: identity.assurance, brpStatus, lastLoginAt: sql`now()` },
      })
    // The DigiD pseudonym is the person key even while the BRP waits: an account verified earlier by
    // letter or at the desk then shares the key with the person's other accounts at once.
    await tx.update(users).set({ personKey: pseudonym }).where(eq(users.id, userId))
    if (brp.ok && address) {
      await recordDigidResidence(tx, { userId, addressId: address.id, birthDate: brp.person.birthDate, personKey: pseudonym })
      if (before?.addressId && before.addressId !== address.id) {
        // Moved (or first verified by letter elsewhere): the BRP's address counts, and the change is kept.
        await audit(tx, {
          actorId: userId,
          action: 'residence.moved_digid',
          subjectUserId: userId,
          detail: { from: before.addressId, to: address.id },
        })
      }
    }
    return { ok: true as const, userId, created, brpStatus, samePersonAsOther: !!other }
  })
}

/** What the verification page shows about DigiD for this account. */
export async function digidStatus(userId: string) {
  const { db } = getDatabase()
  const [link] = await db
    .select({ assurance: identityLinks.assurance, brpStatus: identityLinks.brpStatus, lastLoginAt: identityLinks.lastLoginAt })
    .from(identityLinks)
    .where(eq(identityLinks.userId, userId))
  return link ?? null
}

/** The level of assurance of an account's latest DigiD log-in, or null. */
export async function assuranceOf(userId: string): Promise<Assurance | null> {
  const link = await digidStatus(userId)
  return (link?.assurance as Assurance | undefined) ?? null
}
