import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { budgetInput, votingBudget } from '~db/factories/budgets'
import { budgetProjects, budgets, participationItems } from '~db/schema'
import { translate } from '~/utils/i18n'
import { runTicks } from '~/utils/ticks.server'
import { castBallot } from './ballots.server'
import { phaseByDate } from './clock.server'
import { createBudget, promoteIdea, reviewIdea, submitIdea } from './commands.server'

/*
 * The clock opens and closes the phases at their dates (issue 14, item 4): nobody has to visit. Tests move
 * the clock by handing the ticks a date.
 */

const at = (isoDate: string) => new Date(`${isoDate}T10:00:00Z`)
const phaseOf = async (id: number) => (await getDatabase().db.select().from(budgets).where(eq(budgets.id, id)))[0]!

describe('phase by date', () => {
  const dates = [
    { phase: 'ideas' as const, startsOn: '2027-01-01', endsOn: '2027-01-10' },
    { phase: 'review' as const, startsOn: '2027-01-15', endsOn: '2027-01-20' },
    { phase: 'voting' as const, startsOn: '2027-01-21', endsOn: '2027-01-31' },
  ]
  it('moves forward on start dates, after the ideas end and after voting ends, never back', () => {
    expect(phaseByDate('information', dates, '2026-12-31')).toBeNull()
    expect(phaseByDate('information', dates, '2027-01-01')).toBe('ideas')
    expect(phaseByDate('ideas', dates, '2027-01-10')).toBeNull()
    expect(phaseByDate('ideas', dates, '2027-01-11')).toBe('review')
    expect(phaseByDate('information', dates, '2027-01-16')).toBe('review')
    expect(phaseByDate('review', dates, '2027-01-21')).toBe('voting')
    expect(phaseByDate('voting', dates, '2027-01-31')).toBeNull()
    expect(phaseByDate('voting', dates, '2027-02-01')).toBe('result')
    expect(phaseByDate('voting', dates, '2027-01-16')).toBeNull()
    expect(phaseByDate('result', dates, '2027-03-01')).toBeNull()
    // Voting whose dates have passed entirely is not opened late by the clock.
    expect(phaseByDate('review', dates, '2027-02-02')).toBeNull()
  })
})

describe('the clock', () => {
  it('refuses a ballot after the end date of voting with a Dutch reason, and closes voting without a visit', async () => {
    const { db } = getDatabase()
    const { budget, projects } = await votingBudget(db, [10_000, 20_000], {
      areaCode: null,
      minimumAge: null,
      phases: { voting: { startsOn: '2027-01-01', endsOn: '2027-02-01' } },
    })
    const voter = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    const ballot = {
      budgetId: budget.id,
      voterUserId: voter.id,
      projectIds: [projects[0]!.id],
      channel: 'online' as const,
      enteredBy: null,
    }
    // Two days after the end, before the clock has run: refused all the same.
    const late = await castBallot({ ...ballot, now: at('2027-02-03') }, db)
    expect(late).toMatchObject({ ok: false, reason: 'budgets.cast_closed' })
    expect(translate('nl', 'budgets.cast_closed')).toBe('Het stemmen is gesloten of nog niet begonnen. Je kunt nu niet stemmen.')
    // On the last day (Dutch time, 23:30 there) it still counts.
    expect(await castBallot({ ...ballot, now: new Date('2027-02-01T22:30:00Z') }, db)).toMatchObject({ ok: true })

    await runTicks(at('2027-02-01'))
    expect((await phaseOf(budget.id)).phase).toBe('voting')
    await runTicks(at('2027-02-02'))
    const closed = await phaseOf(budget.id)
    expect(closed.phase).toBe('result')
    expect(closed.closedAt).not.toBeNull()
    expect(closed.result?.ballots).toBe(1)
    const counted = await db.select().from(budgetProjects).where(eq(budgetProjects.budgetId, budget.id)).orderBy(budgetProjects.id)
    expect(counted.map((p) => p.votes)).toEqual([1, 0])
    const [item] = await db
      .select()
      .from(participationItems)
      .where(eq(participationItems.itemId, String(budget.id)))
    expect(item?.status).toBe('reported')
    expect(await castBallot(ballot, db)).toMatchObject({ ok: false, reason: 'budgets.cast_closed' })
  })

  it('opens ideas, review and voting at their dates, and refuses ideas after their end date', async () => {
    const { db } = getDatabase()
    const staff = await createUser(db, { roles: [{ role: 'staff' }] })
    const author = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    const budget = await createBudget(
      staff.id,
      budgetInput({
        phases: {
          ideas: { startsOn: '2027-01-01', endsOn: '2027-01-10' },
          review: { startsOn: '2027-01-11', endsOn: '2027-01-20' },
          voting: { startsOn: '2027-01-21', endsOn: '2027-01-31' },
        },
      }),
      db,
    )
    const idea = { title: 'Bankjes', body: 'Meer bankjes op het plein.', estimatedCost: 5_000, location: null }
    await runTicks(at('2026-12-31'))
    expect((await phaseOf(budget.id)).phase).toBe('information')
    expect(await submitIdea(author.id, budget.id, { ...idea, now: at('2026-12-31') }, db)).toMatchObject({ ok: false })
    await runTicks(at('2027-01-01'))
    expect((await phaseOf(budget.id)).phase).toBe('ideas')
    const sent = await submitIdea(author.id, budget.id, { ...idea, now: at('2027-01-05') }, db)
    expect(sent.ok).toBe(true)
    // After the end date of the ideas phase, before the clock has run: refused with a Dutch reason.
    const late = await submitIdea(author.id, budget.id, { ...idea, now: at('2027-01-11') }, db)
    expect(late).toEqual({ ok: false, reason: 'budgets.error_ideas_closed', field: 'form' })
    expect(translate('nl', 'budgets.error_ideas_closed')).toBe(
      'Ideeën insturen kan nu niet: de tijd voor ideeën is voorbij of nog niet begonnen.',
    )
    await runTicks(at('2027-01-11'))
    expect((await phaseOf(budget.id)).phase).toBe('review')
    if (!sent.ok) return
    expect((await reviewIdea(staff.id, sent.id, { decision: 'feasible', cost: 5_000, reason: '' }, db)).ok).toBe(true)
    expect((await promoteIdea(staff.id, sent.id, db)).ok).toBe(true)
    await runTicks(at('2027-01-21'))
    expect((await phaseOf(budget.id)).phase).toBe('voting')
    // The review is over once voting has started.
    expect(await reviewIdea(staff.id, sent.id, { decision: 'unfeasible', reason: 'Toch niet.' }, db)).toEqual({
      ok: false,
      reason: 'budgets.error_review_closed',
      field: 'form',
    })
    await runTicks(at('2027-02-01'))
    expect((await phaseOf(budget.id)).phase).toBe('result')
  })
})
