import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { residenceVerifications, users } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { areasAtAddress, findAddress, formatAddress } from '~/modules/areas/queries.server'
import { queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { audit } from '~/utils/audit.server'
import { translate, type Locale } from '~/utils/i18n'
import type { CommandResult } from './accounts.server'
import { consume } from './rate-limit.server'
import { hashToken, newLetterCode, normaliseLetterCode } from './tokens.server'

/*
 * Residence verification. Every method — the letter code, a helper at the desk and, later, an OpenID
 * Connect identity broker (the route to DigiD) — ends in `recordResidence`, which is the only place a
 * residence is set. A broker's answer gives an address and birth date; a citizen service number (BSN)
 * is never stored, not even hashed.
 */

export const LETTER_VALID_DAYS = 30
export const MAX_CODE_ATTEMPTS = 5

export interface AddressInput {
  postcode: string
  houseNumber: number
  addition: string
  birthYear: number
}

function codeHash(userId: string, code: string): string {
  return hashToken(`${userId}:${normaliseLetterCode(code)}`)
}

/** Step 1: the resident names their address; a letter with a code goes to that address. */
export async function requestLetter(userId: string, input: AddressInput, locale: Locale): Promise<CommandResult> {
  const address = await findAddress(input.postcode, input.houseNumber, input.addition)
  if (!address) return { ok: false, errors: { houseNumber: 'errors.address_unknown' } }
  const limit = await consume('letterPerAccount', userId)
  if (!limit.ok) return { ok: false, errors: { form: 'errors.letter_limit' } }
  const code = newLetterCode()
  const { db } = getDatabase()
  await db.transaction(async (tx) => {
    await tx
      .update(residenceVerifications)
      .set({ expiresAt: sql`now()` })
      .where(and(eq(residenceVerifications.userId, userId), isNull(residenceVerifications.completedAt)))
    await tx.insert(residenceVerifications).values({
      userId,
      addressId: address.id,
      birthYear: input.birthYear,
      codeHash: codeHash(userId, code),
      expiresAt: new Date(Date.now() + LETTER_VALID_DAYS * 24 * 3600 * 1000),
    })
    // A letter, not an e-mail: the outbox keeps it for the print service (the demo shows it on screen).
    await queueEmail(tx, {
      to: `post: ${formatAddress(address)}`,
      kind: 'letter',
      subject: translate(locale, 'letter.subject', {}),
      text: translate(locale, 'letter.text', {
        address: formatAddress(address),
        code: code.replace(/(.{4})/, '$1 '),
        link: absoluteUrl('/mijn/adres'),
        days: LETTER_VALID_DAYS,
      }),
    })
  })
  return { ok: true }
}

export async function pendingLetter(userId: string) {
  const { db } = getDatabase()
  const row = await db.query.residenceVerifications.findFirst({
    where: (v) => and(eq(v.userId, userId), isNull(v.completedAt), sql`${v.expiresAt} > now()`),
    orderBy: (v) => desc(v.createdAt),
  })
  if (!row) return null
  const address = await db.query.addresses.findFirst({ where: (a, { eq }) => eq(a.id, row.addressId) })
  return {
    id: row.id,
    address: address ? formatAddress(address) : '',
    expiresAt: row.expiresAt,
    attemptsLeft: MAX_CODE_ATTEMPTS - row.failedAttempts,
  }
}

/** Step 2: the code from the letter. Wrong codes count; after five the letter is void. */
export async function enterLetterCode(userId: string, code: string): Promise<CommandResult> {
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(residenceVerifications)
      .where(and(eq(residenceVerifications.userId, userId), isNull(residenceVerifications.completedAt)))
      .orderBy(desc(residenceVerifications.createdAt))
      .limit(1)
      .for('update')
    if (!pending) return { ok: false, errors: { code: 'errors.code_no_letter' } }
    if (pending.expiresAt.getTime() <= Date.now()) return { ok: false, errors: { code: 'errors.code_expired' } }
    if (pending.failedAttempts >= MAX_CODE_ATTEMPTS) return { ok: false, errors: { code: 'errors.code_too_many' } }
    if (pending.codeHash !== codeHash(userId, code)) {
      await tx
        .update(residenceVerifications)
        .set({ failedAttempts: sql`${residenceVerifications.failedAttempts} + 1` })
        .where(eq(residenceVerifications.id, pending.id))
      const left = MAX_CODE_ATTEMPTS - pending.failedAttempts - 1
      return left > 0
        ? { ok: false, errors: { code: 'errors.code_wrong' }, params: { code: { left } } }
        : { ok: false, errors: { code: 'errors.code_too_many' } }
    }
    await tx
      .update(residenceVerifications)
      .set({ completedAt: sql`now()` })
      .where(eq(residenceVerifications.id, pending.id))
    await recordResidence(tx, userId, pending.addressId, pending.birthYear, 'letter')
    return { ok: true }
  })
}

/** A helper or staff member checked identity and address at the desk. Logged for the resident. */
export async function verifyAtDesk(actorId: string, userId: string, input: AddressInput & { reason: string }): Promise<CommandResult> {
  const address = await findAddress(input.postcode, input.houseNumber, input.addition)
  if (!address) return { ok: false, errors: { houseNumber: 'errors.address_unknown' } }
  const { db } = getDatabase()
  await db.transaction(async (tx) => {
    await recordResidence(tx, userId, address.id, input.birthYear, 'desk')
    await audit(tx, {
      actorId,
      action: 'residence.verify_at_desk',
      subjectUserId: userId,
      reason: input.reason,
      detail: { addressId: address.id },
    })
  })
  return { ok: true }
}

export async function recordResidence(
  db: Queryable,
  userId: string,
  addressId: number,
  birthYear: number,
  method: 'letter' | 'desk' | 'oidc',
): Promise<void> {
  const area = await areasAtAddress(addressId, db)
  await db
    .update(users)
    .set({
      addressId,
      birthYear,
      buurtCode: area?.buurtCode ?? null,
      wijkCode: area?.wijkCode ?? null,
      verifiedAt: sql`now()`,
      verificationMethod: method,
    })
    .where(eq(users.id, userId))
}
