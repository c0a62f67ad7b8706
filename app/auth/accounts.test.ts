import { describe, expect, it } from 'vitest'
import { and, desc, eq, sql } from 'drizzle-orm'
import { outboundEmails, users } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { confirmEmail, confirmEmailChange, logIn, requestEmailChange, requestPasswordReset, resetPassword, signUp } from './accounts.server'
import { signupSchema } from './validation'
import { zodErrors } from '~/utils/forms'

const context = (ip = '192.0.2.1') => ({ ip, locale: 'nl' as const })

async function lastMailTo(to: string) {
  const { db } = getDatabase()
  const [m] = await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, to)).orderBy(desc(outboundEmails.id)).limit(1)
  return m!
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
    expect(await confirmEmail(token)).toEqual({ ok: false })
    const { db } = getDatabase()
    const [user] = await db.select().from(users).where(eq(users.email, 'anna@example.test'))
    expect(user!.emailConfirmedAt).toBeInstanceOf(Date)
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/)
  })

  it('refuses a second account for the same address, also in different case and at the same moment', async () => {
    const input = { displayName: 'Bas', email: 'bas@example.test', password: 'een lange zin van mij' }
    const results = await Promise.all([
      signUp(input, context('192.0.2.10')),
      signUp({ ...input, email: 'BAS@example.test'.toLowerCase() }, context('192.0.2.11')),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.find((r) => !r.ok)).toMatchObject({ errors: { email: 'errors.email_taken' } })
    const { db } = getDatabase()
    const rows = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = 'bas@example.test'`)
    expect(rows).toHaveLength(1)
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
    expect(slowed).toMatchObject({ ok: false, errors: { form: 'errors.rate_limited' } })
    expect(slowed.ok === false && slowed.params?.form?.minutes).toBeGreaterThanOrEqual(14)
    // The owner, from their own address, is not locked out.
    expect(await logIn({ email: 'cas@example.test', password: 'het goede wachtwoord' }, { ip: '192.0.2.22' })).toMatchObject({ ok: true })
    // Another account is not affected from the attacker's address either.
    await signUp({ displayName: 'Dirk', email: 'dirk@example.test', password: 'het goede wachtwoord' }, context('192.0.2.23'))
    expect(await logIn({ email: 'dirk@example.test', password: 'het goede wachtwoord' }, { ip: '192.0.2.21' })).toMatchObject({ ok: true })
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
      errors: { password: 'errors.login_failed' },
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
    expect(await resetPassword(token, 'nog een wachtwoord')).toMatchObject({ ok: false, errors: { form: 'errors.link_invalid' } })
    expect(await logIn({ email: 'eva@example.test', password: 'nieuw wachtwoord hier' }, { ip: '192.0.2.42' })).toMatchObject({ ok: true })
  })

  it('changes the address only after the new one is confirmed, and warns the old one', async () => {
    const signed = await signUp(
      { displayName: 'Fenna', email: 'fenna@example.test', password: 'mijn wachtwoord hier' },
      context('192.0.2.50'),
    )
    const userId = signed.ok ? signed.userId : ''
    expect(await requestEmailChange(userId, { email: 'fenna@example.test', password: 'mijn wachtwoord hier' }, 'nl')).toMatchObject({
      errors: { email: 'errors.email_same' },
    })
    expect(await requestEmailChange(userId, { email: 'nieuw@example.test', password: 'fout' }, 'nl')).toMatchObject({
      errors: { password: 'errors.password_wrong' },
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
})
