import type { ServerManifest } from './types'
import { areasServer } from './areas/manifest.server'
import { budgetsServer } from './budgets/manifest.server'
import { participationServer } from './participation/manifest.server'

export const serverModules: ServerManifest[] = [areasServer, participationServer, budgetsServer]
