/*
 * Each module keeps its interface strings in app/modules/<name>/messages.ts (Dutch):
 *   export const nl = { 'consultations.title': 'Inspraak', … } as const
 * and in messages.en.ts (English):
 *   export const en: Record<keyof typeof nl, string> = { 'consultations.title': 'Consultations', … }
 * and adds itself here and in ./messages.en.ts. Keys start with the module's name; the type checker
 * insists that English has every Dutch key. Two files, so that a browser showing Dutch never downloads
 * the English (app/utils/i18n.tsx, app/entry.client.tsx).
 */
import { nl as engagement } from './engagement/messages'
import { nl as proposals } from './proposals/messages'
import { nl as contact } from './contact/messages'
import { nl as moderation } from './moderation/messages'
import { nl as assisted } from './assisted/messages'
import { nl as consultations } from './consultations/messages'
import { nl as alerts } from './alerts/messages'
import { nl as budgets } from './budgets/messages'
import { nl as promises } from './promises/messages'
import { nl as decisions } from './decisions/messages'
import { nl as dossier } from './dossier/messages'

export const moduleMessages = {
  ...engagement,
  ...proposals,
  ...contact,
  ...moderation,
  ...assisted,
  ...consultations,
  ...alerts,
  ...budgets,
  ...promises,
  ...decisions,
  ...dossier,
}
