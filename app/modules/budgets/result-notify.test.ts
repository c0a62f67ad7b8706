import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { votingBudget } from '~db/factories/budgets'
import { notifications, outboundEmails } from '~db/schema'
import { follow } from '~/modules/engagement/engagement.server'
import { castBallot } from './ballots.server'
import { closeVoting } from './results.server'

describe('the result of a budget', () => {
  it('is told to its voters and followers, in the app and by e-mail', async () => {
    const { db } = getDatabase()
    const { budget, projects, staff } = await votingBudget(db, [10_000, 20_000])
    const voter = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    const fan = await createUser(db)
    const bystander = await createUser(db)
    await follow(db, fan.id, 'budget', String(budget.id))
    expect(
      await castBallot(
        {
          budgetId: budget.id,
          voterUserId: voter.id,
          projectIds: [projects[0]!.id],
          channel: 'online',
          enteredBy: null,
        },
        db,
      ),
    ).toMatchObject({ ok: true })
    expect((await closeVoting(staff.id, budget.id, db)).ok).toBe(true)
    const told = await db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, 'budget_result'))
    expect(told.map((t) => t.userId).sort()).toEqual([voter.id, fan.id].sort())
    expect(told.some((t) => t.userId === bystander.id)).toBe(false)
    const mails = await db
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.toAddress, voter.email), eq(outboundEmails.kind, 'budget_result')))
    expect(mails).toHaveLength(1)
  })
})
