import type { ModuleManifest } from '../types'
import { createConsultation } from './permissions'

export const consultationsManifest: ModuleManifest = {
  id: 'consultations',
  nav: [{ to: '/inspraak', label: 'consultations.nav' }],
  admin: [
    {
      to: '/beheer/inspraak',
      label: 'consultations.admin',
      description: 'consultations.admin_description',
      rule: createConsultation,
    },
  ],
}
