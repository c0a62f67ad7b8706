import { and, desc, eq, inArray, isNotNull, ne } from 'drizzle-orm'
import { auditLog, follows, notificationSettings, participationItems, userRoles, users } from '~db/schema'
import { getDatabase } from '~db/runtime'
import { isMessageKey, type MessageKey } from '~/utils/i18n'
import { saveEmailSetting } from '~/modules/engagement/engagement.server'
import type { DossierLine, DossierSource } from '../types'

/*
 * What the core knows about a person: the account itself, the items they follow, their choice for
 * e-mail, and every time a staff member or helper looked at or changed their data (the audit log).
 */

/** The sentence for an audit action; the part after the module names what was done. */
export function accessKey(action: string): MessageKey {
  const key = `dossier.access.${action.replace(/\./g, '_')}`
  if (isMessageKey(key)) return key
  if (action.startsWith('assisted.')) return 'dossier.access.assisted_entered'
  return 'dossier.access.other'
}

/** Older audit reasons name a helper by account id ("medewerker e860…"); the dossier names roles instead. */
function withoutStaffIds(reason: string): string {
  return reason.replace(/\bmedewerker [a-z0-9]{8,}\b/g, 'een medewerker')
}

export const coreDossier: DossierSource = {
  kinds: [
    { id: 'account', label: 'dossier.kind.account' },
    { id: 'follow', label: 'dossier.kind.follow' },
    { id: 'access', label: 'dossier.kind.access' },
  ],
  lines: async (userId) => {
    const { db } = getDatabase()
    const [user] = await db.select().from(users).where(eq(users.id, userId))
    const followed = await db
      .select({ title: participationItems.title, href: participationItems.href, kind: follows.itemKind, at: follows.createdAt })
      .from(follows)
      .leftJoin(participationItems, and(eq(participationItems.kind, follows.itemKind), eq(participationItems.itemId, follows.itemId)))
      .where(eq(follows.userId, userId))
    const access = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, userId), isNotNull(auditLog.actorId), ne(auditLog.actorId, userId)))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
    const lines: DossierLine[] = []
    if (user) {
      lines.push({
        kind: 'account',
        at: user.createdAt,
        text: 'dossier.line.account',
        params: { name: user.displayName, email: user.email },
        href: '/mijn',
        row: {
          name: user.displayName,
          email: user.email,
          birth_year: user.birthYear,
          wijk: user.wijkCode,
          buurt: user.buurtCode,
          verified: user.verifiedAt?.toISOString() ?? null,
          created: user.createdAt.toISOString(),
          language: user.locale,
        },
      })
      if (user.verifiedAt)
        lines.push({
          kind: 'account',
          at: user.verifiedAt,
          text: 'dossier.line.verified',
          params: { wijk: user.wijkCode ?? '' },
          href: '/mijn/adres',
          row: { verified: user.verifiedAt.toISOString(), method: user.verificationMethod, wijk: user.wijkCode },
        })
    }
    for (const f of followed)
      lines.push({
        kind: 'follow',
        at: f.at,
        text: 'dossier.line.follow',
        params: { title: f.title ?? f.kind },
        href: f.href,
        row: { item: f.title ?? f.kind, since: f.at.toISOString(), link: f.href },
      })
    // What a helper entered is a line of the helper desk's own (with the item and the channel).
    for (const a of access.filter((e) => !/^assisted\.\w+\.\w+$/.test(e.action)))
      lines.push({
        kind: 'access',
        at: a.at,
        text: a.reason ? 'dossier.line.access_reason' : 'dossier.line.access',
        params: { reason: withoutStaffIds(a.reason ?? '') },
        keys: { action: accessKey(a.action) },
        staffId: a.actorId,
        row: { at: a.at.toISOString(), what: a.action, reason: a.reason },
      })
    return lines
  },
  consents: async (userId) => {
    const { db } = getDatabase()
    const [setting] = await db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId))
    const [user] = await db.select({ createdAt: users.createdAt }).from(users).where(eq(users.id, userId))
    if (setting?.email === 'off' || !user) return []
    return [
      {
        id: 'email:notifications',
        text: setting?.email === 'daily' ? 'dossier.consent.email_daily' : 'dossier.consent.email_immediately',
        version: '1',
        givenAt: setting?.updatedAt ?? user.createdAt,
        effect: 'dossier.consent.email_effect',
      },
    ]
  },
  withdraw: async (userId, consentId) => {
    if (consentId !== 'email:notifications') return false
    await saveEmailSetting(userId, 'off')
    return true
  },
}

/** Staff members' roles now, for the dossier's "who": the highest one per person ('former' when none is left). */
export async function staffRoles(ids: string[]): Promise<Map<string, { role: string; name: string }>> {
  const unique = [...new Set(ids)]
  if (!unique.length) return new Map()
  const { db } = getDatabase()
  const people = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, unique))
  const roles = await db.select({ userId: userRoles.userId, role: userRoles.role }).from(userRoles).where(inArray(userRoles.userId, unique))
  const order = ['admin', 'staff', 'griffie', 'moderator', 'helper']
  return new Map(
    people.map((p) => {
      const held = roles.filter((r) => r.userId === p.id).map((r) => r.role as string)
      return [p.id, { role: order.find((o) => held.includes(o)) ?? 'former', name: p.name }]
    }),
  )
}
