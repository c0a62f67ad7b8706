import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { contentFlags, hiddenContent, moderationActions, moderationObjections, users, type FlagReason } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import type { Actor } from '~/auth/permissions'
import { isAdministrator } from '~/auth/accounts.server'
import { refuse, type Outcome, type Refusal } from '~/utils/result'
import { notify } from '~/modules/engagement/engagement.server'
import { serverModules } from '~/modules/registry.server'
import type { ModeratableKind } from '~/modules/types'
import { audit } from '~/utils/audit.server'
import { translate } from '~/utils/i18n'
import { consumeDesk } from '~/auth/desk-limits.server'
import { moderationPermissions } from './permissions'
import { FLAG_REASONS } from './validation'

/*
 * Moderation across modules. A module lists its flaggable kinds in its server manifest
 * (`moderation: [{ kind, describe, listByAuthor? }]`); every function here takes that list as a parameter,
 * the registry being the default, so tests pass a kind of their own.
 */

export type Kinds = ModeratableKind[]

export function registeredKinds(): Kinds {
  return serverModules.flatMap((m) => m.moderation ?? [])
}

export async function describeContent(kind: string, id: string, kinds: Kinds = registeredKinds()) {
  const k = kinds.find((x) => x.kind === kind)
  if (!k) return null
  return k.describe(id)
}

export interface FlagInput {
  kind: string
  id: string
  reason: FlagReason
  text?: string
}

/** A person flags content. Once per person per piece of content (a unique index): the second time is a no-op. */
export async function flagContent(
  userId: string,
  input: FlagInput,
  kinds: Kinds = registeredKinds(),
): Promise<Outcome<{ created: boolean }> | RateLimited> {
  const content = await describeContent(input.kind, input.id, kinds)
  if (!content) return refuse('errors.not_found')
  const limit = await consumeDesk('flagPerUser', userId)
  if (!limit.ok) return { ...refuse('errors.rate_limited'), minutes: limit.minutes }
  const { db } = getDatabase()
  const rows = await db
    .insert(contentFlags)
    .values({
      contentKind: input.kind,
      contentId: input.id,
      userId,
      reason: input.reason,
      text: input.reason === 'other' || input.text ? (input.text ?? null) : null,
    })
    .onConflictDoNothing()
    .returning({ id: contentFlags.id })
  return { ok: true, created: rows.length > 0 }
}

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

/**
 * The queue for one moderator: content with open flags, hidden content with an objection, and hidden
 * content (to restore) — only what falls in their wijken; city-wide content goes to staff.
 */
export async function moderationQueue(actor: Actor, kinds: Kinds = registeredKinds(), limit = 100): Promise<QueueItem[]> {
  const { db } = getDatabase()
  const kindNames = kinds.map((k) => k.kind)
  if (!kindNames.length) return []
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
  const key = (k: string, i: string) => `${k}\u0000${i}`
  const refs = new Map<string, { kind: string; id: string }>()
  for (const r of [...objected, ...flagged, ...hidden]) if (!refs.has(key(r.kind, r.id))) refs.set(key(r.kind, r.id), r)
  const objections = new Map(objected.map((o) => [key(o.kind, o.id), o.text]))
  const hiddenMap = new Map(hidden.map((h) => [key(h.kind, h.id), h.reason]))

  const items: QueueItem[] = []
  for (const ref of refs.values()) {
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
      hiddenReason: hiddenMap.get(key(ref.kind, ref.id)) ?? null,
      flags: [],
      flagTexts: [],
      objection: objections.get(key(ref.kind, ref.id)) ?? null,
      canModerate: decision.ok,
      own,
    })
  }
  if (!items.length) return items
  // Flag counts per reason and the texts given with "other", for the items shown.
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
  return items
}

export type BulkOutcome = { done: number; refused: number; missing: number }

/** A moderation decision about one piece of content: done, or refused because it is gone or not the actor's to judge. */
export type ModerationOutcome = Outcome<object, 'missing' | 'refused'>

/** A refusal for too many flags: the minutes to wait go into the message. */
export type RateLimited = Refusal<'errors.rate_limited'> & { minutes: number }

async function decide(
  actor: Actor,
  kind: string,
  id: string,
  kinds: Kinds,
): Promise<Outcome<{ content: NonNullable<Awaited<ReturnType<ModeratableKind['describe']>>> }, 'missing' | 'refused'>> {
  const content = await describeContent(kind, id, kinds)
  if (!content) return refuse('missing')
  if (!moderationPermissions.moderate(actor, content).ok) return refuse('refused')
  return { ok: true, content }
}

async function logAction(
  tx: Queryable,
  actor: Actor,
  entry: {
    action: 'hide' | 'restore' | 'dismiss' | 'block' | 'unblock' | 'objection'
    kind: string | null
    id: string | null
    targetUserId: string | null
    category?: FlagReason | null
    reason: string
    wijkCode: string | null
  },
) {
  const [row] = await tx
    .insert(moderationActions)
    .values({
      action: entry.action,
      contentKind: entry.kind,
      contentId: entry.id,
      targetUserId: entry.targetUserId,
      actorId: actor.id,
      category: entry.category ?? null,
      reason: entry.reason,
      wijkCode: entry.wijkCode,
    })
    .returning({ id: moderationActions.id })
  await audit(tx, {
    actorId: actor.id,
    action: `moderation.${entry.action}`,
    subjectUserId: entry.targetUserId,
    reason: entry.reason,
    detail: { contentKind: entry.kind, contentId: entry.id, category: entry.category ?? null, moderationActionId: row!.id },
  })
  return row!.id
}

function objectionHref(kind: string, id: string) {
  return `/moderatie/bezwaar?kind=${encodeURIComponent(kind)}&id=${encodeURIComponent(id)}`
}

/** Hides content with a public reason, closes its flags and tells the author why (they may object once). */
export async function hideContent(
  actor: Actor,
  input: { kind: string; id: string; category: FlagReason; reason: string },
  kinds: Kinds = registeredKinds(),
  db: Queryable = getDatabase().db,
): Promise<ModerationOutcome> {
  const d = await decide(actor, input.kind, input.id, kinds)
  if (!d.ok) return refuse(d.reason)
  await db.transaction(async (tx) => {
    await tx
      .insert(hiddenContent)
      .values({ contentKind: input.kind, contentId: input.id, reason: input.reason, hiddenBy: actor.id })
      .onConflictDoUpdate({
        target: [hiddenContent.contentKind, hiddenContent.contentId],
        set: { reason: input.reason, hiddenBy: actor.id, hiddenAt: sql`now()` },
      })
    await tx
      .update(contentFlags)
      .set({ resolvedAt: sql`now()` })
      .where(and(eq(contentFlags.contentKind, input.kind), eq(contentFlags.contentId, input.id), isNull(contentFlags.resolvedAt)))
    const actionId = await logAction(tx, actor, {
      action: 'hide',
      kind: input.kind,
      id: input.id,
      targetUserId: d.content.authorId,
      category: input.category,
      reason: input.reason,
      wijkCode: d.content.wijkCode,
    })
    if (d.content.authorId) {
      await notify(tx, {
        userIds: [d.content.authorId],
        kind: 'moderation_hidden',
        title: { key: 'moderation.notice_hidden_title', params: { title: d.content.title } },
        body: { key: 'moderation.notice_hidden_body', params: { reason: input.reason } },
        href: objectionHref(input.kind, input.id),
        dedupeKey: `moderation:${actionId}`,
        emailSubject: { key: 'moderation.notice_hidden_subject' },
      })
    }
  })
  return { ok: true }
}

/** Shows hidden content again; an objection about it is then handled. */
export async function restoreContent(
  actor: Actor,
  input: { kind: string; id: string; reason: string },
  kinds: Kinds = registeredKinds(),
): Promise<ModerationOutcome> {
  const d = await decide(actor, input.kind, input.id, kinds)
  if (!d.ok) return refuse(d.reason)
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    const removed = await tx
      .delete(hiddenContent)
      .where(and(eq(hiddenContent.contentKind, input.kind), eq(hiddenContent.contentId, input.id)))
      .returning({ id: hiddenContent.contentId })
    if (!removed.length) return refuse('missing')
    await tx
      .update(moderationObjections)
      .set({ handledAt: sql`now()` })
      .where(and(eq(moderationObjections.contentKind, input.kind), eq(moderationObjections.contentId, input.id)))
    const actionId = await logAction(tx, actor, {
      action: 'restore',
      kind: input.kind,
      id: input.id,
      targetUserId: d.content.authorId,
      reason: input.reason,
      wijkCode: d.content.wijkCode,
    })
    if (d.content.authorId) {
      await notify(tx, {
        userIds: [d.content.authorId],
        kind: 'moderation_restored',
        title: { key: 'moderation.notice_restored_title', params: { title: d.content.title } },
        body: { key: 'moderation.notice_restored_body', params: { reason: input.reason } },
        href: d.content.href,
        dedupeKey: `moderation:${actionId}`,
      })
    }
    return { ok: true } as const
  })
}

/** The flags were not justified: they leave the queue, the content stays. An objection is handled too. */
export async function dismissFlags(
  actor: Actor,
  input: { kind: string; id: string; reason: string },
  kinds: Kinds = registeredKinds(),
): Promise<ModerationOutcome> {
  const d = await decide(actor, input.kind, input.id, kinds)
  if (!d.ok) return refuse(d.reason)
  const { db } = getDatabase()
  await db.transaction(async (tx) => {
    await tx
      .update(contentFlags)
      .set({ resolvedAt: sql`now()` })
      .where(and(eq(contentFlags.contentKind, input.kind), eq(contentFlags.contentId, input.id), isNull(contentFlags.resolvedAt)))
    await tx
      .update(moderationObjections)
      .set({ handledAt: sql`now()` })
      .where(
        and(
          eq(moderationObjections.contentKind, input.kind),
          eq(moderationObjections.contentId, input.id),
          isNull(moderationObjections.handledAt),
        ),
      )
    await logAction(tx, actor, {
      action: 'dismiss',
      kind: input.kind,
      id: input.id,
      targetUserId: d.content.authorId,
      reason: input.reason,
      wijkCode: d.content.wijkCode,
    })
  })
  return { ok: true }
}

/** One action for every checked item; items the actor may not moderate (their own, another wijk) are refused. */
export async function bulkModerate(
  actor: Actor,
  input: { intent: 'hide' | 'restore' | 'dismiss'; items: { kind: string; id: string }[]; category?: FlagReason; reason: string },
  kinds: Kinds = registeredKinds(),
): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { done: 0, refused: 0, missing: 0 }
  for (const item of input.items) {
    const result =
      input.intent === 'hide'
        ? await hideContent(actor, { ...item, category: input.category ?? 'other', reason: input.reason }, kinds)
        : input.intent === 'restore'
          ? await restoreContent(actor, { ...item, reason: input.reason }, kinds)
          : await dismissFlags(actor, { ...item, reason: input.reason }, kinds)
    outcome[result.ok ? 'done' : result.reason]++
  }
  return outcome
}

/**
 * Staff block a person: they can no longer log in or take part, and their content is hidden — everything a
 * module lists with `listByAuthor`, and at least all flagged content they wrote.
 */
export async function blockUser(
  actor: Actor,
  userId: string,
  reason: string,
  kinds: Kinds = registeredKinds(),
): Promise<Outcome<{ hidden: number }>> {
  if (!moderationPermissions.blockUsers(actor, undefined).ok) return refuse('moderation.errors.not_allowed')
  if (userId === actor.id) return refuse('moderation.errors.not_self')
  const { db } = getDatabase()
  const target = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
  if (!target) return refuse('errors.not_found')
  // Nobody blocks an administrator: another administrator revokes the role first (issue 14).
  if (await isAdministrator(db, userId)) return refuse('moderation.errors.admin_target')
  const toHide: { kind: string; id: string }[] = []
  for (const k of kinds) {
    if (k.listByAuthor) for (const id of await k.listByAuthor(userId)) toHide.push({ kind: k.kind, id })
  }
  const flagged = await db
    .selectDistinct({ kind: contentFlags.contentKind, id: contentFlags.contentId })
    .from(contentFlags)
    .where(inArray(contentFlags.contentKind, kinds.map((k) => k.kind).concat('')))
  for (const f of flagged) {
    if (toHide.some((h) => h.kind === f.kind && h.id === f.id)) continue
    const content = await describeContent(f.kind, f.id, kinds)
    if (content?.authorId === userId) toHide.push(f)
  }
  const publicReason = translate('nl', 'moderation.blocked_public_reason')
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ blockedAt: sql`now()`, blockedReason: reason })
      .where(eq(users.id, userId))
    for (const h of toHide) {
      await tx
        .insert(hiddenContent)
        .values({ contentKind: h.kind, contentId: h.id, reason: publicReason, hiddenBy: actor.id, blockOf: userId })
        .onConflictDoNothing()
    }
    await logAction(tx, actor, { action: 'block', kind: null, id: null, targetUserId: userId, reason, wijkCode: null })
    await notify(tx, {
      userIds: [userId],
      kind: 'moderation_blocked',
      title: { key: 'moderation.notice_blocked_title' },
      body: { key: 'moderation.notice_blocked_body', params: { reason } },
      href: '/persoonlijk-contact',
      dedupeKey: `moderation:block:${userId}:${Date.now()}`,
      emailSubject: { key: 'moderation.notice_blocked_title' },
    })
  })
  return { ok: true, hidden: toHide.length }
}

/**
 * Staff lift a block, with a reason: the person can take part again, and what the block hid is shown again —
 * content hidden with the block's public reason and written by them; what a moderator hid for another
 * reason stays hidden. Logged like every moderation action; the person is told.
 */
export async function unblockUser(actor: Actor, userId: string, reason: string): Promise<Outcome<{ restored: number }>> {
  if (!moderationPermissions.blockUsers(actor, undefined).ok) return refuse('moderation.errors.not_allowed')
  const { db } = getDatabase()
  const target = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId) })
  if (!target) return refuse('errors.not_found')
  if (!target.blockedAt) return refuse('moderation.errors.not_blocked')
  const toRestore = await db.transaction(async (tx) => {
    await tx.update(users).set({ blockedAt: null, blockedReason: null }).where(eq(users.id, userId))
    const restored = await tx.delete(hiddenContent).where(eq(hiddenContent.blockOf, userId)).returning({ kind: hiddenContent.contentKind })
    await logAction(tx, actor, { action: 'unblock', kind: null, id: null, targetUserId: userId, reason, wijkCode: null })
    await notify(tx, {
      userIds: [userId],
      kind: 'moderation_unblocked',
      title: { key: 'moderation.notice_unblocked_title' },
      body: { key: 'moderation.notice_unblocked_body', params: { reason } },
      href: '/mijn',
      dedupeKey: `moderation:unblock:${userId}:${Date.now()}`,
      emailSubject: { key: 'moderation.notice_unblocked_title' },
    })
    return restored
  })
  return { ok: true, restored: toRestore.length }
}

/** People who are blocked now, newest first, for the staff who may lift it. */
export async function blockedUsers(limit = 100) {
  const { db } = getDatabase()
  return db
    .select({ id: users.id, displayName: users.displayName, blockedAt: users.blockedAt, blockedReason: users.blockedReason })
    .from(users)
    .where(sql`${users.blockedAt} is not null`)
    .orderBy(desc(users.blockedAt))
    .limit(limit)
}

/** The author objects to hiding, once per piece of content (the primary key refuses a second time). */
export async function objectToDecision(
  actor: Actor,
  input: { kind: string; id: string; text: string },
  kinds: Kinds = registeredKinds(),
): Promise<Outcome> {
  const content = await describeContent(input.kind, input.id, kinds)
  if (!content) return refuse('errors.not_found')
  if (content.authorId !== actor.id) return refuse('moderation.errors.not_author')
  const { db } = getDatabase()
  const hidden = await db.query.hiddenContent.findFirst({
    where: (h) => and(eq(h.contentKind, input.kind), eq(h.contentId, input.id)),
  })
  if (!hidden) return refuse('moderation.errors.not_hidden')
  return db.transaction(async (tx): Promise<Outcome> => {
    const rows = await tx
      .insert(moderationObjections)
      .values({ contentKind: input.kind, contentId: input.id, authorId: actor.id, text: input.text })
      .onConflictDoNothing()
      .returning({ kind: moderationObjections.contentKind })
    if (!rows.length) return refuse('moderation.errors.already_objected', 'text')
    await logAction(tx, actor, {
      action: 'objection',
      kind: input.kind,
      id: input.id,
      targetUserId: actor.id,
      reason: input.text.slice(0, 500),
      wijkCode: content.wijkCode,
    })
    return { ok: true }
  })
}

export async function hiddenReasonOf(kind: string, id: string): Promise<string | null> {
  const { db } = getDatabase()
  const row = await db.query.hiddenContent.findFirst({ where: (h) => and(eq(h.contentKind, kind), eq(h.contentId, id)) })
  return row?.reason ?? null
}

export async function hasObjected(authorId: string, kind: string, id: string): Promise<boolean> {
  const { db } = getDatabase()
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
export async function monthlySummary(months = 12): Promise<SummaryRow[]> {
  const { db } = getDatabase()
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
