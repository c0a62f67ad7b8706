/**
 * Tallies the text of a `.pb` file with the rule named in its META: parse,
 * adapt, run. Every failure is a reason string, never an exception.
 */
import { parsePb } from '../pabulib/parse'
import { pabulibToTallyInput, type AdaptOptions } from './from-pabulib'
import { tally, type TallyOptions } from './index'
import type { TallyOutcome } from './types'

export type PbTallyResult = { ok: true; rule: string; outcome: TallyOutcome } | { ok: false; rule?: string | undefined; reason: string }

export interface RuleOverride {
  /** Tally with this rule instead of the file's (e.g. to see what Equal Shares would have funded). */
  rule?: string
  /** Leave out META `min_project_score_threshold`. */
  ignoreThreshold?: boolean
}

export function tallyPbText(text: string, options: AdaptOptions & TallyOptions & RuleOverride = {}): PbTallyResult {
  const parsed = parsePb(text)
  if (!parsed.ok) {
    const where = parsed.error.line > 0 ? `line ${parsed.error.line}: ` : ''
    return { ok: false, reason: `${where}${parsed.error.reason}` }
  }
  const adapted = pabulibToTallyInput(parsed.file, parsed.lines, options)
  if (!adapted.ok) return { ok: false, rule: parsed.file.meta.rule, reason: adapted.reason }
  const rule = options.rule ?? adapted.rule
  const input = { ...adapted.input }
  if (options.ignoreThreshold) delete input.minProjectScoreThreshold
  const result = tally(rule, input, options)
  if (!result.ok) return { ok: false, rule, reason: result.reason }
  return { ok: true, rule, outcome: result.outcome }
}
