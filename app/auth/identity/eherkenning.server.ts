import { eq, sql } from 'drizzle-orm'
import { generateIdFromEntropySize } from 'lucia'
import { organisationLinks, users } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { audit } from '~/utils/audit.server'

/*
 * What an eHerkenning log-in does, once the broker's answer is checked (oidc.server.ts): the organisation's
 * account is found by its KVK number, or started. The account carries the organisation's name as its
 * display name, so a proposal or a reaction shows it; it holds no person key, no address and no BSN, and
 * is never a verified resident (the permission rules see `Actor.broker.organisation`).
 */

export interface OrganisationOutcome {
  ok: true
  userId: string
  created: boolean
}

export async function completeOrganisationLogin(input: { kvkNumber: string; name: string | null }): Promise<OrganisationOutcome> {
  const { db } = getDatabase()
  const name = input.name ?? `Organisatie met KVK-nummer ${input.kvkNumber}`
  return db.transaction(async (tx) => {
    const [known] = await tx
      .select({ userId: organisationLinks.userId })
      .from(organisationLinks)
      .where(eq(organisationLinks.kvkNumber, input.kvkNumber))
    if (known) {
      await tx.update(organisationLinks).set({ name, lastLoginAt: sql`now()` }).where(eq(organisationLinks.userId, known.userId))
      await tx.update(users).set({ displayName: name }).where(eq(users.id, known.userId))
      return { ok: true as const, userId: known.userId, created: false }
    }
    const userId = generateIdFromEntropySize(10)
    await tx.insert(users).values({
      id: userId,
      email: `${userId}@eherkenning.invalid`,
      emailConfirmedAt: new Date(),
      displayName: name,
      passwordHash: null,
    })
    await tx.insert(organisationLinks).values({ userId, kvkNumber: input.kvkNumber, name })
    await audit(tx, { actorId: userId, action: 'organisation.started_eherkenning', subjectUserId: userId, detail: { kvk: input.kvkNumber } })
    return { ok: true as const, userId, created: true }
  })
}
