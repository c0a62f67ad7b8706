import type { ModuleManifest } from '../types'
import { alertsPermissions } from './permissions'

export const alertsManifest: ModuleManifest = {
  id: 'alerts',
  nav: [{ to: '/bekendmakingen', label: 'alerts.nav' }],
  admin: [
    {
      to: '/beheer/bekendmakingen',
      label: 'alerts.admin_title',
      description: 'alerts.admin_description',
      rule: alertsPermissions.publishNotices,
    },
  ],
}
