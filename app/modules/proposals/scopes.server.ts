import { inArray } from 'drizzle-orm'
import { proposalScopes } from '~db/schema'
import type { Database, Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { formatDate } from '~/modules/participation/declaration'
import { translate } from '~/utils/i18n'
import { ANSWER_WEEKS } from './validation'
import { amsterdamDay } from '~/utils/time'
import { audit } from '~/utils/audit.server'

/*
 * The rule of a scope (the whole city, every wijk, or one wijk): how many supports within how many days,
 * from what age; fixed on a proposal when it is published, and written in its weighing declaration.
 */

export interface ScopeRule {
  threshold: number
  windowDays: number
  minimumAge: number
}

/** Defaults when staff have configured nothing: no population data, so a fixed number per wijk. */
export const DEFAULT_SCOPES: Record<'gemeente' | 'wijk', ScopeRule> = {
  gemeente: { threshold: 1000, windowDays: 180, minimumAge: 16 },
  wijk: { threshold: 100, windowDays: 120, minimumAge: 16 },
}

/** The rule for a wijk (its own row, else the `wijk` default) or for the whole city. */
export async function scopeRule(db: Queryable, wijkCode: string | null): Promise<ScopeRule> {
  const keys = wijkCode ? [wijkCode, 'wijk'] : ['gemeente']
  const rows = await db.select().from(proposalScopes).where(inArray(proposalScopes.scope, keys))
  const row = rows.find((r) => r.scope === keys[0]) ?? rows.find((r) => r.scope === keys[1])
  if (row) return { threshold: row.threshold, windowDays: row.windowDays, minimumAge: row.minimumAge }
  return DEFAULT_SCOPES[wijkCode ? 'wijk' : 'gemeente']
}

/** Staff set the rule of a scope; the change is audited in the same transaction. */
export async function configureScope(actorId: string, scope: string, input: ScopeRule, db: Database = getDatabase().db) {
  await db.transaction(async (tx) => {
    await saveScope(tx, scope, input, actorId)
    await audit(tx, { actorId, action: 'proposal_scope_saved', detail: { scope, ...input } })
  })
}

export async function saveScope(db: Queryable, scope: string, input: ScopeRule, actorId: string) {
  const rule = { threshold: input.threshold, windowDays: input.windowDays, minimumAge: input.minimumAge }
  await db
    .insert(proposalScopes)
    .values({ scope, ...rule, updatedBy: actorId })
    .onConflictDoUpdate({ target: proposalScopes.scope, set: { ...rule, updatedBy: actorId, updatedAt: new Date() } })
}

/** The sentence of the weighing declaration, generated from the threshold and the window. */
export function declarationSentence(threshold: number, windowEndsAt: Date) {
  return translate('nl', 'proposals.declaration', { n: threshold, date: formatDate(windowEndsAt, 'nl'), weeks: ANSWER_WEEKS })
}

/** The weighing declaration of a proposal: the college advises, and answers by `reportBackBy`. */
export function proposalDeclaration(threshold: number, windowEndsAt: Date, reportBackBy: Date) {
  return {
    level: 'adviseren' as const,
    decidedBy: 'college',
    decisionExpectedOn: null,
    usedFor: declarationSentence(threshold, windowEndsAt),
    bindingRule: null,
    reportBackBy: amsterdamDay(reportBackBy),
  }
}
