import { describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { votingBudget } from '~db/factories/budgets'
import { addresses, budgetVoters } from '~db/schema'
import { translate } from '~/utils/i18n'
import { rowsOf } from '~/modules/areas/queries.server'
import { castBallot, enterPaperBallot } from './ballots.server'

/*
 * A paper ballot of a person is keyed by who they are — the name as on their identity document and the
 * full birth date — with the same key an account of that person gets (issue 14, decision 0004). Before,
 * a paper ballot without an account was keyed by address + birth year: it never met the key of the
 * person's account (one person could vote on paper and online), and two people born in the same year at
 * one address shared it (the second could not vote).
 */

const MARTINIKERKHOF_3 = { postcode: '9712JG', houseNumber: 3, addition: '' }

async function addressId() {
  const { db } = getDatabase()
  const [a] = await db.select({ id: addresses.id }).from(addresses).where(eq(addresses.postcode, MARTINIKERKHOF_3.postcode))
  return a!.id
}

const one = (projectId: number) => ({ points: new Map([[projectId, 1]]) })
const online = (budgetId: number, userId: string, projectId: number) =>
  castBallot({ budgetId, voterUserId: userId, projectIds: [projectId], channel: 'online', enteredBy: null }, getDatabase().db)

describe('paper ballots keyed by the person', () => {
  it('refuses a paper ballot for a person who voted online, with a Dutch reason', async () => {
    const { db } = getDatabase()
    const { budget, projects } = await votingBudget(db, [10_000, 20_000], { minimumAge: null })
    const helper = await createUser(db, { roles: [{ role: 'helper' }] })
    const anna = await createUser(db, { verifiedIn: { addressId: await addressId() }, legalName: 'Anna de Boer', birthDate: '1975-04-12' })
    expect(await online(budget.id, anna.id, projects[0]!.id)).toMatchObject({ ok: true })
    // At the desk her name is written as on her passport, with different case and accents.
    const paper = await enterPaperBallot(helper.id, budget.id, {
      ...MARTINIKERKHOF_3,
      legalName: 'ANNA DE BOËR',
      birthDate: '1975-04-12',
      choice: one(projects[1]!.id),
    })
    expect(paper).toEqual({ ok: false, reason: 'budgets.cast_voted_other_channel', field: 'form' })
    expect(translate('nl', paper.ok ? 'errors.required' : paper.reason)).toBe(
      'Deze bewoner heeft al op een andere manier gestemd (online of op papier).',
    )
    expect(await db.select().from(budgetVoters).where(eq(budgetVoters.budgetId, budget.id))).toHaveLength(1)
  })

  it('refuses an online ballot of a person who voted on paper before they had an account', async () => {
    const { db } = getDatabase()
    const { budget, projects } = await votingBudget(db, [10_000, 20_000], { minimumAge: null })
    const helper = await createUser(db, { roles: [{ role: 'helper' }] })
    const paper = await enterPaperBallot(helper.id, budget.id, {
      ...MARTINIKERKHOF_3,
      legalName: 'Bram Visser',
      birthDate: '1962-11-30',
      choice: one(projects[0]!.id),
    })
    expect(paper).toEqual({ ok: true })
    // Later Bram makes an account and verifies it by letter, as the same person.
    const bram = await createUser(db, { verifiedIn: { addressId: await addressId() }, legalName: 'Bram Visser', birthDate: '1962-11-30' })
    expect(await online(budget.id, bram.id, projects[1]!.id)).toEqual({
      ok: false,
      reason: 'budgets.cast_voted_other_channel',
      field: 'form',
    })
    // A second paper ballot for him is refused too.
    expect(
      await enterPaperBallot(helper.id, budget.id, {
        ...MARTINIKERKHOF_3,
        legalName: 'bram visser',
        birthDate: '1962-11-30',
        choice: one(projects[1]!.id),
      }),
    ).toEqual({ ok: false, reason: 'budgets.cast_already_voted', field: 'form' })
  })

  it('lets two people at one address with the same birth year both vote on paper', async () => {
    const { db } = getDatabase()
    const { budget, projects } = await votingBudget(db, [10_000, 20_000], { minimumAge: null })
    const helper = await createUser(db, { roles: [{ role: 'helper' }] })
    for (const [legalName, birthDate] of [
      ['Sanne Kamer', '2001-03-04'],
      ['Pieter Kamer', '2001-09-21'],
      ['Joost Huisgenoot', '2001-03-04'],
    ] as const) {
      expect(
        await enterPaperBallot(helper.id, budget.id, { ...MARTINIKERKHOF_3, legalName, birthDate, choice: one(projects[0]!.id) }),
      ).toEqual({ ok: true })
    }
    expect(await db.select().from(budgetVoters).where(eq(budgetVoters.budgetId, budget.id))).toHaveLength(3)
  })

  it('counts age by the full birth date and refuses an address outside the area, at the right field', async () => {
    const { db } = getDatabase()
    const { budget, projects } = await votingBudget(db, [10_000], { minimumAge: 16 })
    const helper = await createUser(db, { roles: [{ role: 'helper' }] })
    const now = new Date('2027-01-15T12:00:00Z')
    const base = { ...MARTINIKERKHOF_3, legalName: 'Lisa Jong', choice: one(projects[0]!.id), now }
    // Sixteen the day after: too young today; sixteen today: may vote.
    expect(await enterPaperBallot(helper.id, budget.id, { ...base, birthDate: '2011-01-16' })).toEqual({
      ok: false,
      reason: 'budgets.paper_too_young',
      field: 'form',
    })
    expect(await enterPaperBallot(helper.id, budget.id, { ...base, birthDate: '2011-01-15' })).toEqual({ ok: true })
    // An address in another wijk, and one not in the register.
    const [elsewhere] = rowsOf<{ postcode: string; house_number: number; addition: string }>(
      await db.execute(sql`select a.postcode, a.house_number, a.house_letter || a.addition as addition from addresses a
        join areas b on b.code = a.buurt_code where b.parent_code <> 'WK001400' order by a.id limit 1`),
    )
    const kees = { ...base, legalName: 'Kees Elders', birthDate: '1970-01-01' }
    expect(
      await enterPaperBallot(helper.id, budget.id, {
        ...kees,
        postcode: elsewhere!.postcode,
        houseNumber: elsewhere!.house_number,
        addition: elsewhere!.addition,
      }),
    ).toEqual({ ok: false, reason: 'budgets.paper_outside_area', field: 'form' })
    expect(await enterPaperBallot(helper.id, budget.id, { ...kees, houseNumber: 99_999 })).toEqual({
      ok: false,
      reason: 'errors.address_unknown',
      field: 'houseNumber',
    })
  })
})
