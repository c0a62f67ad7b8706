import type { ModuleManifest } from './types'
import { areasManifest } from './areas/manifest'
import { participationManifest } from './participation/manifest'
import { alertsManifest } from './alerts/manifest'

/** Every participation module, in navigation order. */
export const modules: ModuleManifest[] = [areasManifest, participationManifest, alertsManifest]
