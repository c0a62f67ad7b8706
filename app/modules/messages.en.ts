/** English strings of every module (see messages.ts). */
import { en as engagement } from './engagement/messages.en'
import { en as proposals } from './proposals/messages.en'
import { en as contact } from './contact/messages.en'
import { en as moderation } from './moderation/messages.en'
import { en as assisted } from './assisted/messages.en'
import { en as consultations } from './consultations/messages.en'
import { en as alerts } from './alerts/messages.en'
import { en as budgets } from './budgets/messages.en'
import { en as promises } from './promises/messages.en'
import { en as decisions } from './decisions/messages.en'
import { en as dossier } from './dossier/messages.en'

export const moduleMessagesEn = {
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
