import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { votingBudget } from '~db/factories/budgets'
import { budgetVoters, users } from '~db/schema'
import { castBallot } from '~/modules/budgets/ballots.server'
import { voterStatus } from '~/modules/budgets/queries.server'

/*
 * One person, one vote — counted by the person verified, not by the account or a typed birth year
 * (issue 14, decision 0004). Both accounts below live at the same address (the factory picks the first
 * address of the buurt).
 */

const vote = (budgetId: number, userId: string, projectId: number) =>
  castBallot({ budgetId, voterUserId: userId, projectIds: [projectId], channel: 'online', enteredBy: null }, getDatabase().db)

describe('one person, one vote', () => {
  it('lets two people at one address with the same birth year both vote', async () => {
    const { db } = getDatabase()
    const { budget, projects } = await votingBudget(db, [10_000])
    const at = { buurtCode: 'BU00140000' }
    const twinA = await createUser(db, { verifiedIn: at, legalName: 'Lotte Tweeling', birthDate: '1999-09-09' })
    const twinB = await createUser(db, { verifiedIn: at, legalName: 'Lieke Tweeling', birthDate: '1999-09-09' })
    const sameYear = await createUser(db, { verifiedIn: at, legalName: 'Ruben Student', birthDate: '1999-02-14' })
    for (const u of [twinA, twinB, sameYear]) expect(await vote(budget.id, u.id, projects[0]!.id)).toMatchObject({ ok: true })
    expect(await db.select().from(budgetVoters).where(eq(budgetVoters.budgetId, budget.id))).toHaveLength(3)
  })

  it('counts one person verified through two accounts once', async () => {
    const { db } = getDatabase()
    const { budget, projects } = await votingBudget(db, [10_000])
    const at = { buurtCode: 'BU00140000' }
    const first = await createUser(db, { verifiedIn: at, legalName: 'Karel Dubbel', birthDate: '1980-01-31' })
    // The same person, the name typed differently (case, spaces), through a second account.
    const second = await createUser(db, { verifiedIn: at, legalName: 'karel  Dubbel', birthDate: '1980-01-31' })
    expect(await vote(budget.id, first.id, projects[0]!.id)).toMatchObject({ ok: true })
    expect(await vote(budget.id, second.id, projects[0]!.id)).toMatchObject({ ok: false })
    // The second account sees that this person voted.
    expect(await voterStatus(budget.id, second.id)).toMatchObject({ channel: 'online' })
    expect(await db.select().from(budgetVoters).where(eq(budgetVoters.budgetId, budget.id))).toHaveLength(1)
  })

  it('asks an account verified before persons were recorded (no person key) to verify again', async () => {
    const { db } = getDatabase()
    const { budget, projects } = await votingBudget(db, [10_000])
    const legacy = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    await db.update(users).set({ personKey: null }).where(eq(users.id, legacy.id))
    expect(await vote(budget.id, legacy.id, projects[0]!.id)).toEqual({ ok: false, reason: 'budgets.cast_no_person', field: 'form' })
  })
})
