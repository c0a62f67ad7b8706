import { and, eq, sql } from 'drizzle-orm'
import type { Database } from '~db/client'
import {
  accountClaims,
  addresses,
  assistedActions,
  assistedConsents,
  assistedProfiles,
  auditLog,
  contentFlags,
  contactRequests,
  proposalComments,
  proposals,
  users,
} from '~db/schema'
import { personKeyFromIdentity } from '~/auth/person-key.server'
import { recordResidence } from '~/auth/residence.server'
import { hashToken } from '~/auth/tokens.server'

/*
 * Demo data for the desk modules (fictional people): requests for personal contact in every status, and
 * a resident a helper registered at the desk who has not claimed the account yet (claim code in the README:
 * BALIE-2026), and flags on demo comments in two wijken, so both wijkteam moderators have a queue.
 */

export const DEMO_CLAIM_CODE = 'BALIE2026'
const RESIDENT_ID = 'demo-balie-bewoner'

const HOUR = 3600 * 1000

export async function seedDesk(db: Database) {
  const helper = await db.query.users.findFirst({ where: (u) => sql`lower(${u.email}) = 'helper@stem.example'` })
  const staff = await db.query.users.findFirst({ where: (u) => sql`lower(${u.email}) = 'medewerker@stem.example'` })
  await seedContactRequests(db, staff?.id ?? null)
  if (helper) await seedAssistedResident(db, helper.id)
  await seedFlags(db)
}

/** Bram Bewoner flags demo comments in Centrum and Oosterparkwijk; a flag per person per item, so a rerun adds none. */
async function seedFlags(db: Database) {
  const flagger = await db.query.users.findFirst({ where: (u) => sql`lower(${u.email}) = 'bewoner@stem.example'` })
  if (!flagger) return
  const flags: { body: string; reason: 'spam' | 'off_topic' | 'other'; text: string | null }[] = [
    { body: 'Graag ook een prullenbak bij elk bankje.', reason: 'off_topic', text: null },
    {
      body: 'Het Noorderplantsoen heeft er één bij de ingang, maar die doet het vaak niet.',
      reason: 'other',
      text: 'Dubbel geplaatst (demo).',
    },
  ]
  for (const f of flags) {
    const [comment] = await db.select({ id: proposalComments.id }).from(proposalComments).where(eq(proposalComments.body, f.body)).limit(1)
    if (!comment) continue
    await db
      .insert(contentFlags)
      .values({ contentKind: 'proposal_comment', contentId: String(comment.id), userId: flagger.id, reason: f.reason, text: f.text })
      .onConflictDoNothing()
  }
  const [centrum] = await db
    .select({ id: proposalComments.id })
    .from(proposalComments)
    .innerJoin(proposals, eq(proposals.id, proposalComments.proposalId))
    .where(and(eq(proposals.wijkCode, 'WK001400'), sql`${proposals.status} <> 'draft'`))
    .orderBy(proposalComments.id)
    .limit(1)
  if (centrum)
    await db
      .insert(contentFlags)
      .values({ contentKind: 'proposal_comment', contentId: String(centrum.id), userId: flagger.id, reason: 'spam', text: null })
      .onConflictDoNothing()
}

async function seedContactRequests(db: Database, staffId: string | null) {
  const existing = await db
    .select({ id: contactRequests.id })
    .from(contactRequests)
    .where(sql`${contactRequests.name} like '%(demo)'`)
    .limit(1)
  if (existing.length) return
  const now = Date.now()
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR)
  await db.insert(contactRequests).values([
    {
      name: 'Annie de Vries (demo)',
      message: 'Ik begrijp niet hoe ik mijn stem kan uitbrengen voor het buurtbudget. Kan iemand mij bellen?',
      fromPath: '/wijken/WK001400',
      phone: '050 000 0001',
      dueAt: at(-40),
      createdAt: at(8),
    },
    {
      name: 'Henk Bakker (demo)',
      message: 'Mijn moeder (87) wil meedoen met de inspraak over de Vismarkt maar heeft geen computer.',
      fromPath: '/verantwoording',
      visitDesk: true,
      email: 'henk.bakker@example.test',
      status: 'picked_up',
      pickedUpAt: at(20),
      pickedUpBy: staffId,
      dueAt: at(-20),
      createdAt: at(26),
    },
    {
      name: 'Fatima El Amrani (demo)',
      message: 'Ik krijg geen brief met de code. Wat moet ik doen?',
      fromPath: '/mijn/adres',
      email: 'fatima@example.test',
      status: 'answered',
      pickedUpAt: at(60),
      pickedUpBy: staffId,
      answeredAt: at(50),
      staffNote: 'Gemaild: brief opnieuw aangevraagd, adres aan de balie bevestigd.',
      // Answered after the promised two working days: shows as late.
      dueAt: at(60),
      createdAt: at(110),
    },
  ])
}

async function seedAssistedResident(db: Database, helperId: string) {
  if (await db.query.users.findFirst({ where: (u) => eq(u.id, RESIDENT_ID) })) return
  const [address] = await db
    .select({ id: addresses.id })
    .from(addresses)
    .where(and(eq(addresses.postcode, '9712JN'), eq(addresses.houseNumber, 4)))
    .limit(1)
  if (!address) return
  await db.transaction(async (tx) => {
    await tx.insert(users).values({
      id: RESIDENT_ID,
      email: `balie-${RESIDENT_ID}@geen-email.invalid`,
      displayName: 'Gerrit Balie (demo)',
    })
    const person = { legalName: 'Gerrit Balie', birthDate: '1941-11-04' }
    await recordResidence(tx, RESIDENT_ID, address.id, { ...person, personKey: personKeyFromIdentity({ name: person.legalName, birthDate: person.birthDate }) }, 'desk')
    await tx.insert(assistedProfiles).values({ userId: RESIDENT_ID, phone: '050 000 0002', registeredBy: helperId, channel: 'desk' })
    await tx.insert(assistedConsents).values({ residentId: RESIDENT_ID, helperId, channel: 'desk' })
    await tx.insert(accountClaims).values({
      userId: RESIDENT_ID,
      codeHash: hashToken(`claim:${DEMO_CLAIM_CODE}`),
      expiresAt: new Date(Date.now() + 365 * 24 * HOUR),
    })
    await tx.insert(assistedActions).values({
      residentId: RESIDENT_ID,
      helperId,
      channel: 'desk',
      action: 'contact.request',
      itemKind: 'contact_request',
      itemId: 'demo',
    })
    await tx.insert(auditLog).values({
      actorId: helperId,
      action: 'assisted.register',
      subjectUserId: RESIDENT_ID,
      reason: `geregistreerd door medewerker ${helperId} via balie, met toestemming`,
      detail: { addressId: address.id, channel: 'desk' },
    })
  })
}
