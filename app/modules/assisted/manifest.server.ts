import { seedDesk } from './seed.server'
import { eq } from 'drizzle-orm'
import { users } from '~db/schema'
import { getDatabase } from '~db/runtime'
import type { ServerManifest } from '../types'
import { actingFor } from '~/auth/acting.server'
import { CHANNEL_NAMES } from './validation'
import { assistedPermissions } from './permissions'
import { assistedDossier } from './dossier.server'

export const assistedServer: ServerManifest = {
  id: 'assisted',
  seed: { order: 40, run: seedDesk },
  dossier: assistedDossier,
  // On every page while a helper acts for a resident: who it is for, and the way back to stop.
  // Nobody else pays for it: the permission is checked before the one query.
  banner: async (request, actor) => {
    if (!assistedPermissions.useDesk(actor, undefined).ok) return null
    const context = await actingFor(request, actor)
    if (!context) return null
    const [resident] = await getDatabase().db.select({ name: users.displayName }).from(users).where(eq(users.id, context.residentId))
    if (!resident) return null
    return {
      id: 'acting-for',
      text: 'assisted.banner',
      params: { name: resident.name, channel: CHANNEL_NAMES[context.channel] },
      link: { to: '/balie', label: 'assisted.banner_link' },
    }
  },
}
