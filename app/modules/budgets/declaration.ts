import { translate, type MessageKey } from '~/utils/i18n'
import type { BudgetTallyMethod as TallyMethod } from '~db/schema'
import { euro, type VoteRule } from './rules'

/*
 * The weighing declaration of a budget, generated from what the code will actually do: the ballot rule,
 * the counting rule and who may vote (issue 14). Staff cannot write it; they can add a note below it,
 * and a note that names another counting rule is refused, so the declaration never contradicts the count.
 */

export interface DeclarationRules {
  amount: number
  voteRule: VoteRule
  maxProjects: number | null
  minProjects: number | null
  points: number | null
  tallyMethod: TallyMethod
  minScore: number | null
  minimumAge: number | null
  ballotsChangeable: boolean
}

/** "1 project", "2 projecten": a Dutch count with the right form of the noun. */
export function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('nl-NL')} ${n === 1 ? one : many}`
}

/** Who may vote: the area by its name, the minimum age. */
export function eligibility(areaName: string | null, minimumAge: number | null): string {
  const where = areaName ? `inwoners van ${areaName}` : 'inwoners van de gemeente'
  return minimumAge ? `${where} van ${minimumAge} jaar en ouder` : where
}

function ballotSentence(r: DeclarationRules): string {
  if (r.voteRule === 'knapsack') return `Je kiest de projecten die jij wilt, zolang ze samen niet meer kosten dan ${euro(r.amount)}.`
  if (r.voteRule === 'cumulative')
    return `Je verdeelt ${count(r.points ?? 0, 'punt', 'punten')} over de projecten die jij belangrijk vindt.`
  const max = r.maxProjects ?? 0
  const min = r.minProjects ?? 0
  return min > 0
    ? `Je kiest minstens ${count(min, 'project', 'projecten')} en hoogstens ${count(max, 'project', 'projecten')}.`
    : `Je kiest hoogstens ${count(max, 'project', 'projecten')}.`
}

/** The generated declaration text (B1 Dutch), with the staff note below it when there is one. */
export function declarationText(r: DeclarationRules, areaName: string | null, note: string | null = null): string {
  const unit = r.voteRule === 'cumulative' ? ['punt', 'punten'] : ['stem', 'stemmen']
  const lines = [
    `Wie mag stemmen: ${eligibility(areaName, r.minimumAge)}. Iedereen stemt één keer, online of op papier. Een stem op papier telt even zwaar als een stem online.`,
    `Zo stem je: ${ballotSentence(r)}`,
    translate('nl', `budgets.rule.${r.tallyMethod}` as MessageKey),
    ...(r.minScore !== null
      ? [`Een project met minder dan ${count(r.minScore, unit[0]!, unit[1]!)} wordt niet gekozen, ook als er nog geld over is.`]
      : []),
    r.ballotsChangeable
      ? 'Je kunt je stem veranderen tot het stemmen sluit. Alleen je laatste stem telt.'
      : 'Je stem is definitief: je kunt hem niet meer veranderen.',
    `De uitslag is bindend: de gemeente voert de gekozen projecten uit, samen hoogstens ${euro(r.amount)}.`,
  ]
  if (note?.trim()) lines.push(`Aanvulling van de gemeente: ${note.trim()}`)
  return lines.join(' ')
}

/** Words that name a counting rule; a note naming a rule other than the budget's own is refused. */
const RULE_WORDS: { words: RegExp; methods: TallyMethod[] }[] = [
  {
    words: /meeste stemmen|op volgorde van (het aantal )?stemmen|gewone telling/i,
    methods: ['greedy', 'greedy-no-skip', 'greedy-threshold', 'equalshares-comparison', 'equalshares/add1-comparison'],
  },
  {
    words: /gelijke delen|equal shares/i,
    methods: ['equalshares', 'equalshares-comparison', 'equalshares/add1', 'equalshares/add1-comparison'],
  },
  { words: /stoppen als|stopt (de telling )?als/i, methods: ['greedy-no-skip'] },
  { words: /drempel|minimum aantal stemmen/i, methods: ['greedy-threshold'] },
]

/** Whether a staff note contradicts the counting rule (names another rule). */
export function noteContradicts(note: string, tallyMethod: TallyMethod, minScore: number | null): boolean {
  return RULE_WORDS.some(
    (r) =>
      r.words.test(note) &&
      !r.methods.includes(tallyMethod) &&
      // A threshold is part of any rule when a minimum score is set.
      !(r.methods.includes('greedy-threshold') && r.methods.length === 1 && minScore !== null),
  )
}
