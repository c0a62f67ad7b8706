import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { generateIdFromEntropySize } from 'lucia'
import { emailTokens, userRoles, users } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { mailName, queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { translate, type Locale, type MessageKey, type Params } from '~/utils/i18n'
import type { FieldErrors } from '~/utils/forms'
import { dummyPasswordCheck, hashPassword, verifyPassword } from './password.server'
import { hashToken, newToken } from './tokens.server'
import { check, consume, consumeAndTell, isPast, reset } from './rate-limit.server'
import { refuse, type Outcome } from '~/utils/result'

// Commands for accounts: each is one use case that returns ok or the reason, per field where it has one.
export type CommandResult<T = object> = ({ ok: true } & T) | CommandFailure
export type CommandFailure = { ok: false; errors: FieldErrors; params?: Record<string, Params> }

const HOUR = 60 * 60 * 1000
const TOKEN_LIFETIME = { confirm_email: 48 * HOUR, reset_password: 1 * HOUR, change_email: 48 * HOUR, unlock_login: 24 * HOUR } as const
type TokenPurpose = keyof typeof TOKEN_LIFETIME

function tooMany(minutes: number, field = 'form'): CommandFailure {
  return { ok: false, errors: { [field]: 'errors.rate_limited' }, params: { [field]: { minutes } } }
}

export async function findUserByEmail(email: string) {
  const { db } = getDatabase()
  return db.query.users.findFirst({ where: (u) => sql`lower(${u.email}) = ${email.toLowerCase()}` })
}

async function issueToken(
  db: Parameters<typeof queueEmail>[0],
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
): Promise<CommandResult> {
  const limit = await consume('signupPerIp', context.ip)
  if (!limit.ok) return tooMany(limit.retryAfterMinutes)
  const passwordHash = await hashPassword(input.password)
  const existing = await findUserByEmail(input.email)
  if (existing) {
    await tellOwnerOfSignUpAttempt(existing, context.locale)
    return { ok: true }
  }
  const userId = generateIdFromEntropySize(10)
  const { db } = getDatabase()
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

/** The owner of an address someone tried to sign up with hears of it (at most three times a day). */
async function tellOwnerOfSignUpAttempt(owner: { email: string; displayName: string; locale: string | null }, locale: Locale) {
  if (!(await consume('signupNoticePerAccount', owner.email)).ok) return
  const mailLocale = (owner.locale as Locale | null) ?? locale
  const { db } = getDatabase()
  await queueEmail(db, {
    to: owner.email,
    kind: 'signup_existing',
    subject: mailText(mailLocale, 'mail.signup_existing.subject', {}),
    text: mailText(mailLocale, 'mail.signup_existing.text', {
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
async function consumeToken(token: string, purpose: TokenPurpose) {
  const { db } = getDatabase()
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

export async function confirmEmail(token: string): Promise<{ ok: true; userId: string } | { ok: false }> {
  const row = await consumeToken(token, 'confirm_email')
  if (!row) return { ok: false }
  const { db } = getDatabase()
  await db
    .update(users)
    .set({ emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())` })
    .where(eq(users.id, row.userId))
  return { ok: true, userId: row.userId }
}

export async function resendConfirmation(userId: string, locale: Locale): Promise<void> {
  const { db } = getDatabase()
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
): Promise<CommandResult<{ userId: string }>> {
  const perIp = await consume('loginPerIp', context.ip)
  if (!perIp.ok) return tooMany(perIp.retryAfterMinutes)
  const account = input.email.toLowerCase()
  const key = `${account} ${context.ip}`
  const perAccount = await check('failedLoginPerAccountIp', key)
  if (!perAccount.ok) return tooMany(perAccount.retryAfterMinutes)
  // The same answer for every address, known or not: it tells nobody whether the account exists.
  if (await isPast('failedLoginPerAccount', account)) return unlockRequired()
  const user = await findUserByEmail(input.email)
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await dummyPasswordCheck(input.password)
  if (!user || !valid) {
    const overall = await consumeAndTell('failedLoginPerAccount', account)
    if (!overall.ok) {
      // Exactly one request crosses the limit: it alone mails the owner.
      if (overall.justNow && user) await mailUnlockLink(user, context.locale ?? 'nl')
      return unlockRequired()
    }
    const after = await consume('failedLoginPerAccountIp', key)
    if (!after.ok) return tooMany(after.retryAfterMinutes)
    return { ok: false, errors: { password: 'errors.login_failed' } }
  }
  if (user.blockedAt) return { ok: false, errors: { form: 'errors.account_blocked' } }
  await reset('failedLoginPerAccountIp', key)
  return { ok: true, userId: user.id }
}

const unlockRequired = (): CommandFailure => ({ ok: false, errors: { form: 'errors.login_unlock_required' } })

async function mailUnlockLink(user: { id: string; email: string; displayName: string; locale: string | null }, locale: Locale) {
  const mailLocale = (user.locale as Locale | null) ?? locale
  const { db } = getDatabase()
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
export async function unlockLogin(token: string): Promise<Outcome<{ userId: string }, 'errors.link_invalid'>> {
  const row = await consumeToken(token, 'unlock_login')
  if (!row) return refuse('errors.link_invalid')
  await clearFailedLogins(row.userId)
  return { ok: true, userId: row.userId }
}

/** Whoever proved they read the owner's mailbox (unlock link, password reset) ends a lock-out. */
async function clearFailedLogins(userId: string) {
  const { db } = getDatabase()
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
  if (user) await reset('failedLoginPerAccount', user.email.toLowerCase())
}

/** Always answers the same, whether or not the address has an account. */
export async function requestPasswordReset(email: string, context: { ip: string; locale: Locale }): Promise<CommandResult> {
  const perIp = await consume('resetPerIp', context.ip)
  if (!perIp.ok) return tooMany(perIp.retryAfterMinutes)
  const perAccount = await consume('resetPerAccount', email)
  if (!perAccount.ok) return tooMany(perAccount.retryAfterMinutes)
  const user = await findUserByEmail(email)
  if (!user) return { ok: true }
  const { db } = getDatabase()
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

export async function tokenIsValid(token: string, purpose: TokenPurpose): Promise<boolean> {
  const { db } = getDatabase()
  const row = await db.query.emailTokens.findFirst({
    where: (t) => and(eq(t.tokenHash, hashToken(token)), eq(t.purpose, purpose), isNull(t.usedAt), gt(t.expiresAt, sql`now()`)),
  })
  return !!row
}

export async function resetPassword(token: string, password: string): Promise<CommandResult<{ userId: string }>> {
  const row = await consumeToken(token, 'reset_password')
  if (!row) return { ok: false, errors: { form: 'errors.link_invalid' } }
  const { db } = getDatabase()
  // Whoever could read the mailbox proved they own the address.
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password), emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, now())` })
    .where(eq(users.id, row.userId))
  await clearFailedLogins(row.userId)
  return { ok: true, userId: row.userId }
}

export async function requestEmailChange(
  userId: string,
  input: { email: string; password: string },
  locale: Locale,
): Promise<CommandResult> {
  const { db } = getDatabase()
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
  if (!user) return { ok: false, errors: { form: 'errors.not_found' } }
  if (!(await verifyPassword(user.passwordHash, input.password))) return { ok: false, errors: { password: 'errors.password_wrong' } }
  if (input.email === user.email.toLowerCase()) return { ok: false, errors: { email: 'errors.email_same' } }
  if (await findUserByEmail(input.email)) return { ok: false, errors: { email: 'errors.email_taken' } }
  await db.transaction(async (tx) => {
    const token = await issueToken(tx, userId, 'change_email', input.email)
    await queueEmail(tx, {
      to: input.email,
      kind: 'change_email',
      subject: mailText(locale, 'mail.change.subject', {}),
      text: mailText(locale, 'mail.change.text', { name: user.displayName, link: absoluteUrl(`/email-wijzigen/${token}`) }),
    })
    await queueEmail(tx, {
      to: user.email,
      kind: 'change_email_notice',
      subject: mailText(locale, 'mail.change_notice.subject', {}),
      text: mailText(locale, 'mail.change_notice.text', { name: user.displayName, email: input.email }),
    })
  })
  return { ok: true }
}

export async function confirmEmailChange(token: string): Promise<{ ok: true; userId: string } | { ok: false; reason: MessageKey }> {
  const row = await consumeToken(token, 'change_email')
  if (!row?.newEmail) return { ok: false, reason: 'errors.link_invalid' }
  const { db } = getDatabase()
  try {
    await db
      .update(users)
      .set({ email: row.newEmail, emailConfirmedAt: sql`now()` })
      .where(eq(users.id, row.userId))
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: 'errors.email_taken' }
    throw error
  }
  return { ok: true, userId: row.userId }
}

export async function getOwnAccount(userId: string) {
  const { db } = getDatabase()
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
