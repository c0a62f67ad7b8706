import type { Actor } from '~/auth/permissions'
import type { PageBanner, ServerManifest } from './types'
import { areasServer } from './areas/manifest.server'
import { budgetsServer } from './budgets/manifest.server'
import { participationServer } from './participation/manifest.server'
import { proposalsServer } from './proposals/manifest.server'
import { moderationServer } from './moderation/manifest.server'
import { consultationsServer } from './consultations/manifest.server'
import { alertsServer } from './alerts/manifest.server'
import { assistedServer } from './assisted/manifest.server'
import { promisesServer } from './promises/manifest.server'
import { decisionsServer } from './decisions/manifest.server'
import { contactServer } from './contact/manifest.server'
import { dossierServer } from './dossier/manifest.server'

export const serverModules: ServerManifest[] = [
  areasServer,
  participationServer,
  proposalsServer,
  moderationServer,
  consultationsServer,
  alertsServer,
  budgetsServer,
  assistedServer,
  promisesServer,
  decisionsServer,
  contactServer,
  dossierServer,
]

/** The banners every module wants on this person's pages now (types.ts PageBanner). */
export async function bannersFor(request: Request, actor: Actor | null): Promise<PageBanner[]> {
  if (!actor) return []
  const all = await Promise.all(serverModules.map((m) => m.banner?.(request, actor) ?? null))
  return all.filter((b): b is PageBanner => b !== null)
}
