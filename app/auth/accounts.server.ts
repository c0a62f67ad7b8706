import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { generateIdFromEntropySize } from 'lucia'
import { emailTokens, userRoles, users } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { mailName, queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { translate, type Locale, type MessageKey } from '~/utils/i18n'
import { dummyPasswordCheck, hashPassword, verifyPassword } from './password.server'
import { hashToken, newToken } from './tokens.server'
import { check, consume, consumeAndTell, isPast, reset } from './rate-limit.server'
import { rateLimited, refuse, type Outcome } from '~/utils/result'

// Commands for accounts: each is one use case that answers the one result shape (app/utils/result.ts):
// ok, or a refusal with its reason and the field it belongs to. The person or actor comes first, then
// the input, then the database (the process's own by default).

const HOUR = 60 * 60 * 1000
const TOKEN_LIFETIME = { confirm_email: 48 * HOUR, reset_password: 1 * HOUR, change_email: 48 * HOUR, unlock_login: 24 * HOUR } as const
type TokenPurpose = keyof typeof TOKEN_LIFETIME

export async function findUserByEmail(email: string, db: Queryable = getDatabase().db) {
  return db.query.users.findFirst({ where: (u) => sql`lower(${u.email}) = ${email.toLowerCase()}` })
}

async function issueToken(
  db: Queryable,
  userId: string,
  purpose: TokenPurpose,
  newEmail: string | null = null,
): Promise<string> {
  const token = newToken()
  await db.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    newEmail,
    expiresAt: new Date(Date.now() + TOKEN_LIFETIME[purpose]),
  })
  return token
}

/** A mail's text; a name someone typed is quoted and has no links (mailName). */
function mailText(locale: Locale, key: MessageKey, params: Record<string, string>) {
  return translate(locale, key, params.name === undefined ? params : { ...params, name: mailName(params.name) })
}

/**
 * Creates an account and mails the confirmation link. It answers the same whether or not the address
 * already has an account (decision 0013), so the form does not tell who has one: for a known address
 * nothing is created or changed, and the owner gets an e-mail saying someone tried — after the same
 * password hashing, so the answer takes as long.
 */
export async function signUp(
  input: { displayName: string; email: string; password: string },
  context: { ip: string; locale: Locale },
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  const limit = await consume('signupPerIp', context.ip)
  if (!limit.ok) return rateLimited(limit.retryAfterMinutes, 'form')
  const passwordHash = await hashPassword(input.password)
  const existing = await findUserByEmail(input.email, db)
  if (existing) {
    await tellOwnerOfAttempt(db, existing, 'signup_existing', context.locale)
    return { ok: true }
  }
  const userId = generateIdFromEntropySize(10)
  try {
    await db.transaction(async (tx) => {
      await tx
        .insert(users)
        .values({ id: userId, email: input.email, displayName: input.displayName, passwordHash, locale: context.locale })
      const token = await issueToken(tx, userId, 'confirm_email')
      const link = absoluteUrl(`/email-bevestigen/${token}`)
      await queueEmail(tx, {
        to: input.email,
        kind: 'confirm_email',
        subject: mailText(context.locale, 'mail.confirm.subject', {}),
        text: mailText(context.locale, 'mail.confirm.text', { name: input.displayName, link }),
      })
    })
  } catch (error) {
    // Two sign-ups with one address at the same moment: the unique index decides, and the answer is the same.
    if (isUniqueViolation(error)) return { ok: true }
    throw error
  }
  return { ok: true }
}

/**
 * The owner of an address someone tried to sign up with, or to move another account to, hears of it
 * (at most three such notices a day, together).
 */
async function tellOwnerOfAttempt(
  db: Queryable,
  owner: { email: string; displayName: string; locale: string | null },
  kind: 'signup_existing' | 'change_email_existing',
  locale: Locale,
) {
  if (!(await consume('signupNoticePerAccount', owner.email.toLowerCase())).ok) return
  const mailLocale = (owner.locale as Locale | null) ?? locale
  await queueEmail(db, {
    to: owner.email,
    kind,
    subject: mailText(mailLocale, `mail.${kind}.subject`, {}),
    text: mailText(mailLocale, `mail.${kind}.text`, {
      name: owner.displayName,
      login: absoluteUrl('/inloggen'),
      reset: absoluteUrl('/wachtwoord-vergeten'),
    }),
  })
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } }
  return e?.code === '23505' || e?.cause?.code === '23505'
}

/** Marks a token used, exactly once, and returns it when it was valid. */
async function consumeToken(db: Queryable, token: string, purpose: TokenPurpose) {
  const [row] = await db
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, sql`now()`),
      ),
    )
    .returning()
  return row
}

export async function confirmEmail(
  token: string,
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ userId: string }, 'errors.link_invalid'>> {
  const row = await consumeToken(db, token, 'confirm_email')
  if (!row) return refuse('errors.link_invalid')
  await db
    .update(users)
    .set({ emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())` })
    .where(eq(users.id, row.userId))
  return { ok: true, userId: row.userId }
}

export async function resendConfirmation(userId: string, locale: Locale, db: Queryable = getDatabase().db): Promise<void> {
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
  if (!user || user.emailConfirmedAt) return
  await db.transaction(async (tx) => {
    const token = await issueToken(tx, userId, 'confirm_email')
    await queueEmail(tx, {
      to: user.email,
      kind: 'confirm_email',
      subject: mailText(locale, 'mail.confirm.subject', {}),
      text: mailText(locale, 'mail.confirm.text', { name: user.displayName, link: absoluteUrl(`/email-bevestigen/${token}`) }),
    })
  })
}

/**
 * Checks a login (decision 0013). Wrong passwords count per account and address: after five from one
 * address, that address waits fifteen minutes for that account — the owner, elsewhere, can still log in
 * with the right password, so nobody can lock someone else out. They also count per account over all
 * addresses: past FAILED_LOGINS_PER_ACCOUNT a day, the password alone no longer suffices — the owner is
 * mailed one single-use unlock link, and after following it logs in with the right password again.
 * Every attempt also counts per address (LOGIN_LIMIT_PER_IP), which slows down guessing across many accounts.
 */
export async function logIn(
  input: { email: string; password: string },
  context: { ip: string; locale?: Locale },
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ userId: string }>> {
  const perIp = await consume('loginPerIp', context.ip)
  if (!perIp.ok) return rateLimited(perIp.retryAfterMinutes, 'form')
  const account = input.email.toLowerCase()
  const key = `${account} ${context.ip}`
  const perAccount = await check('failedLoginPerAccountIp', key)
  if (!perAccount.ok) return rateLimited(perAccount.retryAfterMinutes, 'form')
  // The same answer for every address, known or not: it tells nobody whether the account exists.
  if (await isPast('failedLoginPerAccount', account)) return unlockRequired()
  const user = await findUserByEmail(input.email, db)
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await dummyPasswordCheck(input.password)
  if (!user || !valid) {
    const overall = await consumeAndTell('failedLoginPerAccount', account)
    if (!overall.ok) {
      // Exactly one request crosses the limit: it alone mails the owner.
      if (overall.justNow && user) await mailUnlockLink(db, user, context.locale ?? 'nl')
      return unlockRequired()
    }
    const after = await consume('failedLoginPerAccountIp', key)
    if (!after.ok) return rateLimited(after.retryAfterMinutes, 'form')
    return refuse('errors.login_failed', 'password')
  }
  if (user.blockedAt) return refuse('errors.account_blocked', 'form')
  await reset('failedLoginPerAccountIp', key)
  return { ok: true, userId: user.id }
}

const unlockRequired = () => refuse('errors.login_unlock_required', 'form')

async function mailUnlockLink(
  db: Queryable,
  user: { id: string; email: string; displayName: string; locale: string | null },
  locale: Locale,
) {
  const mailLocale = (user.locale as Locale | null) ?? locale
  await db.transaction(async (tx) => {
    const token = await issueToken(tx, user.id, 'unlock_login')
    await queueEmail(tx, {
      to: user.email,
      kind: 'unlock_login',
      subject: mailText(mailLocale, 'mail.unlock.subject', {}),
      text: mailText(mailLocale, 'mail.unlock.text', { name: user.displayName, link: absoluteUrl(`/inloggen/ontgrendelen/${token}`) }),
    })
  })
}

/** Follows the mailed unlock link (once): the account's count of wrong passwords starts again. */
export async function unlockLogin(
  token: string,
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ userId: string }, 'errors.link_invalid'>> {
  const row = await consumeToken(db, token, 'unlock_login')
  if (!row) return refuse('errors.link_invalid')
  await clearFailedLogins(db, row.userId)
  return { ok: true, userId: row.userId }
}

/** Whoever proved they read the owner's mailbox (unlock link, password reset) ends a lock-out. */
async function clearFailedLogins(db: Queryable, userId: string) {
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
  if (user) await reset('failedLoginPerAccount', user.email.toLowerCase())
}

/** Always answers the same, whether or not the address has an account. */
export async function requestPasswordReset(
  email: string,
  context: { ip: string; locale: Locale },
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  const perIp = await consume('resetPerIp', context.ip)
  if (!perIp.ok) return rateLimited(perIp.retryAfterMinutes, 'form')
  const perAccount = await consume('resetPerAccount', email)
  if (!perAccount.ok) return rateLimited(perAccount.retryAfterMinutes, 'form')
  const user = await findUserByEmail(email, db)
  if (!user) return { ok: true }
  await db.transaction(async (tx) => {
    const token = await issueToken(tx, user.id, 'reset_password')
    await queueEmail(tx, {
      to: user.email,
      kind: 'reset_password',
      subject: mailText(context.locale, 'mail.reset.subject', {}),
      text: mailText(context.locale, 'mail.reset.text', { name: user.displayName, link: absoluteUrl(`/wachtwoord-herstellen/${token}`) }),
    })
  })
  return { ok: true }
}

export async function tokenIsValid(token: string, purpose: TokenPurpose, db: Queryable = getDatabase().db): Promise<boolean> {
  const row = await db.query.emailTokens.findFirst({
    where: (t) => and(eq(t.tokenHash, hashToken(token)), eq(t.purpose, purpose), isNull(t.usedAt), gt(t.expiresAt, sql`now()`)),
  })
  return !!row
}

export async function resetPassword(
  token: string,
  password: string,
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ userId: string }, 'errors.link_invalid'>> {
  const row = await consumeToken(db, token, 'reset_password')
  if (!row) return refuse('errors.link_invalid', 'form')
  // Whoever could read the mailbox proved they own the address.
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())` })
    .where(eq(users.id, row.userId))
  await clearFailedLogins(db, row.userId)
  return { ok: true, userId: row.userId }
}

/**
 * Asks to move one's account to another address: a link goes to the new address, a notice to the old.
 * It answers the same whether or not the new address already has an account (as sign-up does), so a
 * logged-in person cannot find out who has one: for a taken address no link is made, and its owner is
 * told that someone tried.
 */
export async function requestEmailChange(
  userId: string,
  input: { email: string; password: string },
  locale: Locale,
  db: Queryable = getDatabase().db,
): Promise<Outcome<object, 'errors.not_found' | 'errors.password_wrong' | 'errors.email_same'>> {
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
  if (!user) return refuse('errors.not_found', 'form')
  if (!(await verifyPassword(user.passwordHash, input.password))) return refuse('errors.password_wrong', 'password')
  if (input.email.toLowerCase() === user.email.toLowerCase()) return refuse('errors.email_same', 'email')
  const owner = await findUserByEmail(input.email, db)
  if (owner) await tellOwnerOfAttempt(db, owner, 'change_email_existing', locale)
  await db.transaction(async (tx) => {
    if (!owner) {
      const token = await issueToken(tx, userId, 'change_email', input.email)
      await queueEmail(tx, {
        to: input.email,
        kind: 'change_email',
        subject: mailText(locale, 'mail.change.subject', {}),
        text: mailText(locale, 'mail.change.text', { name: user.displayName, link: absoluteUrl(`/email-wijzigen/${token}`) }),
      })
    }
    await queueEmail(tx, {
      to: user.email,
      kind: 'change_email_notice',
      subject: mailText(locale, 'mail.change_notice.subject', {}),
      text: mailText(locale, 'mail.change_notice.text', { name: user.displayName, email: input.email }),
    })
  })
  return { ok: true }
}

export async function confirmEmailChange(
  token: string,
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ userId: string }, 'errors.link_invalid' | 'errors.email_taken'>> {
  const row = await consumeToken(db, token, 'change_email')
  if (!row?.newEmail) return refuse('errors.link_invalid')
  try {
    await db
      .update(users)
      .set({ email: row.newEmail, emailConfirmedAt: sql`now()` })
      .where(eq(users.id, row.userId))
  } catch (error) {
    if (isUniqueViolation(error)) return refuse('errors.email_taken')
    throw error
  }
  return { ok: true, userId: row.userId }
}

export async function getOwnAccount(userId: string, db: Queryable = getDatabase().db) {
  return db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId), with: { address: true } })
}

/** Whether a user holds the administrator role (nobody may block them; issue 14). */
export async function isAdministrator(db: Queryable, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.role, 'admin')))
  return !!row
}
