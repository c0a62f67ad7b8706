import { randomBytes } from 'node:crypto'
import { and, eq, lte, sql } from 'drizzle-orm'
import {
  accountActivity,
  accountErasures,
  dataExports,
  emailTokens,
  follows,
  identityLinks,
  organisationLinks,
  notifications,
  notificationSettings,
  outboundEmails,
  rateLimits,
  residenceVerifications,
  sessions,
  userRoles,
  users,
} from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { hashToken, newToken } from '~/auth/tokens.server'
import { audit } from '~/utils/audit.server'
import { formatDate } from '~/utils/time'
import { translate, type Locale } from '~/utils/i18n'
import { queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { dossierSources } from './dossier.server'
import { DAY_MS, dossierSettings } from './settings.server'

/*
 * "Erase me": the account is anonymised after a grace period (decision 0011). The person's row stays,
 * emptied, so that what is counted or discussed in public stays whole — a support, a ballot, a
 * consultation answer, a published proposal shown as "verwijderd account" — while every personal detail
 * goes: e-mail address, name, password, address, roles, sessions, notifications, mail, requests.
 * Each module's `erase` hook removes its own part; the audit log keeps that an erasure happened, not who.
 */

/** The name an erased account shows everywhere. */
export const ERASED_NAME = 'verwijderd account'
const ERASED_DOMAIN = 'verwijderd.invalid'

export function isErasedEmail(email: string): boolean {
  return email.endsWith(`@${ERASED_DOMAIN}`)
}

export async function pendingErasure(userId: string, db: Queryable = getDatabase().db) {
  const [row] = await db.select().from(accountErasures).where(eq(accountErasures.userId, userId))
  return row ?? null
}

/**
 * Schedules the erasure and e-mails the cancel link. `inactive`: the retention clock, after its warning.
 * Asking twice keeps the first date.
 */
export async function requestErasure(
  db: Queryable,
  userId: string,
  cause: 'request' | 'inactive',
  now = new Date(),
): Promise<{ dueAt: Date; token: string | null }> {
  const existing = await pendingErasure(userId, db)
  if (existing) return { dueAt: existing.dueAt, token: null }
  const [user] = await db
    .select({ email: users.email, name: users.displayName, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId))
  if (!user) throw new Error('no such user')
  const token = newToken()
  const days = cause === 'request' ? dossierSettings().STEM_ERASURE_GRACE_DAYS : dossierSettings().STEM_RETENTION_WARNING_DAYS
  const dueAt = new Date(now.getTime() + days * DAY_MS)
  await db.insert(accountErasures).values({ userId, cause, requestedAt: now, dueAt, cancelTokenHash: hashToken(token) })
  const locale = (user.locale === 'en' ? 'en' : 'nl') as Locale
  const params = { name: user.name, date: formatDate(dueAt, locale), link: absoluteUrl(`/account-verwijderen/annuleren/${token}`) }
  await queueEmail(db, {
    to: user.email,
    kind: cause === 'request' ? 'erasure_requested' : 'erasure_inactive',
    subject: translate(locale, cause === 'request' ? 'dossier.erase_mail_subject' : 'dossier.retention_mail_subject'),
    text: translate(locale, cause === 'request' ? 'dossier.erase_mail_text' : 'dossier.retention_mail_text', params),
  })
  await audit(db, { actorId: cause === 'request' ? userId : null, action: `account.erasure_${cause}`, subjectUserId: userId })
  return { dueAt, token }
}

/** The person asks, on their account page. */
export async function askErasure(userId: string): Promise<void> {
  await getDatabase().db.transaction((tx) => requestErasure(tx, userId, 'request'))
}

/** Cancels a pending erasure with the link's token; the account's own page cancels by id. */
export async function cancelErasure(by: { token: string } | { userId: string }): Promise<boolean> {
  const { db } = getDatabase()
  const where = 'token' in by ? eq(accountErasures.cancelTokenHash, hashToken(by.token)) : eq(accountErasures.userId, by.userId)
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(accountErasures).where(where).returning({ userId: accountErasures.userId })
    if (!removed) return false
    await tx.update(accountActivity).set({ warnedAt: null, lastLoginAt: new Date() }).where(eq(accountActivity.userId, removed.userId))
    await audit(tx, { actorId: removed.userId, action: 'account.erasure_cancelled', subjectUserId: removed.userId })
    return true
  })
}

export async function findErasureByToken(token: string) {
  const { db } = getDatabase()
  const [row] = await db
    .select()
    .from(accountErasures)
    .where(eq(accountErasures.cancelTokenHash, hashToken(token)))
  return row ?? null
}

/** Anonymises the account now, inside `tx`. */
export async function eraseAccount(tx: Queryable, userId: string, cause: string): Promise<void> {
  const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId))
  if (!user || isErasedEmail(user.email)) return
  const email = user.email
  for (const source of dossierSources()) await source.erase?.(tx, userId, email)
  // identityLinks: the DigiD pseudonym goes too, so a later DigiD log-in starts afresh (decision 0015).
  for (const table of [
    sessions,
    emailTokens,
    residenceVerifications,
    userRoles,
    notifications,
    notificationSettings,
    follows,
    identityLinks,
    organisationLinks,
  ]) {
    await tx.delete(table).where(eq(table.userId, userId))
  }
  await tx.delete(accountActivity).where(eq(accountActivity.userId, userId))
  await tx.delete(dataExports).where(eq(dataExports.userId, userId))
  await tx.delete(accountErasures).where(eq(accountErasures.userId, userId))
  // Every message to or about the address, sent or not: the mail history is personal data too.
  const pattern = `%${email.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  await tx
    .delete(outboundEmails)
    .where(
      sql`lower(${outboundEmails.toAddress}) = lower(${email}) or ${outboundEmails.textBody} ilike ${pattern} or ${outboundEmails.htmlBody} ilike ${pattern} or ${outboundEmails.headers} ilike ${pattern}`,
    )
  await tx.delete(rateLimits).where(sql`${rateLimits.key} ilike ${pattern}`)
  await tx
    .update(users)
    .set({
      email: `${randomBytes(12).toString('hex')}@${ERASED_DOMAIN}`,
      emailConfirmedAt: null,
      passwordHash: null,
      displayName: ERASED_NAME,
      birthYear: null,
      birthDate: null,
      legalName: null,
      personKey: null,
      locale: 'nl',
      addressId: null,
      buurtCode: null,
      wijkCode: null,
      verifiedAt: null,
      verificationMethod: null,
      blockedReason: null,
    })
    .where(eq(users.id, userId))
  // That it happened, not who.
  await audit(tx, { actorId: null, action: 'account.erased', detail: { cause } })
}

/** The clock: erases every account whose grace period has ended. Each in its own transaction. */
export async function runDueErasures(now = new Date(), batch = 20): Promise<number> {
  const { db } = getDatabase()
  let done = 0
  for (;;) {
    const erased = await db.transaction(async (tx) => {
      const [due] = await tx
        .select()
        .from(accountErasures)
        .where(and(lte(accountErasures.dueAt, now)))
        .orderBy(accountErasures.dueAt)
        .limit(1)
        .for('update', { skipLocked: true })
      if (!due) return false
      await eraseAccount(tx, due.userId, due.cause)
      return true
    })
    if (!erased) return done
    done += 1
    if (done >= batch) return done
  }
}
