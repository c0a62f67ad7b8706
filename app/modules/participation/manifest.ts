import type { ModuleManifest } from '../types'

export const participationManifest: ModuleManifest = {
  id: 'participation',
  nav: [{ to: '/verantwoording', label: 'nav.accountability' }],
}
