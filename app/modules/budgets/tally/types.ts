/**
 * Neutral input and output of the tally rules. Nothing here knows about the
 * database, Remix or the Pabulib file format; `from-pabulib.ts` adapts files.
 */

/** The ballot formats of Pabulib's META `vote_type` (`choose-1` is approval with one choice). */
export type BallotType = 'approval' | 'cumulative' | 'scoring' | 'ordinal'

export const RULE_NAMES = [
  'greedy',
  'greedy-no-skip',
  'greedy-threshold',
  'equalshares',
  'equalshares-comparison',
  'equalshares/add1',
  'equalshares/add1-comparison',
] as const
export type RuleName = (typeof RULE_NAMES)[number]

/** Why a project is not part of the tally at all (it is reported, never selected). */
export type Exclusion = 'other_pool' | 'withdrawn'

export interface TallyProject {
  id: string
  cost: number
  /** Projects funded elsewhere or withdrawn: listed in the output, ignored by the rule. */
  excluded?: Exclusion
}

export interface Ballot {
  /** Project ids, in the voter's order (matters for ordinal ballots). */
  projects: string[]
  /** Points per project for cumulative and scoring ballots, same order as `projects`. */
  points?: number[]
}

export interface TallyInput {
  budget: number
  projects: TallyProject[]
  ballots: Ballot[]
  ballotType: BallotType
  /** Projects whose score is below this are never selected, whatever the rule. */
  minProjectScoreThreshold?: number
  /**
   * Ordinal ballots: positional points. The first choice gets `maxLength`
   * points, the next one less, and so on (Pabulib's default "Borda"). When
   * absent, a ballot's own length is used (as Pabulib's checker does).
   */
  ordinalMaxLength?: number
}

export type Reason =
  | 'selected'
  /** Greedy: the project did not fit in the budget left at its turn. */
  | 'does_not_fit'
  /** Its score is below META `min_project_score_threshold`. */
  | 'below_threshold'
  /** greedy-no-skip: an earlier project did not fit, so counting stopped before this one. */
  | 'stopped_no_skip'
  /** Equal Shares: its supporters did not have enough money left to pay for it. */
  | 'not_enough_support'
  | 'excluded_other_pool'
  | 'withdrawn'

export interface ProjectOutcome {
  id: string
  cost: number
  /** Score the rule ranked by: votes (approval) or points (other ballots). */
  score: number
  /** Number of ballots that support the project. */
  votes: number
  selected: boolean
  reason: Reason
  /** 1-based position in the order of selection, for selected projects. */
  order?: number
}

export interface EqualSharesDetails {
  /** Budget per voter in the final Equal Shares run (after the add1 completion). */
  perVoterBudget: number
  /** Number of Equal Shares runs performed (1 without completion). */
  runs: number
  comparison?: {
    prefersEqualShares: number
    prefersGreedy: number
    chosen: 'equalshares' | 'greedy'
  }
}

export interface TallyOutcome {
  rule: RuleName
  /** Selected project ids in the order the rule selected them. */
  selected: string[]
  /** One entry per input project, in ranking order (score desc, cost asc, id). */
  perProject: ProjectOutcome[]
  totalCost: number
  budget: number
  equalShares?: EqualSharesDetails
  /** Data problems that did not prevent the tally (e.g. votes for unknown projects). */
  warnings: string[]
}

export type TallyResult = { ok: true; outcome: TallyOutcome } | { ok: false; reason: string }
