import type { ServerManifest } from '../types'
import { contactDossier } from './dossier.server'

export const contactServer: ServerManifest = {
  id: 'contact',
  dossier: contactDossier,
}
