import type { ServerManifest } from '../types'
import { runDueErasures } from './erasure.server'
import { runExports } from './export.server'

/* The dossier's clock: erasures whose grace period ended, data exports to prepare. (Its own dossier lines are the core's.) */
export const dossierServer: ServerManifest = {
  id: 'dossier',
  ticks: [
    { name: 'dossier.erasures', run: (now) => runDueErasures(now) },
    { name: 'dossier.exports', run: (now) => runExports(now) },
  ],
}
