import { describe, expect, it } from 'vitest'
import { desc, eq, sql } from 'drizzle-orm'
import { auditLog, outboundEmails, residenceVerifications, users } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { enterLetterCode, requestLetter, verifyAtDesk } from './residence.server'

async function letterCode(): Promise<string> {
  const { db } = getDatabase()
  const [letter] = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'letter')).orderBy(desc(outboundEmails.id)).limit(1)
  return /^\s+([A-Z0-9]{4} [A-Z0-9]{4})$/m.exec(letter!.textBody)![1]!
}

describe('residence verification by letter', () => {
  it('verifies with the code from the letter and places the resident in buurt and wijk by point-in-polygon', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    // Martinikerkhof 3 lies in Binnenstad-Noord (BU00140000), wijk Centrum.
    expect(await requestLetter(user.id, { postcode: '9712JG', houseNumber: 3, addition: '', birthYear: 1975 }, 'nl')).toEqual({ ok: true })
    const code = await letterCode()
    expect(await enterLetterCode(user.id, code.toLowerCase())).toEqual({ ok: true })
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({ buurtCode: 'BU00140000', wijkCode: 'WK001400', birthYear: 1975, verificationMethod: 'letter' })
    expect(row!.verifiedAt).toBeInstanceOf(Date)
  })

  it('refuses an address that is not in the register', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    expect(await requestLetter(user.id, { postcode: '9712JG', houseNumber: 999, addition: '', birthYear: 1975 }, 'nl')).toEqual({
      ok: false,
      errors: { houseNumber: 'errors.address_unknown' },
    })
  })

  it('counts wrong codes and voids the letter after five', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    await requestLetter(user.id, { postcode: '9724AD', houseNumber: 3, addition: '', birthYear: 1990 }, 'nl')
    const code = await letterCode()
    const first = await enterLetterCode(user.id, 'AAAA2222')
    expect(first).toEqual({ ok: false, errors: { code: 'errors.code_wrong' }, params: { code: { left: 4 } } })
    for (let i = 0; i < 3; i++) await enterLetterCode(user.id, 'AAAA2222')
    expect(await enterLetterCode(user.id, 'AAAA2222')).toEqual({ ok: false, errors: { code: 'errors.code_too_many' } })
    expect(await enterLetterCode(user.id, code)).toEqual({ ok: false, errors: { code: 'errors.code_too_many' } })
  })

  it('refuses an expired code', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    await requestLetter(user.id, { postcode: '9724AD', houseNumber: 3, addition: '', birthYear: 1990 }, 'nl')
    const code = await letterCode()
    await db
      .update(residenceVerifications)
      .set({ expiresAt: sql`now() - interval '1 day'` })
      .where(eq(residenceVerifications.userId, user.id))
    expect(await enterLetterCode(user.id, code)).toEqual({ ok: false, errors: { code: 'errors.code_expired' } })
  })
})

describe('verification at the desk', () => {
  it('verifies and leaves an entry in the append-only audit log', async () => {
    const { db } = getDatabase()
    const helper = await createUser(db, { roles: [{ role: 'helper' }] })
    const resident = await createUser(db)
    expect(
      await verifyAtDesk(helper.id, resident.id, {
        postcode: '9711GD',
        houseNumber: 73,
        addition: '',
        birthYear: 1950,
        reason: 'paspoort gezien',
      }),
    ).toEqual({ ok: true })
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, resident.id))
    expect(entry).toMatchObject({ actorId: helper.id, action: 'residence.verify_at_desk', reason: 'paspoort gezien' })
    await expect(db.delete(auditLog).where(eq(auditLog.id, entry!.id))).rejects.toThrow()
    await expect(db.update(auditLog).set({ reason: 'weg' }).where(eq(auditLog.id, entry!.id))).rejects.toThrow()
  })
})
