import type { ServerManifest } from './types'
import { areasServer } from './areas/manifest.server'
import { budgetsServer } from './budgets/manifest.server'
import { participationServer } from './participation/manifest.server'
import { proposalsServer } from './proposals/manifest.server'
import { moderationServer } from './moderation/manifest.server'
import { consultationsServer } from './consultations/manifest.server'
import { alertsServer } from './alerts/manifest.server'

export const serverModules: ServerManifest[] = [areasServer, participationServer, proposalsServer, moderationServer, consultationsServer, alertsServer, budgetsServer]
