/**
 * The typed-array Equal Shares engine (mes.ts) against the engine it replaced
 * (mes-reference.ts, kept for this test): on random small elections — ties in
 * cost, score and support on purpose — every Equal Shares rule gives exactly
 * the same outcome, order of selection, reasons and details included.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePb } from '../pabulib/parse'
import { pabulibToTallyInput } from './from-pabulib'
import { tally, type TallyOptions } from './index'
import { sortByRatio, waterFill } from './mes'
import { ReferenceEqualSharesEngine } from './mes-reference'
import { sharedDataFolder } from './shared-data'
import type { Ballot, BallotType, RuleName, TallyInput } from './types'

const RULES: RuleName[] = ['equalshares', 'equalshares/add1', 'equalshares-comparison', 'equalshares/add1-comparison']

const reference = {
  equalShares: { engine: (election, utility) => new ReferenceEqualSharesEngine(election, utility) },
} satisfies TallyOptions

/** Few distinct costs and small ballots, so that ties in ρ, cost and score are common. */
function election(type: BallotType): fc.Arbitrary<TallyInput> {
  return fc
    .record({
      costs: fc.array(fc.constantFrom(0, 10, 20, 30, 40, 60, 100), { minLength: 1, maxLength: 7 }),
      budget: fc.integer({ min: 0, max: 200 }),
      threshold: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      ballots: fc.array(fc.array(fc.record({ project: fc.nat(6), points: fc.integer({ min: 0, max: 3 }) }), { maxLength: 4 }), {
        maxLength: 14,
      }),
    })
    .map(({ costs, budget, threshold, ballots }) => {
      const ids = costs.map((_, i) => (i % 2 === 0 ? String(10 - i) : `p${i}`))
      const input: TallyInput = {
        budget,
        ballotType: type,
        projects: costs.map((cost, i) => ({ id: ids[i] as string, cost })),
        ballots: ballots.map((items): Ballot => {
          const listed = items.filter((item) => item.project < costs.length)
          const projects = listed.map((item) => ids[item.project] as string)
          return type === 'approval' ? { projects } : { projects, points: listed.map((item) => item.points) }
        }),
      }
      if (threshold !== undefined) input.minProjectScoreThreshold = threshold
      return input
    })
}

describe('the fast Equal Shares engine equals the reference engine', () => {
  for (const type of ['approval', 'cumulative'] as const) {
    it(`on random ${type} elections, every Equal Shares rule`, () => {
      fc.assert(
        fc.property(election(type), fc.boolean(), fc.boolean(), (input, integral, exhaustiveStop) => {
          for (const rule of RULES) {
            const options = { equalShares: { integral, exhaustiveStop } }
            const fast = tally(rule, input, options)
            const slow = tally(rule, input, { equalShares: { ...options.equalShares, ...reference.equalShares } })
            expect(fast).toEqual(slow)
          }
        }),
        { numRuns: 400, seed: 20261203 },
      )
    })
  }

  it('with cardinality utilities too', () => {
    fc.assert(
      fc.property(election('approval'), (input) => {
        const fast = tally('equalshares/add1', input, { equalShares: { approvalUtility: 'cardinality' } })
        const slow = tally('equalshares/add1', input, { equalShares: { approvalUtility: 'cardinality', ...reference.equalShares } })
        expect(fast).toEqual(slow)
      }),
      { numRuns: 200, seed: 7 },
    )
  })

  it('on larger random elections: many budget classes, long water-fillings, ties in ratio', () => {
    // Hundreds of ballots over a dozen projects with few distinct costs: many voters pay the
    // same amounts through different projects (equal budgets in different classes), and the
    // water-filling orders long runs of poor classes (the merge sort, not only insertion sort).
    const larger = fc
      .record({
        costs: fc.array(fc.constantFrom(6, 10, 12, 15, 20, 30, 45), { minLength: 10, maxLength: 20, size: 'max' }),
        perVoter: fc.double({ min: 1, max: 6, noNaN: true }),
        ballots: fc.array(fc.uniqueArray(fc.nat(19), { minLength: 1, maxLength: 8, size: 'max' }), {
          minLength: 60,
          maxLength: 400,
          size: 'max',
        }),
        points: fc.boolean(),
      })
      .map(({ costs, perVoter, ballots, points }): TallyInput => {
        const ids = costs.map((_, i) => String(i + 1))
        const listed = ballots.map((b) => b.filter((p) => p < costs.length)).filter((b) => b.length > 0)
        return {
          budget: Math.round(perVoter * listed.length * 7) / 7, // thirds and sevenths: inexact shares, sums that depend on their order
          ballotType: points ? 'cumulative' : 'approval',
          projects: costs.map((cost, i) => ({ id: ids[i] as string, cost })),
          ballots: listed.map((b): Ballot => {
            const projects = b.map((p) => ids[p] as string)
            return points ? { projects, points: b.map((p) => 1 + (p % 3)) } : { projects }
          }),
        }
      })
    fc.assert(
      fc.property(larger, (input) => {
        for (const rule of ['equalshares', 'equalshares/add1'] as const) {
          expect(tally(rule, input)).toEqual(tally(rule, input, reference))
        }
      }),
      { numRuns: 40, seed: 21 },
    )
  })

  const sampleDir = sharedDataFolder('pabulib')
  it.skipIf(!sampleDir)('on every sample file, with every Equal Shares rule, threshold kept and left out', () => {
    if (!sampleDir) return
    const files = readdirSync(sampleDir).filter((f) => f.endsWith('.pb'))
    expect(files.length).toBeGreaterThan(0)
    for (const name of files) {
      const parsed = parsePb(readFileSync(path.join(sampleDir, name), 'utf8'))
      if (!parsed.ok) throw new Error(`${name}: ${parsed.error.reason}`)
      const adapted = pabulibToTallyInput(parsed.file, parsed.lines)
      if (!adapted.ok) throw new Error(`${name}: ${adapted.reason}`)
      const { minProjectScoreThreshold: _threshold, ...withoutThreshold } = adapted.input
      for (const input of [adapted.input, withoutThreshold]) {
        for (const rule of RULES) expect(tally(rule, input), `${name} ${rule}`).toEqual(tally(rule, input, reference))
      }
    }
  })

  it('water-filling: the same ρ, bit for bit, as the reference loop over the fully sorted entries', () => {
    // The reference engine's steps (mes-reference.ts, evaluate): stable sort by ratio, then
    // stop at the first entry whose ratio·(1 + ε) reaches ρ, else let it pay all it has.
    const EPS = 1e-9
    function referenceRho(cost: number, ratio: number[], money: number[], utilities: number[], total: number): number {
      const order = ratio.map((_, i) => i).sort((a, b) => (ratio[a] as number) - (ratio[b] as number))
      let paid = 0
      let utility = total
      for (const slot of order) {
        const rho = (cost - paid) / utility
        if (rho <= (ratio[slot] as number) * (1 + EPS)) return rho
        paid += money[slot] as number
        utility -= utilities[slot] as number
      }
      return ratio[order[order.length - 1] as number] as number
    }
    // Few distinct budgets (many equal ratios), odd weights and shares: sums depend on their order.
    const entry = fc.record({ budget: fc.constantFrom(0.1, 1 / 3, 0.7, 1, 7 / 3, 2.2, 5), weight: fc.integer({ min: 1, max: 40 }) })
    const caseArb = fc.record({
      entries: fc.array(entry, { minLength: 1, maxLength: 120, size: 'max' }),
      u: fc.constantFrom(1, 3, 7.5),
      share: fc.double({ min: 0.05, max: 1.2, noNaN: true }),
    })
    fc.assert(
      fc.property(caseArb, ({ entries, u, share }) => {
        const ratio = entries.map((e) => e.budget / u)
        const money = entries.map((e) => e.weight * e.budget)
        const utilities = entries.map((e) => e.weight * u)
        let total = 0
        let available = 0
        for (let i = 0; i < entries.length; i++) {
          total += utilities[i] as number
          available += money[i] as number
        }
        const cost = available * share
        const n = entries.length
        const expected = referenceRho(cost, ratio, money, utilities, total)
        const got = waterFill(
          cost,
          n,
          total,
          Float64Array.from(ratio),
          Float64Array.from(money),
          Float64Array.from(utilities),
          new Int32Array(n),
          new Int32Array(n),
          new Int32Array(n),
        )
        expect(Object.is(got, expected)).toBe(true)
      }),
      { numRuns: 3000, seed: 2103 },
    )
  })

  it('sortByRatio orders by ratio and keeps equal ratios in index order (a stable sort)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0.5, 1, 1 / 3, 2, 3), { maxLength: 200, size: 'max' }), (values) => {
        const n = values.length
        const batch = Int32Array.from(values.map((_, i) => i))
        sortByRatio(batch, n, Float64Array.from(values), new Int32Array(n))
        const expected = values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number) || a - b)
        expect([...batch]).toEqual(expected)
      }),
      { numRuns: 500, seed: 5 },
    )
  })
})
