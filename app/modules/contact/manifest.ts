import type { ModuleManifest } from '../types'
import { contactPermissions } from './permissions'

export const contactManifest: ModuleManifest = {
  id: 'contact',
  admin: [
    {
      to: '/beheer/contact',
      label: 'contact.queue_title',
      description: 'contact.queue_description',
      rule: contactPermissions.handleContact,
    },
  ],
}
