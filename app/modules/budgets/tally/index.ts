/**
 * Entry point of the tally: `tally(rule, input)` runs one of Pabulib's rules
 * on a neutral input and explains, per project, why it was or was not
 * selected. Pure and deterministic: same input, same output.
 *
 * The rules are described in docs/decisions/0101-tally-rules.md.
 */
import { runEqualShares, type EqualSharesOptions } from './equalshares'
import { rankByScore, runGreedy, type RuleRun } from './greedy'
import { prepare, type PreparedElection, type PreparedProject } from './prepare'
import {
  RULE_NAMES,
  type EqualSharesDetails,
  type ProjectOutcome,
  type RuleName,
  type TallyInput,
  type TallyOutcome,
  type TallyResult,
} from './types'

export * from './types'

export interface TallyOptions {
  /** Overrides for the Equal Shares variants (defaults follow equalshares.net). */
  equalShares?: Partial<Pick<EqualSharesOptions, 'approvalUtility' | 'integral' | 'exhaustiveStop' | 'engine'>>
}

export function isRuleName(value: string): value is RuleName {
  return (RULE_NAMES as readonly string[]).includes(value)
}

/** Rules Pabulib names but that cannot be reproduced from the file alone. */
const NOT_TALLYABLE: Record<string, string> = {
  unknown: "the file's rule is 'unknown'",
  'greedy-exclusive': "rule 'greedy-exclusive' depends on exclusion constraints that the file does not contain",
  'greedy-custom': "rule 'greedy-custom' is a city-specific variant described only in the META comment",
}

export function tally(rule: string, input: TallyInput, options: TallyOptions = {}): TallyResult {
  if (!isRuleName(rule)) {
    return { ok: false, reason: NOT_TALLYABLE[rule] ?? `unknown rule '${rule}'` }
  }
  if (rule === 'greedy-threshold' && input.minProjectScoreThreshold === undefined) {
    return { ok: false, reason: "rule 'greedy-threshold' needs min_project_score_threshold" }
  }
  const prepared = prepare(input)
  if (!prepared.ok) return prepared
  const election = prepared.election
  const { run, details } = runRule(rule, election, options)
  return { ok: true, outcome: buildOutcome(rule, election, run, details) }
}

function runRule(rule: RuleName, election: PreparedElection, options: TallyOptions): { run: RuleRun; details?: EqualSharesDetails } {
  switch (rule) {
    case 'greedy':
    case 'greedy-threshold':
      return { run: runGreedy(election, 'skip') }
    case 'greedy-no-skip':
      return { run: runGreedy(election, 'no-skip') }
    case 'equalshares':
    case 'equalshares-comparison':
    case 'equalshares/add1':
    case 'equalshares/add1-comparison': {
      const { details, ...run } = runEqualShares(election, {
        ...options.equalShares,
        completion: rule.startsWith('equalshares/add1') ? 'add1' : 'none',
        comparison: rule.endsWith('-comparison'),
      })
      return { run, details }
    }
    default: {
      const never: never = rule
      throw new Error(`unhandled rule ${String(never)}`)
    }
  }
}

function buildOutcome(rule: RuleName, election: PreparedElection, run: RuleRun, details: EqualSharesDetails | undefined): TallyOutcome {
  const order = new Map(run.selected.map((c, i) => [c, i + 1]))
  const perProject: ProjectOutcome[] = rankByScore(election.projects).map((p: PreparedProject) => {
    const position = order.get(p.index)
    const outcome: ProjectOutcome = {
      id: p.id,
      cost: p.cost,
      score: p.score,
      votes: p.votes,
      selected: position !== undefined,
      reason: run.reasons[p.index] ?? 'not_enough_support',
    }
    if (position !== undefined) outcome.order = position
    return outcome
  })
  const selected = run.selected.map((c) => (election.projects[c] as PreparedProject).id)
  const totalCost = run.selected.reduce((sum, c) => sum + (election.projects[c] as PreparedProject).cost, 0)
  return {
    rule,
    selected,
    perProject,
    totalCost,
    budget: election.budget,
    ...(details ? { equalShares: details } : {}),
    warnings: election.warnings,
  }
}
