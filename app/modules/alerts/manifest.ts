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
  userAdmin: [
    {
      to: '/beheer/plekken/{id}',
      label: 'alerts.resident_places_link',
      description: 'alerts.resident_places_description',
      rule: alertsPermissions.viewResidentPlaces,
    },
  ],
}
