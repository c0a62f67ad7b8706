import type { ModuleManifest } from '../types'
import { decisionsPermissions } from './permissions'

export const decisionsManifest: ModuleManifest = {
  id: 'decisions',
  nav: [{ to: '/besluiten', label: 'decisions.nav' }],
  admin: [
    {
      to: '/beheer/besluiten',
      label: 'decisions.admin_title',
      description: 'decisions.admin_description',
      rule: decisionsPermissions.manage,
    },
  ],
}
