import { and, desc, eq, gt, gte, isNull, like, lte, ne, sql } from 'drizzle-orm'
import { accountClaims, assistedActions, assistedConsents, assistedProfiles, auditLog, emailTokens, users } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { beginActing } from '~/auth/acting.server'
import { findUserByEmail, resendConfirmation } from '~/auth/accounts.server'
import { hashPassword } from '~/auth/password.server'
import { personKeyFromIdentity } from '~/auth/person-key.server'
import { recordResidence, type IdentityDocument } from '~/auth/residence.server'
import { hashToken, newLetterCode, newToken, newUserId, normaliseLetterCode } from '~/auth/tokens.server'
import { findAddress, formatAddress } from '~/modules/areas/queries.server'
import { consumeDesk } from '~/auth/desk-limits.server'
import { audit } from '~/utils/audit.server'
import { queueEmail } from '~/utils/mail.server'
import { rateLimited, refuse, type Outcome, type Refusal } from '~/utils/result'
import { absoluteUrl } from '~/utils/url.server'
import { translate, type Locale } from '~/utils/i18n'
import { CHANNEL_NAMES, type Channel } from './validation'

/** A refusal for too many attempts: the minutes to wait go into the message. */
/*
 * The helper desk. A helper finds or registers a resident, records their consent and the channel, and
 * then works "for" them — the acting itself, and how every module's commands count it as the resident's
 * own input, is app/auth/acting.server.ts.
 */

export const CLAIM_VALID_DAYS = 60

/** How the desk finds a resident: where they live and their birth date, or the code from their letter. */
export type ResidentSearch = PersonAtAddress | { claimCode: string }

export interface PersonAtAddress {
  postcode: string
  houseNumber: number
  addition: string
  /** YYYY-MM-DD */
  birthDate: string
}

export interface FoundResident {
  id: string
  displayName: string
  legalName: string | null
  claimed: boolean
}

/**
 * The residents a search finds: at the address with this birth date, or the one whose unused claim code
 * this is. Never by user id, never a list: the desk acts only for the person in front of it.
 */
async function matchResidents(db: Queryable, search: ResidentSearch): Promise<{ address: string; residents: FoundResident[] } | null> {
  const columns = {
    id: users.id,
    displayName: users.displayName,
    legalName: users.legalName,
    hasPassword: sql<boolean>`${users.passwordHash} is not null`,
    addressId: users.addressId,
  }
  if ('claimCode' in search) {
    const codeHash = hashToken(`claim:${normaliseLetterCode(search.claimCode)}`)
    const rows = await db
      .select(columns)
      .from(accountClaims)
      .innerJoin(users, eq(users.id, accountClaims.userId))
      .where(and(eq(accountClaims.codeHash, codeHash), isNull(accountClaims.usedAt), gt(accountClaims.expiresAt, sql`now()`), isNull(users.blockedAt)))
    if (!rows[0]) return null
    const address = rows[0].addressId ? await db.query.addresses.findFirst({ where: (a, { eq }) => eq(a.id, rows[0]!.addressId!) }) : null
    return { address: address ? formatAddress(address) : '', residents: rows.map(toFound) }
  }
  const address = await findAddress(search.postcode, search.houseNumber, search.addition, db)
  if (!address) return null
  const rows = await db
    .select(columns)
    .from(users)
    .where(and(eq(users.addressId, address.id), eq(users.birthDate, search.birthDate), isNull(users.blockedAt)))
    .limit(20)
  return { address: formatAddress(address), residents: rows.map(toFound) }
}

function toFound(r: { id: string; displayName: string; legalName: string | null; hasPassword: boolean }): FoundResident {
  return { id: r.id, displayName: r.displayName, legalName: r.legalName, claimed: r.hasPassword }
}

/** The desk's search. The helper sees whom it finds: every result is audited. */
export async function findResidents(helperId: string, search: ResidentSearch): Promise<Outcome<{ address: string; residents: FoundResident[] }>> {
  const { db } = getDatabase()
  const found = await matchResidents(db, search)
  if (!found) return 'claimCode' in search ? refuse('assisted.errors.claim_code_wrong', 'claimCode') : refuse('errors.address_unknown', 'houseNumber')
  for (const r of found.residents) {
    await audit(db, {
      actorId: helperId,
      action: 'assisted.view',
      subjectUserId: r.id,
      reason: 'gezocht aan de balie',
      detail: { by: 'claimCode' in search ? 'claim_code' : 'address_birth_date' },
    })
  }
  return { ok: true, ...found }
}

export interface RegisterInput extends PersonAtAddress {
  legalName: string
  displayName: string
  phone?: string
  email?: string
  channel: Channel
  consent: boolean
  /** The identity document the helper saw: registering someone verifies them, so one is required. */
  identityDocument: IdentityDocument
}

/**
 * A helper registers a resident who has no account: verified 'desk' at the address from the register,
 * with the identity document seen and consent recorded. A paper letter with a claim code goes to the
 * named person at the address; with an e-mail address, also a link to set a password.
 */
export async function registerResident(helperId: string, input: RegisterInput, locale: Locale): Promise<Outcome<{ userId: string }>> {
  if (!input.consent) return refuse('assisted.errors.consent_required', 'consent')
  const address = await findAddress(input.postcode, input.houseNumber, input.addition)
  if (!address) return refuse('errors.address_unknown', 'houseNumber')
  const { db } = getDatabase()
  const personKey = personKeyFromIdentity({ name: input.legalName, birthDate: input.birthDate })
  const existing = await db.query.users.findFirst({ where: (u) => and(eq(u.addressId, address.id), eq(u.personKey, personKey)) })
  if (existing) return refuse('assisted.errors.already_registered')
  if (input.email && (await findUserByEmail(input.email))) return refuse('errors.email_taken', 'email')
  const userId = newUserId()
  const code = newLetterCode()
  await db.transaction(async (tx) => {
    await tx.insert(users).values({
      id: userId,
      // Without an e-mail address the account gets one that can never receive mail; the resident sets a real one when claiming.
      email: input.email ?? `balie-${userId}@geen-email.invalid`,
      displayName: input.displayName,
      locale,
    })
    await recordResidence(tx, userId, address.id, { legalName: input.legalName, birthDate: input.birthDate, personKey }, 'desk')
    await tx.insert(assistedProfiles).values({ userId, phone: input.phone ?? null, registeredBy: helperId, channel: input.channel })
    await tx.insert(assistedConsents).values({ residentId: userId, helperId, channel: input.channel })
    await tx.insert(accountClaims).values({
      userId,
      codeHash: hashToken(`claim:${normaliseLetterCode(code)}`),
      expiresAt: new Date(Date.now() + CLAIM_VALID_DAYS * 24 * 3600 * 1000),
    })
    await audit(tx, {
      actorId: helperId,
      action: 'assisted.register',
      subjectUserId: userId,
      reason: `geregistreerd door medewerker ${helperId} via ${CHANNEL_NAMES[input.channel]}, met toestemming`,
      detail: { addressId: address.id, channel: input.channel, identityDocument: input.identityDocument },
    })
    await queueEmail(tx, {
      to: `post: ${input.legalName}, ${formatAddress(address)}`,
      kind: 'letter',
      subject: translate(locale, 'assisted.claim_letter_subject'),
      text: translate(locale, 'assisted.claim_letter_text', {
        name: input.legalName,
        address: formatAddress(address),
        code: code.replace(/(.{4})/, '$1 '),
        link: absoluteUrl('/account-claimen'),
        days: CLAIM_VALID_DAYS,
      }),
    })
    if (input.email) {
      const token = newToken()
      await tx.insert(emailTokens).values({
        userId,
        purpose: 'reset_password',
        tokenHash: hashToken(token),
        expiresAt: new Date(Date.now() + CLAIM_VALID_DAYS * 24 * 3600 * 1000),
      })
      await queueEmail(tx, {
        to: input.email,
        kind: 'claim_account',
        subject: translate(locale, 'assisted.claim_mail_subject'),
        text: translate(locale, 'assisted.claim_mail_text', {
          name: input.displayName,
          link: absoluteUrl(`/wachtwoord-herstellen/${token}`),
        }),
      })
    }
  })
  return { ok: true, userId }
}

/**
 * Starts acting for a resident, after their consent for this channel (recorded with the channel and the
 * time). Only for a resident the desk's own search finds again — by address and birth date, or by their
 * claim code — never from a bare user id, and never for oneself. Stored against the helper's session.
 */
export async function startActingFor(
  request: Request,
  helperId: string,
  input: { search: ResidentSearch; residentId: string; channel: Channel; consent: boolean },
): Promise<Outcome> {
  if (!input.consent) return refuse('assisted.errors.consent_required', 'consent')
  const { db } = getDatabase()
  const found = await matchResidents(db, input.search)
  if (!found?.residents.some((r) => r.id === input.residentId)) return refuse('assisted.errors.not_found_here')
  if (input.residentId === helperId) return refuse('assisted.errors.not_self')
  const resident = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, input.residentId) })
  if (!resident || !resident.verifiedAt || resident.blockedAt) return refuse('assisted.errors.resident_unavailable')
  const foundBy = 'claimCode' in input.search ? 'claim_code' : 'address_birth_date'
  const started = await beginActing(request, { helperId, residentId: resident.id, channel: input.channel, foundBy })
  return started ? { ok: true } : refuse('errors.not_found')
}

/** What the desk page shows about the resident being helped. The helper looking is audited. */
export async function residentForHelper(helperId: string, residentId: string) {
  const { db } = getDatabase()
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, residentId), with: { address: true } })
  if (!user) return null
  await audit(db, { actorId: helperId, action: 'assisted.view', subjectUserId: residentId, reason: 'dossier aan de balie' })
  const actions = await db
    .select()
    .from(assistedActions)
    .where(and(eq(assistedActions.residentId, residentId), ne(assistedActions.action, 'page.view')))
    .orderBy(desc(assistedActions.createdAt))
    .limit(50)
  return {
    id: user.id,
    displayName: user.displayName,
    address: user.address ? formatAddress(user.address) : null,
    birthDate: user.birthDate,
    wijkCode: user.wijkCode,
    actions,
  }
}

/**
 * The resident takes over an account a helper made, with the code from the letter: sets their e-mail
 * address and a password. Codes are single use; attempts are limited per IP address.
 */
export async function claimWithCode(
  input: { code: string; email: string; password: string },
  context: { ip: string; locale: Locale },
): Promise<Outcome<{ userId: string }> | Refusal<'errors.rate_limited'>> {
  const limit = await consumeDesk('claimPerIp', context.ip)
  if (!limit.ok) return rateLimited(limit.minutes)
  const { db } = getDatabase()
  const codeHash = hashToken(`claim:${normaliseLetterCode(input.code)}`)
  const claim = await db.query.accountClaims.findFirst({
    where: (c) => and(eq(c.codeHash, codeHash), isNull(c.usedAt), gt(c.expiresAt, sql`now()`)),
  })
  if (!claim) return refuse('assisted.errors.claim_code_wrong', 'code')
  const owner = await findUserByEmail(input.email)
  if (owner && owner.id !== claim.userId) return refuse('errors.email_taken', 'email')
  const passwordHash = await hashPassword(input.password)
  const claimed = await db.transaction(async (tx) => {
    const used = await tx
      .update(accountClaims)
      .set({ usedAt: sql`now()` })
      .where(and(eq(accountClaims.id, claim.id), isNull(accountClaims.usedAt)))
      .returning({ id: accountClaims.id })
    if (!used.length) return false
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, claim.userId))
    const sameEmail = user?.email.toLowerCase() === input.email
    await tx
      .update(users)
      .set({ email: input.email, passwordHash, emailConfirmedAt: sameEmail ? sql`${users.emailConfirmedAt}` : null })
      .where(eq(users.id, claim.userId))
    await tx
      .update(assistedProfiles)
      .set({ claimedAt: sql`now()` })
      .where(eq(assistedProfiles.userId, claim.userId))
    await audit(tx, { actorId: claim.userId, action: 'account.claim', subjectUserId: claim.userId, detail: { method: 'letter' } })
    return true
  })
  if (!claimed) return refuse('assisted.errors.claim_code_wrong', 'code')
  await resendConfirmation(claim.userId, context.locale)
  return { ok: true, userId: claim.userId }
}

export const AUDIT_PAGE = 100

/** The staff audit viewer, with filters; newest first. */
export async function auditEntries(filter: {
  actor?: string
  subject?: string
  action?: string
  from?: string
  to?: string
  page: number
}) {
  const { db } = getDatabase()
  const where = and(
    filter.actor ? eq(auditLog.actorId, filter.actor) : undefined,
    filter.subject ? eq(auditLog.subjectUserId, filter.subject) : undefined,
    filter.action ? like(auditLog.action, `${filter.action.replace(/[%_\\]/g, '')}%`) : undefined,
    filter.from ? gte(auditLog.at, new Date(`${filter.from}T00:00:00Z`)) : undefined,
    filter.to ? lte(auditLog.at, new Date(`${filter.to}T23:59:59.999Z`)) : undefined,
  )
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(AUDIT_PAGE + 1)
    .offset((filter.page - 1) * AUDIT_PAGE)
  return { rows: rows.slice(0, AUDIT_PAGE), hasMore: rows.length > AUDIT_PAGE }
}
