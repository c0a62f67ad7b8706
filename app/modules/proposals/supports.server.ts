import { and, eq, inArray, lt, sql } from 'drizzle-orm'
import { participationItems, proposals, proposalSupports, type Proposal } from '~db/schema'
import type { Database, Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { followerIds, follow, notify } from '~/modules/engagement/engagement.server'
import { saveDeclaration } from '~/modules/participation/queries.server'
import { formatDate } from '~/modules/participation/declaration'
import { translate } from '~/utils/i18n'
import { forgettingCounts } from './list-counts.server'
import { ANSWER_WEEKS } from './validation'
import { amsterdamDay } from '~/utils/time'
import { DAY, href, KIND, lock, supporterIds } from './basics.server'
import { proposalDeclaration } from './scopes.server'

/*
 * Supports, counted under the proposal's row lock with the unique key (proposal_id, user_id): the count is
 * exact under any concurrency, and the threshold is crossed exactly once. Also the clock's work on
 * supports: the "hot" order and archiving what ended below its threshold.
 */

export type SupportOutcome = { ok: true; counted: boolean; reached: boolean; count: number } | { ok: false; reason: 'closed' | 'not_found' }

/**
 * One support per person, counted under the proposal's row lock. Reaching the threshold moves the
 * proposal to "in behandeling" with an answer deadline, in the same transaction, exactly once.
 */
export async function supportProposal(
  id: number,
  userId: string,
  db: Database = getDatabase().db,
  now = new Date(),
): Promise<SupportOutcome> {
  return forgettingCounts(
    db.transaction(async (tx) => {
      const p = await lock(tx, id)
      if (!p) return { ok: false as const, reason: 'not_found' as const }
      if (p.status !== 'published' || (p.windowEndsAt && p.windowEndsAt <= now)) return { ok: false as const, reason: 'closed' as const }
      const inserted = await tx
        .insert(proposalSupports)
        .values({ proposalId: id, userId })
        .onConflictDoNothing()
        .returning({ userId: proposalSupports.userId })
      if (!inserted.length) return { ok: true as const, counted: false, reached: false, count: p.supportCount }
      const count = p.supportCount + 1
      const reached = p.threshold !== null && count >= p.threshold
      const answerDeadline = new Date(now.getTime() + ANSWER_WEEKS * 7 * DAY)
      await tx
        .update(proposals)
        .set({
          supportCount: sql`${proposals.supportCount} + 1`,
          hotScore: sql`${proposals.hotScore} + ${HOT_WEIGHT_NEW}`,
          ...(reached ? { status: 'in_progress' as const, thresholdReachedAt: now, answerDeadline } : {}),
        })
        .where(eq(proposals.id, id))
      await follow(tx, userId, KIND, String(id))
      if (reached) await thresholdReached(tx, p, count, answerDeadline, now)
      return { ok: true as const, counted: true, reached, count }
    }),
    (outcome) => outcome.ok && outcome.reached,
  )
}

async function thresholdReached(tx: Queryable, p: Proposal, count: number, answerDeadline: Date, now: Date) {
  const ref = { kind: KIND, itemId: String(p.id) }
  const [item] = await tx
    .update(participationItems)
    .set({ status: 'closed', closesAt: now })
    .where(and(eq(participationItems.kind, ref.kind), eq(participationItems.itemId, ref.itemId)))
    .returning({ id: participationItems.id })
  if (item) {
    await saveDeclaration(
      tx,
      item.id,
      proposalDeclaration(p.threshold!, p.windowEndsAt ?? now, answerDeadline),
      null,
      translate('nl', 'proposals.declaration_reached', { n: count, date: formatDate(answerDeadline, 'nl') }),
    )
  }
  await notify(tx, {
    userIds: [...(await supporterIds(tx, p.id)), ...(await followerIds(tx, KIND, String(p.id)))],
    kind: 'proposal_threshold',
    title: { key: 'proposals.notice.threshold_title', params: { title: p.title } },
    body: { key: 'proposals.notice.threshold_body', params: { n: count, date: { date: amsterdamDay(answerDeadline) } } },
    href: href(p.id),
    dedupeKey: `proposal:${p.id}:threshold`,
    emailSubject: { key: 'proposals.notice.threshold_subject' },
  })
}

/** Withdrawing, until the threshold is reached; counted under the same lock. */
export async function withdrawSupport(id: number, userId: string, db: Database = getDatabase().db): Promise<SupportOutcome> {
  return db.transaction(async (tx) => {
    const p = await lock(tx, id)
    if (!p) return { ok: false as const, reason: 'not_found' as const }
    if (p.status !== 'published') return { ok: false as const, reason: 'closed' as const }
    const deleted = await tx
      .delete(proposalSupports)
      .where(and(eq(proposalSupports.proposalId, id), eq(proposalSupports.userId, userId)))
      .returning({ createdAt: proposalSupports.createdAt })
    if (!deleted.length) return { ok: true as const, counted: false, reached: false, count: p.supportCount }
    await tx
      .update(proposals)
      .set({
        supportCount: sql`${proposals.supportCount} - 1`,
        hotScore: sql`greatest(0, ${proposals.hotScore} - ${hotWeight(deleted[0]!.createdAt, new Date())})`,
      })
      .where(eq(proposals.id, id))
    return { ok: true as const, counted: true, reached: false, count: p.supportCount - 1 }
  })
}

/*
 * The "hot" order: a support counts once, in its first 30 days twice, in its first 7 days four times.
 * proposals.hot_score holds that sum; a support adds HOT_WEIGHT_NEW, a withdrawal takes its weight off,
 * and the tick below recomputes, exactly, the proposals of which a support crossed the 7- or 30-day mark
 * since the last run (all proposals at the first run of a process). The list then reads the order from
 * an index instead of counting the recent supports of every proposal on every request.
 */
export const HOT_DAYS = { recent: 7, month: 30 } as const
export const HOT_WEIGHT_NEW = 4

export function hotWeight(supportedAt: Date, now: Date): number {
  const age = now.getTime() - supportedAt.getTime()
  return 1 + (age < HOT_DAYS.recent * DAY ? 2 : 0) + (age < HOT_DAYS.month * DAY ? 1 : 0)
}

let hotLastRun: Date | undefined

/**
 * Recomputes hot_score for the proposals with a support that crossed a mark in (since, now], or for all
 * when `since` is undefined. The rows are locked first (in id order), so that the sum is computed after
 * any support that was counting at the same time; rows already right are not written.
 */
export async function refreshHotScores(db: Database, now = new Date(), since?: Date): Promise<number> {
  // ISO strings with a cast: raw SQL parameters do not take Date objects on every driver.
  const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`
  const recent = at(now.getTime() - HOT_DAYS.recent * DAY)
  const month = at(now.getTime() - HOT_DAYS.month * DAY)
  const scope = since
    ? sql`p.id in (select s.proposal_id from proposal_supports s
                   where (s.created_at > ${at(since.getTime() - HOT_DAYS.recent * DAY)} and s.created_at <= ${recent})
                      or (s.created_at > ${at(since.getTime() - HOT_DAYS.month * DAY)} and s.created_at <= ${month}))`
    : sql`true`
  return db.transaction(async (tx) => {
    await tx.execute(sql`select p.id from proposals p where ${scope} order by p.id for update`)
    const result = await tx.execute(sql`
      update proposals p set hot_score = p.support_count + r.extra
      from (select p.id,
                   coalesce((select 2 * count(*) filter (where s.created_at > ${recent}) + count(*)
                             from proposal_supports s where s.proposal_id = p.id and s.created_at > ${month}), 0)::int as extra
            from proposals p where ${scope}) r
      where r.id = p.id and p.hot_score <> p.support_count + r.extra
      returning p.id`)
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows).length
  })
}

/** The tick: the marks crossed since this process's last run (with a minute's overlap), or everything at start. */
export async function hotTick(db: Database, now = new Date()): Promise<number> {
  const since = hotLastRun ? new Date(hotLastRun.getTime() - 60_000) : undefined
  const n = await refreshHotScores(db, now, since)
  hotLastRun = now
  return n
}

/** Proposals whose window ended unmet are archived (still readable). Cheap: an index on (status, window_ends_at). */
export async function archiveExpired(db: Database, now = new Date()): Promise<number> {
  return forgettingCounts(
    db.transaction(async (tx) => {
      const rows = await tx
        .update(proposals)
        .set({ status: 'archived', archivedAt: now })
        .where(and(eq(proposals.status, 'published'), lt(proposals.windowEndsAt, now)))
        .returning({ id: proposals.id, title: proposals.title, authorId: proposals.authorId, supporters: proposals.supportCount })
      // The loop closed: the author and every supporter hear that it ended below its threshold (once).
      for (const p of rows) {
        await notify(tx, {
          userIds: [...(await supporterIds(tx, p.id)), ...(p.authorId ? [p.authorId] : [])],
          kind: 'proposal_below_threshold',
          title: { key: 'proposals.notice.below_threshold_title', params: { title: p.title } },
          body: { key: 'proposals.notice.below_threshold_body', params: { n: p.supporters } },
          href: href(p.id),
          dedupeKey: `proposal:${p.id}:below_threshold`,
          emailSubject: { key: 'proposals.notice.below_threshold_subject', params: { title: p.title.slice(0, 80) } },
        })
      }
      if (rows.length) {
        await tx
          .update(participationItems)
          .set({ status: 'archived' })
          .where(
            and(
              eq(participationItems.kind, KIND),
              inArray(
                participationItems.itemId,
                rows.map((r) => String(r.id)),
              ),
            ),
          )
      }
      return rows.length
    }),
    (archived) => archived > 0,
  )
}
