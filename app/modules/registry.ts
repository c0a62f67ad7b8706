import type { ModuleManifest } from './types'
import { areasManifest } from './areas/manifest'
import { budgetsManifest } from './budgets/manifest'
import { participationManifest } from './participation/manifest'

/** Every participation module, in navigation order. */
export const modules: ModuleManifest[] = [areasManifest, participationManifest, budgetsManifest]
