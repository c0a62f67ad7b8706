/**
 * Greedy rules ("knapsack by score", used by most cities).
 *
 * Projects are ranked by score (votes for approval ballots, points
 * otherwise), ties broken by lower cost and then project id. Walking down the
 * ranking:
 *
 * - `skip` (Pabulib `greedy`, `greedy-threshold`): fund each project that
 *   still fits in the remaining budget, skip the ones that do not;
 * - `no-skip` (Pabulib `greedy-no-skip`): stop at the first project that does
 *   not fit; nothing below it is funded.
 *
 * Projects below the score threshold (when there is one) are passed over
 * without stopping the count, as Pabulib's checker does.
 */
import { compareByScore, type PreparedElection, type PreparedProject } from './prepare'
import type { Reason } from './types'

export interface RuleRun {
  /** Selected project indices in order of selection. */
  selected: number[]
  /** Reason per project index. */
  reasons: Reason[]
}

export type GreedyVariant = 'skip' | 'no-skip'

/** Reason for projects that no rule may select. */
export function ineligibleReason(project: PreparedProject): Reason | undefined {
  if (project.excluded === 'other_pool') return 'excluded_other_pool'
  if (project.excluded === 'withdrawn') return 'withdrawn'
  if (project.belowThreshold) return 'below_threshold'
  return undefined
}

export function rankByScore(projects: readonly PreparedProject[]): PreparedProject[] {
  return [...projects].sort(compareByScore)
}

export function runGreedy(election: PreparedElection, variant: GreedyVariant): RuleRun {
  const reasons: Reason[] = election.projects.map(() => 'does_not_fit')
  const selected: number[] = []
  let remaining = election.budget
  // Absorbs rounding when costs have decimals; far below one cent for any real budget.
  const slack = election.budget * 1e-12
  let stopped = false
  for (const project of rankByScore(election.projects)) {
    const ineligible = ineligibleReason(project)
    if (ineligible) {
      reasons[project.index] = ineligible
    } else if (stopped) {
      reasons[project.index] = 'stopped_no_skip'
    } else if (project.cost <= remaining + slack) {
      reasons[project.index] = 'selected'
      selected.push(project.index)
      remaining -= project.cost
    } else {
      reasons[project.index] = 'does_not_fit'
      if (variant === 'no-skip') stopped = true
    }
  }
  return { selected, reasons }
}
