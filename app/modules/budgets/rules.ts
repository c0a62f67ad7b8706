/**
 * Browser-safe: what a ballot may hold, checked the same way on the voting page (live remaining budget)
 * and in castBallot on the server.
 */
import type { MessageKey, Params } from '~/utils/i18n'

export type VoteRule = 'knapsack' | 'approval' | 'cumulative'
export const PHASES = ['information', 'ideas', 'review', 'voting', 'result', 'execution'] as const
export type Phase = (typeof PHASES)[number]
export const TALLY_METHODS = ['greedy', 'greedy-no-skip', 'greedy-threshold', 'equalshares/add1', 'equalshares/add1-comparison'] as const
export type TallyMethod = (typeof TALLY_METHODS)[number]

export interface BallotRules {
  voteRule: VoteRule
  amount: number
  maxProjects: number | null
  minProjects: number | null
  points: number | null
}

export interface BallotChoice {
  /** Project id → points (1 for knapsack and approval). */
  points: Map<number, number>
}

export type BallotCheck = { ok: true; total: number } | { ok: false; error: MessageKey; params: Params; total: number }

export function checkBallot(rules: BallotRules, costs: Map<number, number>, choice: BallotChoice): BallotCheck {
  const ids = [...choice.points.keys()]
  const total = ids.reduce((sum, id) => sum + (costs.get(id) ?? 0), 0)
  for (const id of ids) if (!costs.has(id)) return { ok: false, error: 'budgets.error_unknown_project', params: {}, total }
  if (ids.length === 0) return { ok: false, error: 'budgets.error_empty', params: {}, total }
  if (rules.voteRule === 'knapsack') {
    if (total > rules.amount)
      return {
        ok: false,
        error: 'budgets.error_over_budget',
        params: { total: euro(total), amount: euro(rules.amount), over: euro(total - rules.amount) },
        total,
      }
    if (rules.maxProjects && ids.length > rules.maxProjects)
      return { ok: false, error: 'budgets.error_too_many', params: { max: rules.maxProjects, count: ids.length }, total }
  }
  if (rules.voteRule === 'approval') {
    if (rules.maxProjects && ids.length > rules.maxProjects)
      return { ok: false, error: 'budgets.error_too_many', params: { max: rules.maxProjects, count: ids.length }, total }
    if (rules.minProjects && ids.length < rules.minProjects)
      return { ok: false, error: 'budgets.error_too_few', params: { min: rules.minProjects, count: ids.length }, total }
  }
  if (rules.voteRule === 'cumulative') {
    const sum = [...choice.points.values()].reduce((a, b) => a + b, 0)
    const limit = rules.points ?? 10
    if (sum > limit) return { ok: false, error: 'budgets.error_too_many_points', params: { max: limit, count: sum }, total }
  }
  return { ok: true, total }
}

export function euro(amount: number): string {
  return `€ ${Math.round(amount).toLocaleString('nl-NL')}`
}

/** Reads a ballot from a form: `project` checkboxes, or `points_<id>` for cumulative ballots. */
export function choiceFromForm(voteRule: VoteRule, form: FormData | URLSearchParams): BallotChoice | null {
  const points = new Map<number, number>()
  if (voteRule === 'cumulative') {
    for (const [key, value] of form.entries()) {
      const m = /^points_(\d{1,12})$/.exec(key)
      if (!m || typeof value !== 'string' || value.trim() === '') continue
      const n = Number(value)
      if (!Number.isInteger(n) || n < 0 || n > 1000) return null
      if (n > 0) points.set(Number(m[1]), n)
    }
  } else {
    const values = form.getAll('project')
    if (values.length > 500) return null
    for (const v of values) {
      if (typeof v !== 'string' || !/^\d{1,12}$/.test(v)) return null
      points.set(Number(v), 1)
    }
  }
  return { points }
}
