import type { ModuleManifest } from './types'
import { areasManifest } from './areas/manifest'
import { budgetsManifest } from './budgets/manifest'
import { participationManifest } from './participation/manifest'
import { proposalsManifest } from './proposals/manifest'
import { contactManifest } from './contact/manifest'
import { moderationManifest } from './moderation/manifest'
import { assistedManifest } from './assisted/manifest'
import { consultationsManifest } from './consultations/manifest'
import { alertsManifest } from './alerts/manifest'
import { promisesManifest } from './promises/manifest'
import { decisionsManifest } from './decisions/manifest'

/** Every participation module, in navigation order. */
export const modules: ModuleManifest[] = [areasManifest, participationManifest, proposalsManifest, contactManifest, moderationManifest, assistedManifest, consultationsManifest, alertsManifest, budgetsManifest, promisesManifest, decisionsManifest]
