/**
 * TEST-ONLY REFERENCE: the Equal Shares engine as it was before the typed-array
 * rewrite of `mes.ts` (decision 0101, "Speed"), kept unchanged so that a
 * property test can check that the fast engine gives the same outcome, and so
 * that `npm run bench -- tally` can report old against new in one run. Not
 * used by the application.
 *
 * Method of Equal Shares (MES) for a fixed budget — the inner loop that the
 * add1 completion calls many times, so it is written for speed.
 *
 * Definition (equalshares.net, "Computation"; Peters & Skowron): the budget
 * is split equally among the n voters. Repeatedly, for every project c not yet
 * selected, find the smallest ρ such that its supporters can pay for it when
 * each supporter i pays min(budget_i, ρ·u_ic); select the project with the
 * smallest ρ, charge its supporters, and continue until no project can be
 * paid for. u_ic is voter i's utility for c:
 *
 * - approval ballots: u_ic = cost(c) ("cost utility"). Then ρ·cost(c) is the
 *   largest payment asked of a supporter, and minimising ρ is maximising the
 *   "effective vote count" cost(c) / max payment of equalshares.net. This is
 *   the definition used by the equalshares.net compute tool, Pabulib's checker
 *   and thus the `equalshares*` elections (Assen, Wieliczka);
 * - cumulative / scoring / ordinal ballots: u_ic = the points given.
 *
 * Ties in ρ are broken by lower cost, then higher score (initial vote count),
 * then project id (equalshares.net "Tie breaking"; the id replaces the lot).
 *
 * Speed: identical ballots are merged into weighted groups, and voters whose
 * remaining budgets are equal by construction share a "class" (they started
 * equal and paid the same amounts). Evaluating a project then sorts classes,
 * not voters. Projects are evaluated lazily: ρ can only grow as budgets
 * shrink, so a project whose previous ρ is already worse than the best one
 * found this round is not recomputed (the trick from equalshares.net).
 */
import { compareIds, type PreparedElection, type PreparedProject } from './prepare'
import { ineligibleReason } from './greedy'
import type { ApprovalUtility, MesEngine } from './mes'

/** Relative tolerance for comparing ρ values and budgets computed in floating point. */
const EPS = 1e-9

interface ProjectSupport {
  /** Distinct utility levels among supporters (one level for approval ballots). */
  levelUtility: number[]
  /** Supporter groups per level. */
  levelGroups: Int32Array[]
  /** Sum of utilities over supporters, weighted: gives the lower bound of ρ. */
  totalUtility: number
}

/** Reusable, immutable description of an election for repeated MES runs. */
export class ReferenceEqualSharesEngine implements MesEngine {
  readonly voterCount: number
  /** Candidate project indices (eligible, positive cost, at least one supporter). */
  readonly candidates: number[]
  private readonly projects: readonly PreparedProject[]
  private readonly weight: Float64Array
  private readonly support: Map<number, ProjectSupport>
  // Scratch buffers reused by every evaluation (sized to the number of groups).
  private readonly entryClass: Int32Array
  private readonly entryWeight: Float64Array
  private readonly entryRatio: Float64Array
  private readonly entryUtility: Float64Array
  private readonly entryMoney: Float64Array

  constructor(election: PreparedElection, approvalUtility: ApprovalUtility = 'cost') {
    this.voterCount = election.ballots.length
    this.projects = election.projects
    const eligible = election.projects.map((p) => ineligibleReason(p) === undefined)
    const { weights, groups } = groupBallots(election, eligible)
    this.weight = Float64Array.from(weights)
    this.support = buildSupport(election, groups, weights, approvalUtility)
    this.candidates = [...this.support.keys()].filter((c) => (this.projects[c] as PreparedProject).cost > 0)
    const size = Math.max(1, weights.length)
    this.entryClass = new Int32Array(size)
    this.entryWeight = new Float64Array(size)
    this.entryRatio = new Float64Array(size)
    this.entryUtility = new Float64Array(size)
    this.entryMoney = new Float64Array(size)
  }

  /** Runs MES with `totalBudget` split equally among all voters; returns selected indices in order. */
  run(totalBudget: number): number[] {
    if (this.voterCount === 0 || this.candidates.length === 0) return []
    const state = new RunState(this.weight.length, totalBudget / this.voterCount)
    const previousRho = new Map<number, number>()
    for (const c of this.candidates) {
      const support = this.support.get(c) as ProjectSupport
      previousRho.set(c, this.cost(c) / support.totalUtility)
    }
    const selected: number[] = []
    let remaining = [...this.candidates]
    for (;;) {
      remaining.sort((a, b) => (previousRho.get(a) as number) - (previousRho.get(b) as number))
      const { winner, rho, unaffordable } = this.bestProject(remaining, previousRho, state)
      if (unaffordable.size > 0) remaining = remaining.filter((c) => !unaffordable.has(c))
      if (winner === undefined) break
      selected.push(winner)
      this.charge(winner, rho, state)
      remaining = remaining.filter((c) => c !== winner)
    }
    return selected
  }

  private cost(c: number): number {
    return (this.projects[c] as PreparedProject).cost
  }

  /** One round: the project with the smallest ρ (ties broken), evaluating lazily. */
  private bestProject(
    ordered: readonly number[],
    previousRho: Map<number, number>,
    state: RunState,
  ): { winner?: number; rho: number; unaffordable: Set<number> } {
    let best = Infinity
    const evaluated: Array<{ c: number; rho: number }> = []
    const unaffordable = new Set<number>()
    for (const c of ordered) {
      // ρ never decreases, so the previous value is a lower bound for this round.
      if ((previousRho.get(c) as number) > best * (1 + EPS)) break
      const rho = this.evaluate(c, state)
      previousRho.set(c, rho)
      if (rho === Infinity) {
        unaffordable.add(c) // budgets only shrink: it stays unaffordable
        continue
      }
      evaluated.push({ c, rho })
      if (rho < best) best = rho
    }
    const tied = evaluated.filter((e) => e.rho <= best * (1 + EPS))
    if (tied.length === 0) return { rho: Infinity, unaffordable }
    tied.sort((a, b) => this.compareTie(a.c, b.c))
    const first = tied[0] as { c: number; rho: number }
    return { winner: first.c, rho: first.rho, unaffordable }
  }

  /** equalshares.net tie-breaking: lower cost, then higher initial score, then id. */
  private compareTie(a: number, b: number): number {
    const pa = this.projects[a] as PreparedProject
    const pb = this.projects[b] as PreparedProject
    if (pa.cost !== pb.cost) return pa.cost - pb.cost
    if (pa.score !== pb.score) return pb.score - pa.score
    return compareIds(pa.id, pb.id)
  }

  /**
   * Smallest ρ at which c's supporters can pay cost(c), each paying
   * min(budget, ρ·u); Infinity when their money together falls short.
   */
  private evaluate(c: number, state: RunState): number {
    const support = this.support.get(c) as ProjectSupport
    const cost = this.cost(c)
    const { entryClass, entryWeight, entryRatio, entryUtility, entryMoney } = this
    let entries = 0
    let money = 0
    let utility = 0
    for (let level = 0; level < support.levelUtility.length; level++) {
      const u = support.levelUtility[level] as number
      const groups = support.levelGroups[level] as Int32Array
      const start = entries
      // Aggregate supporters by budget class: voters of one class are interchangeable.
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i] as number
        const k = state.groupClass[g] as number
        if (k === 0) continue // class 0 = no money left
        let slot = state.slot[k] as number
        if (slot < 0) {
          slot = entries++
          state.slot[k] = slot
          entryClass[slot] = k
          entryWeight[slot] = 0
        }
        entryWeight[slot] = (entryWeight[slot] as number) + (this.weight[g] as number)
      }
      for (let slot = start; slot < entries; slot++) {
        const k = entryClass[slot] as number
        state.slot[k] = -1
        const budget = state.classBudget[k] as number
        const w = entryWeight[slot] as number
        entryRatio[slot] = budget / u
        entryUtility[slot] = w * u
        entryMoney[slot] = w * budget
        money += w * budget
        utility += w * u
      }
    }
    if (entries === 0 || money < cost * (1 - EPS)) return Infinity

    const order = new Uint32Array(entries)
    for (let i = 0; i < entries; i++) order[i] = i
    order.sort((a, b) => (entryRatio[a] as number) - (entryRatio[b] as number))
    // Water-filling: the poorest (per unit of utility) pay everything they have
    // until the rest can share the remainder at a common ρ.
    let paid = 0
    let rho = Infinity
    for (let i = 0; i < entries; i++) {
      const slot = order[i] as number
      rho = (cost - paid) / utility
      if (rho <= (entryRatio[slot] as number) * (1 + EPS)) return rho
      paid += entryMoney[slot] as number
      utility -= entryUtility[slot] as number
    }
    // Only reachable through rounding when money ≈ cost: everyone pays all.
    return entryRatio[order[entries - 1] as number] as number
  }

  /** Charges c's supporters min(budget, ρ·u), moving them to new budget classes. */
  private charge(c: number, rho: number, state: RunState): void {
    const support = this.support.get(c) as ProjectSupport
    const zero = state.initialBudget * 1e-12
    const touched: number[] = []
    for (let level = 0; level < support.levelUtility.length; level++) {
      const payment = rho * (support.levelUtility[level] as number)
      const groups = support.levelGroups[level] as Int32Array
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i] as number
        const k = state.groupClass[g] as number
        if (k === 0) continue
        let target = state.slot[k] as number
        if (target < 0) {
          const left = (state.classBudget[k] as number) - payment
          target = left <= zero ? 0 : state.addClass(left)
          state.slot[k] = target
          touched.push(k)
        }
        state.groupClass[g] = target
      }
      // Reset the remap between levels: another utility means another payment.
      for (const k of touched) state.slot[k] = -1
      touched.length = 0
    }
  }
}

/** Mutable per-run state: which budget class each ballot group is in. */
class RunState {
  readonly groupClass: Int32Array
  /** Remaining budget per voter of each class; class 0 is the empty class. */
  readonly classBudget: number[]
  /** Scratch map class → entry/target, always reset to -1 after use. */
  readonly slot: number[]

  constructor(
    groupCount: number,
    readonly initialBudget: number,
  ) {
    this.groupClass = new Int32Array(groupCount).fill(1)
    this.classBudget = [0, initialBudget]
    this.slot = [-1, -1]
  }

  addClass(budget: number): number {
    this.classBudget.push(budget)
    this.slot.push(-1)
    return this.classBudget.length - 1
  }
}

/** Merges identical ballots (restricted to eligible projects) into weighted groups. */
function groupBallots(
  election: PreparedElection,
  eligible: readonly boolean[],
): { weights: number[]; groups: Array<{ projects: number[]; utilities: number[] }> } {
  const index = new Map<string, number>()
  const weights: number[] = []
  const groups: Array<{ projects: number[]; utilities: number[] }> = []
  for (const ballot of election.ballots) {
    const pairs: Array<[number, number]> = []
    ballot.projects.forEach((p, i) => {
      if (eligible[p]) pairs.push([p, ballot.utilities[i] as number])
    })
    if (pairs.length === 0) continue // still a voter (counted in n), but supports nothing
    pairs.sort((a, b) => a[0] - b[0])
    const key = pairs.map(([p, u]) => `${p}:${u}`).join(',')
    const existing = index.get(key)
    if (existing !== undefined) {
      weights[existing] = (weights[existing] as number) + 1
      continue
    }
    index.set(key, groups.length)
    weights.push(1)
    groups.push({ projects: pairs.map(([p]) => p), utilities: pairs.map(([, u]) => u) })
  }
  return { weights, groups }
}

function buildSupport(
  election: PreparedElection,
  groups: ReadonlyArray<{ projects: number[]; utilities: number[] }>,
  weights: readonly number[],
  approvalUtility: ApprovalUtility,
): Map<number, ProjectSupport> {
  const approval = election.ballotType === 'approval'
  const byProject = new Map<number, Map<number, number[]>>()
  groups.forEach((group, g) => {
    group.projects.forEach((c, i) => {
      const cost = (election.projects[c] as PreparedProject).cost
      const u = approval ? (approvalUtility === 'cost' ? cost : 1) : (group.utilities[i] as number)
      let levels = byProject.get(c)
      if (!levels) byProject.set(c, (levels = new Map()))
      let members = levels.get(u)
      if (!members) levels.set(u, (members = []))
      members.push(g)
    })
  })
  const support = new Map<number, ProjectSupport>()
  for (const c of [...byProject.keys()].sort((a, b) => a - b)) {
    const levels = byProject.get(c) as Map<number, number[]>
    const levelUtility = [...levels.keys()].sort((a, b) => a - b)
    const levelGroups = levelUtility.map((u) => Int32Array.from(levels.get(u) as number[]))
    let totalUtility = 0
    levelUtility.forEach((u, level) => {
      for (const g of levelGroups[level] as Int32Array) totalUtility += u * (weights[g] as number)
    })
    support.set(c, { levelUtility, levelGroups, totalUtility })
  }
  return support
}
