/**
 * Method of Equal Shares (MES) for a fixed budget — the inner loop that the
 * add1 completion calls many times (84 times for Łódź 2023), so it is written
 * for speed.
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
 * How it is fast (decision 0101, "Speed"):
 * - identical ballots are merged into weighted groups once per election;
 * - voters whose remaining budgets are equal by construction share a budget
 *   "class" (they started equal and paid the same amounts), so evaluating a
 *   project sorts classes, not voters;
 * - projects are evaluated lazily: ρ can only grow as budgets shrink, so a
 *   project whose previous ρ is already worse than the best one found this
 *   round is not recomputed (the trick from equalshares.net);
 * - everything a run touches lives in typed arrays that the engine allocates
 *   once and every run reuses: supporters of all projects in one flat
 *   Int32Array with their weights beside them (whole numbers of ballots,
 *   summed as integers: the same numbers as the reference's float sums),
 *   budget classes in a growable Float64Array, no Map, Set or closure in the
 *   loops, and no garbage per round;
 * - the water-filling orders only the budget classes that pay all they have
 *   (see `waterFill`), not every class among the supporters.
 *
 * The arithmetic is operation for operation that of the previous engine
 * (kept as `mes-reference.ts` for the tests): the same sums in the same
 * order, the same stable orderings, the same tolerances. The outcome is
 * therefore not merely "equal up to rounding" but bit for bit the same.
 */
import { compareIds, type PreparedElection, type PreparedProject } from './prepare'
import { ineligibleReason } from './greedy'

/** Relative tolerance for comparing ρ values and budgets computed in floating point. */
const EPS = 1e-9
/** Relative margin of the money bounds: far above rounding, far below any real difference. */
const BOUND_SLACK = 1e-6
/** Above this many projects the m×m co-support table is not built (and no bound is used). */
const MAX_PAIR_TABLE = 2000

export type ApprovalUtility = 'cost' | 'cardinality'

/** What the add1 completion needs from an engine (the reference engine has the same shape). */
export interface MesEngine {
  readonly voterCount: number
  /** Candidate project indices (eligible, positive cost, at least one supporter), ascending. */
  readonly candidates: readonly number[]
  /** Runs MES with `totalBudget` split equally among all voters; returns selected indices in order. */
  run(totalBudget: number): number[]
}

/** Reusable description of an election for repeated MES runs, with scratch space for one run at a time. */
export class EqualSharesEngine implements MesEngine {
  readonly voterCount: number
  readonly candidates: number[]
  private readonly projects: readonly PreparedProject[]
  private readonly cost: Float64Array
  private readonly weight: Float64Array
  /** Per project: its utility levels are levels [levelStart[c], levelStart[c + 1]). */
  private readonly levelStart: Int32Array
  private readonly levelUtility: Float64Array
  /** Per level: its supporter groups are supporters[groupStart[l], groupStart[l + 1]), ascending. */
  private readonly groupStart: Int32Array
  private readonly supporters: Int32Array
  /** Weight (number of identical ballots) of the group at the same place in `supporters`. */
  private readonly supporterWeight: Int32Array
  private readonly totalUtility: Float64Array
  /** Number of voters supporting each project (weighted groups). */
  private readonly supportWeight: Float64Array
  /**
   * coUtility[c·m + d]: utility for c summed over the voters who support both
   * c and d; undefined for elections with too many projects for an m×m table.
   */
  private readonly coUtility: Float64Array | undefined
  /** Per run: an upper bound of the money d's supporters still have (see `charge`). */
  private readonly moneyBound: Float64Array

  // Run state, reset by every run.
  private readonly groupClass: Int32Array
  private classBudget: Float64Array
  /** Scratch map class → entry (evaluate) or class → new class (charge); always reset to -1. */
  private classSlot: Int32Array
  private classCount = 0
  private readonly previousRho: Float64Array
  private readonly remaining: Int32Array
  private remainingCount = 0

  // Scratch buffers for one evaluation.
  private readonly entryClass: Int32Array
  private readonly entryWeight: Int32Array
  private readonly entryRatio: Float64Array
  private readonly entryUtility: Float64Array
  private readonly entryMoney: Float64Array
  private readonly orderA: Int32Array
  private readonly pending: Int32Array
  private readonly sortScratch: Int32Array
  private readonly touched: Int32Array
  private readonly evaluatedProject: Int32Array
  private readonly evaluatedRho: Float64Array

  constructor(election: PreparedElection, approvalUtility: ApprovalUtility = 'cost') {
    this.voterCount = election.ballots.length
    this.projects = election.projects
    const m = election.projects.length
    this.cost = Float64Array.from(election.projects, (p) => p.cost)
    const eligible = election.projects.map((p) => ineligibleReason(p) === undefined)
    const grouped = groupBallots(election, eligible)
    this.weight = grouped.weight
    const support = buildSupport(election, grouped, approvalUtility)
    this.levelStart = support.levelStart
    this.levelUtility = support.levelUtility
    this.groupStart = support.groupStart
    this.supporters = support.supporters
    this.supporterWeight = new Int32Array(support.supporters.length)
    for (let i = 0; i < support.supporters.length; i++) this.supporterWeight[i] = grouped.weight[support.supporters[i]!]!
    this.totalUtility = support.totalUtility
    this.supportWeight = new Float64Array(Math.max(1, m))
    for (let g = 0; g < grouped.weight.length; g++) {
      for (let i = grouped.start[g]!; i < grouped.start[g + 1]!; i++) {
        const c = grouped.projects[i]!
        this.supportWeight[c] = this.supportWeight[c]! + grouped.weight[g]!
      }
    }
    this.coUtility = m <= MAX_PAIR_TABLE ? coUtilities(election, grouped, approvalUtility) : undefined
    this.moneyBound = new Float64Array(Math.max(1, m))
    this.candidates = []
    for (let c = 0; c < m; c++) {
      if (this.levelStart[c + 1]! > this.levelStart[c]! && this.cost[c]! > 0) this.candidates.push(c)
    }

    const groups = this.weight.length
    const size = Math.max(1, groups)
    this.groupClass = new Int32Array(size)
    this.classBudget = new Float64Array(Math.max(16, size + 2))
    this.classSlot = new Int32Array(this.classBudget.length).fill(-1)
    this.previousRho = new Float64Array(Math.max(1, m))
    this.remaining = new Int32Array(Math.max(1, m))
    // A group supports a project at one level only: at most one entry per group.
    const entries = size
    this.entryClass = new Int32Array(entries)
    this.entryWeight = new Int32Array(entries)
    this.entryRatio = new Float64Array(entries)
    this.entryUtility = new Float64Array(entries)
    this.entryMoney = new Float64Array(entries)
    this.orderA = new Int32Array(entries)
    this.pending = new Int32Array(entries)
    this.sortScratch = new Int32Array(entries)
    this.touched = new Int32Array(size)
    this.evaluatedProject = new Int32Array(Math.max(1, m))
    this.evaluatedRho = new Float64Array(Math.max(1, m))
  }

  run(totalBudget: number): number[] {
    if (this.voterCount === 0 || this.candidates.length === 0) return []
    const initialBudget = totalBudget / this.voterCount
    this.groupClass.fill(1)
    this.classBudget[0] = 0
    this.classBudget[1] = initialBudget
    this.classCount = 2
    const { previousRho, remaining, cost, totalUtility } = this
    this.remainingCount = this.candidates.length
    for (let i = 0; i < this.candidates.length; i++) {
      const c = this.candidates[i]!
      remaining[i] = c
      previousRho[c] = cost[c]! / totalUtility[c]!
    }
    const selected: number[] = []
    const zero = initialBudget * 1e-12
    for (const c of this.candidates) this.moneyBound[c] = this.supportWeight[c]! * initialBudget
    for (;;) {
      sortRemaining(remaining, this.remainingCount, previousRho)
      const winner = this.bestProject()
      if (winner < 0) break
      selected.push(winner)
      this.charge(winner, this.evaluatedRho[0]!, zero)
      this.lowerMoneyBounds(winner, this.evaluatedRho[0]!, zero)
      this.removeRemaining(winner)
    }
    return selected
  }

  /**
   * One round: the project with the smallest ρ (ties broken), evaluating
   * lazily in order of the previous ρ. Drops projects that became
   * unaffordable (budgets only shrink: they stay so). Returns -1 when none
   * is affordable; otherwise the winner, with its ρ in evaluatedRho[0].
   */
  private bestProject(): number {
    const { previousRho, remaining, evaluatedProject, evaluatedRho } = this
    let best = Infinity
    let evaluated = 0
    let kept = 0
    const count = this.remainingCount
    let i = 0
    for (; i < count; i++) {
      const c = remaining[i]!
      // ρ never decreases, so the previous value is a lower bound for this round.
      if (previousRho[c]! > best * (1 + EPS)) break
      // Surely unaffordable: dropped as the evaluation below would, without reading its supporters.
      const rho = this.surelyUnaffordable(c) ? Infinity : this.evaluate(c)
      previousRho[c] = rho
      if (rho === Infinity) continue // unaffordable: dropped below
      remaining[kept++] = c
      evaluatedProject[evaluated] = c
      evaluatedRho[evaluated] = rho
      evaluated++
      if (rho < best) best = rho
    }
    for (; i < count; i++) remaining[kept++] = remaining[i]!
    this.remainingCount = kept

    let tied = 0
    for (let e = 0; e < evaluated; e++) {
      if (evaluatedRho[e]! <= best * (1 + EPS)) {
        evaluatedProject[tied] = evaluatedProject[e]!
        evaluatedRho[tied] = evaluatedRho[e]!
        tied++
      }
    }
    if (tied === 0) return -1
    if (tied > 1) {
      // Rare: sort exactly as before (the comparator on ids need not be transitive).
      const list: Array<{ c: number; rho: number }> = []
      for (let e = 0; e < tied; e++) list.push({ c: evaluatedProject[e]!, rho: evaluatedRho[e]! })
      list.sort((a, b) => this.compareTie(a.c, b.c))
      evaluatedProject[0] = list[0]!.c
      evaluatedRho[0] = list[0]!.rho
    }
    return evaluatedProject[0]!
  }

  /**
   * After c was paid at ρ: every supporter of c paid at most ρ·u (plus the
   * rounding that empties a budget), so those who do not support d paid at
   * most ρ·(U_c − U_cd), and d's supporters at least the rest of cost(c).
   * Lowers d's money bound by that. O(remaining projects) per round.
   */
  private lowerMoneyBounds(c: number, rho: number, zero: number): void {
    const co = this.coUtility
    if (!co) return
    const m = this.projects.length
    const cost = this.cost[c]!
    const others = this.totalUtility[c]!
    const slack = cost * BOUND_SLACK + zero * this.supportWeight[c]!
    for (let i = 0; i < this.remainingCount; i++) {
      const d = this.remaining[i]!
      if (d === c) continue
      const paidBySupportersOfD = cost - rho * (others - co[c * m + d]!) - slack
      if (paidBySupportersOfD > 0) this.moneyBound[d] = this.moneyBound[d]! - paidBySupportersOfD
    }
  }

  /** True when d's supporters cannot have cost(d) left, by a wide margin over rounding. */
  private surelyUnaffordable(d: number): boolean {
    if (!this.coUtility) return false
    const margin = BOUND_SLACK * (this.cost[d]! + this.supportWeight[d]! * this.classBudget[1]!)
    return this.moneyBound[d]! + margin < this.cost[d]! * (1 - EPS)
  }

  private removeRemaining(c: number): void {
    const { remaining } = this
    let kept = 0
    for (let i = 0; i < this.remainingCount; i++) {
      const d = remaining[i]!
      if (d !== c) remaining[kept++] = d
    }
    this.remainingCount = kept
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
  private evaluate(c: number): number {
    const cost = this.cost[c]!
    const {
      entryClass,
      entryWeight,
      entryRatio,
      entryUtility,
      entryMoney,
      groupClass,
      classSlot,
      classBudget,
      supporters,
      supporterWeight,
    } = this
    let entries = 0
    let money = 0
    let utility = 0
    const levelEnd = this.levelStart[c + 1]!
    for (let level = this.levelStart[c]!; level < levelEnd; level++) {
      const u = this.levelUtility[level]!
      const start = entries
      const to = this.groupStart[level + 1]!
      // Aggregate supporters by budget class: voters of one class are interchangeable.
      // Weights are whole numbers of ballots: their integer sum is the same number
      // as the floating-point sum of the reference engine.
      for (let i = this.groupStart[level]!; i < to; i++) {
        const k = groupClass[supporters[i]!]!
        if (k === 0) continue // class 0 = no money left
        let slot = classSlot[k]!
        if (slot < 0) {
          slot = entries++
          classSlot[k] = slot
          entryClass[slot] = k
          entryWeight[slot] = 0
        }
        entryWeight[slot] = (entryWeight[slot]! + supporterWeight[i]!) | 0
      }
      for (let slot = start; slot < entries; slot++) {
        const k = entryClass[slot]!
        classSlot[k] = -1
        const budget = classBudget[k]!
        const w = entryWeight[slot]!
        entryRatio[slot] = budget / u
        entryUtility[slot] = w * u
        entryMoney[slot] = w * budget
        money += w * budget
        utility += w * u
      }
    }
    if (entries === 0 || money < cost * (1 - EPS)) return Infinity
    return waterFill(
      cost,
      entries,
      utility,
      this.entryRatio,
      this.entryMoney,
      this.entryUtility,
      this.pending,
      this.orderA,
      this.sortScratch,
    )
  }

  /** Charges c's supporters min(budget, ρ·u), moving them to new budget classes. */
  private charge(c: number, rho: number, zero: number): void {
    const { groupClass, supporters, touched } = this
    const levelEnd = this.levelStart[c + 1]!
    for (let level = this.levelStart[c]!; level < levelEnd; level++) {
      const payment = rho * this.levelUtility[level]!
      const to = this.groupStart[level + 1]!
      let touchedCount = 0
      for (let i = this.groupStart[level]!; i < to; i++) {
        const g = supporters[i]!
        const k = groupClass[g]!
        if (k === 0) continue
        let target = this.classSlot[k]!
        if (target < 0) {
          const left = this.classBudget[k]! - payment
          target = left <= zero ? 0 : this.addClass(left)
          this.classSlot[k] = target
          touched[touchedCount++] = k
        }
        groupClass[g] = target
      }
      // Reset the remap between levels: another utility means another payment.
      for (let t = 0; t < touchedCount; t++) this.classSlot[touched[t]!] = -1
    }
  }

  private addClass(budget: number): number {
    if (this.classCount === this.classBudget.length) {
      const budgets = new Float64Array(this.classBudget.length * 2)
      budgets.set(this.classBudget)
      this.classBudget = budgets
      const slots = new Int32Array(budgets.length).fill(-1)
      slots.set(this.classSlot)
      this.classSlot = slots
    }
    this.classBudget[this.classCount] = budget
    return this.classCount++
  }
}

/**
 * Water-filling for one project: the smallest ρ at which `cost` is paid when
 * each entry (a budget class among the supporters) pays min(money, ρ·utility).
 * Exported for the tests only.
 *
 * The reference engine sorts the entries by (ratio = money per unit of
 * utility, entry index) and steps through them: with ρ = (cost − paid) /
 * utility left, either ρ ≤ ratio·(1 + ε) and ρ is the answer, or the entry pays
 * all it has. Here the same steps run in the same order, but only the entries
 * that are asked to pay all are ordered: with the current ρ, those for which
 * the step would not stop (¬(ρ ≤ ratio·(1 + ε))) form a prefix of that order
 * (x ↦ x·(1 + ε) is monotone in floating point), so they are picked out in one
 * pass, ordered among themselves and stepped through; then the next prefix is
 * picked with the ρ reached. On Łódź 2023 about 60 of 160 entries pay all, so
 * the rest is never ordered. Every sum is the reference's, term for term.
 */
export function waterFill(
  cost: number,
  entries: number,
  utilityTotal: number,
  ratio: Float64Array,
  money: Float64Array,
  entryUtility: Float64Array,
  pending: Int32Array,
  batch: Int32Array,
  scratch: Int32Array,
): number {
  for (let i = 0; i < entries; i++) pending[i] = i
  let pendingCount = entries
  let paid = 0
  let utility = utilityTotal
  let last = -1
  for (;;) {
    let rho = (cost - paid) / utility
    // The entries this ρ lets pay all, in entry order; the rest stay pending, also in entry order.
    let batchCount = 0
    let kept = 0
    for (let i = 0; i < pendingCount; i++) {
      const slot = pending[i]!
      if (rho <= ratio[slot]! * (1 + EPS)) pending[kept++] = slot
      else batch[batchCount++] = slot
    }
    pendingCount = kept
    // None: the reference's next step compares this same ρ with the smallest ratio left, and stops.
    if (batchCount === 0) return rho
    sortByRatio(batch, batchCount, ratio, scratch)
    for (let b = 0; b < batchCount; b++) {
      const slot = batch[b]!
      if (b > 0) {
        rho = (cost - paid) / utility
        if (rho <= ratio[slot]! * (1 + EPS)) return rho
      }
      paid += money[slot]!
      utility -= entryUtility[slot]!
      last = slot
    }
    // Only reachable through rounding when money ≈ cost: everyone pays all.
    if (pendingCount === 0) return ratio[last]!
  }
}

/**
 * Sorts batch[0…count) — entry indices in ascending order — by ratio, equal
 * ratios keeping their order: exactly the (ratio, entry index) order of the
 * reference's stable sort. Insertion sort for a few entries, else runs of 8 by
 * insertion sort merged bottom-up (through `scratch`). Exported for the tests only.
 */
export function sortByRatio(batch: Int32Array, count: number, ratio: Float64Array, scratch: Int32Array): void {
  const run = count <= 16 ? count : 8
  for (let lo = 0; lo < count; lo += run) {
    const hi = Math.min(lo + run, count)
    for (let i = lo + 1; i < hi; i++) {
      const x = batch[i]!
      const rx = ratio[x]!
      let j = i - 1
      while (j >= lo && ratio[batch[j]!]! > rx) {
        batch[j + 1] = batch[j]!
        j--
      }
      batch[j + 1] = x
    }
  }
  if (count <= 16) return
  let from = batch
  let to = scratch
  for (let width = run; width < count; width *= 2) {
    for (let lo = 0; lo < count; lo += 2 * width) {
      const mid = Math.min(lo + width, count)
      const hi = Math.min(lo + 2 * width, count)
      let i = lo
      let j = mid
      let k = lo
      while (i < mid && j < hi) {
        // Stable: on equal ratios the left (earlier) entry goes first.
        if (ratio[from[j]!]! < ratio[from[i]!]!) to[k++] = from[j++]!
        else to[k++] = from[i++]!
      }
      while (i < mid) to[k++] = from[i++]!
      while (j < hi) to[k++] = from[j++]!
    }
    const swap = from
    from = to
    to = swap
  }
  if (from !== batch) batch.set(from.subarray(0, count))
}

/** Stable insertion sort of the first `count` project indices by previous ρ (nearly sorted already). */
function sortRemaining(remaining: Int32Array, count: number, rho: Float64Array): void {
  for (let i = 1; i < count; i++) {
    const x = remaining[i]!
    const rx = rho[x]!
    let j = i - 1
    while (j >= 0 && rho[remaining[j]!]! > rx) {
      remaining[j + 1] = remaining[j]!
      j--
    }
    remaining[j + 1] = x
  }
}

interface Groups {
  /** Number of identical ballots per group, in order of first appearance. */
  weight: Float64Array
  /** Projects (ascending) and utilities of group g: [start[g], start[g + 1]). */
  start: Int32Array
  projects: Int32Array
  utilities: Float64Array
}

/**
 * Merges identical ballots (restricted to eligible projects) into weighted
 * groups, numbered in order of first appearance. An open-addressing hash
 * table over the (project, utility) sequences: no string keys, no per-ballot
 * arrays.
 */
function groupBallots(election: PreparedElection, eligible: readonly boolean[]): Groups {
  let total = 0
  for (const ballot of election.ballots) total += ballot.projects.length
  const projects = new Int32Array(total)
  const utilities = new Float64Array(total)
  const start = new Int32Array(election.ballots.length + 1)
  const weight = new Float64Array(election.ballots.length)
  let capacity = 16
  while (capacity < election.ballots.length * 2) capacity *= 2
  const table = new Int32Array(capacity).fill(-1)
  const mask = capacity - 1
  let groups = 0
  let used = 0 // entries of projects/utilities in use
  for (const ballot of election.ballots) {
    // Eligible (project, utility) pairs sorted by project, written after the
    // last group (insertion sort: ballots are short).
    let count = 0
    for (let i = 0; i < ballot.projects.length; i++) {
      const p = ballot.projects[i]!
      if (!eligible[p]) continue
      const u = ballot.utilities[i]!
      let j = used + count - 1
      while (j >= used && projects[j]! > p) {
        projects[j + 1] = projects[j]!
        utilities[j + 1] = utilities[j]!
        j--
      }
      projects[j + 1] = p
      utilities[j + 1] = u
      count++
    }
    if (count === 0) continue // still a voter (counted in n), but supports nothing
    let hash = count
    for (let i = used; i < used + count; i++) {
      hash = Math.imul(hash ^ projects[i]!, 0x9e3779b1)
      hash = Math.imul(hash ^ (utilities[i]! * 1024), 0x85ebca6b)
    }
    let cell = (hash ^ (hash >>> 15)) & mask
    for (;;) {
      const g = table[cell]!
      if (g < 0) {
        // New group: keep the pairs where they are.
        table[cell] = groups
        weight[groups] = 1
        used += count
        start[++groups] = used
        break
      }
      if (sameGroup(projects, utilities, start[g]!, start[g + 1]!, used, count)) {
        weight[g] = weight[g]! + 1
        break
      }
      cell = (cell + 1) & mask
    }
  }
  return {
    weight: weight.slice(0, groups),
    start: start.slice(0, groups + 1),
    projects: projects.slice(0, used),
    utilities: utilities.slice(0, used),
  }
}

function sameGroup(projects: Int32Array, utilities: Float64Array, from: number, to: number, at: number, count: number): boolean {
  if (to - from !== count) return false
  for (let i = 0; i < count; i++) {
    if (projects[from + i] !== projects[at + i] || utilities[from + i] !== utilities[at + i]) return false
  }
  return true
}

/** coUtility[c·m + d] = Σ over groups supporting c and d of weight · u(c). */
function coUtilities(election: PreparedElection, groups: Groups, approvalUtility: ApprovalUtility): Float64Array {
  const m = election.projects.length
  const approval = election.ballotType === 'approval'
  const table = new Float64Array(m * m)
  for (let g = 0; g < groups.weight.length; g++) {
    const w = groups.weight[g]!
    const from = groups.start[g]!
    const to = groups.start[g + 1]!
    for (let i = from; i < to; i++) {
      const c = groups.projects[i]!
      const u = approval ? (approvalUtility === 'cost' ? (election.projects[c] as PreparedProject).cost : 1) : groups.utilities[i]!
      for (let j = from; j < to; j++) {
        if (j === i) continue
        const cell = c * m + groups.projects[j]!
        table[cell] = table[cell]! + w * u
      }
    }
  }
  return table
}

/**
 * Per project, its supporter groups split by utility level (levels ascending,
 * groups ascending within a level), flattened into typed arrays.
 */
function buildSupport(
  election: PreparedElection,
  groups: Groups,
  approvalUtility: ApprovalUtility,
): { levelStart: Int32Array; levelUtility: Float64Array; groupStart: Int32Array; supporters: Int32Array; totalUtility: Float64Array } {
  const approval = election.ballotType === 'approval'
  const m = election.projects.length
  if (approval) return buildApprovalSupport(election, groups, approvalUtility)
  const byProject: Array<Map<number, number[]> | undefined> = new Array(m)
  const groupCount = groups.weight.length
  for (let g = 0; g < groupCount; g++) {
    for (let i = groups.start[g]!; i < groups.start[g + 1]!; i++) {
      const c = groups.projects[i]!
      const cost = (election.projects[c] as PreparedProject).cost
      const u = approval ? (approvalUtility === 'cost' ? cost : 1) : groups.utilities[i]!
      let levels = byProject[c]
      if (!levels) byProject[c] = levels = new Map()
      let members = levels.get(u)
      if (!members) levels.set(u, (members = []))
      members.push(g)
    }
  }
  const levelStart = new Int32Array(m + 1)
  const levelUtility: number[] = []
  const groupStart: number[] = [0]
  const supporters: number[] = []
  const totalUtility = new Float64Array(Math.max(1, m))
  for (let c = 0; c < m; c++) {
    levelStart[c] = levelUtility.length
    const levels = byProject[c]
    if (!levels) continue
    let total = 0
    for (const u of [...levels.keys()].sort((a, b) => a - b)) {
      const members = levels.get(u)!
      levelUtility.push(u)
      for (const g of members) {
        supporters.push(g)
        total += u * groups.weight[g]!
      }
      groupStart.push(supporters.length)
    }
    totalUtility[c] = total
  }
  levelStart[m] = levelUtility.length
  return {
    levelStart,
    levelUtility: Float64Array.from(levelUtility),
    groupStart: Int32Array.from(groupStart),
    supporters: Int32Array.from(supporters),
    totalUtility,
  }
}

/**
 * Approval ballots: one utility level per project (its cost, or 1), so the
 * supporters are laid out by counting — the same layout as buildSupport's.
 */
function buildApprovalSupport(
  election: PreparedElection,
  groups: Groups,
  approvalUtility: ApprovalUtility,
): { levelStart: Int32Array; levelUtility: Float64Array; groupStart: Int32Array; supporters: Int32Array; totalUtility: Float64Array } {
  const m = election.projects.length
  const count = new Int32Array(m)
  for (let i = 0; i < groups.projects.length; i++) {
    const c = groups.projects[i]!
    count[c] = count[c]! + 1
  }
  const levelStart = new Int32Array(m + 1)
  const levelUtility: number[] = []
  const groupStart: number[] = [0]
  const offset = new Int32Array(m)
  let filled = 0
  for (let c = 0; c < m; c++) {
    levelStart[c] = levelUtility.length
    if (count[c] === 0) continue
    levelUtility.push(approvalUtility === 'cost' ? (election.projects[c] as PreparedProject).cost : 1)
    offset[c] = filled
    filled += count[c]!
    groupStart.push(filled)
  }
  levelStart[m] = levelUtility.length
  const supporters = new Int32Array(filled)
  const groupCount = groups.weight.length
  for (let g = 0; g < groupCount; g++) {
    for (let i = groups.start[g]!; i < groups.start[g + 1]!; i++) {
      const c = groups.projects[i]!
      const at = offset[c]!
      supporters[at] = g
      offset[c] = at + 1
    }
  }
  const totalUtility = new Float64Array(Math.max(1, m))
  for (let c = 0; c < m; c++) {
    if (count[c] === 0) continue
    const u = levelUtility[levelStart[c]!]!
    let total = 0
    const from = groupStart[levelStart[c]!]!
    const to = groupStart[levelStart[c]! + 1]!
    for (let i = from; i < to; i++) total += u * groups.weight[supporters[i]!]!
    totalUtility[c] = total
  }
  return { levelStart, levelUtility: Float64Array.from(levelUtility), groupStart: Int32Array.from(groupStart), supporters, totalUtility }
}
