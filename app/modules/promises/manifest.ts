import type { ModuleManifest } from '../types'
import { recordPromises } from './permissions'

export const promisesManifest: ModuleManifest = {
  id: 'promises',
  nav: [{ to: '/beloften', label: 'promises.nav' }],
  admin: [{ to: '/beheer/beloften', label: 'promises.admin', description: 'promises.admin_description', rule: recordPromises }],
}
