import { describe, expect, it } from 'vitest'
import { and, desc, eq, sql } from 'drizzle-orm'
import { emailTokens, outboundEmails, users } from '~db/schema'
import { hashToken } from './tokens.server'
import { getDatabase } from '~db/runtime'
import {
  confirmEmail,
  confirmEmailChange,
  findUserByEmail,
  logIn,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  signUp,
  unlockLogin,
} from './accounts.server'
import { FAILED_LOGINS_PER_ACCOUNT } from './rate-limit.server'
import { signupSchema } from './validation'
import { zodErrors } from '~/utils/forms'

const context = (ip = '192.0.2.1') => ({ ip, locale: 'nl' as const })

async function lastMailTo(to: string) {
  const { db } = getDatabase()
  const [m] = await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, to)).orderBy(desc(outboundEmails.id)).limit(1)
  return m!
}

async function unlockMails(to: string) {
  const { db } = getDatabase()
  return db
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.toAddress, to), eq(outboundEmails.kind, 'unlock_login')))
}

function linkIn(text: string, path: string): string {
  const match = new RegExp(`${path}/([A-Za-z0-9_-]+)`).exec(text)
  if (!match) throw new Error(`no ${path} link in: ${text}`)
  return match[1]!
}

describe('sign-up and e-mail confirmation', () => {
  it('creates an unconfirmed account and confirms it exactly once with the mailed link', async () => {
    const result = await signUp({ displayName: 'Anna', email: 'anna@example.test', password: 'een lange zin van mij' }, context())
    expect(result.ok).toBe(true)
    const mail = await lastMailTo('anna@example.test')
    expect(mail.kind).toBe('confirm_email')
    const token = linkIn(mail.textBody, '/email-bevestigen')
    expect(await confirmEmail(token)).toMatchObject({ ok: true })
    expect(await confirmEmail(token)).toEqual({ ok: false, reason: 'errors.link_invalid' })
    const { db } = getDatabase()
    const [user] = await db.select().from(users).where(eq(users.email, 'anna@example.test'))
    expect(user!.emailConfirmedAt).toBeInstanceOf(Date)
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
  })

  it('makes one account for two sign-ups with one address at the same moment, and answers both the same', async () => {
    const input = { displayName: 'Bas', email: 'bas@example.test', password: 'een lange zin van mij' }
    const results = await Promise.all([signUp(input, context('192.0.2.10')), signUp(input, context('192.0.2.11'))])
    expect(results).toEqual([{ ok: true }, { ok: true }])
    const { db } = getDatabase()
    const rows = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = 'bas@example.test'`)
    expect(rows).toHaveLength(1)
  })

  it('answers the same for an address that has an account: nothing is created or changed, and the owner is mailed', async () => {
    const first = await signUp({ displayName: 'Gijs', email: 'gijs@example.test', password: 'het eigen wachtwoord' }, context('192.0.2.12'))
    const { db } = getDatabase()
    const [before] = await db.select().from(users).where(eq(users.email, 'gijs@example.test'))
    const again = await signUp(
      { displayName: 'Iemand Anders', email: 'gijs@example.test', password: 'een ander wachtwoord' },
      context('192.0.2.13'),
    )
    expect(again).toEqual(first)
    const rows = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = 'gijs@example.test'`)
    expect(rows).toEqual([before])
    const notice = await lastMailTo('gijs@example.test')
    expect(notice.kind).toBe('signup_existing')
    expect(notice.textBody).toContain('Iemand probeerde met jouw e-mailadres een account te maken')
    expect(notice.textBody).toContain('http://stem.test/wachtwoord-vergeten')
    expect(notice.textBody).not.toContain('Iemand Anders')
    expect(await logIn({ email: 'gijs@example.test', password: 'een ander wachtwoord' }, { ip: '192.0.2.14' })).toMatchObject({ ok: false })
    expect(await logIn({ email: 'gijs@example.test', password: 'het eigen wachtwoord' }, { ip: '192.0.2.14' })).toMatchObject({ ok: true })
    // A few notices a day at most, however often someone tries; the answer stays the same.
    for (let i = 0; i < 4; i++)
      expect(
        await signUp({ displayName: 'X', email: 'gijs@example.test', password: 'een ander wachtwoord' }, context('192.0.2.15')),
      ).toEqual({ ok: true })
    const notices = await db
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.toAddress, 'gijs@example.test'), eq(outboundEmails.kind, 'signup_existing')))
    expect(notices).toHaveLength(3)
  })

  it('rejects weak and malformed input with translation keys per field', () => {
    const parsed = signupSchema.safeParse({ displayName: 'A', email: 'geen-adres', password: 'kort' })
    expect(parsed.success).toBe(false)
    // The form shows the first problem per field.
    const issues = zodErrors(parsed.error!)
    expect(issues).toEqual({ displayName: 'errors.name_required', email: 'errors.email_invalid', password: 'errors.password_too_short' })
    expect(signupSchema.safeParse({ displayName: 'Ab', email: 'a@b.nl', password: 'wachtwoord123' }).error?.issues[0]?.message).toBe(
      'errors.password_weak',
    )
    expect(signupSchema.safeParse({ displayName: 'Ab', email: 'a@b.nl', password: 'x'.repeat(201) }).error?.issues[0]?.message).toBe(
      'errors.password_too_long',
    )
  })
})

describe('login', () => {
  it("slows down an attacker's address after five wrong passwords, but the owner still logs in with the right one", async () => {
    await signUp({ displayName: 'Cas', email: 'cas@example.test', password: 'het goede wachtwoord' }, context('192.0.2.20'))
    for (let i = 0; i < 5; i++) {
      expect(await logIn({ email: 'cas@example.test', password: 'fout fout fout' }, { ip: '192.0.2.21' })).toMatchObject({ ok: false })
    }
    // The attacker's address waits fifteen minutes for this account, even with the right password.
    const slowed = await logIn({ email: 'CAS@example.test', password: 'het goede wachtwoord' }, { ip: '192.0.2.21' })
    expect(slowed).toMatchObject({ ok: false, reason: 'errors.rate_limited', field: 'form' })
    expect(slowed.ok === false && slowed.params?.minutes).toBeGreaterThanOrEqual(14)
    // The owner, from their own address, is not locked out.
    expect(await logIn({ email: 'cas@example.test', password: 'het goede wachtwoord' }, { ip: '192.0.2.22' })).toMatchObject({ ok: true })
    // Another account is not affected from the attacker's address either.
    await signUp({ displayName: 'Dirk', email: 'dirk@example.test', password: 'het goede wachtwoord' }, context('192.0.2.23'))
    expect(await logIn({ email: 'dirk@example.test', password: 'het goede wachtwoord' }, { ip: '192.0.2.21' })).toMatchObject({ ok: true })
  })

  it('past the limit over all addresses, mails the owner one unlock link; the right password works again after it, not before', async () => {
    await signUp({ displayName: 'Hidde', email: 'hidde@example.test', password: 'het goede wachtwoord' }, context('192.0.2.60'))
    const owner = { email: 'hidde@example.test', password: 'het goede wachtwoord' }
    const wrong = (ip: string) => logIn({ email: 'hidde@example.test', password: 'fout fout fout' }, { ip })
    // An attacker spreads wrong passwords over many addresses: each address is slowed after five.
    const addresses = FAILED_LOGINS_PER_ACCOUNT / 5
    for (let a = 0; a < addresses; a++) {
      for (let i = 0; i < 5; i++) expect(await wrong(`198.51.100.${a}`)).toMatchObject({ reason: 'errors.login_failed', field: 'password' })
      expect(await wrong(`198.51.100.${a}`)).toMatchObject({ reason: 'errors.rate_limited', field: 'form' })
    }
    // Up to the limit the owner, from their usual address, logs in with the right password.
    expect(await logIn(owner, { ip: '192.0.2.60' })).toMatchObject({ ok: true })
    expect(await unlockMails('hidde@example.test')).toHaveLength(0)

    // One more from yet another address: now the password alone no longer suffices, for anyone.
    expect(await wrong('198.51.100.200')).toEqual({ ok: false, reason: 'errors.login_unlock_required', field: 'form' })
    expect(await logIn(owner, { ip: '192.0.2.60' })).toEqual({ ok: false, reason: 'errors.login_unlock_required', field: 'form' })
    for (let i = 0; i < 3; i++)
      expect(await wrong(`198.51.100.${201 + i}`)).toMatchObject({ reason: 'errors.login_unlock_required', field: 'form' })
    // An address without an account answers the same past the limit: it tells nobody who has one.
    for (let i = 0; i <= FAILED_LOGINS_PER_ACCOUNT; i++)
      await logIn({ email: 'niemand-hier@example.test', password: 'x'.repeat(12) }, { ip: `203.0.113.${i}` })
    expect(await logIn({ email: 'niemand-hier@example.test', password: 'x'.repeat(12) }, { ip: '203.0.113.99' })).toEqual({
      ok: false,
      reason: 'errors.login_unlock_required', field: 'form',
    })

    // The owner got exactly one e-mail, with a single-use link; only its hash is stored.
    const mails = await unlockMails('hidde@example.test')
    expect(mails).toHaveLength(1)
    expect(mails[0]!.textBody).toContain('Klik op deze link om inloggen weer aan te zetten')
    const token = linkIn(mails[0]!.textBody, '/inloggen/ontgrendelen')
    const { db } = getDatabase()
    const stored = await db.select().from(emailTokens).where(eq(emailTokens.purpose, 'unlock_login'))
    expect(stored.map((t) => t.tokenHash)).toEqual([hashToken(token)])
    expect(stored[0]!.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 60 * 60 * 1000)

    expect(await unlockLogin(token)).toMatchObject({ ok: true })
    expect(await unlockLogin(token)).toEqual({ ok: false, reason: 'errors.link_invalid' })
    expect(await logIn(owner, { ip: '192.0.2.60' })).toMatchObject({ ok: true })
  })

  it('sends one unlock e-mail when many guesses cross the limit at the same moment', async () => {
    await signUp({ displayName: 'Joost', email: 'joost@example.test', password: 'het goede wachtwoord' }, context('192.0.2.75'))
    const wrong = (ip: string) => logIn({ email: 'joost@example.test', password: 'fout fout fout' }, { ip })
    for (let i = 0; i < FAILED_LOGINS_PER_ACCOUNT - 2; i++) await wrong(`198.51.102.${i}`)
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => wrong(`198.51.103.${i}`)))
    expect(answers.filter((a) => !a.ok && a.reason === 'errors.login_unlock_required')).toHaveLength(6)
    expect(await unlockMails('joost@example.test')).toHaveLength(1)
  })

  it('ends a lock-out with a password reset too (the owner never got the unlock mail)', async () => {
    await signUp({ displayName: 'Ilse', email: 'ilse@example.test', password: 'het goede wachtwoord' }, context('192.0.2.70'))
    for (let i = 0; i <= FAILED_LOGINS_PER_ACCOUNT; i++)
      await logIn({ email: 'ilse@example.test', password: 'fout fout fout' }, { ip: `198.51.101.${i}` })
    expect(await logIn({ email: 'ilse@example.test', password: 'het goede wachtwoord' }, { ip: '192.0.2.70' })).toMatchObject({
      reason: 'errors.login_unlock_required', field: 'form',
    })
    await requestPasswordReset('ilse@example.test', context('192.0.2.70'))
    const token = linkIn((await lastMailTo('ilse@example.test')).textBody, '/wachtwoord-herstellen')
    expect(await resetPassword(token, 'een nieuw wachtwoord')).toMatchObject({ ok: true })
    expect(await logIn({ email: 'ilse@example.test', password: 'een nieuw wachtwoord' }, { ip: '192.0.2.70' })).toMatchObject({ ok: true })
  })

  it('quotes the name in the confirmation mail and leaves out links typed as a name', async () => {
    await signUp(
      {
        displayName: 'Uw DigiD verloopt: log in op http://digid.evil.example/x',
        email: 'eva@example.test',
        password: 'een lange zin van mij',
      },
      context('192.0.2.40'),
    )
    const mail = await lastMailTo('eva@example.test')
    expect(mail.textBody).toContain('“Uw DigiD verloopt: log in op …”')
    expect(mail.textBody).not.toContain('evil.example')
  })

  it('answers the same for an unknown address as for a wrong password', async () => {
    expect(await logIn({ email: 'niemand@example.test', password: 'wat dan ook hier' }, { ip: '192.0.2.30' })).toEqual({
      ok: false,
      reason: 'errors.login_failed', field: 'password',
    })
  })
})

describe('password reset and e-mail change', () => {
  it('resets the password with a single-use link and says nothing about unknown addresses', async () => {
    await signUp({ displayName: 'Eva', email: 'eva@example.test', password: 'oud wachtwoord hier' }, context('192.0.2.40'))
    expect(await requestPasswordReset('onbekend@example.test', context('192.0.2.41'))).toEqual({ ok: true })
    expect(await requestPasswordReset('eva@example.test', context('192.0.2.41'))).toEqual({ ok: true })
    const token = linkIn((await lastMailTo('eva@example.test')).textBody, '/wachtwoord-herstellen')
    expect(await resetPassword(token, 'nieuw wachtwoord hier')).toMatchObject({ ok: true })
    expect(await resetPassword(token, 'nog een wachtwoord')).toMatchObject({ ok: false, reason: 'errors.link_invalid', field: 'form' })
    expect(await logIn({ email: 'eva@example.test', password: 'nieuw wachtwoord hier' }, { ip: '192.0.2.42' })).toMatchObject({ ok: true })
  })

  it('changes the address only after the new one is confirmed, and warns the old one', async () => {
    await signUp({ displayName: 'Fenna', email: 'fenna@example.test', password: 'mijn wachtwoord hier' }, context('192.0.2.50'))
    const userId = (await findUserByEmail('fenna@example.test'))!.id
    expect(await requestEmailChange(userId, { email: 'fenna@example.test', password: 'mijn wachtwoord hier' }, 'nl')).toMatchObject({
      reason: 'errors.email_same', field: 'email',
    })
    expect(await requestEmailChange(userId, { email: 'nieuw@example.test', password: 'fout' }, 'nl')).toMatchObject({
      reason: 'errors.password_wrong', field: 'password',
    })
    expect(await requestEmailChange(userId, { email: 'nieuw@example.test', password: 'mijn wachtwoord hier' }, 'nl')).toEqual({ ok: true })
    expect((await lastMailTo('fenna@example.test')).kind).toBe('change_email_notice')
    const token = linkIn((await lastMailTo('nieuw@example.test')).textBody, '/email-wijzigen')
    expect(await confirmEmailChange(token)).toMatchObject({ ok: true, userId })
    const { db } = getDatabase()
    const [user] = await db
      .select()
      .from(users)
      .where(and(eq(users.id, userId)))
    expect(user!.email).toBe('nieuw@example.test')
  })

  it('answers the same for an address that already has an account, and tells its owner instead', async () => {
    await signUp({ displayName: 'Gerrit', email: 'gerrit@example.test', password: 'mijn wachtwoord hier' }, context('192.0.2.80'))
    await signUp({ displayName: 'Hanna', email: 'hanna@example.test', password: 'haar wachtwoord hier' }, context('192.0.2.81'))
    const userId = (await findUserByEmail('gerrit@example.test'))!.id
    const free = await requestEmailChange(userId, { email: 'vrij@example.test', password: 'mijn wachtwoord hier' }, 'nl')
    const taken = await requestEmailChange(userId, { email: 'hanna@example.test', password: 'mijn wachtwoord hier' }, 'nl')
    // Nothing in the answer tells whether hanna@ has an account.
    expect(taken).toEqual(free)
    expect(taken).toEqual({ ok: true })
    // Gerrit's own mailbox gets the same notice either way.
    expect((await lastMailTo('gerrit@example.test')).kind).toBe('change_email_notice')
    // Hanna gets no link to move her address to Gerrit's account, only word that someone tried.
    const toHanna = await lastMailTo('hanna@example.test')
    expect(toHanna.kind).toBe('change_email_existing')
    expect(toHanna.textBody).not.toContain('/email-wijzigen/')
    const { db } = getDatabase()
    const tokens = await db
      .select()
      .from(emailTokens)
      .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, 'change_email'), eq(emailTokens.newEmail, 'hanna@example.test')))
    expect(tokens).toHaveLength(0)
    const [gerrit] = await db.select().from(users).where(eq(users.id, userId))
    expect(gerrit!.email).toBe('gerrit@example.test')
  })
})
