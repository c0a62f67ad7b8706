import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { follows, hiddenContent, notifications, notificationSettings, publications, users, type NotificationEmail } from '~db/schema'
import { geoJsonToGeometry } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'
import { digestCutoff } from '~/utils/digest-time'
import { translate, type Locale, type MessageKey } from '~/utils/i18n'
import { formatDate } from '~/utils/time'
// Every language the server speaks, also where no page is rendered (ticks, workers, scripts).
import '~/utils/locale.server'

/*
 * The engagement core every module uses: notify people (in-app, and by e-mail when asked), let people
 * follow items, and record publications of items with a location for the alerts module.
 * Call these inside the transaction of the change that causes them.
 */

/**
 * A text that is rendered in the recipient's language when shown or mailed: a message key with values
 * (a value may be a day, formatted in that language, or another message with its own values), or plain
 * text that needs no translation (a title someone typed, a staff member's answer), or a list of these as
 * paragraphs, or `{ lines }` one under the other (blank ones kept: the layout of an e-mail).
 */
export type Text = string | Message | Text[] | { lines: Text[] }
export type Message = { key: MessageKey; params?: Record<string, TextValue> }
export type TextValue = string | number | { date: string } | Message

/** A text in one language; a list of texts is rendered as paragraphs (empty ones left out). */
export function renderText(text: Text, locale: Locale): string {
  if (typeof text === 'string') return text
  if (Array.isArray(text))
    return text
      .map((t) => renderText(t, locale))
      .filter(Boolean)
      .join('\n\n')
  if ('lines' in text) return text.lines.map((line) => renderText(line, locale)).join('\n')
  const params = Object.fromEntries(
    Object.entries(text.params ?? {}).map(([name, v]) => [
      name,
      typeof v === 'object' ? ('date' in v ? formatDate(v.date, locale) : renderText(v, locale)) : v,
    ]),
  )
  return translate(locale, text.key, params)
}

type StoredMessage = { title: Text; body: Text; subject?: Text }

/** A stored notification's title, body and subject in one language (older rows hold Dutch text only). */
export function renderNotification(n: { title: string; body: string; emailSubject: string | null; message: unknown }, locale: Locale) {
  const m = n.message as StoredMessage | null
  return {
    title: m ? renderText(m.title, locale) : n.title,
    body: m ? renderText(m.body, locale) : n.body,
    subject: m?.subject ? renderText(m.subject, locale) : n.emailSubject,
  }
}

export interface NoticeInput {
  userIds: string[]
  kind: string
  title: Text
  body: Text
  /** Path on this site, e.g. `/initiatieven/12`. */
  href: string
  /** The event's identity: the same key never notifies one person twice (e.g. `proposal:12:answered`). */
  dedupeKey: string
  /** Also send an e-mail (to confirmed addresses only), with this subject; the body gets the link. */
  emailSubject?: Text
}

/**
 * Creates in-app notifications and, with `emailSubject`, e-mail: at once for people who want it so (the
 * default), in the next daily digest for those who chose one, never for those who switched e-mail off or
 * have no confirmed address. Returns how many notifications were new.
 */
export async function notify(db: Queryable, input: NoticeInput): Promise<number> {
  const userIds = [...new Set(input.userIds)]
  if (!userIds.length) return 0
  const structured = [input.title, input.body, input.emailSubject].some((x) => x !== undefined && typeof x !== 'string')
  const message: StoredMessage | null = structured ? { title: input.title, body: input.body, subject: input.emailSubject } : null
  const created = await db
    .insert(notifications)
    .values(
      userIds.map((userId) => ({
        userId,
        kind: input.kind,
        title: renderText(input.title, 'nl'),
        body: renderText(input.body, 'nl'),
        href: input.href,
        dedupeKey: input.dedupeKey,
        emailSubject: input.emailSubject === undefined ? null : renderText(input.emailSubject, 'nl'),
        message,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId })
  if (input.emailSubject && created.length) {
    const recipients = await db
      .select({ id: users.id, email: users.email, locale: users.locale })
      .from(users)
      .leftJoin(notificationSettings, eq(notificationSettings.userId, users.id))
      .where(
        and(
          inArray(
            users.id,
            created.map((c) => c.userId),
          ),
          isNotNull(users.emailConfirmedAt),
          isNull(users.blockedAt),
          sql`coalesce(${notificationSettings.email}, 'immediately') = 'immediately'`,
        ),
      )
    for (const r of recipients) {
      const locale = asLocale(r.locale)
      const tr = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)
      await queueEmail(db, {
        to: r.email,
        subject: renderText(input.emailSubject, locale),
        kind: input.kind,
        text: `${renderText(input.title, locale)}\n\n${renderText(input.body, locale)}\n\n${tr('engagement.mail_link', { url: absoluteUrl(input.href) })}\n\n${tr('engagement.mail_footer', { url: absoluteUrl('/mijn/meldingen') })}`,
      })
    }
    const mailed = new Set(recipients.map((r) => r.id))
    const ids = created.filter((c) => mailed.has(c.userId)).map((c) => c.id)
    if (ids.length)
      await db
        .update(notifications)
        .set({ emailedAt: sql`now()` })
        .where(inArray(notifications.id, ids))
  }
  return created.length
}

/** A person's language (`users.locale`) for what they are sent; Dutch unless they chose English. */
export const asLocale = (value: string | null | undefined): Locale => (value === 'en' ? 'en' : 'nl')

export async function emailSetting(userId: string, db: Queryable = getDatabase().db): Promise<NotificationEmail> {
  const [row] = await db
    .select({ email: notificationSettings.email })
    .from(notificationSettings)
    .where(eq(notificationSettings.userId, userId))
  return row?.email ?? 'immediately'
}

export async function saveEmailSetting(userId: string, email: NotificationEmail, db: Queryable = getDatabase().db): Promise<void> {
  await db
    .insert(notificationSettings)
    .values({ userId, email })
    .onConflictDoUpdate({ target: notificationSettings.userId, set: { email, updatedAt: sql`now()` } })
}

/**
 * The daily digest, at 07:00 in the Netherlands: one e-mail per person who chose it, with every
 * notification worth an e-mail of the day before the moment. Claiming the rows (`emailed_at`) and queueing
 * the e-mail happen in one transaction, so two servers running this at once send one digest, and a crash
 * sends it later rather than never. Older waiting notifications (from before a switch to daily) are
 * marked and stay in-app only. Returns the number of digests queued.
 */
export async function sendNotificationDigests(now = new Date(), db: Queryable = getDatabase().db, batch = 100): Promise<number> {
  const cutoff = digestCutoff('daily', now)
  const since = new Date(cutoff.getTime() - 24 * 3600_000)
  const due = await db
    .selectDistinct({ userId: notifications.userId })
    .from(notifications)
    .innerJoin(notificationSettings, eq(notificationSettings.userId, notifications.userId))
    .where(
      and(
        eq(notificationSettings.email, 'daily'),
        isNotNull(notifications.emailSubject),
        isNull(notifications.emailedAt),
        sql`${notifications.createdAt} < ${cutoff.toISOString()}`,
      ),
    )
    .limit(batch)
  let sent = 0
  for (const { userId } of due) {
    sent += await db.transaction(async (tx) => {
      const claimed = await tx
        .update(notifications)
        .set({ emailedAt: sql`now()` })
        .where(
          and(
            eq(notifications.userId, userId),
            isNotNull(notifications.emailSubject),
            isNull(notifications.emailedAt),
            sql`${notifications.createdAt} < ${cutoff.toISOString()}`,
          ),
        )
        .returning({
          title: notifications.title,
          body: notifications.body,
          emailSubject: notifications.emailSubject,
          message: notifications.message,
          href: notifications.href,
          createdAt: notifications.createdAt,
        })
      const items = claimed.filter((n) => n.createdAt >= since).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      if (!items.length) return 0
      const [person] = await tx
        .select({ email: users.email, locale: users.locale })
        .from(users)
        .where(and(eq(users.id, userId), isNotNull(users.emailConfirmedAt), isNull(users.blockedAt)))
      if (!person) return 0
      const locale = asLocale(person.locale)
      const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params)
      const lines = items.flatMap((n) => {
        const shown = renderNotification(n, locale)
        return ['', `- ${shown.title}`, `  ${shown.body}`, `  ${absoluteUrl(n.href)}`]
      })
      await queueEmail(tx, {
        to: person.email,
        subject: items.length === 1 ? t('engagement.digest_subject_one') : t('engagement.digest_subject', { n: items.length }),
        kind: 'notification_digest',
        text: [
          t('engagement.digest_intro', { n: items.length }),
          ...lines,
          '',
          t('engagement.mail_footer', { url: absoluteUrl('/mijn/meldingen') }),
        ].join('\n'),
      })
      return 1
    })
  }
  return sent
}

export async function follow(db: Queryable, userId: string, itemKind: string, itemId: string): Promise<void> {
  await db.insert(follows).values({ userId, itemKind, itemId }).onConflictDoNothing()
}

export async function unfollow(db: Queryable, userId: string, itemKind: string, itemId: string): Promise<void> {
  await db.delete(follows).where(and(eq(follows.userId, userId), eq(follows.itemKind, itemKind), eq(follows.itemId, itemId)))
}

export async function isFollowing(userId: string, itemKind: string, itemId: string): Promise<boolean> {
  const { db } = getDatabase()
  const row = await db.query.follows.findFirst({
    where: and(eq(follows.userId, userId), eq(follows.itemKind, itemKind), eq(follows.itemId, itemId)),
  })
  return !!row
}

export async function followerIds(db: Queryable, itemKind: string, itemId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: follows.userId })
    .from(follows)
    .where(and(eq(follows.itemKind, itemKind), eq(follows.itemId, itemId)))
  return rows.map((r) => r.userId)
}

/** A person's latest notifications, in the language they read the page in. */
export async function recentNotifications(userId: string, locale: Locale = 'nl', limit = 50) {
  const { db } = getDatabase()
  const rows = await db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
  return rows.map((n) => ({ ...n, ...renderNotification(n, locale) }))
}

export async function unreadCount(userId: string): Promise<number> {
  const { db } = getDatabase()
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return row?.n ?? 0
}

export async function markAllRead(userId: string): Promise<void> {
  const { db } = getDatabase()
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
}

export interface PublicationInput {
  itemKind: string
  itemId: string
  event?: string
  title: string
  href: string
  topic: 'building' | 'traffic' | 'green' | 'events' | 'consultations' | 'budgets' | 'proposals'
  /** GeoJSON geometry in WGS84, or null for an area-only or city-wide item. */
  geometry: object | null
  areaCodes?: string[]
  deadline?: Date | null
}

/** Records that an item became public, once per (kind, item, event); the alerts module picks it up. */
export async function recordPublication(db: Queryable, input: PublicationInput): Promise<void> {
  await db
    .insert(publications)
    .values({
      itemKind: input.itemKind,
      itemId: input.itemId,
      event: input.event ?? 'published',
      title: input.title,
      href: input.href,
      topic: input.topic,
      geometry: input.geometry ? (geoJsonToGeometry(input.geometry) as unknown as string) : null,
      areaCodes: input.areaCodes ?? [],
      deadline: input.deadline ?? null,
    })
    .onConflictDoNothing()
}

/** The public reasons of hidden content of one kind, by content id (absent: visible). */
export async function hiddenReasons(db: Queryable, contentKind: string, contentIds: string[]): Promise<Map<string, string>> {
  if (!contentIds.length) return new Map()
  const rows = await db
    .select({ id: hiddenContent.contentId, reason: hiddenContent.reason })
    .from(hiddenContent)
    .where(and(eq(hiddenContent.contentKind, contentKind), inArray(hiddenContent.contentId, contentIds)))
  return new Map(rows.map((r) => [r.id, r.reason]))
}
