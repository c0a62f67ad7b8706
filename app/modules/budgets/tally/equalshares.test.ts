import { describe, expect, it } from 'vitest'
import { tally, type TallyOptions } from './index'
import { compareIds } from './prepare'
import type { Ballot, BallotType, TallyInput, TallyOutcome } from './types'

function run(rule: string, input: TallyInput, options?: TallyOptions): TallyOutcome {
  const result = tally(rule, input, options)
  if (!result.ok) throw new Error(result.reason)
  return result.outcome
}

const approvals = (...ballots: string[][]): Ballot[] => ballots.map((projects) => ({ projects }))

describe('Method of Equal Shares, hand-computed cases', () => {
  // Budget 30, 3 voters → 10 each. a (20) ← v1, v2; b (10) ← v1, v2; c (15) ← v3.
  // Round 1: a: v1, v2 pay 10 each, ρ = 10/20 = 0.5. b: pay 5 each, ρ = 5/10 = 0.5.
  //          c: v3 has 10 < 15, unaffordable.
  //   a and b tie at ρ 0.5 → lower cost wins: b. v1, v2 keep 5 each.
  // Round 2: a: 5 + 5 < 20, unaffordable. Done: {b}.
  const tie: TallyInput = {
    budget: 30,
    ballotType: 'approval',
    projects: [
      { id: 'a', cost: 20 },
      { id: 'b', cost: 10 },
      { id: 'c', cost: 15 },
    ],
    ballots: approvals(['a', 'b'], ['a', 'b'], ['c']),
  }

  it('breaks a tie in ρ by lower cost', () => {
    const outcome = run('equalshares', tie)
    expect(outcome.selected).toEqual(['b'])
    expect(outcome.perProject.find((p) => p.id === 'a')?.reason).toBe('not_enough_support')
    expect(outcome.equalShares).toEqual({ perVoterBudget: 10, runs: 1 })
  })

  it('comparison step switches to greedy when more voters prefer it', () => {
    // Greedy: a and b have 2 votes, b is cheaper: b (20 left), a (0 left); c does not fit.
    // v1 and v2 get 2 projects under greedy vs 1 under MES; v3 gets none either way → greedy 2 : 0.
    const outcome = run('equalshares-comparison', tie)
    expect(outcome.selected).toEqual(['b', 'a'])
    expect(outcome.equalShares?.comparison).toEqual({ prefersEqualShares: 0, prefersGreedy: 2, chosen: 'greedy' })
  })

  // Budget 100, 4 voters → 25 each. big (90) ← all four; small (10) ← v1, v2.
  // Cost utility: big ρ = 22.5/90 = 0.25, small ρ = 5/10 = 0.5 → big first; everybody keeps 2.5,
  //   small then has 5 < 10 behind it → {big}.
  // Cardinality utility: small ρ = 5 < big ρ = 22.5 → small first (v1, v2 keep 20);
  //   big: 20 + 20 + 25 + 25 = 90, v1 and v2 pay 20, v3 and v4 pay 25 → {small, big}.
  const utilities: TallyInput = {
    budget: 100,
    ballotType: 'approval',
    projects: [
      { id: 'big', cost: 90 },
      { id: 'small', cost: 10 },
    ],
    ballots: approvals(['big', 'small'], ['big', 'small'], ['big'], ['big']),
  }

  it('uses cost utilities for approval ballots (equalshares.net), unlike cardinality utilities', () => {
    expect(run('equalshares', utilities).selected).toEqual(['big'])
    expect(run('equalshares', utilities, { equalShares: { approvalUtility: 'cardinality' } }).selected).toEqual(['small', 'big'])
  })

  // Budget 100, 4 voters → 25 each. x (60) ← v1, v2, v3; z (30) ← v1, v2; y (40) ← v4.
  // Per voter 25: x ρ = 20/60, z ρ = 15/30, y unaffordable (25 < 40). x first; v1..v3 keep 5;
  //   z then has 10 < 30 → {x} (60).
  // add1: per voter 26…34 give {x}; at 35, v1 and v2 keep 15 after x, z costs them 15 each → {x, z} (90).
  //   36…39 still {x, z}; at 40 v4 can pay y too → {x, z, y} = 130 > 100: stop, keep 39.
  const add1Case: TallyInput = {
    budget: 100,
    ballotType: 'approval',
    projects: [
      { id: 'x', cost: 60 },
      { id: 'y', cost: 40 },
      { id: 'z', cost: 30 },
    ],
    ballots: approvals(['x', 'z'], ['x', 'z'], ['x'], ['y']),
  }

  it('plain equalshares leaves money unspent', () => {
    const outcome = run('equalshares', add1Case)
    expect(outcome.selected).toEqual(['x'])
    expect(outcome.totalCost).toBe(60)
  })

  it('add1 raises the per-voter budget one unit at a time and keeps the last outcome that fits', () => {
    const outcome = run('equalshares/add1', add1Case)
    expect(outcome.selected).toEqual(['x', 'z'])
    expect(outcome.totalCost).toBe(90)
    // runs: 25 (plain), 26…39 (14 runs), 40 (rejected) = 16.
    expect(outcome.equalShares).toEqual({ perVoterBudget: 39, runs: 16 })
    expect(outcome.perProject.find((p) => p.id === 'y')?.reason).toBe('not_enough_support')
  })

  it('with the exhaustive stop, add1 stops at the first exhaustive outcome', () => {
    // At 35 the outcome {x, z} leaves 10, less than y's 40: exhaustive.
    const outcome = run('equalshares/add1', add1Case, { equalShares: { exhaustiveStop: true } })
    expect(outcome.selected).toEqual(['x', 'z'])
    expect(outcome.equalShares?.perVoterBudget).toBe(35)
  })

  it('add1-comparison keeps Equal Shares when no voter prefers greedy', () => {
    // Greedy: x (3 votes, 40 left), z (2 votes, 10 left), y does not fit → same set.
    const outcome = run('equalshares/add1-comparison', add1Case)
    expect(outcome.selected).toEqual(['x', 'z'])
    expect(outcome.equalShares?.comparison).toEqual({ prefersEqualShares: 0, prefersGreedy: 0, chosen: 'equalshares' })
  })

  // Cumulative ballots: budget 20, 2 voters → 10 each. p (10) ← v1: 3 points.
  //   q (10) ← v1: 1 point, v2: 4 points. r (15) has no support.
  // ρ(q) = 10 / (1 + 4) = 2 (v1 pays 2, v2 pays 8); ρ(p) = 10 / 3 → q first. v1 keeps 8 < 10 → {q}.
  // add1: at 11 v1 keeps 9 < 10; at 12 v1 keeps 10 = 10/3 · 3 → {q, p} = 20 fits. Every
  //   supported project is then selected, so raising further cannot change anything: stop at 12.
  const cumulative: TallyInput = {
    budget: 20,
    ballotType: 'cumulative',
    projects: [
      { id: 'p', cost: 10 },
      { id: 'q', cost: 10 },
      { id: 'r', cost: 15 },
    ],
    ballots: [
      { projects: ['p', 'q'], points: [3, 1] },
      { projects: ['q'], points: [4] },
    ],
  }

  it('uses points as utilities for cumulative ballots', () => {
    expect(run('equalshares', cumulative).selected).toEqual(['q'])
    const outcome = run('equalshares/add1', cumulative)
    expect(outcome.selected).toEqual(['q', 'p'])
    expect(outcome.equalShares?.perVoterBudget).toBe(12)
  })

  it('when everything fits, add1 ends with every supported project', () => {
    // The first case with budget 100 and c at 40: everything costs 70 ≤ 100. 3 voters → 33.3 each.
    // Plain MES: b and a tie at ρ 0.5 → b, then a (v1, v2 pay 5 + 10); c needs 40 > v3's 33.3 → {b, a}.
    // add1: every raise still fits, so budgets rise until v3 alone can pay c → {a, b, c}.
    const input: TallyInput = {
      ...tie,
      budget: 100,
      projects: [
        { id: 'a', cost: 20 },
        { id: 'b', cost: 10 },
        { id: 'c', cost: 40 },
      ],
    }
    expect(run('equalshares', input).selected).toEqual(['b', 'a'])
    expect([...run('equalshares/add1', input).selected].sort()).toEqual(['a', 'b', 'c'])
    // The compute tool's exhaustive variant skips the completion in this case: plain MES.
    expect(run('equalshares/add1', input, { equalShares: { exhaustiveStop: true } }).selected).toEqual(['b', 'a'])
  })

  it('never selects a project below the score threshold', () => {
    const outcome = run('equalshares/add1', { ...add1Case, minProjectScoreThreshold: 2 })
    expect(outcome.selected).not.toContain('y')
    expect(outcome.perProject.find((p) => p.id === 'y')?.reason).toBe('below_threshold')
  })

  it('counts voters who support nothing in the equal split', () => {
    // Same as the first case plus 3 voters who only vote for an unknown project: now 6 voters
    // share 30 → 5 each; a needs 20 from v1, v2 (10): unaffordable; b: 5 + 5 = 10 → {b}.
    const outcome = run('equalshares', { ...tie, ballots: [...tie.ballots, ...approvals(['?'], ['?'], ['?'])] })
    expect(outcome.selected).toEqual(['b'])
    expect(outcome.equalShares?.perVoterBudget).toBe(5)
  })
})

// ---------------------------------------------------------------------------
// Randomised cross-check against a deliberately naive implementation: one
// budget per voter, every project re-evaluated every round, straight from the
// definition on equalshares.net. Slow, but obviously correct.

interface NaiveElection {
  budget: number
  ids: string[]
  costs: number[]
  ballots: Array<{ projects: number[]; utilities: number[] }>
  type: BallotType
}

function naiveMes(e: NaiveElection, total: number): number[] {
  const n = e.ballots.length
  const money = e.ballots.map(() => total / n)
  const score = e.ids.map(() => 0)
  for (const b of e.ballots) b.projects.forEach((c, i) => (score[c] = (score[c] as number) + (b.utilities[i] as number)))
  const utility = (c: number, u: number): number => (e.type === 'approval' ? (e.costs[c] as number) : u)
  const remaining = new Set(e.ids.map((_, c) => c).filter((c) => (e.costs[c] as number) > 0))
  const chosen: number[] = []
  for (;;) {
    const found: Array<{ c: number; rho: number }> = []
    for (const c of remaining) {
      const cost = e.costs[c] as number
      const supporters: Array<{ i: number; u: number }> = []
      e.ballots.forEach((b, i) => {
        const k = b.projects.indexOf(c)
        if (k >= 0 && (b.utilities[k] as number) > 0) supporters.push({ i, u: utility(c, b.utilities[k] as number) })
      })
      const have = supporters.reduce((s, x) => s + (money[x.i] as number), 0)
      if (supporters.length === 0 || have < cost * (1 - 1e-9)) continue
      supporters.sort((x, y) => (money[x.i] as number) / x.u - (money[y.i] as number) / y.u)
      let paid = 0
      let totalU = supporters.reduce((s, x) => s + x.u, 0)
      for (const x of supporters) {
        const rho = (cost - paid) / totalU
        if (rho <= ((money[x.i] as number) / x.u) * (1 + 1e-9)) {
          found.push({ c, rho })
          break
        }
        paid += money[x.i] as number
        totalU -= x.u
      }
    }
    if (found.length === 0) return chosen
    const best = Math.min(...found.map((f) => f.rho))
    const tied = found.filter((f) => f.rho <= best * (1 + 1e-9)).map((f) => f.c)
    tied.sort(
      (a, b) =>
        (e.costs[a] as number) - (e.costs[b] as number) ||
        (score[b] as number) - (score[a] as number) ||
        compareIds(e.ids[a] as string, e.ids[b] as string),
    )
    const winner = tied[0] as number
    const rho = found.find((f) => f.c === winner)?.rho as number
    chosen.push(winner)
    remaining.delete(winner)
    e.ballots.forEach((b, i) => {
      const k = b.projects.indexOf(winner)
      if (k < 0 || (b.utilities[k] as number) <= 0) return
      const pay = Math.min(money[i] as number, rho * utility(winner, b.utilities[k] as number))
      money[i] = Math.max(0, (money[i] as number) - pay)
    })
  }
}

/** add1 by the definition: plain MES, then ⌊B/n⌋ + 1, + 2, … while the outcome fits. */
function naiveAdd1(e: NaiveElection): number[] {
  const n = e.ballots.length
  const cost = (s: number[]): number => s.reduce((sum, c) => sum + (e.costs[c] as number), 0)
  const supported = new Set(e.ballots.flatMap((b) => b.projects.filter((_, i) => (b.utilities[i] as number) > 0)))
  const candidates = [...supported].filter((c) => (e.costs[c] as number) > 0).length
  let selected = naiveMes(e, e.budget)
  for (let perVoter = Math.floor(e.budget / n) + 1; selected.length < candidates; perVoter++) {
    const next = naiveMes(e, perVoter * n)
    if (cost(next) > e.budget) break
    selected = next
  }
  return selected
}

function randomElection(seed: number, type: BallotType): { input: TallyInput; naive: NaiveElection } {
  let state = seed
  const random = (): number => {
    state = (state * 48271) % 2147483647
    return state / 2147483647
  }
  const m = 2 + Math.floor(random() * 6)
  const n = 3 + Math.floor(random() * 12)
  const ids = Array.from({ length: m }, (_, i) => String(i + 1))
  // Few distinct costs make ties in ρ common, which is what we want to exercise.
  const costs = ids.map(() => 10 * (1 + Math.floor(random() * 6)))
  const budget = 10 * (3 + Math.floor(random() * 15))
  const ballots = Array.from({ length: n }, () => {
    const projects = ids.map((_, c) => c).filter(() => random() < 0.45)
    const utilities = projects.map(() => (type === 'approval' ? 1 : 1 + Math.floor(random() * 4)))
    return { projects, utilities }
  })
  const input: TallyInput = {
    budget,
    ballotType: type,
    projects: ids.map((id, c) => ({ id, cost: costs[c] as number })),
    ballots: ballots.map((b) =>
      type === 'approval'
        ? { projects: b.projects.map((c) => ids[c] as string) }
        : { projects: b.projects.map((c) => ids[c] as string), points: b.utilities },
    ),
  }
  return { input, naive: { budget, ids, costs, ballots, type } }
}

describe('Equal Shares engine agrees with a naive implementation', () => {
  for (const type of ['approval', 'cumulative'] as const) {
    it(`on 300 random ${type} elections (plain and add1)`, () => {
      for (let seed = 1; seed <= 300; seed++) {
        const { input, naive } = randomElection(seed * 7919 + (type === 'approval' ? 0 : 13), type)
        const plain = run('equalshares', input).selected
        expect(plain, `seed ${seed}`).toEqual(naiveMes(naive, naive.budget).map((c) => naive.ids[c]))
        const add1 = run('equalshares/add1', input).selected
        const expected = naiveAdd1(naive).map((c) => naive.ids[c] as string)
        const allFit = naive.costs.reduce((s, c) => s + c, 0) <= naive.budget
        // When everything fits the engine jumps straight to the end: same set, maybe another order.
        if (allFit) expect([...add1].sort(), `seed ${seed}`).toEqual([...expected].sort())
        else expect(add1, `seed ${seed}`).toEqual(expected)
      }
    })
  }
})
