import { and, desc, eq, inArray } from 'drizzle-orm'
import {
  accountClaims,
  assistedActions,
  assistedConsents,
  assistedProfiles,
  assistedSessions,
  budgets,
  consultations,
  planNotices,
  proposals,
} from '~db/schema'
import { getDatabase } from '~db/runtime'
import { isMessageKey, type MessageKey } from '~/utils/i18n'
import type { DossierSource } from '../types'
import { itemPath } from './actions'
import { CHANNELS, type Channel } from './validation'

/*
 * What the helper desk knows about a person: what helpers entered for them (which item, through which
 * channel, by whom — shown as a role), and their consent per channel. Erasure removes all of it.
 */

const CHANNEL_KEYS: Record<Channel, MessageKey> = {
  desk: 'assisted.channel_desk',
  phone: 'assisted.channel_phone',
  wijkpunt: 'assisted.channel_wijkpunt',
  paper: 'assisted.channel_paper',
}

/** The titles of the items actions were about, per `kind:id`. */
async function itemTitles(items: { itemKind: string; itemId: string }[]): Promise<Map<string, string>> {
  const { db } = getDatabase()
  const ids = (kind: string) => items.filter((i) => i.itemKind === kind && /^\d{1,15}$/.test(i.itemId)).map((i) => Number(i.itemId))
  const titles = new Map<string, string>()
  const add = (kind: string, rows: { id: number; title: string }[]) => rows.forEach((r) => titles.set(`${kind}:${r.id}`, r.title))
  const tables = [
    ['consultation', consultations],
    ['budget', budgets],
    ['proposal', proposals],
    ['plan_notice', planNotices],
  ] as const
  for (const [kind, table] of tables) {
    const wanted = ids(kind)
    if (wanted.length) add(kind, await db.select({ id: table.id, title: table.title }).from(table).where(inArray(table.id, wanted)))
  }
  return titles
}

export const assistedDossier: DossierSource = {
  kinds: [{ id: 'assisted', label: 'dossier.kind.assisted' }],
  lines: async (userId) => {
    const { db } = getDatabase()
    const actions = await db
      .select()
      .from(assistedActions)
      .where(eq(assistedActions.residentId, userId))
      .orderBy(desc(assistedActions.createdAt))
    const titles = await itemTitles(actions)
    return actions.map((a) => {
      const label = `assisted.action.${a.action}`
      const title = titles.get(`${a.itemKind}:${a.itemId}`)
      return {
        kind: 'assisted',
        at: a.createdAt,
        text: title ? ('dossier.line.assisted_item' as const) : ('dossier.line.assisted' as const),
        params: { title: title ?? '' },
        keys: { action: isMessageKey(label) ? label : 'dossier.line.assisted_other', channel: CHANNEL_KEYS[a.channel] },
        staffId: a.helperId,
        href: itemPath(a.itemKind, a.itemId),
        row: { what: a.action, item: title ?? `${a.itemKind} ${a.itemId}`, channel: a.channel, at: a.createdAt.toISOString() },
      }
    })
  },
  consents: async (userId) => {
    const { db } = getDatabase()
    const rows = await db
      .select()
      .from(assistedConsents)
      .where(eq(assistedConsents.residentId, userId))
      .orderBy(desc(assistedConsents.createdAt))
    // The newest consent per channel: withdrawing one withdraws the channel.
    const newest = CHANNELS.map((c) => rows.find((r) => r.channel === c)).filter((r) => r !== undefined)
    return newest.map((r) => ({
      id: `channel:${r.channel}`,
      text: 'dossier.consent.helper' as const,
      keys: { channel: CHANNEL_KEYS[r.channel] },
      version: '1',
      givenAt: r.createdAt,
      effect: 'dossier.consent.helper_effect' as const,
    }))
  },
  withdraw: async (userId, consentId) => {
    const channel = CHANNELS.find((c) => consentId === `channel:${c}`)
    if (!channel) return false
    const { db } = getDatabase()
    return db.transaction(async (tx) => {
      const removed = await tx
        .delete(assistedConsents)
        .where(and(eq(assistedConsents.residentId, userId), eq(assistedConsents.channel, channel)))
        .returning({ id: assistedConsents.id })
      await tx.delete(assistedSessions).where(and(eq(assistedSessions.residentId, userId), eq(assistedSessions.channel, channel)))
      return removed.length > 0
    })
  },
  erase: async (tx, userId) => {
    await tx.delete(assistedSessions).where(eq(assistedSessions.residentId, userId))
    await tx.delete(assistedConsents).where(eq(assistedConsents.residentId, userId))
    await tx.delete(assistedActions).where(eq(assistedActions.residentId, userId))
    await tx.delete(assistedProfiles).where(eq(assistedProfiles.userId, userId))
    await tx.delete(accountClaims).where(eq(accountClaims.userId, userId))
  },
}
