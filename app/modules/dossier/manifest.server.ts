import { seedDossier } from './seed.server'
import type { ServerManifest } from '../types'
import { runDueErasures } from './erasure.server'
import { runExports } from './export.server'
import { runRetention } from './retention.server'

/* The dossier's clock: erasures whose grace period ended, data exports to prepare, retention. (Its own dossier lines are the core's.) */
export const dossierServer: ServerManifest = {
  id: 'dossier',
  // After every other module's seed: the dossier demo has something in each of them.
  seed: { order: 100, run: seedDossier },
  ticks: [
    { name: 'dossier.erasures', run: (now) => runDueErasures(now) },
    { name: 'dossier.exports', run: (now) => runExports(now) },
    { name: 'dossier.retention', run: (now) => runRetention(now) },
  ],
}
