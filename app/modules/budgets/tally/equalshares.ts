/**
 * The Equal Shares rule family of Pabulib:
 *
 * - `equalshares`: MES with the real budget split equally (may leave money unspent);
 * - `equalshares/add1`: MES with the add1 completion (equalshares.net, "Completion"):
 *   start from plain MES, then give every voter ⌊budget / n⌋ + 1, + 2, …
 *   currency units, recomputing MES each time, as long as the outcome costs no
 *   more than the real budget; keep the last outcome that fits. This is the
 *   definition of Pabulib's checker, and it reproduces the official results of
 *   Assen 2024 and Wieliczka 2023. The equalshares.net compute tool can also
 *   stop at the first exhaustive outcome (option `exhaustiveStop`); in
 *   Wieliczka that gives a different, non-official set, so it is off by default;
 * - `…-comparison`: afterwards compare with the greedy (utilitarian) outcome:
 *   if more voters prefer greedy — a voter prefers the outcome that funds more
 *   of the projects they voted for (more points, for non-approval ballots) —
 *   greedy's outcome is used instead (equalshares.net "satisfaction" comparison,
 *   as in Pabulib's checker).
 */
import { ineligibleReason, runGreedy, type RuleRun } from './greedy'
import { EqualSharesEngine, type ApprovalUtility, type MesEngine } from './mes'
import type { PreparedElection, PreparedProject } from './prepare'
import type { EqualSharesDetails, Reason } from './types'

export interface EqualSharesOptions {
  completion: 'none' | 'add1'
  comparison: boolean
  /** Approval utility; 'cost' is the equalshares.net definition (see mes.ts). */
  approvalUtility?: ApprovalUtility
  /** add1: raise the per-voter budget to whole currency units (default true). */
  integral?: boolean
  /**
   * add1: also stop as soon as the outcome is exhaustive (the compute tool's
   * "exhaustive" option). Default false: Pabulib's checker and the official
   * Wieliczka 2023 result keep raising while the outcome fits the budget.
   */
  exhaustiveStop?: boolean
  /** The MES engine; tests and the benchmark pass the reference engine to compare. */
  engine?: (election: PreparedElection, approvalUtility: ApprovalUtility) => MesEngine
}

/** Hard stop for the add1 loop; real elections need at most a few thousand steps. */
const MAX_ADD1_STEPS = 1_000_000

export function runEqualShares(election: PreparedElection, options: EqualSharesOptions): RuleRun & { details: EqualSharesDetails } {
  const approvalUtility = options.approvalUtility ?? 'cost'
  const engine = options.engine ? options.engine(election, approvalUtility) : new EqualSharesEngine(election, approvalUtility)
  const n = engine.voterCount
  const budget = election.budget
  let perVoter = n > 0 ? budget / n : 0
  let selected: number[]
  let runs = 1
  if (options.completion === 'add1' && n > 0) {
    ;({ selected, perVoter, runs } = everythingAffordable(election)
      ? affordableAdd1(engine, election, options)
      : add1(engine, election, options))
  } else {
    selected = engine.run(budget)
  }

  const details: EqualSharesDetails = { perVoterBudget: perVoter, runs }
  let run: RuleRun = { selected, reasons: reasonsFor(election, selected) }
  if (options.comparison) {
    const greedy = runGreedy(election, 'skip')
    const { prefersEqualShares, prefersGreedy } = compareOutcomes(election, selected, greedy.selected)
    const chosen = prefersGreedy > prefersEqualShares ? 'greedy' : 'equalshares'
    details.comparison = { prefersEqualShares, prefersGreedy, chosen }
    if (chosen === 'greedy') run = greedy
  }
  return { ...run, details }
}

function add1(
  engine: MesEngine,
  election: PreparedElection,
  options: EqualSharesOptions,
): { selected: number[]; perVoter: number; runs: number } {
  const n = engine.voterCount
  const budget = election.budget
  const slack = budget * 1e-12
  // Start from plain MES (budget / n per voter); the raises then go to whole
  // currency units: ⌊budget / n⌋ + 1, + 2, … (or budget / n + 1, + 2, … when not integral).
  let perVoter = budget / n
  let selected = engine.run(budget)
  let runs = 1
  let nextPerVoter = options.integral === false ? perVoter + 1 : Math.floor(perVoter) + 1
  for (let step = 0; step < MAX_ADD1_STEPS; step++) {
    if (options.exhaustiveStop === true && isExhaustive(election, selected)) break
    // Once every supported project is in, raising budgets cannot add anything.
    if (selected.length === engine.candidates.length) break
    const next = engine.run(nextPerVoter * n)
    runs++
    if (totalCost(election, next) > budget + slack) break
    perVoter = nextPerVoter
    selected = next
    nextPerVoter += 1
  }
  return { selected, perVoter, runs }
}

/**
 * When all eligible projects fit in the budget, every raise fits too, so add1
 * runs until every supported project is selected — possibly through a great
 * many raises. We jump there at once: with a per-voter budget equal to the
 * total cost, any single supporter can pay for anything. (With the
 * exhaustive stop we follow the compute tool instead, which skips the
 * completion in this case and keeps plain MES.)
 */
function affordableAdd1(
  engine: MesEngine,
  election: PreparedElection,
  options: EqualSharesOptions,
): { selected: number[]; perVoter: number; runs: number } {
  const n = engine.voterCount
  if (options.exhaustiveStop === true) {
    return { selected: engine.run(election.budget), perVoter: election.budget / n, runs: 1 }
  }
  const perVoter = Math.max(election.budget / n, eligibleCost(election))
  return { selected: engine.run(perVoter * n), perVoter, runs: 1 }
}

function eligibleCost(election: PreparedElection): number {
  const eligible = election.projects.filter((p) => ineligibleReason(p) === undefined)
  return totalCost(
    election,
    eligible.map((p) => p.index),
  )
}

function everythingAffordable(election: PreparedElection): boolean {
  return eligibleCost(election) <= election.budget
}

function totalCost(election: PreparedElection, selected: readonly number[]): number {
  return selected.reduce((sum, c) => sum + (election.projects[c] as PreparedProject).cost, 0)
}

/** Exhaustive: no eligible unselected project fits in what is left of the real budget. */
function isExhaustive(election: PreparedElection, selected: readonly number[]): boolean {
  const left = election.budget - totalCost(election, selected) + election.budget * 1e-12
  const chosen = new Set(selected)
  return !election.projects.some((p) => !chosen.has(p.index) && ineligibleReason(p) === undefined && p.cost <= left)
}

function reasonsFor(election: PreparedElection, selected: readonly number[]): Reason[] {
  const chosen = new Set(selected)
  return election.projects.map((p) => {
    if (chosen.has(p.index)) return 'selected'
    return ineligibleReason(p) ?? 'not_enough_support'
  })
}

/**
 * Counts voters who are better off under each outcome. Satisfaction is the
 * number of supported projects funded (approval), or the points they gave to
 * funded projects (other ballots).
 */
function compareOutcomes(
  election: PreparedElection,
  equalShares: readonly number[],
  greedy: readonly number[],
): { prefersEqualShares: number; prefersGreedy: number } {
  const inMes = new Set(equalShares)
  const inGreedy = new Set(greedy)
  const approval = election.ballotType === 'approval'
  let prefersEqualShares = 0
  let prefersGreedy = 0
  for (const ballot of election.ballots) {
    let mes = 0
    let gr = 0
    ballot.projects.forEach((c, i) => {
      const value = approval ? 1 : (ballot.utilities[i] as number)
      if (inMes.has(c)) mes += value
      if (inGreedy.has(c)) gr += value
    })
    if (mes > gr) prefersEqualShares++
    else if (gr > mes) prefersGreedy++
  }
  return { prefersEqualShares, prefersGreedy }
}
