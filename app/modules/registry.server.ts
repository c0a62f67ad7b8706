import type { ServerManifest } from './types'
import { areasServer } from './areas/manifest.server'
import { participationServer } from './participation/manifest.server'
import { alertsServer } from './alerts/manifest.server'

export const serverModules: ServerManifest[] = [areasServer, participationServer, alertsServer]
