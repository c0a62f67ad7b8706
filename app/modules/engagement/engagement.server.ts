import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import { follows, hiddenContent, notifications, publications, users } from '~db/schema'
import { geoJsonToGeometry } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { queueEmail } from '~/utils/mail.server'
import { absoluteUrl } from '~/utils/url.server'

/*
 * The engagement core every module uses: notify people (in-app, and by e-mail when asked), let people
 * follow items, and record publications of items with a location for the alerts module.
 * Call these inside the transaction of the change that causes them.
 */

export interface NoticeInput {
  userIds: string[]
  kind: string
  title: string
  body: string
  /** Path on this site, e.g. `/initiatieven/12`. */
  href: string
  /** The event's identity: the same key never notifies one person twice (e.g. `proposal:12:answered`). */
  dedupeKey: string
  /** Also send an e-mail (to confirmed addresses only), with this subject; the body gets the link. */
  emailSubject?: string
}

/** Creates in-app notifications and, with `emailSubject`, queued e-mails. Returns how many were new. */
export async function notify(db: Queryable, input: NoticeInput): Promise<number> {
  const userIds = [...new Set(input.userIds)]
  if (!userIds.length) return 0
  const created = await db
    .insert(notifications)
    .values(
      userIds.map((userId) => ({
        userId,
        kind: input.kind,
        title: input.title,
        body: input.body,
        href: input.href,
        dedupeKey: input.dedupeKey,
      })),
    )
    .onConflictDoNothing()
    .returning({ userId: notifications.userId })
  if (input.emailSubject && created.length) {
    const recipients = await db
      .select({ email: users.email })
      .from(users)
      .where(
        and(
          inArray(
            users.id,
            created.map((c) => c.userId),
          ),
          isNotNull(users.emailConfirmedAt),
          isNull(users.blockedAt),
        ),
      )
    for (const r of recipients) {
      await queueEmail(db, {
        to: r.email,
        subject: input.emailSubject,
        kind: input.kind,
        text: `${input.title}\n\n${input.body}\n\nBekijk het hier: ${absoluteUrl(input.href)}\n\nU krijgt dit bericht omdat u dit volgt of steunt op Stem van Groningen. Instellingen: ${absoluteUrl('/mijn/meldingen')}`,
      })
    }
  }
  return created.length
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

export async function recentNotifications(userId: string, limit = 50) {
  const { db } = getDatabase()
  return db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
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
