import { and, asc, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import { noticeReactionNotes, noticeReactions, planNotices, userRoles, users, type ReactionStatus } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { notify } from '~/modules/engagement/engagement.server'
import { audit } from '~/utils/audit.server'
import type { MessageKey } from '~/utils/i18n'
import { refuse, type Outcome } from '~/utils/result'
import { handoffStates } from './handoff.server'
import { REACTION_STATUSES, type FormalKind } from './validation'

/*
 * The reaction inbox: staff (and the notice's owner) read every reaction, assign it to a colleague, keep
 * internal notes and move it from received to in behandeling to beantwoord (or niet-ontvankelijk, with a
 * reason). The resident is told at every status change. Reading a reaction's attachment is audited.
 */

const DAY = 86_400_000

/**
 * When a reaction not yet answered counts as overdue: a bezwaar after twelve weeks (six for the decision
 * on it, plus six with an advisory committee, Awb 7:10), a zienswijze or comment after eight.
 */
export const ANSWER_WEEKS: Record<FormalKind, number> = { bezwaar: 12, zienswijze: 8, comment: 8 }

const OPEN_STATUSES: ReactionStatus[] = ['received', 'in_progress']

export function isOverdue(r: { kind: FormalKind; status: ReactionStatus; receivedAt: Date }, now = new Date()): boolean {
  return OPEN_STATUSES.includes(r.status) && now.getTime() - r.receivedAt.getTime() > ANSWER_WEEKS[r.kind] * 7 * DAY
}

const overdueSql = (now: Date) =>
  sql`(${noticeReactions.status} in ('received', 'in_progress') and ${noticeReactions.receivedAt} < ${now.toISOString()}::timestamptz - (case ${noticeReactions.kind} when 'bezwaar' then ${ANSWER_WEEKS.bezwaar}::int else ${ANSWER_WEEKS.zienswijze}::int end) * interval '1 week')`

export interface InboxFilter {
  noticeId?: number
  kind?: FormalKind
  status?: ReactionStatus | 'overdue'
  /** Wijk code: reactions on notices that touch this wijk. */
  wijk?: string
  /** ISO days, inclusive. */
  from?: string
  to?: string
  /** Words in the text, the receipt number or the sender's name. */
  q?: string
  assignedTo?: string
}

/** The inbox, newest first; every filter optional. */
export async function listReactions(filter: InboxFilter, now = new Date(), db: Queryable = getDatabase().db) {
  const where: (SQL | undefined)[] = [
    filter.noticeId ? eq(noticeReactions.noticeId, filter.noticeId) : undefined,
    filter.kind ? eq(noticeReactions.kind, filter.kind) : undefined,
    filter.status === 'overdue' ? overdueSql(now) : filter.status ? eq(noticeReactions.status, filter.status) : undefined,
    filter.wijk
      ? sql`exists (select 1 from areas a where a.code = ${filter.wijk} and ST_Intersects(a.geom, ${planNotices.geom}))`
      : undefined,
    filter.from ? gte(noticeReactions.receivedAt, sql`(${filter.from}::date)::timestamp at time zone 'Europe/Amsterdam'`) : undefined,
    filter.to ? lt(noticeReactions.receivedAt, sql`((${filter.to}::date) + 1)::timestamp at time zone 'Europe/Amsterdam'`) : undefined,
    filter.q
      ? or(
          ilike(noticeReactions.body, `%${escapeLike(filter.q)}%`),
          ilike(noticeReactions.receiptNumber, `%${escapeLike(filter.q)}%`),
          ilike(noticeReactions.authorName, `%${escapeLike(filter.q)}%`),
        )
      : undefined,
    filter.assignedTo ? eq(noticeReactions.assignedTo, filter.assignedTo) : undefined,
  ]
  const rows = await db
    .select({
      id: noticeReactions.id,
      receiptNumber: noticeReactions.receiptNumber,
      kind: noticeReactions.kind,
      status: noticeReactions.status,
      late: noticeReactions.late,
      receivedAt: noticeReactions.receivedAt,
      excerpt: sql<string>`left(${noticeReactions.body}, 160)`,
      authorName: sql<string>`coalesce(${noticeReactions.authorName}, ${users.displayName})`,
      attachmentName: noticeReactions.attachmentName,
      noticeId: planNotices.id,
      noticeTitle: planNotices.title,
      assigneeName: sql<string | null>`(select u.display_name from users u where u.id = ${noticeReactions.assignedTo})`,
      overdue: sql<boolean>`${overdueSql(now)}`,
    })
    .from(noticeReactions)
    .innerJoin(planNotices, eq(planNotices.id, noticeReactions.noticeId))
    .innerJoin(users, eq(users.id, noticeReactions.userId))
    .where(and(...where))
    .orderBy(desc(noticeReactions.receivedAt), desc(noticeReactions.id))
    .limit(500)
  const states = await handoffStates(
    rows.map((r) => r.id),
    db,
  )
  return rows.map((r) => ({ ...r, handoff: states.get(r.id) ?? { state: 'off' as const } }))
}

function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Counts for the staff home page: new, in behandeling, overdue. */
export async function reactionCounts(now = new Date(), db: Queryable = getDatabase().db) {
  const [row] = await db
    .select({
      received: sql<number>`count(*) filter (where ${noticeReactions.status} = 'received')::int`,
      inProgress: sql<number>`count(*) filter (where ${noticeReactions.status} = 'in_progress')::int`,
      overdue: sql<number>`count(*) filter (where ${overdueSql(now)})::int`,
    })
    .from(noticeReactions)
    .where(inArray(noticeReactions.status, OPEN_STATUSES))
  return { received: row?.received ?? 0, inProgress: row?.inProgress ?? 0, overdue: row?.overdue ?? 0 }
}

/** One reaction with everything staff need: the full text, the sender, notes, hand-over. No attachment bytes. */
export async function reactionDetail(id: number, now = new Date(), db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [row] = await db
    .select({
      id: noticeReactions.id,
      userId: noticeReactions.userId,
      receiptNumber: noticeReactions.receiptNumber,
      kind: noticeReactions.kind,
      status: noticeReactions.status,
      statusReason: noticeReactions.statusReason,
      statusChangedAt: noticeReactions.statusChangedAt,
      late: noticeReactions.late,
      receivedAt: noticeReactions.receivedAt,
      body: noticeReactions.body,
      authorName: noticeReactions.authorName,
      authorAddress: noticeReactions.authorAddress,
      displayName: users.displayName,
      email: users.email,
      attachmentName: noticeReactions.attachmentName,
      attachmentType: noticeReactions.attachmentType,
      assignedTo: noticeReactions.assignedTo,
      noticeId: planNotices.id,
      noticeTitle: planNotices.title,
      noticeOwner: planNotices.createdBy,
    })
    .from(noticeReactions)
    .innerJoin(planNotices, eq(planNotices.id, noticeReactions.noticeId))
    .innerJoin(users, eq(users.id, noticeReactions.userId))
    .where(eq(noticeReactions.id, id))
  if (!row) return null
  const notes = await db
    .select({
      id: noticeReactionNotes.id,
      body: noticeReactionNotes.body,
      createdAt: noticeReactionNotes.createdAt,
      author: users.displayName,
    })
    .from(noticeReactionNotes)
    .leftJoin(users, eq(users.id, noticeReactionNotes.authorId))
    .where(eq(noticeReactionNotes.reactionId, id))
    .orderBy(asc(noticeReactionNotes.id))
  const handoff = (await handoffStates([id], db)).get(id) ?? { state: 'off' as const }
  return { ...row, notes, handoff, overdue: isOverdue(row, now) }
}

export type ReactionDetail = NonNullable<Awaited<ReturnType<typeof reactionDetail>>>

/** Staff reading a reaction is audited with the resident as subject: they see it in their dossier. */
export async function auditReactionRead(actorId: string, r: Pick<ReactionDetail, 'id' | 'userId' | 'receiptNumber'>) {
  await audit(getDatabase().db, {
    actorId,
    action: 'alerts.read_reaction',
    subjectUserId: r.userId,
    detail: { reactionId: r.id, receiptNumber: r.receiptNumber },
  })
}

/** The notice's owner, for the permission rule. */
export async function noticeOwner(noticeId: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(noticeId) || noticeId <= 0) return null
  const [row] = await db
    .select({ id: planNotices.id, createdBy: planNotices.createdBy })
    .from(planNotices)
    .where(eq(planNotices.id, noticeId))
  return row ?? null
}

/** Colleagues a reaction can be assigned to: staff and admins. */
export async function colleagues(db: Queryable = getDatabase().db) {
  return db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(inArray(userRoles.role, ['staff', 'admin']))
    .orderBy(asc(users.displayName))
}

export async function assignReaction(
  actorId: string,
  id: number,
  assigneeId: string | null,
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  if (assigneeId && !(await colleagues(db)).some((c) => c.id === assigneeId)) return refuse('alerts.error_assignee', 'assignee')
  const updated = await db
    .update(noticeReactions)
    .set({ assignedTo: assigneeId })
    .where(eq(noticeReactions.id, id))
    .returning({ id: noticeReactions.id })
  if (!updated.length) return refuse('alerts.error_not_found', 'form')
  await audit(db, { actorId, action: 'alerts.assign_reaction', detail: { reactionId: id, assigneeId } })
  return { ok: true }
}

export async function addNote(actorId: string, id: number, body: string, db: Queryable = getDatabase().db): Promise<Outcome> {
  const [exists] = await db.select({ id: noticeReactions.id }).from(noticeReactions).where(eq(noticeReactions.id, id))
  if (!exists) return refuse('alerts.error_not_found', 'form')
  await db.insert(noticeReactionNotes).values({ reactionId: id, authorId: actorId, body })
  return { ok: true }
}

/**
 * Moves a reaction to a status and tells the resident (in the app, and by e-mail as they chose). The
 * same status twice is no change and sends nothing.
 */
export async function setReactionStatus(
  actorId: string,
  id: number,
  status: ReactionStatus,
  reason: string,
  now = new Date(),
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  if (!REACTION_STATUSES.includes(status)) return refuse('alerts.error_reaction_status', 'status')
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({
        status: noticeReactions.status,
        userId: noticeReactions.userId,
        receipt: noticeReactions.receiptNumber,
        noticeId: noticeReactions.noticeId,
      })
      .from(noticeReactions)
      .where(eq(noticeReactions.id, id))
      .for('update')
    if (!current) return refuse('alerts.error_not_found', 'form')
    if (current.status === status) return { ok: true }
    await tx
      .update(noticeReactions)
      .set({ status, statusReason: status === 'inadmissible' ? reason : null, statusChangedAt: now })
      .where(eq(noticeReactions.id, id))
    await audit(tx, {
      actorId,
      action: 'alerts.reaction_status',
      subjectUserId: current.userId,
      detail: { reactionId: id, from: current.status, to: status },
    })
    await notify(tx, {
      userIds: [current.userId],
      kind: 'notice_reaction_status',
      title: {
        key: 'alerts.status_notice_title',
        params: { number: current.receipt, status: { key: `alerts.reaction_status.${status}` as MessageKey } },
      },
      body: [
        { key: `alerts.status_notice_body.${status}` as MessageKey },
        ...(status === 'inadmissible' ? [{ key: 'alerts.status_notice_reason' as MessageKey, params: { reason: reason ?? '' } }] : []),
      ],
      href: '/mijn/reacties',
      dedupeKey: `notice_reaction:${id}:${status}:${now.getTime()}`,
      emailSubject: { key: 'alerts.status_notice_subject', params: { number: current.receipt } },
    })
    return { ok: true }
  })
}

/** A reaction's attachment for staff, audited with the resident as subject (they see it in their dossier). */
export async function reactionAttachment(actorId: string, id: number, db: Queryable = getDatabase().db) {
  const [row] = await db
    .select({
      name: noticeReactions.attachmentName,
      type: noticeReactions.attachmentType,
      bytes: noticeReactions.attachment,
      userId: noticeReactions.userId,
      receipt: noticeReactions.receiptNumber,
    })
    .from(noticeReactions)
    .where(eq(noticeReactions.id, id))
  if (!row?.bytes) return null
  await audit(db, {
    actorId,
    action: 'alerts.read_reaction_attachment',
    subjectUserId: row.userId,
    detail: { reactionId: id, receiptNumber: row.receipt, file: row.name },
  })
  return { name: row.name ?? 'bijlage', type: row.type ?? 'application/octet-stream', bytes: Buffer.from(row.bytes) }
}

/** A resident's own reactions across notices, with status: "Mijn reacties". */
export async function myReactions(userId: string, db: Queryable = getDatabase().db) {
  return db
    .select({
      id: noticeReactions.id,
      receiptNumber: noticeReactions.receiptNumber,
      kind: noticeReactions.kind,
      status: noticeReactions.status,
      statusReason: noticeReactions.statusReason,
      late: noticeReactions.late,
      receivedAt: noticeReactions.receivedAt,
      noticeId: planNotices.id,
      noticeTitle: planNotices.title,
      decidedAt: sql`(select d.published_at from notice_decisions d where d.notice_id = ${planNotices.id})`.mapWith(
        (v: string | Date | null) => (v ? new Date(v) : null),
      ),
    })
    .from(noticeReactions)
    .innerJoin(planNotices, eq(planNotices.id, noticeReactions.noticeId))
    .where(eq(noticeReactions.userId, userId))
    .orderBy(desc(noticeReactions.receivedAt), desc(noticeReactions.id))
}
