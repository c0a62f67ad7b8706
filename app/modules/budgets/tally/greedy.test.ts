import { describe, expect, it } from 'vitest'
import { tally } from './index'
import type { Ballot, ProjectOutcome, TallyInput, TallyOutcome } from './types'

/** Approval ballots giving each project the wanted number of votes (one project per ballot). */
function votes(counts: Record<string, number>): Ballot[] {
  return Object.entries(counts).flatMap(([id, n]) => Array.from({ length: n }, () => ({ projects: [id] })))
}

function run(rule: string, input: TallyInput): TallyOutcome {
  const result = tally(rule, input)
  if (!result.ok) throw new Error(result.reason)
  return result.outcome
}

const reasonOf = (outcome: TallyOutcome, id: string): ProjectOutcome['reason'] | undefined =>
  outcome.perProject.find((p) => p.id === id)?.reason

// Budget 100. Ranking by votes: A (5) 50, B (4) 60, C (3) 40, D (1) 10.
const base: TallyInput = {
  budget: 100,
  ballotType: 'approval',
  projects: [
    { id: 'A', cost: 50 },
    { id: 'B', cost: 60 },
    { id: 'C', cost: 40 },
    { id: 'D', cost: 10 },
  ],
  ballots: votes({ A: 5, B: 4, C: 3, D: 1 }),
}

describe('greedy', () => {
  it('funds by score and skips what does not fit', () => {
    // A (50 left) → B 60 does not fit → C (10 left) → D (0 left).
    const outcome = run('greedy', base)
    expect(outcome.selected).toEqual(['A', 'C', 'D'])
    expect(outcome.totalCost).toBe(100)
    expect(reasonOf(outcome, 'B')).toBe('does_not_fit')
    expect(outcome.perProject.map((p) => [p.id, p.score, p.order])).toEqual([
      ['A', 5, 1],
      ['B', 4, undefined],
      ['C', 3, 2],
      ['D', 1, 3],
    ])
  })

  it('greedy-no-skip stops at the first project that does not fit', () => {
    // A (50 left) → B does not fit: stop; C and D are never reached.
    const outcome = run('greedy-no-skip', base)
    expect(outcome.selected).toEqual(['A'])
    expect([reasonOf(outcome, 'B'), reasonOf(outcome, 'C'), reasonOf(outcome, 'D')]).toEqual([
      'does_not_fit',
      'stopped_no_skip',
      'stopped_no_skip',
    ])
  })

  it('greedy-threshold only funds projects with score >= min_project_score_threshold', () => {
    // Threshold 3: D (1 vote) is out; A, then C fit → 90.
    const outcome = run('greedy-threshold', { ...base, minProjectScoreThreshold: 3 })
    expect(outcome.selected).toEqual(['A', 'C'])
    expect(reasonOf(outcome, 'D')).toBe('below_threshold')
  })

  it('applies the threshold to any rule, and a score equal to it is enough', () => {
    expect(run('greedy', { ...base, minProjectScoreThreshold: 3 }).selected).toEqual(['A', 'C'])
    expect(run('greedy', { ...base, minProjectScoreThreshold: 4 }).selected).toEqual(['A'])
  })

  it('greedy-no-skip passes over projects below the threshold without stopping', () => {
    // X (2 votes, below 3) would not fit, but it is not eligible, so counting goes on to C.
    const input: TallyInput = {
      budget: 100,
      ballotType: 'approval',
      projects: [
        { id: 'A', cost: 50 },
        { id: 'X', cost: 70 },
        { id: 'C', cost: 40 },
      ],
      ballots: votes({ A: 5, X: 2, C: 3 }),
      minProjectScoreThreshold: 3,
    }
    expect(run('greedy-no-skip', input).selected).toEqual(['A', 'C'])
  })

  it('breaks ties by lower cost, then by project id (numeric ids compare as numbers)', () => {
    // A and E both have 5 votes; E is cheaper so it goes first, and then A no longer fits.
    const costTie: TallyInput = {
      budget: 50,
      ballotType: 'approval',
      projects: [
        { id: 'A', cost: 50 },
        { id: 'E', cost: 30 },
      ],
      ballots: votes({ A: 5, E: 5 }),
    }
    expect(run('greedy', costTie).selected).toEqual(['E'])

    // Same votes, same cost, room for one: '9' < '10' numerically.
    const idTie: TallyInput = {
      budget: 10,
      ballotType: 'approval',
      projects: [
        { id: '10', cost: 10 },
        { id: '9', cost: 10 },
      ],
      ballots: votes({ '10': 3, '9': 3 }),
    }
    expect(run('greedy', idTie).selected).toEqual(['9'])
  })

  it('excludes projects funded from another pool without charging their cost', () => {
    const outcome = run('greedy', {
      ...base,
      projects: base.projects.map((p) => (p.id === 'A' ? { ...p, excluded: 'other_pool' as const } : p)),
    })
    // Without A: B (40 left) → C 40 (0 left) → D does not fit.
    expect(outcome.selected).toEqual(['B', 'C'])
    expect(reasonOf(outcome, 'A')).toBe('excluded_other_pool')
    expect(reasonOf(outcome, 'D')).toBe('does_not_fit')
  })
})

describe('scores per ballot type', () => {
  it('cumulative ballots rank by points, not by number of voters', () => {
    // p: 5 points from 1 voter; q: 1 + 3 = 4 points from 2 voters. Room for one.
    const outcome = run('greedy', {
      budget: 10,
      ballotType: 'cumulative',
      projects: [
        { id: 'p', cost: 6 },
        { id: 'q', cost: 6 },
      ],
      ballots: [
        { projects: ['p', 'q'], points: [5, 1] },
        { projects: ['q'], points: [3] },
      ],
    })
    expect(outcome.selected).toEqual(['p'])
    expect(outcome.perProject.map((p) => [p.id, p.score, p.votes])).toEqual([
      ['p', 5, 1],
      ['q', 4, 2],
    ])
  })

  it('ordinal ballots get positional points from max_length, or from the ballot length', () => {
    const ballots: Ballot[] = [{ projects: ['a', 'b', 'c'] }, { projects: ['b', 'c'] }, { projects: ['c'] }]
    const projects = ['a', 'b', 'c'].map((id) => ({ id, cost: 10 }))
    // max_length 3: a 3; b 2+3 = 5; c 1+2+3 = 6 → c wins the single slot.
    const withMax = run('greedy', { budget: 10, ballotType: 'ordinal', projects, ballots, ordinalMaxLength: 3 })
    expect(withMax.perProject.map((p) => [p.id, p.score])).toEqual([
      ['c', 6],
      ['b', 5],
      ['a', 3],
    ])
    expect(withMax.selected).toEqual(['c'])
    // Ballot length: [a,b,c] → 3,2,1; [b,c] → 2,1; [c] → 1. So a 3, b 4, c 3 → b wins
    // (a and c tie on score and cost, so they are listed by id).
    const byLength = run('greedy', { budget: 10, ballotType: 'ordinal', projects, ballots })
    expect(byLength.perProject.map((p) => [p.id, p.score])).toEqual([
      ['b', 4],
      ['a', 3],
      ['c', 3],
    ])
    expect(byLength.selected).toEqual(['b'])
  })

  it('rejects cumulative ballots without points', () => {
    const result = tally('greedy', {
      budget: 10,
      ballotType: 'cumulative',
      projects: [{ id: 'p', cost: 1 }],
      ballots: [{ projects: ['p'] }],
    })
    expect(result).toEqual({ ok: false, reason: 'ballot 1: cumulative ballots need points' })
  })

  it('ignores votes for unknown projects but says so', () => {
    const outcome = run('greedy', {
      budget: 10,
      ballotType: 'approval',
      projects: [{ id: 'p', cost: 5 }],
      ballots: [{ projects: ['p', 'ghost'] }],
    })
    expect(outcome.selected).toEqual(['p'])
    expect(outcome.warnings).toEqual(['votes for projects not in the project list were ignored: ghost'])
  })
})
