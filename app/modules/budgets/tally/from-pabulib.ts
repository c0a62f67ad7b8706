/**
 * Adapter from a parsed Pabulib file to the neutral tally input.
 *
 * Decisions (see docs/decisions/0101-tally-rules.md):
 * - projects marked `selected` 2 or 3 were funded from another pool (or by a
 *   special procedure explained in the META comment), not by this election's
 *   rule: they are excluded from the tally, and their cost is not charged;
 * - a cost of 999 999 999 is Pabulib's marker for a withdrawn project: excluded too;
 * - `choose-1` ballots are approval ballots with a single choice.
 */
import { parseNumber } from '../pabulib/numbers'
import type { PbFile, PbSourceLines } from '../pabulib/types'
import type { BallotType, Exclusion, TallyInput, TallyProject } from './types'

/** Pabulib's sentinel cost for projects withdrawn after the vote. */
export const WITHDRAWN_COST = 999_999_999

export interface PabulibTallyInput {
  rule: string
  input: TallyInput
}

export interface AdaptOptions {
  /** Exclude projects with `selected` ≥ 2 (funded elsewhere). Default true. */
  excludeOtherPools?: boolean
}

export type AdaptResult = ({ ok: true } & PabulibTallyInput) | { ok: false; reason: string }

const BALLOT_TYPES: Record<string, BallotType> = {
  approval: 'approval',
  'choose-1': 'approval',
  cumulative: 'cumulative',
  scoring: 'scoring',
  ordinal: 'ordinal',
}

export function pabulibToTallyInput(file: PbFile, lines?: PbSourceLines, options: AdaptOptions = {}): AdaptResult {
  const at = (key: string): string => (lines?.meta[key] ? ` (line ${lines.meta[key]})` : '')
  const meta = file.meta

  const rule = meta.rule?.trim().toLowerCase()
  if (!rule) return { ok: false, reason: 'META has no rule' }
  const budget = parseNumber(meta.budget)
  if (budget === undefined) return { ok: false, reason: `META budget is missing or not a number${at('budget')}` }
  const voteType = meta.vote_type?.trim().toLowerCase() ?? ''
  const ballotType = BALLOT_TYPES[voteType]
  if (!ballotType) return { ok: false, reason: `unsupported vote_type '${meta.vote_type ?? ''}'${at('vote_type')}` }
  if (!file.hasVotesSection) return { ok: false, reason: 'the file has no VOTES section' }
  if (file.votes.length === 0) return { ok: false, reason: 'the VOTES section is empty' }

  const input: TallyInput = {
    budget,
    ballotType,
    projects: file.projects.map((p) => toTallyProject(p.id, p.cost, p.selected, options)),
    ballots: file.votes.map((v) => (v.points ? { projects: v.vote, points: v.points } : { projects: v.vote })),
  }

  if (meta.min_project_score_threshold !== undefined && meta.min_project_score_threshold !== '') {
    const threshold = parseNumber(meta.min_project_score_threshold)
    if (threshold === undefined) {
      return { ok: false, reason: `min_project_score_threshold is not a number${at('min_project_score_threshold')}` }
    }
    input.minProjectScoreThreshold = threshold
  }

  if (ballotType === 'ordinal') {
    const scoring = meta.scoring_fn?.trim()
    if (scoring && scoring.toLowerCase() !== 'borda') {
      return { ok: false, reason: `unsupported scoring_fn '${scoring}'${at('scoring_fn')}` }
    }
    const maxLength = parseNumber(meta.max_length)
    if (maxLength !== undefined) input.ordinalMaxLength = maxLength
  }
  return { ok: true, rule, input }
}

function toTallyProject(id: string, cost: number, selected: number | undefined, options: AdaptOptions): TallyProject {
  let excluded: Exclusion | undefined
  if (cost === WITHDRAWN_COST) excluded = 'withdrawn'
  else if (options.excludeOtherPools !== false && selected !== undefined && selected >= 2) excluded = 'other_pool'
  return excluded ? { id, cost, excluded } : { id, cost }
}
