import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { contentFlags, hiddenContent, moderationActions, moderationObjections, users, type FlagReason } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import type { Actor } from '~/auth/permissions'
import { moderationPermissions } from './permissions'
import { describeContent, registeredKinds, type Kinds } from './shared.server'
import { FLAG_REASONS } from './validation'

/* What moderation reads: a moderator's queue, the blocked people, a hidden item's reason, the public summary. */

export interface QueueItem {
  kind: string
  id: string
  title: string
  excerpt: string
  href: string
  authorId: string | null
  authorName: string | null
  wijkCode: string | null
  hiddenReason: string | null
  flags: { reason: FlagReason; count: number }[]
  flagTexts: string[]
  objection: string | null
  /** The actor may act on it (false for their own content). */
  canModerate: boolean
  own: boolean
}

const key = (k: string, i: string) => `${k}\u0000${i}`

/** What may be in a queue, oldest first: objections, then open flags, then hidden content; at most 500 of each. */
async function queueCandidates(kindNames: string[], db: Queryable) {
  const flagged = await db
    .select({ kind: contentFlags.contentKind, id: contentFlags.contentId, first: sql<string>`min(${contentFlags.createdAt})` })
    .from(contentFlags)
    .where(and(isNull(contentFlags.resolvedAt), inArray(contentFlags.contentKind, kindNames)))
    .groupBy(contentFlags.contentKind, contentFlags.contentId)
    .orderBy(sql`min(${contentFlags.createdAt})`)
    .limit(500)
  const objected = await db
    .select({ kind: moderationObjections.contentKind, id: moderationObjections.contentId, text: moderationObjections.text })
    .from(moderationObjections)
    .where(and(isNull(moderationObjections.handledAt), inArray(moderationObjections.contentKind, kindNames)))
    .orderBy(asc(moderationObjections.createdAt))
    .limit(500)
  const hidden = await db
    .select({ kind: hiddenContent.contentKind, id: hiddenContent.contentId, reason: hiddenContent.reason })
    .from(hiddenContent)
    .where(inArray(hiddenContent.contentKind, kindNames))
    .orderBy(desc(hiddenContent.hiddenAt))
    .limit(500)
  const refs = new Map<string, { kind: string; id: string }>()
  for (const r of [...objected, ...flagged, ...hidden]) if (!refs.has(key(r.kind, r.id))) refs.set(key(r.kind, r.id), r)
  return {
    refs: [...refs.values()],
    objections: new Map(objected.map((o) => [key(o.kind, o.id), o.text])),
    hiddenReasons: new Map(hidden.map((h) => [key(h.kind, h.id), h.reason])),
  }
}

/** Flag counts per reason, the texts given with "other" and the authors' names, for the items shown. */
async function addFlagsAndAuthors(items: QueueItem[], db: Queryable) {
  const flagRows = await db
    .select({ kind: contentFlags.contentKind, id: contentFlags.contentId, reason: contentFlags.reason, text: contentFlags.text })
    .from(contentFlags)
    .where(
      and(
        isNull(contentFlags.resolvedAt),
        inArray(
          contentFlags.contentId,
          items.map((i) => i.id),
        ),
      ),
    )
  const authorIds = [...new Set(items.map((i) => i.authorId).filter((x): x is string => !!x))]
  const authors = authorIds.length
    ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, authorIds))
    : []
  const names = new Map(authors.map((a) => [a.id, a.name]))
  for (const item of items) {
    const mine = flagRows.filter((f) => f.kind === item.kind && f.id === item.id)
    item.flags = FLAG_REASONS.map((reason) => ({ reason, count: mine.filter((f) => f.reason === reason).length })).filter((f) => f.count)
    item.flagTexts = mine.map((f) => f.text).filter((t): t is string => !!t)
    item.authorName = item.authorId ? (names.get(item.authorId) ?? null) : null
  }
}

/**
 * The queue for one moderator: content with open flags, hidden content with an objection, and hidden
 * content (to restore) — only what falls in their wijken; city-wide content goes to staff.
 */
export async function moderationQueue(
  actor: Actor,
  kinds: Kinds = registeredKinds(),
  limit = 100,
  db: Queryable = getDatabase().db,
): Promise<QueueItem[]> {
  const kindNames = kinds.map((k) => k.kind)
  if (!kindNames.length) return []
  const { refs, objections, hiddenReasons } = await queueCandidates(kindNames, db)
  const items: QueueItem[] = []
  for (const ref of refs) {
    if (items.length >= limit) break
    const content = await describeContent(ref.kind, ref.id, kinds)
    if (!content) continue
    const decision = moderationPermissions.moderate(actor, content)
    const own = !!content.authorId && content.authorId === actor.id
    // Out of scope: not in this moderator's queue at all. Own content shows, without the checkbox.
    if (!decision.ok && !own) continue
    items.push({
      kind: ref.kind,
      id: ref.id,
      title: content.title,
      excerpt: content.excerpt,
      href: content.href,
      authorId: content.authorId,
      authorName: null,
      wijkCode: content.wijkCode,
      hiddenReason: hiddenReasons.get(key(ref.kind, ref.id)) ?? null,
      flags: [],
      flagTexts: [],
      objection: objections.get(key(ref.kind, ref.id)) ?? null,
      canModerate: decision.ok,
      own,
    })
  }
  if (items.length) await addFlagsAndAuthors(items, db)
  return items
}

/** People who are blocked now, newest first, for the staff who may lift it. */
export async function blockedUsers(limit = 100, db: Queryable = getDatabase().db) {
  return db
    .select({ id: users.id, displayName: users.displayName, blockedAt: users.blockedAt, blockedReason: users.blockedReason })
    .from(users)
    .where(sql`${users.blockedAt} is not null`)
    .orderBy(desc(users.blockedAt))
    .limit(limit)
}

export async function hiddenReasonOf(kind: string, id: string, db: Queryable = getDatabase().db): Promise<string | null> {
  const row = await db.query.hiddenContent.findFirst({ where: (h) => and(eq(h.contentKind, kind), eq(h.contentId, id)) })
  return row?.reason ?? null
}

export async function hasObjected(authorId: string, kind: string, id: string, db: Queryable = getDatabase().db): Promise<boolean> {
  const row = await db.query.moderationObjections.findFirst({
    where: (o) => and(eq(o.authorId, authorId), eq(o.contentKind, kind), eq(o.contentId, id)),
  })
  return !!row
}

export interface SummaryRow {
  month: string
  reason: FlagReason
  flags: number
  hidden: number
}

/** Public and open data: per month and reason, how many flags came in and how much was hidden. No names. */
export async function monthlySummary(months = 12, db: Queryable = getDatabase().db): Promise<SummaryRow[]> {
  const since = sql`date_trunc('month', now()) - make_interval(months => ${months - 1})`
  const flags = await db
    .select({
      month: sql<string>`to_char(date_trunc('month', ${contentFlags.createdAt} at time zone 'Europe/Amsterdam'), 'YYYY-MM')`,
      reason: contentFlags.reason,
      n: sql<number>`count(*)::int`,
    })
    .from(contentFlags)
    .where(sql`${contentFlags.createdAt} >= ${since}`)
    .groupBy(sql`1`, contentFlags.reason)
  const hides = await db
    .select({
      month: sql<string>`to_char(date_trunc('month', ${moderationActions.createdAt} at time zone 'Europe/Amsterdam'), 'YYYY-MM')`,
      reason: moderationActions.category,
      n: sql<number>`count(*)::int`,
    })
    .from(moderationActions)
    .where(and(eq(moderationActions.action, 'hide'), sql`${moderationActions.createdAt} >= ${since}`))
    .groupBy(sql`1`, moderationActions.category)
  const rows = new Map<string, SummaryRow>()
  const row = (month: string, reason: FlagReason) => {
    const k = `${month}:${reason}`
    if (!rows.has(k)) rows.set(k, { month, reason, flags: 0, hidden: 0 })
    return rows.get(k)!
  }
  for (const f of flags) row(f.month, f.reason).flags += f.n
  for (const h of hides) row(h.month, h.reason ?? 'other').hidden += h.n
  return [...rows.values()].sort(
    (a, b) => b.month.localeCompare(a.month) || FLAG_REASONS.indexOf(a.reason) - FLAG_REASONS.indexOf(b.reason),
  )
}
