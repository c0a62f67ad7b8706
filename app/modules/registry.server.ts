import type { ServerManifest } from './types'
import { areasServer } from './areas/manifest.server'
import { participationServer } from './participation/manifest.server'
import { consultationsServer } from './consultations/manifest.server'

export const serverModules: ServerManifest[] = [areasServer, participationServer, consultationsServer]
