import type { ModuleManifest } from '../types'

export const areasManifest: ModuleManifest = {
  id: 'areas',
  nav: [{ to: '/wijken', label: 'nav.areas' }],
}
