import type { ModuleManifest } from '../types'
import { assistedPermissions } from './permissions'

export const assistedManifest: ModuleManifest = {
  id: 'assisted',
  admin: [
    { to: '/balie', label: 'assisted.desk_title', description: 'assisted.desk_description', rule: assistedPermissions.useDesk },
    { to: '/beheer/audit', label: 'assisted.audit_title', description: 'assisted.audit_description', rule: assistedPermissions.readAudit },
  ],
}
