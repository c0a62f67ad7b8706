import { and, desc, eq, gt, gte, isNull, like, lte, ne, sql } from 'drizzle-orm'
import { generateIdFromEntropySize } from 'lucia'
import {
  accountClaims,
  assistedActions,
  assistedConsents,
  assistedProfiles,
  assistedSessions,
  auditLog,
  emailTokens,
  users,
} from '~db/schema'
import type { Database, Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import type { Actor, Rule } from '~/auth/permissions'
import { json, redirect } from '@remix-run/node'
import { findUserByEmail, resendConfirmation, type CommandResult } from '~/auth/accounts.server'
import { lucia } from '~/auth/lucia.server'
import { actorForUser, getActor, loginUrl, type Denial } from '~/auth/session.server'
import { hashPassword } from '~/auth/password.server'
import { personKeyFromIdentity } from '~/auth/person-key.server'
import { recordResidence, type IdentityDocument } from '~/auth/residence.server'
import { hashToken, newLetterCode, newToken, normaliseLetterCode } from '~/auth/tokens.server'
import { findAddress, formatAddress } from '~/modules/areas/queries.server'
import { consumeDesk } from '~/auth/desk-limits.server'
import { audit } from '~/utils/audit.server'
import { queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { translate, type Locale } from '~/utils/i18n'
import { assistedPermissions } from './permissions'
import { CHANNEL_NAMES, type Channel } from './validation'

export { CHANNEL_NAMES }

/*
 * Assisted participation. A helper finds or registers a resident, records their consent and the channel,
 * and then works "for" them: the choice is stored server-side against the helper's login session.
 * Other modules call `assistedContext(request)` to know whether an action is entered for someone, and
 * `recordAssistedAction(tx, …)` in the same transaction as the action, which they store as the
 * resident's own input — so it counts exactly like online input, and their unique constraints per
 * person keep a resident from taking part twice through different channels.
 */

/** How long an "acting for" session lasts without being renewed. */
export const ACTING_MINUTES = 30
export const CLAIM_VALID_DAYS = 60

/** The sentence the dossier and the audit log show for an assisted action. */
export function enteredBy(helperId: string, channel: Channel): string {
  return `ingevoerd door medewerker ${helperId} via ${CHANNEL_NAMES[channel]}`
}

export interface AssistedContext {
  helperId: string
  residentId: string
  channel: Channel
}

function sessionIdOf(request: Request): string | null {
  return lucia().readSessionCookie(request.headers.get('Cookie') ?? '')
}

/**
 * Whether this request is a helper acting for a resident: `{ helperId, residentId, channel }`, or null.
 * Only for a person who may use the desk now (helper, staff or admin, not blocked), in the login session
 * the acting started in, before it expires, with the resident's consent on record.
 * `actor` is the logged-in person (pass it when you have it; otherwise it is looked up).
 */
export function assistedContext(request: Request, actor?: Actor | null): Promise<AssistedContext | null> {
  // Once per request: the layout's banner and the page's own loader or action both ask.
  let pending = contexts.get(request)
  if (!pending) {
    pending = readAssistedContext(request, actor)
    contexts.set(request, pending)
  }
  return pending
}

/** Starting or stopping in this request changes the answer for the loaders that run after the action. */
function forgetAssistedContext(request: Request) {
  contexts.delete(request)
}

const contexts = new WeakMap<Request, Promise<AssistedContext | null>>()

async function readAssistedContext(request: Request, actor?: Actor | null): Promise<AssistedContext | null> {
  const sessionId = sessionIdOf(request)
  if (!sessionId) return null
  const person = actor === undefined ? await getActor(request) : actor
  if (!person || !assistedPermissions.useDesk(person, undefined).ok) return null
  const { db } = getDatabase()
  const [row] = await db
    .select({ helperId: assistedSessions.helperId, residentId: assistedSessions.residentId, channel: assistedSessions.channel })
    .from(assistedSessions)
    .innerJoin(
      assistedConsents,
      and(eq(assistedConsents.id, assistedSessions.consentId), eq(assistedConsents.residentId, assistedSessions.residentId)),
    )
    .where(
      and(eq(assistedSessions.sessionId, sessionId), eq(assistedSessions.helperId, person.id), gt(assistedSessions.expiresAt, sql`now()`)),
    )
  return row ? { helperId: row.helperId, residentId: row.residentId, channel: row.channel } : null
}

/** Who takes part through a request: the resident a helper acts for, or else the logged-in person. */
export interface Participation {
  actor: Actor | null
  assisted: AssistedContext | null
}

/**
 * The person whose input a participation action is: while a helper acts for a resident, that resident —
 * so every module's own rules (verified, area, age, phase) and unique constraints apply to them exactly
 * as online. The resident takes part without any staff role they may hold, and counts as e-mail
 * confirmed: the helper established who they are in person, which is what the e-mail check stands in for.
 */
export async function participant(request: Request): Promise<Participation> {
  const person = await getActor(request)
  const assisted = await assistedContext(request, person)
  if (!assisted) return { actor: person, assisted: null }
  const resident = await actorForUser(assisted.residentId)
  if (!resident) return { actor: person, assisted: null }
  return { actor: { ...resident, emailConfirmed: true, roles: [] }, assisted }
}

/** `requirePermission` for participation: asks the rule about the participant, and throws the same way. */
export async function requireParticipant<R>(
  request: Request,
  rule: Rule<R>,
  resource: R,
): Promise<{ actor: Actor; assisted: AssistedContext | null }> {
  const { actor, assisted } = await participant(request)
  const decision = rule(actor, resource)
  if (decision.ok && actor) return { actor, assisted }
  if (!decision.ok && decision.reason !== 'not_logged_in') throw json<Denial>({ denied: decision.reason }, { status: 403 })
  throw redirect(loginUrl(request))
}

/**
 * Runs a module's command. While a helper acts for the resident, it runs in one transaction with the
 * dossier and audit record (`record` says what was done, or null when the command did nothing); online,
 * it runs exactly as it always does.
 */
export async function withAssistedRecord<T>(
  assisted: AssistedContext | null,
  command: (db: Database) => Promise<T>,
  record: (result: T) => { action: string; itemKind: string; itemId: string } | null,
): Promise<T> {
  const { db } = getDatabase()
  if (!assisted) return command(db)
  return db.transaction(async (tx) => {
    const result = await command(tx)
    const what = record(result)
    if (what) await recordAssistedAction(tx, { ...assisted, ...what })
    return result
  })
}

export interface AssistedActionInput extends AssistedContext {
  /** What was done, e.g. `consultation.answer`, `budget.ballot`, `proposal.support`, `contact.request`. */
  action: string
  itemKind: string
  itemId: string
}

/** Writes the resident's dossier and the audit log. Call it in the transaction of the action itself. */
export async function recordAssistedAction(tx: Queryable, input: AssistedActionInput): Promise<void> {
  await tx.insert(assistedActions).values({
    residentId: input.residentId,
    helperId: input.helperId,
    channel: input.channel,
    action: input.action,
    itemKind: input.itemKind,
    itemId: input.itemId,
  })
  await audit(tx, {
    actorId: input.helperId,
    action: `assisted.${input.action}`,
    subjectUserId: input.residentId,
    reason: enteredBy(input.helperId, input.channel),
    detail: { itemKind: input.itemKind, itemId: input.itemId, channel: input.channel },
  })
}

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
export async function findResidents(helperId: string, search: ResidentSearch): Promise<CommandResult<{ address: string; residents: FoundResident[] }>> {
  const { db } = getDatabase()
  const found = await matchResidents(db, search)
  if (!found)
    return 'claimCode' in search
      ? { ok: false, errors: { claimCode: 'assisted.errors.claim_code_wrong' } }
      : { ok: false, errors: { houseNumber: 'errors.address_unknown' } }
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
export async function registerResident(helperId: string, input: RegisterInput, locale: Locale): Promise<CommandResult<{ userId: string }>> {
  if (!input.consent) return { ok: false, errors: { consent: 'assisted.errors.consent_required' } }
  const address = await findAddress(input.postcode, input.houseNumber, input.addition)
  if (!address) return { ok: false, errors: { houseNumber: 'errors.address_unknown' } }
  const { db } = getDatabase()
  const personKey = personKeyFromIdentity({ name: input.legalName, birthDate: input.birthDate })
  const existing = await db.query.users.findFirst({ where: (u) => and(eq(u.addressId, address.id), eq(u.personKey, personKey)) })
  if (existing) return { ok: false, errors: { form: 'assisted.errors.already_registered' } }
  if (input.email && (await findUserByEmail(input.email))) return { ok: false, errors: { email: 'errors.email_taken' } }
  const userId = generateIdFromEntropySize(10)
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
): Promise<CommandResult> {
  if (!input.consent) return { ok: false, errors: { consent: 'assisted.errors.consent_required' } }
  const sessionId = sessionIdOf(request)
  if (!sessionId) return { ok: false, errors: { form: 'errors.not_found' } }
  const { db } = getDatabase()
  const found = await matchResidents(db, input.search)
  if (!found?.residents.some((r) => r.id === input.residentId)) return { ok: false, errors: { form: 'assisted.errors.not_found_here' } }
  if (input.residentId === helperId) return { ok: false, errors: { form: 'assisted.errors.not_self' } }
  const resident = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, input.residentId) })
  if (!resident || !resident.verifiedAt || resident.blockedAt)
    return { ok: false, errors: { form: 'assisted.errors.resident_unavailable' } }
  await db.transaction(async (tx) => {
    const [consent] = await tx
      .insert(assistedConsents)
      .values({ residentId: resident.id, helperId, channel: input.channel })
      .returning({ id: assistedConsents.id, at: assistedConsents.createdAt })
    const expiresAt = new Date(Date.now() + ACTING_MINUTES * 60 * 1000)
    await tx
      .insert(assistedSessions)
      .values({ sessionId, helperId, residentId: resident.id, channel: input.channel, consentId: consent!.id, expiresAt })
      .onConflictDoUpdate({
        target: assistedSessions.sessionId,
        set: { residentId: resident.id, channel: input.channel, consentId: consent!.id, expiresAt, createdAt: sql`now()` },
      })
    await audit(tx, {
      actorId: helperId,
      action: 'assisted.start',
      subjectUserId: resident.id,
      reason: `toestemming gegeven via ${CHANNEL_NAMES[input.channel]}`,
      detail: {
        channel: input.channel,
        consentId: consent!.id,
        consentAt: consent!.at.toISOString(),
        foundBy: 'claimCode' in input.search ? 'claim_code' : 'address_birth_date',
      },
    })
  })
  forgetAssistedContext(request)
  return { ok: true }
}

/** Page views closer together than this, of one path, are one view (a page's loaders load separately). */
const PAGE_VIEW_WINDOW_SECONDS = 10

/**
 * Every page a helper views while acting for a resident goes into the resident's dossier (issue 14).
 * Called by the server entry for page and data requests; does nothing (no query) for anyone not at the desk.
 */
export async function recordActingPageView(request: Request): Promise<void> {
  if (request.method !== 'GET' || !sessionIdOf(request)) return
  const url = new URL(request.url)
  const assisted = await assistedContext(request)
  if (!assisted) return
  const path = url.pathname.slice(0, 200)
  const { db } = getDatabase()
  const [recent] = await db
    .select({ id: assistedActions.id })
    .from(assistedActions)
    .where(
      and(
        eq(assistedActions.residentId, assisted.residentId),
        eq(assistedActions.helperId, assisted.helperId),
        eq(assistedActions.action, 'page.view'),
        eq(assistedActions.itemId, path),
        gt(assistedActions.createdAt, sql`now() - make_interval(secs => ${PAGE_VIEW_WINDOW_SECONDS})`),
      ),
    )
    .limit(1)
  if (recent) return
  await db
    .insert(assistedActions)
    .values({ ...assisted, action: 'page.view', itemKind: 'page', itemId: path })
}

export async function stopActingFor(request: Request, helperId: string): Promise<void> {
  const sessionId = sessionIdOf(request)
  if (!sessionId) return
  const { db } = getDatabase()
  const removed = await db
    .delete(assistedSessions)
    .where(and(eq(assistedSessions.sessionId, sessionId), eq(assistedSessions.helperId, helperId)))
    .returning({ residentId: assistedSessions.residentId })
  forgetAssistedContext(request)
  if (removed[0]) await audit(db, { actorId: helperId, action: 'assisted.stop', subjectUserId: removed[0].residentId })
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
): Promise<CommandResult<{ userId: string }>> {
  const limit = await consumeDesk('claimPerIp', context.ip)
  if (!limit.ok) return { ok: false, errors: { form: 'errors.rate_limited' }, params: { form: { minutes: limit.minutes } } }
  const { db } = getDatabase()
  const codeHash = hashToken(`claim:${normaliseLetterCode(input.code)}`)
  const claim = await db.query.accountClaims.findFirst({
    where: (c) => and(eq(c.codeHash, codeHash), isNull(c.usedAt), gt(c.expiresAt, sql`now()`)),
  })
  if (!claim) return { ok: false, errors: { code: 'assisted.errors.claim_code_wrong' } }
  const owner = await findUserByEmail(input.email)
  if (owner && owner.id !== claim.userId) return { ok: false, errors: { email: 'errors.email_taken' } }
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
  if (!claimed) return { ok: false, errors: { code: 'assisted.errors.claim_code_wrong' } }
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
