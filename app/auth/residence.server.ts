import { and, desc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm'
import { residenceVerifications, users } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { areasAtAddress, findAddress, formatAddress } from '~/modules/areas/queries.server'
import { queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { audit } from '~/utils/audit.server'
import { env } from '~/utils/env.server'
import { translate, type Locale } from '~/utils/i18n'
import { refuse, type Outcome, type Refusal } from '~/utils/result'
import type { IdentityDocument } from './identity-documents'
import { personKeyFromIdentity } from './person-key.server'
import { consume } from './rate-limit.server'
import { hashToken, newLetterCode, normaliseLetterCode } from './tokens.server'

/*
 * Residence verification records a person, not a typed birth year (decision 0004): the name the letter is
 * addressed to (or that was on the identity document at the desk), the full birth date and the address.
 * Every method — the letter code, the desk and, later, an OpenID Connect identity broker (the route to
 * DigiD) — ends in `recordResidence`, the only place a residence and a person key are set. A citizen
 * service number (BSN) is never stored; through DigiD it becomes the person key at once.
 */

export const LETTER_VALID_DAYS = 30
export const MAX_CODE_ATTEMPTS = 5
/** A desk verification without an identity document waits this long for a second staff member. */
export const DESK_CONFIRM_DAYS = 7

export { IDENTITY_DOCUMENTS, type IdentityDocument } from './identity-documents'

export interface PersonInput {
  postcode: string
  houseNumber: number
  addition: string
  legalName: string
  /** YYYY-MM-DD */
  birthDate: string
}

/** The verified person as `recordResidence` stores it. */
export interface VerifiedPerson {
  legalName: string | null
  birthDate: string | null
  personKey: string
}

/** How many verified persons one address may have before only the desk, with an identity document, may add one. */
export function personsPerAddress(): number {
  return env().VERIFIED_PERSONS_PER_ADDRESS
}

function codeHash(userId: string, code: string): string {
  return hashToken(`${userId}:${normaliseLetterCode(code)}`)
}

/**
 * The distinct persons verified at an address, apart from `personKey` itself (a person verifying a
 * second account, or again, is not one more person). Accounts from before names were recorded count
 * one each.
 */
export async function personsAtAddress(db: Queryable, addressId: number, personKey: string | null, exceptUserId?: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct coalesce(${users.personKey}, ${users.id}))::int` })
    .from(users)
    .where(
      and(
        eq(users.addressId, addressId),
        isNotNull(users.verifiedAt),
        isNull(users.blockedAt),
        personKey ? sql`${users.personKey} is distinct from ${personKey}` : undefined,
        exceptUserId ? ne(users.id, exceptUserId) : undefined,
      ),
    )
  return row?.n ?? 0
}

async function addressFull(db: Queryable, addressId: number, personKey: string, userId: string): Promise<boolean> {
  return (await personsAtAddress(db, addressId, personKey, userId)) >= personsPerAddress()
}

/** The address has its most persons: at `field`, with the number the message names. */
function full(reason: 'errors.address_full' | 'errors.address_full_desk', field: string): Refusal {
  return { ...refuse(reason, field), params: { max: personsPerAddress() } }
}

/** Step 1: the resident names themselves and their address; a letter with a code goes to them there. */
export async function requestLetter(
  userId: string,
  input: PersonInput,
  locale: Locale,
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  const address = await findAddress(input.postcode, input.houseNumber, input.addition)
  if (!address) return refuse('errors.address_unknown', 'houseNumber')
  // Checked before a letter goes out: past the cap, the desk (with an identity document) is the only way.
  if (await addressFull(db, address.id, identityPerson(input.legalName, input.birthDate).personKey, userId))
    return full('errors.address_full', 'form')
  const limit = await consume('letterPerAccount', userId)
  if (!limit.ok) return refuse('errors.letter_limit', 'form')
  const code = newLetterCode()
  await db.transaction(async (tx) => {
    await tx
      .update(residenceVerifications)
      .set({ expiresAt: sql`now()` })
      .where(and(eq(residenceVerifications.userId, userId), isNull(residenceVerifications.completedAt)))
    await tx.insert(residenceVerifications).values({
      userId,
      method: 'letter',
      addressId: address.id,
      legalName: input.legalName,
      birthDate: input.birthDate,
      codeHash: codeHash(userId, code),
      expiresAt: new Date(Date.now() + LETTER_VALID_DAYS * 24 * 3600 * 1000),
    })
    // A letter, not an e-mail, addressed to the named person: the outbox keeps it for the print service
    // (the demo shows it on screen).
    await queueEmail(tx, {
      to: `post: ${input.legalName}, ${formatAddress(address)}`,
      kind: 'letter',
      subject: translate(locale, 'letter.subject', {}),
      text: translate(locale, 'letter.text', {
        name: input.legalName,
        address: formatAddress(address),
        code: code.replace(/(.{4})/, '$1 '),
        link: absoluteUrl('/mijn/adres'),
        days: LETTER_VALID_DAYS,
      }),
    })
  })
  return { ok: true }
}

/** The newest verification of one method still waiting for a user, with its address. */
async function openVerification(userId: string, method: 'letter' | 'desk', db: Queryable) {
  const row = await db.query.residenceVerifications.findFirst({
    where: (v) => and(eq(v.userId, userId), eq(v.method, method), isNull(v.completedAt), sql`${v.expiresAt} > now()`),
    orderBy: (v) => desc(v.createdAt),
  })
  if (!row) return null
  const address = await db.query.addresses.findFirst({ where: (a, { eq }) => eq(a.id, row.addressId) })
  return { row, address }
}

export async function pendingLetter(userId: string, db: Queryable = getDatabase().db) {
  const open = await openVerification(userId, 'letter', db)
  if (!open) return null
  const { row, address } = open
  return {
    id: row.id,
    name: row.legalName ?? '',
    address: address ? formatAddress(address) : '',
    expiresAt: row.expiresAt,
    attemptsLeft: MAX_CODE_ATTEMPTS - row.failedAttempts,
  }
}

/** Step 2: the code from the letter. Wrong codes count; after five the letter is void. */
export async function enterLetterCode(userId: string, code: string, db: Queryable = getDatabase().db): Promise<Outcome> {
  return db.transaction(async (tx): Promise<Outcome> => {
    const [pending] = await tx
      .select()
      .from(residenceVerifications)
      .where(
        and(
          eq(residenceVerifications.userId, userId),
          eq(residenceVerifications.method, 'letter'),
          isNull(residenceVerifications.completedAt),
        ),
      )
      .orderBy(desc(residenceVerifications.createdAt))
      .limit(1)
      .for('update')
    if (!pending || !pending.codeHash || !pending.legalName || !pending.birthDate)
      return refuse('errors.code_no_letter', 'code')
    if (pending.expiresAt.getTime() <= Date.now()) return refuse('errors.code_expired', 'code')
    if (pending.failedAttempts >= MAX_CODE_ATTEMPTS) return refuse('errors.code_too_many', 'code')
    if (pending.codeHash !== codeHash(userId, code)) {
      await tx
        .update(residenceVerifications)
        .set({ failedAttempts: sql`${residenceVerifications.failedAttempts} + 1` })
        .where(eq(residenceVerifications.id, pending.id))
      const left = MAX_CODE_ATTEMPTS - pending.failedAttempts - 1
      return left > 0 ? { ...refuse('errors.code_wrong', 'code'), params: { left } } : refuse('errors.code_too_many', 'code')
    }
    const person = identityPerson(pending.legalName, pending.birthDate)
    // Others may have been verified at the address while the letter was under way.
    if (await addressFull(tx, pending.addressId, person.personKey, userId)) return full('errors.address_full', 'code')
    await tx
      .update(residenceVerifications)
      .set({ completedAt: sql`now()` })
      .where(eq(residenceVerifications.id, pending.id))
    await recordResidence(tx, userId, pending.addressId, person, 'letter')
    return { ok: true }
  })
}

function identityPerson(legalName: string, birthDate: string): VerifiedPerson {
  return { legalName, birthDate, personKey: personKeyFromIdentity({ name: legalName, birthDate }) }
}

export interface DeskVerificationInput extends PersonInput {
  reason: string
  /** The identity document the staff member saw, or null: then a second staff member must confirm. */
  identityDocument: IdentityDocument | null
}

export type DeskVerificationResult = Outcome<{ status: 'verified' | 'awaiting_confirmation' }>

/**
 * A staff member or helper verifies a person at the desk. Never their own account; an account that does
 * not exist is refused. With an identity document seen, the residence is recorded at once; without one it
 * waits for a second staff member (`confirmDeskVerification`). Past the per-address cap only a document
 * will do. Everything is in the audit log, which the resident can read.
 */
export async function verifyAtDesk(
  actorId: string,
  userId: string,
  input: DeskVerificationInput,
  db: Queryable = getDatabase().db,
): Promise<DeskVerificationResult> {
  if (actorId === userId) return refuse('errors.not_own_account', 'form')
  const subject = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
  if (!subject) return refuse('errors.user_unknown', 'form')
  const address = await findAddress(input.postcode, input.houseNumber, input.addition)
  if (!address) return refuse('errors.address_unknown', 'houseNumber')
  const person = identityPerson(input.legalName, input.birthDate)
  if (!input.identityDocument && (await addressFull(db, address.id, person.personKey, userId)))
    return full('errors.address_full_desk', 'identityDocument')
  return db.transaction(async (tx) => {
    await tx
      .update(residenceVerifications)
      .set({ expiresAt: sql`now()` })
      .where(
        and(eq(residenceVerifications.userId, userId), eq(residenceVerifications.method, 'desk'), isNull(residenceVerifications.completedAt)),
      )
    const [row] = await tx
      .insert(residenceVerifications)
      .values({
        userId,
        method: 'desk',
        addressId: address.id,
        legalName: input.legalName,
        birthDate: input.birthDate,
        requestedBy: actorId,
        reason: input.reason,
        expiresAt: new Date(Date.now() + DESK_CONFIRM_DAYS * 24 * 3600 * 1000),
        completedAt: input.identityDocument ? sql`now()` : null,
      })
      .returning({ id: residenceVerifications.id })
    if (input.identityDocument) {
      await recordResidence(tx, userId, address.id, person, 'desk')
      await audit(tx, {
        actorId,
        action: 'residence.verify_at_desk',
        subjectUserId: userId,
        reason: input.reason,
        detail: { addressId: address.id, identityDocument: input.identityDocument, verificationId: row!.id },
      })
      return { ok: true, status: 'verified' } as const
    }
    await audit(tx, {
      actorId,
      action: 'residence.desk_entered',
      subjectUserId: userId,
      reason: input.reason,
      detail: { addressId: address.id, verificationId: row!.id },
    })
    return { ok: true, status: 'awaiting_confirmation' } as const
  })
}

/** A desk verification waiting for a second staff member, as the user page shows it. */
export async function pendingDeskVerification(userId: string, db: Queryable = getDatabase().db) {
  const open = await openVerification(userId, 'desk', db)
  if (!open) return null
  const { row, address } = open
  const requester = row.requestedBy ? await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, row.requestedBy!) }) : null
  return {
    id: row.id,
    legalName: row.legalName ?? '',
    birthDate: row.birthDate ?? '',
    address: address ? formatAddress(address) : '',
    requestedBy: row.requestedBy,
    requestedByName: requester?.displayName ?? '',
  }
}

/** The second staff member confirms a desk verification: not the one who entered it, not for themselves. */
export async function confirmDeskVerification(
  actorId: string,
  userId: string,
  verificationId: number,
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  if (actorId === userId) return refuse('errors.not_own_account', 'form')
  return db.transaction(async (tx): Promise<Outcome> => {
    const [pending] = await tx
      .select()
      .from(residenceVerifications)
      .where(
        and(
          eq(residenceVerifications.id, verificationId),
          eq(residenceVerifications.userId, userId),
          eq(residenceVerifications.method, 'desk'),
          isNull(residenceVerifications.completedAt),
        ),
      )
      .for('update')
    if (!pending || !pending.legalName || !pending.birthDate || pending.expiresAt.getTime() <= Date.now())
      return refuse('errors.verification_gone', 'form')
    if (pending.requestedBy === actorId) return refuse('errors.confirm_own_request', 'form')
    const person = identityPerson(pending.legalName, pending.birthDate)
    if (await addressFull(tx, pending.addressId, person.personKey, userId))
      return full('errors.address_full_desk', 'form')
    await tx
      .update(residenceVerifications)
      .set({ completedAt: sql`now()`, confirmedBy: actorId })
      .where(eq(residenceVerifications.id, pending.id))
    await recordResidence(tx, userId, pending.addressId, person, 'desk')
    await audit(tx, {
      actorId,
      action: 'residence.verify_at_desk',
      subjectUserId: userId,
      reason: pending.reason,
      detail: { addressId: pending.addressId, confirmationOf: pending.requestedBy, verificationId: pending.id },
    })
    return { ok: true }
  })
}

/**
 * The one place a residence and a person are recorded. `person.personKey` comes from
 * `personKeyFromIdentity` (letter, desk) or `personKeyFromBsn` (DigiD, where `legalName` and `birthDate`
 * are what the broker returns).
 */
export async function recordResidence(
  db: Queryable,
  userId: string,
  addressId: number,
  person: VerifiedPerson,
  method: 'letter' | 'desk' | 'oidc',
): Promise<void> {
  const area = await areasAtAddress(addressId, db)
  await db
    .update(users)
    .set({
      addressId,
      legalName: person.legalName,
      birthDate: person.birthDate,
      birthYear: person.birthDate ? Number(person.birthDate.slice(0, 4)) : null,
      personKey: person.personKey,
      buurtCode: area?.buurtCode ?? null,
      wijkCode: area?.wijkCode ?? null,
      verifiedAt: sql`now()`,
      verificationMethod: method,
    })
    .where(eq(users.id, userId))
}

/** Addresses with at least `min` verified persons, most first: for staff to look into. */
export async function crowdedAddresses(min: number, limit = 50) {
  const { db } = getDatabase()
  const rows = await db
    .select({ addressId: users.addressId, persons: sql<number>`count(distinct coalesce(${users.personKey}, ${users.id}))::int` })
    .from(users)
    .where(and(isNotNull(users.addressId), isNotNull(users.verifiedAt), isNull(users.blockedAt)))
    .groupBy(users.addressId)
    .having(sql`count(distinct coalesce(${users.personKey}, ${users.id})) >= ${min}`)
    .orderBy(sql`2 desc`, users.addressId)
    .limit(limit)
  const out: { address: string; persons: number }[] = []
  for (const r of rows) {
    const address = await db.query.addresses.findFirst({ where: (a, { eq }) => eq(a.id, r.addressId!) })
    out.push({ address: address ? formatAddress(address) : String(r.addressId), persons: r.persons })
  }
  return out
}
