import { inArray } from 'drizzle-orm'
import { budgetPhases, budgets, type BudgetPhase } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { flushBallotPool } from './ballots.server'
import { setPhase } from './commands.server'
import { dutchDate } from './shared.server'

/*
 * The clock: phases open and close at their dates without anyone visiting (issue 14), and waiting
 * ballots are written from the pool in shuffled batches (decision 0102). Run as the module's tick.
 */

const ORDER: BudgetPhase[] = ['information', 'ideas', 'review', 'voting', 'result', 'execution']

/**
 * The phase a budget should be in on this date by its phase dates, or null when the dates do not move it:
 * a phase starts on its start date, the ideas phase gives way to the review after its end date, and
 * voting closes after its end date (the tally runs then). Phases only move forward.
 */
export function phaseByDate(
  current: BudgetPhase,
  dates: { phase: BudgetPhase; startsOn: string | null; endsOn: string | null }[],
  day: string,
): BudgetPhase | null {
  const at = ORDER.indexOf(current)
  const of = new Map(dates.map((d) => [d.phase, d]))
  const voting = of.get('voting')
  if (current === 'voting') return voting?.endsOn && day > voting.endsOn ? 'result' : null
  if (at > ORDER.indexOf('voting')) return null
  let target: BudgetPhase | null = null
  for (const phase of ['ideas', 'review', 'voting'] as const) {
    const d = of.get(phase)
    if (ORDER.indexOf(phase) <= at || !d?.startsOn || d.startsOn > day) continue
    // A voting phase whose dates have passed entirely is not opened by the clock.
    if (d.endsOn && d.endsOn < day) continue
    target = phase
  }
  const ideas = of.get('ideas')
  if (!target && current === 'ideas' && ideas?.endsOn && ideas.endsOn < day) target = 'review'
  return target
}

/**
 * The budgets' tick: moves every budget to the phase its dates say (nobody needs to visit), closes
 * voting after its end date, and writes waiting ballots from the pool in shuffled batches.
 */
export async function budgetClock(now: Date, db: Queryable = getDatabase().db): Promise<void> {
  const day = dutchDate(now)
  const open = await db
    .select({ id: budgets.id, phase: budgets.phase })
    .from(budgets)
    .where(inArray(budgets.phase, ['information', 'ideas', 'review', 'voting']))
  const dates = open.length
    ? await db
        .select()
        .from(budgetPhases)
        .where(
          inArray(
            budgetPhases.budgetId,
            open.map((b) => b.id),
          ),
        )
    : []
  for (const budget of open) {
    const target = phaseByDate(
      budget.phase,
      dates.filter((d) => d.budgetId === budget.id),
      day,
    )
    if (target) await setPhase(null, budget.id, target, db)
    else if (budget.phase === 'voting') await flushBallotPool(budget.id, false, db)
  }
}
