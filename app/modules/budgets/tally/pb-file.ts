/**
 * Tallies the text of a `.pb` file with the rule named in its META: parse,
 * adapt, run. Every failure is a reason string, never an exception.
 */
import { parsePb } from '../pabulib/parse'
import { pabulibToTallyInput, type AdaptOptions } from './from-pabulib'
import { tally, type TallyOptions } from './index'
import type { TallyOutcome } from './types'

export type PbTallyResult = { ok: true; rule: string; outcome: TallyOutcome } | { ok: false; rule?: string | undefined; reason: string }

export function tallyPbText(text: string, options: AdaptOptions & TallyOptions = {}): PbTallyResult {
  const parsed = parsePb(text)
  if (!parsed.ok) {
    const where = parsed.error.line > 0 ? `line ${parsed.error.line}: ` : ''
    return { ok: false, reason: `${where}${parsed.error.reason}` }
  }
  const adapted = pabulibToTallyInput(parsed.file, parsed.lines, options)
  if (!adapted.ok) return { ok: false, rule: parsed.file.meta.rule, reason: adapted.reason }
  const result = tally(adapted.rule, adapted.input, options)
  if (!result.ok) return { ok: false, rule: adapted.rule, reason: result.reason }
  return { ok: true, rule: adapted.rule, outcome: result.outcome }
}
