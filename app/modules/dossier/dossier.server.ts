import { serverModules } from '~/modules/registry.server'
import { translate, type Locale, type MessageKey, type Params } from '~/utils/i18n'
import type { DossierConsent, DossierLine, DossierSource } from '../types'
import { coreDossier, staffRoles } from './core.server'
import { dossierSettings } from './settings.server'
import { amsterdamDay } from '~/utils/time'

/*
 * The dossier: every module's `dossier` source (ServerManifest) plus the core's, read for one person.
 * The core knows no module: a new module adds a source to its manifest and its lines appear here, in
 * the export and in erasure.
 */

export function dossierSources(): DossierSource[] {
  return [coreDossier, ...serverModules.flatMap((m) => (m.dossier ? [m.dossier] : []))]
}

export function dossierKinds(): { id: string; label: MessageKey }[] {
  return dossierSources().flatMap((s) => s.kinds)
}

export interface RenderedLine {
  kind: string
  kindLabel: string
  at: string
  text: string
  href: string | null
  row: DossierLine['row']
}

/** Every line about this person, newest first, each as a sentence in the person's language. */
export async function dossierLines(userId: string, locale: Locale): Promise<RenderedLine[]> {
  const lines = (await Promise.all(dossierSources().map((s) => s.lines(userId)))).flat()
  const staff = await staffRoles(lines.flatMap((l) => (l.staffId ? [l.staffId] : [])))
  const showNames = dossierSettings().STEM_DOSSIER_STAFF_NAMES === 'true'
  const kindLabels = new Map(dossierKinds().map((k) => [k.id, translate(locale, k.label)]))
  const staffWords = (id: string | null | undefined): string => {
    const who = id ? staff.get(id) : undefined
    const role = translate(locale, `dossier.role.${who?.role ?? 'former'}` as MessageKey)
    return showNames && who ? translate(locale, 'dossier.role_named', { role, name: who.name }) : role
  }
  return lines
    .map((l) => {
      const params: Params = { ...l.params }
      for (const [name, key] of Object.entries(l.keys ?? {})) params[name] = translate(locale, key)
      if ('staffId' in l) params.staff = staffWords(l.staffId)
      const row = 'staffId' in l ? { ...l.row, by: String(params.staff) } : l.row
      return {
        kind: l.kind,
        kindLabel: kindLabels.get(l.kind) ?? l.kind,
        at: l.at.toISOString(),
        text: translate(locale, l.text, params),
        href: l.href ?? null,
        row,
      }
    })
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
}

export interface DossierFilter {
  kind?: string
  from?: string
  to?: string
  page: number
}

export const PAGE_SIZE = 25

/** One page of the dossier with a kind and date filter (dates `yyyy-mm-dd`, Amsterdam days, inclusive). */
export function filterLines(lines: RenderedLine[], filter: DossierFilter) {
  const day = (iso: string) => amsterdamDay(new Date(iso))
  const matching = lines.filter(
    (l) => (!filter.kind || l.kind === filter.kind) && (!filter.from || day(l.at) >= filter.from) && (!filter.to || day(l.at) <= filter.to),
  )
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE))
  const page = Math.min(Math.max(1, filter.page), pages)
  return { lines: matching.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: matching.length, page, pages }
}

export interface RenderedConsent {
  id: string
  text: string
  version: string
  givenAt: string
  effect: string
}

/** Every consent this person gave, from every module. */
export async function consentsOf(userId: string, locale: Locale): Promise<RenderedConsent[]> {
  const all = (await Promise.all(dossierSources().map((s) => s.consents?.(userId) ?? Promise.resolve([] as DossierConsent[])))).flat()
  return all.map((c) => {
    const params: Params = { ...c.params }
    for (const [name, key] of Object.entries(c.keys ?? {})) params[name] = translate(locale, key)
    return {
      id: c.id,
      text: translate(locale, c.text, params),
      version: c.version,
      givenAt: c.givenAt.toISOString(),
      effect: translate(locale, c.effect),
    }
  })
}

/** Withdraws one consent: the source that lists it withdraws it. False when no source has it. */
export async function withdrawConsent(userId: string, consentId: string): Promise<boolean> {
  for (const source of dossierSources()) {
    if (!source.consents || !source.withdraw) continue
    const own = await source.consents(userId)
    if (own.some((c) => c.id === consentId)) return source.withdraw(userId, consentId)
  }
  return false
}
