/**
 * Validates a TallyInput and turns ballots into per-project utilities, the
 * common ground of every rule:
 *
 * - approval: 1 per listed project (score = number of votes);
 * - cumulative / scoring: the points given;
 * - ordinal: positional points — with k = `ordinalMaxLength` (or the ballot's
 *   own length when absent) the first choice gets k, the second k-1, … .
 */
import type { Ballot, BallotType, Exclusion, TallyInput } from './types'

export interface PreparedProject {
  index: number
  id: string
  cost: number
  /** Sum of utilities over all ballots. */
  score: number
  /** Number of ballots listing the project (whatever the points, as Pabulib counts `votes`). */
  votes: number
  excluded?: Exclusion | undefined
  belowThreshold: boolean
}

/**
 * A ballot as (project index, utility) pairs; only utilities > 0, projects distinct.
 * `utilities` is read-only: approval ballots of one length share one array of 1s.
 */
export interface PreparedBallot {
  projects: number[]
  utilities: readonly number[]
}

export interface PreparedElection {
  budget: number
  ballotType: BallotType
  projects: PreparedProject[]
  ballots: PreparedBallot[]
  warnings: string[]
}

export type Prepared = { ok: true; election: PreparedElection } | { ok: false; reason: string }

const isNonNegativeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0

export function prepare(input: TallyInput): Prepared {
  if (!isNonNegativeNumber(input.budget)) return { ok: false, reason: `invalid budget: ${String(input.budget)}` }
  const indexOf = new Map<string, number>()
  const projects: PreparedProject[] = []
  for (const project of input.projects) {
    if (indexOf.has(project.id)) return { ok: false, reason: `project ${project.id} appears twice` }
    if (!isNonNegativeNumber(project.cost)) {
      return { ok: false, reason: `project ${project.id} has an invalid cost: ${String(project.cost)}` }
    }
    indexOf.set(project.id, projects.length)
    projects.push({
      index: projects.length,
      id: project.id,
      cost: project.cost,
      score: 0,
      votes: 0,
      excluded: project.excluded,
      belowThreshold: false,
    })
  }

  const warnings: string[] = []
  const unknown = new Set<string>()
  const ballots: PreparedBallot[] = []
  // lastBallot[c] = last ballot that listed c: detects duplicates without a Set per ballot.
  const lastBallot = new Int32Array(projects.length).fill(-1)
  for (let b = 0; b < input.ballots.length; b++) {
    const ballot = input.ballots[b] as Ballot
    const utilities = ballotUtilities(ballot, input)
    if (typeof utilities === 'string') return { ok: false, reason: `ballot ${b + 1}: ${utilities}` }
    const approval = input.ballotType === 'approval'
    const listed: number[] = []
    const points: number[] = []
    for (let position = 0; position < ballot.projects.length; position++) {
      const id = ballot.projects[position] as string
      const index = indexOf.get(id)
      if (index === undefined) {
        unknown.add(id)
        continue
      }
      // A project listed twice on one ballot counts once (first occurrence).
      if (lastBallot[index] === b) continue
      lastBallot[index] = b
      const utility = utilities[position] as number
      const target = projects[index] as PreparedProject
      target.score += utility
      target.votes += 1
      // Only positive utilities can make a voter pay for a project (Equal Shares).
      if (utility > 0) {
        listed.push(index)
        if (!approval) points.push(utility)
      }
    }
    ballots.push({ projects: listed, utilities: approval ? onesOfLength(listed.length) : points })
  }
  if (unknown.size > 0) {
    warnings.push(`votes for projects not in the project list were ignored: ${[...unknown].sort().join(', ')}`)
  }

  const threshold = input.minProjectScoreThreshold
  if (threshold !== undefined) {
    if (!Number.isFinite(threshold)) return { ok: false, reason: `invalid min_project_score_threshold: ${threshold}` }
    for (const project of projects) project.belowThreshold = project.score < threshold
  }
  return { ok: true, election: { budget: input.budget, ballotType: input.ballotType, projects, ballots, warnings } }
}

/** 1, 1, 1, …: the utilities of every approval ballot, shared (only read), not one array per ballot. */
let ones: number[] = []
/** onesByLength[n]: n ones, shared by the prepared approval ballots of n projects (fewer arrays to collect). */
const onesByLength: Array<readonly number[]> = []

function onesOfLength(length: number): readonly number[] {
  let shared = onesByLength[length]
  if (!shared) onesByLength[length] = shared = new Array<number>(length).fill(1)
  return shared
}

/** Utility per listed project (read-only), or a reason why the ballot is unusable. */
function ballotUtilities(ballot: Ballot, input: TallyInput): readonly number[] | string {
  switch (input.ballotType) {
    case 'approval':
      if (ones.length < ballot.projects.length) ones = new Array<number>(ballot.projects.length * 2).fill(1)
      return ones
    case 'cumulative':
    case 'scoring': {
      const points = ballot.points
      if (!points) return `${input.ballotType} ballots need points`
      if (points.length !== ballot.projects.length) return 'points and projects differ in length'
      if (points.some((p) => !Number.isFinite(p))) return 'points must be numbers'
      return points
    }
    case 'ordinal': {
      const k = input.ordinalMaxLength ?? ballot.projects.length
      return ballot.projects.map((_, position) => Math.max(0, k - position))
    }
    default: {
      const never: never = input.ballotType
      return `unknown ballot type ${String(never)}`
    }
  }
}

/** Project ids compare numerically when both are integers ("9" < "10"), else by code point. */
export function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/
  if (numeric.test(a) && numeric.test(b) && a !== b) {
    const byLength = a.replace(/^0+/, '').length - b.replace(/^0+/, '').length
    if (byLength !== 0) return byLength
    const na = a.replace(/^0+/, '')
    const nb = b.replace(/^0+/, '')
    if (na !== nb) return na < nb ? -1 : 1
  }
  return a < b ? -1 : a > b ? 1 : 0
}

/** The ranking used by greedy rules and for listing: score desc, then cost asc, then id. */
export function compareByScore(a: PreparedProject, b: PreparedProject): number {
  if (a.score !== b.score) return b.score - a.score
  if (a.cost !== b.cost) return a.cost - b.cost
  return compareIds(a.id, b.id)
}
