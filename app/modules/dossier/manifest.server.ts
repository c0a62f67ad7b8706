import type { ServerManifest } from '../types'
import { runDueErasures } from './erasure.server'

/* The dossier's clock: erasures whose grace period ended. (Its own dossier lines are the core's.) */
export const dossierServer: ServerManifest = {
  id: 'dossier',
  ticks: [{ name: 'dossier.erasures', run: (now) => runDueErasures(now) }],
}
