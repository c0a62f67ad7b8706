/*
 * Each module keeps its interface strings in app/modules/<name>/messages.ts:
 *   export const nl = { 'consultations.title': 'Inspraak', … } as const
 *   export const en: Record<keyof typeof nl, string> = { 'consultations.title': 'Consultations', … }
 * and adds itself here, e.g.
 *   import * as consultations from './consultations/messages'
 *   export const moduleMessages = { nl: { ...consultations.nl }, en: { ...consultations.en } }
 * Keys start with the module's name; the type checker insists that English has every Dutch key.
 */
import * as consultations from './consultations/messages'
import * as budgets from './budgets/messages'
import * as engagement from './engagement/messages'
import * as proposals from './proposals/messages'
import * as contact from './contact/messages'
import * as moderation from './moderation/messages'
import * as assisted from './assisted/messages'
import * as alerts from './alerts/messages'

export const moduleMessages = {
  nl: { ...engagement.nl, ...proposals.nl, ...contact.nl, ...moderation.nl, ...assisted.nl, ...consultations.nl, ...alerts.nl, ...budgets.nl },
  en: { ...engagement.en, ...proposals.en, ...contact.en, ...moderation.en, ...assisted.en, ...consultations.en, ...alerts.en, ...budgets.en },
}
