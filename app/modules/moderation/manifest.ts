import type { ModuleManifest } from '../types'
import { moderationPermissions } from './permissions'

export const moderationManifest: ModuleManifest = {
  id: 'moderation',
  admin: [
    {
      to: '/beheer/moderatie',
      label: 'moderation.queue_title',
      description: 'moderation.queue_description',
      rule: moderationPermissions.openQueue,
    },
  ],
}
