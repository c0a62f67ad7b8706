/**
 * The typed-array Equal Shares engine (mes.ts) against the engine it replaced
 * (mes-reference.ts, kept for this test): on random small elections — ties in
 * cost, score and support on purpose — every Equal Shares rule gives exactly
 * the same outcome, order of selection, reasons and details included.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tally, type TallyOptions } from './index'
import { ReferenceEqualSharesEngine } from './mes-reference'
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
})
