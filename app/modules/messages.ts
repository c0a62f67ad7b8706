/*
 * Each module keeps its interface strings in app/modules/<name>/messages.ts:
 *   export const nl = { 'consultations.title': 'Inspraak', … } as const
 *   export const en: Record<keyof typeof nl, string> = { 'consultations.title': 'Consultations', … }
 * and adds itself here, e.g.
 *   import * as consultations from './consultations/messages'
 *   export const moduleMessages = { nl: { ...consultations.nl }, en: { ...consultations.en } }
 * Keys start with the module's name; the type checker insists that English has every Dutch key.
 */
import * as budgets from './budgets/messages'
import * as engagement from './engagement/messages'

export const moduleMessages = {
  nl: { ...engagement.nl, ...budgets.nl },
  en: { ...engagement.en, ...budgets.en },
}
