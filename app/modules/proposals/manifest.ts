import type { ModuleManifest } from '../types'
import { proposalPermissions } from './permissions'

export const proposalsManifest: ModuleManifest = {
  id: 'proposals',
  nav: [{ to: '/initiatieven', label: 'proposals.nav' }],
  admin: [
    {
      to: '/beheer/initiatieven',
      label: 'proposals.admin.title',
      description: 'proposals.admin.description',
      rule: proposalPermissions.manage,
    },
  ],
}
