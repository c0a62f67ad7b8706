import type { ModuleManifest } from './types'
import { areasManifest } from './areas/manifest'
import { participationManifest } from './participation/manifest'
import { consultationsManifest } from './consultations/manifest'

/** Every participation module, in navigation order. */
export const modules: ModuleManifest[] = [areasManifest, participationManifest, consultationsManifest]
