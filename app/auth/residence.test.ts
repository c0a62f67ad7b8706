import { describe, expect, it } from 'vitest'
import { and, desc, eq, sql } from 'drizzle-orm'
import { addresses, auditLog, outboundEmails, residenceVerifications, users } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { personKeyFromIdentity } from './person-key.server'
import { confirmDeskVerification, crowdedAddresses, enterLetterCode, requestLetter, verifyAtDesk } from './residence.server'

async function lastLetter() {
  const { db } = getDatabase()
  const [letter] = await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'letter')).orderBy(desc(outboundEmails.id)).limit(1)
  return letter!
}

async function letterCode(): Promise<string> {
  return /^\s+([A-Z0-9]{4} [A-Z0-9]{4})$/m.exec((await lastLetter()).textBody)![1]!
}

const MARTINIKERKHOF_3 = { postcode: '9712JG', houseNumber: 3, addition: '' }

/** Verifies a new account by letter at an address, as this person. */
async function verifiedByLetter(person: { legalName: string; birthDate: string }, at = MARTINIKERKHOF_3) {
  const { db } = getDatabase()
  const user = await createUser(db)
  const asked = await requestLetter(user.id, { ...at, ...person }, 'nl')
  if (!asked.ok) return { user, result: asked }
  return { user, result: await enterLetterCode(user.id, await letterCode()) }
}

describe('residence verification by letter', () => {
  it('records the person — name, full birth date, address — and a person key derived from them', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    // Martinikerkhof 3 lies in Binnenstad-Noord (BU00140000), wijk Centrum.
    const person = { legalName: 'Anna de Vries', birthDate: '1975-04-30' }
    expect(await requestLetter(user.id, { ...MARTINIKERKHOF_3, ...person }, 'nl')).toEqual({ ok: true })
    // The letter is addressed to the named person, not to "the residents".
    const letter = await lastLetter()
    expect(letter.toAddress).toContain('Anna de Vries')
    expect(letter.textBody).toMatch(/^Aan Anna de Vries$/m)
    const code = await letterCode()
    expect(await enterLetterCode(user.id, code.toLowerCase())).toEqual({ ok: true })
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({
      buurtCode: 'BU00140000',
      wijkCode: 'WK001400',
      legalName: 'Anna de Vries',
      birthDate: '1975-04-30',
      birthYear: 1975,
      verificationMethod: 'letter',
      personKey: personKeyFromIdentity({ name: 'anna de vries', birthDate: '1975-04-30' }),
    })
    // A keyed hash: no name or date in it.
    expect(row!.personKey).not.toMatch(/anna|1975/i)
    expect(row!.verifiedAt).toBeInstanceOf(Date)
  })

  it('gives two people at one address with the same birth year two keys, and one person with two accounts one', async () => {
    const { db } = getDatabase()
    const twinA = await verifiedByLetter({ legalName: 'Sem Bakker', birthDate: '2001-02-03' })
    const twinB = await verifiedByLetter({ legalName: 'Sam Bakker', birthDate: '2001-02-03' })
    const other = await verifiedByLetter({ legalName: 'Sem Bakker', birthDate: '2001-11-20' })
    // The same person again, written a little differently, through a second account.
    const again = await verifiedByLetter({ legalName: 'sem  bakker', birthDate: '2001-02-03' })
    for (const v of [twinA, twinB, other, again]) expect(v.result).toEqual({ ok: true })
    const keys = await Promise.all(
      [twinA, twinB, other, again].map(async (v) => (await db.select().from(users).where(eq(users.id, v.user.id)))[0]!.personKey),
    )
    expect(new Set(keys.slice(0, 3)).size).toBe(3)
    expect(keys[3]).toBe(keys[0])
  })

  it('sends the seventh person at one address to the desk, with a Dutch reason, before any letter goes out', async () => {
    const { db } = getDatabase()
    const at = { postcode: '9724AD', houseNumber: 3, addition: '' }
    for (let i = 1; i <= 6; i++) expect((await verifiedByLetter({ legalName: `Bewoner Nummer${i}`, birthDate: `1990-01-0${i}` }, at)).result).toEqual({ ok: true })
    const seventh = await createUser(db)
    const letters = (await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'letter'))).length
    expect(await requestLetter(seventh.id, { ...at, legalName: 'Bewoner Nummer7', birthDate: '1990-01-07' }, 'nl')).toEqual({
      ok: false,
      reason: 'errors.address_full', field: 'form',
      params: { max: 6 },
    })
    expect((await db.select().from(outboundEmails).where(eq(outboundEmails.kind, 'letter'))).length).toBe(letters)
    // One of the six verifying a second account is not a seventh person.
    expect((await verifiedByLetter({ legalName: 'Bewoner Nummer3', birthDate: '1990-01-03' }, at)).result).toEqual({ ok: true })
    // Staff see the address among those with unusually many verified persons.
    expect(await crowdedAddresses(6)).toContainEqual({ address: expect.stringContaining('9724'), persons: 6 })
    // At the desk, only with an identity document.
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const input = { ...at, legalName: 'Bewoner Nummer7', birthDate: '1990-01-07', reason: 'aan de balie' }
    expect(await verifyAtDesk(staff.id, seventh.id, { ...input, identityDocument: null })).toMatchObject({
      ok: false,
      reason: 'errors.address_full_desk', field: 'identityDocument',
    })
    expect(await verifyAtDesk(staff.id, seventh.id, { ...input, identityDocument: 'passport' })).toEqual({ ok: true, status: 'verified' })
  })

  it('checks the cap again when the code is entered (others may have been verified meanwhile)', async () => {
    const { db } = getDatabase()
    const at = { postcode: '9711GD', houseNumber: 73, addition: '' }
    const late = await createUser(db)
    expect(await requestLetter(late.id, { ...at, legalName: 'Laat Komer', birthDate: '1980-05-05' }, 'nl')).toEqual({ ok: true })
    const code = await letterCode()
    for (let i = 1; i <= 6; i++) expect((await verifiedByLetter({ legalName: `Snelle Bewoner${i}`, birthDate: `1991-02-0${i}` }, at)).result).toEqual({ ok: true })
    expect(await enterLetterCode(late.id, code)).toMatchObject({ ok: false, reason: 'errors.address_full', field: 'code' })
  })

  it('refuses an address that is not in the register', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    expect(await requestLetter(user.id, { postcode: '9712JG', houseNumber: 999, addition: '', legalName: 'Anna de Vries', birthDate: '1975-04-30' }, 'nl')).toEqual({
      ok: false,
      reason: 'errors.address_unknown', field: 'houseNumber',
    })
  })

  it('counts wrong codes and voids the letter after five', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    expect(await requestLetter(user.id, { ...MARTINIKERKHOF_3, legalName: 'Piet Fout', birthDate: '1990-03-03' }, 'nl')).toEqual({ ok: true })
    const code = await letterCode()
    const first = await enterLetterCode(user.id, 'AAAA2222')
    expect(first).toEqual({ ok: false, reason: 'errors.code_wrong', field: 'code', params: { left: 4 } })
    for (let i = 0; i < 3; i++) await enterLetterCode(user.id, 'AAAA2222')
    expect(await enterLetterCode(user.id, 'AAAA2222')).toEqual({ ok: false, reason: 'errors.code_too_many', field: 'code' })
    expect(await enterLetterCode(user.id, code)).toEqual({ ok: false, reason: 'errors.code_too_many', field: 'code' })
  })

  it('refuses an expired code', async () => {
    const { db } = getDatabase()
    const user = await createUser(db)
    expect(await requestLetter(user.id, { ...MARTINIKERKHOF_3, legalName: 'Piet Laat', birthDate: '1990-03-03' }, 'nl')).toEqual({ ok: true })
    const code = await letterCode()
    await db
      .update(residenceVerifications)
      .set({ expiresAt: sql`now() - interval '1 day'` })
      .where(eq(residenceVerifications.userId, user.id))
    expect(await enterLetterCode(user.id, code)).toEqual({ ok: false, reason: 'errors.code_expired', field: 'code' })
  })
})

describe('verification at the desk', () => {
  // An address no other test in this file fills.
  const person = { postcode: '9712JG', houseNumber: 3, addition: '', legalName: 'Willem Balie', birthDate: '1950-08-08', reason: 'aan de balie' }

  it('with an identity document seen: verifies at once and leaves an entry in the append-only audit log', async () => {
    const { db } = getDatabase()
    const helper = await createUser(db, { roles: [{ role: 'helper' }] })
    const resident = await createUser(db)
    expect(await verifyAtDesk(helper.id, resident.id, { ...person, reason: 'paspoort gezien', identityDocument: 'passport' })).toEqual({
      ok: true,
      status: 'verified',
    })
    const [row] = await db.select().from(users).where(eq(users.id, resident.id))
    expect(row).toMatchObject({ verificationMethod: 'desk', legalName: 'Willem Balie', birthDate: '1950-08-08' })
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.subjectUserId, resident.id))
    expect(entry).toMatchObject({ actorId: helper.id, action: 'residence.verify_at_desk', reason: 'paspoort gezien' })
    expect(entry!.detail).toMatchObject({ identityDocument: 'passport' })
    await expect(db.delete(auditLog).where(eq(auditLog.id, entry!.id))).rejects.toThrow()
    await expect(db.update(auditLog).set({ reason: 'weg' }).where(eq(auditLog.id, entry!.id))).rejects.toThrow()
  })

  it('without a document: waits for a second staff member, who is not the first one', async () => {
    const { db } = getDatabase()
    const helper = await createUser(db, { roles: [{ role: 'helper' }] })
    const colleague = await createUser(db, { roles: [{ role: 'staff' }] })
    const resident = await createUser(db)
    expect(await verifyAtDesk(helper.id, resident.id, { ...person, identityDocument: null })).toEqual({ ok: true, status: 'awaiting_confirmation' })
    expect((await db.select().from(users).where(eq(users.id, resident.id)))[0]!.verifiedAt).toBeNull()
    const [pending] = await db
      .select()
      .from(residenceVerifications)
      .where(and(eq(residenceVerifications.userId, resident.id), eq(residenceVerifications.method, 'desk')))
    expect(await confirmDeskVerification(helper.id, resident.id, pending!.id)).toEqual({
      ok: false,
      reason: 'errors.confirm_own_request', field: 'form',
    })
    expect(await confirmDeskVerification(colleague.id, resident.id, pending!.id)).toEqual({ ok: true })
    const [row] = await db.select().from(users).where(eq(users.id, resident.id))
    expect(row).toMatchObject({ verificationMethod: 'desk', legalName: 'Willem Balie' })
    expect(row!.verifiedAt).toBeInstanceOf(Date)
    const [confirmed] = await db.select().from(residenceVerifications).where(eq(residenceVerifications.id, pending!.id))
    expect(confirmed).toMatchObject({ requestedBy: helper.id, confirmedBy: colleague.id })
  })

  it('refuses one’s own account, and an account that does not exist — with no audit line', async () => {
    const { db } = getDatabase()
    const helper = await createUser(db, { roles: [{ role: 'helper' }] })
    expect(await verifyAtDesk(helper.id, helper.id, { ...person, identityDocument: 'passport' })).toEqual({
      ok: false,
      reason: 'errors.not_own_account', field: 'form',
    })
    expect(await verifyAtDesk(helper.id, 'bestaat-niet', { ...person, identityDocument: 'passport' })).toEqual({
      ok: false,
      reason: 'errors.user_unknown', field: 'form',
    })
    expect(await db.select().from(auditLog).where(eq(auditLog.actorId, helper.id))).toEqual([])
    expect((await db.select().from(users).where(eq(users.id, helper.id)))[0]!.verifiedAt).toBeNull()
  })
})

describe('migrating residents verified with a typed birth year', () => {
  it('keeps their residence, gives them 31 December of that year and no person key', async () => {
    // What the custom migration 0020 does to a row that existed before it (run here again on such a row).
    const { db } = getDatabase()
    const [address] = await db.select().from(addresses).limit(1)
    const user = await createUser(db)
    await db.update(users).set({ addressId: address!.id, birthYear: 1970, verifiedAt: new Date(), verificationMethod: 'letter' }).where(eq(users.id, user.id))
    await db.execute(sql`update users set birth_date = make_date(birth_year, 12, 31) where birth_year is not null and birth_date is null`)
    const [row] = await db.select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({ birthDate: '1970-12-31', personKey: null })
  })
})
