import { describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { seedBudgets } from '~/modules/budgets/seed.server'
import { budgets, participationItems } from '~db/schema'
import { describeDeclaration } from '~/modules/participation/declaration'
import { declarationOf } from '~/modules/participation/queries.server'
import { translate, type MessageKey } from '~/utils/i18n'
import { count, declarationText, noteContradicts, type DeclarationRules } from './declaration'
import { budgetSchema } from './validation'

const rules = (over: Partial<DeclarationRules> = {}): DeclarationRules => ({
  amount: 60_000,
  voteRule: 'knapsack',
  maxProjects: null,
  minProjects: null,
  points: null,
  tallyMethod: 'equalshares/add1',
  minScore: null,
  minimumAge: 12,
  ballotsChangeable: true,
  ...over,
})

describe('the generated weighing declaration', () => {
  it('counts in Dutch with the right plural', () => {
    expect([count(1, 'inwoner', 'inwoners'), count(2, 'inwoner', 'inwoners'), count(0, 'punt', 'punten')]).toEqual([
      '1 inwoner',
      '2 inwoners',
      '0 punten',
    ])
    expect(declarationText(rules({ voteRule: 'approval', maxProjects: 1 }), null)).toContain('Je kiest hoogstens 1 project.')
    expect(declarationText(rules({ voteRule: 'approval', maxProjects: 3, minProjects: 2 }), null)).toContain(
      'Je kiest minstens 2 projecten en hoogstens 3 projecten.',
    )
    expect(declarationText(rules({ voteRule: 'cumulative', points: 1, tallyMethod: 'greedy', minScore: 1 }), null)).toContain(
      'Je verdeelt 1 punt over de projecten die jij belangrijk vindt.',
    )
    expect(declarationText(rules({ tallyMethod: 'greedy-threshold', minScore: 50 }), null)).toContain(
      'Een project met minder dan 50 stemmen wordt niet gekozen',
    )
  })

  it('says the rule the budget counts by, who may vote, and the note below it', () => {
    const text = declarationText(rules(), 'Centrum', 'Op papier stemmen kan ook, bij de balie van het Stadhuis.')
    expect(text).toBe(
      [
        'Wie mag stemmen: inwoners van Centrum van 12 jaar en ouder. Iedereen stemt één keer, online of op papier. Een stem op papier telt even zwaar als een stem online.',
        'Zo stem je: Je kiest de projecten die jij wilt, zolang ze samen niet meer kosten dan € 60.000.',
        translate('nl', 'budgets.rule.equalshares/add1' as MessageKey),
        'Je kunt je stem veranderen tot het stemmen sluit. Alleen je laatste stem telt.',
        'De uitslag is bindend: de gemeente voert de gekozen projecten uit, samen hoogstens € 60.000.',
        'Aanvulling van de gemeente: Op papier stemmen kan ook, bij de balie van het Stadhuis.',
      ].join(' '),
    )
    expect(declarationText(rules({ tallyMethod: 'greedy', ballotsChangeable: false, minimumAge: null }), null)).toContain(
      'Wie mag stemmen: inwoners van de gemeente.',
    )
  })

  it('refuses a note that names another counting rule, with a Dutch message', () => {
    expect(noteContradicts('Het project met de meeste stemmen wint.', 'equalshares/add1', null)).toBe(true)
    expect(noteContradicts('We tellen met gelijke delen.', 'greedy', null)).toBe(true)
    expect(noteContradicts('We tellen met gelijke delen.', 'equalshares/add1', null)).toBe(false)
    expect(noteContradicts('Stembus in het wijkcentrum.', 'greedy', null)).toBe(false)
    const parsed = budgetSchema.safeParse({
      title: 'Wijkbudget',
      amount: '50000',
      voteRule: 'knapsack',
      tallyMethod: 'equalshares/add1',
      declarationNote: 'De keuze met de meeste stemmen wordt uitgevoerd.',
    })
    expect(parsed.success).toBe(false)
    const issue = parsed.error!.issues[0]!
    expect([issue.path, translate('nl', issue.message as MessageKey)]).toEqual([
      ['declarationNote'],
      'Deze aanvulling noemt een andere manier van tellen dan de begroting gebruikt. Pas de aanvulling of de telmethode aan.',
    ])
  })

  it('gives the Centrum demo budget a declaration that says it counts by equal shares, not by most votes', async () => {
    const { db } = getDatabase()
    await createUser(db, { email: 'medewerker@stem.example', roles: [{ role: 'staff' }] })
    await seedBudgets(db)
    const [centrum] = await db
      .select()
      .from(budgets)
      .where(sql`${budgets.title} like 'Wijkbudget Centrum%'`)
    expect(centrum?.tallyMethod).toBe('equalshares/add1')
    const [item] = await db
      .select()
      .from(participationItems)
      .where(eq(participationItems.itemId, String(centrum!.id)))
    const { current } = await declarationOf(item!.id)
    const lines = describeDeclaration(current!, (k, p) => translate('nl', k, p), 'nl').join('\n')
    expect(lines).toContain('iedere stemmer krijgt een gelijk deel van het budget')
    expect(lines).toContain('inwoners van Centrum van 12 jaar en ouder')
    expect(lines).not.toMatch(/meeste stemmen|1 inwoners/)
  })
})
