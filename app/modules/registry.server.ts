import type { ServerManifest } from './types'
import { areasServer } from './areas/manifest.server'

export const serverModules: ServerManifest[] = [areasServer]
