import { and, asc, desc, eq, sql } from 'drizzle-orm'
import { participationItems, reportBacks, weighingDeclarations, type ItemStatus } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import type { DeclarationFields, ReportBackStatus } from './declaration'

/*
 * The participation core's data access. Modules call registerItem when they create an item, keep its
 * status in step, save its weighing declaration, and publish its report-back.
 */

export interface ItemRef {
  kind: string
  itemId: string
}

export async function registerItem(
  db: Queryable,
  item: ItemRef & {
    title: string
    href: string
    ownerId: string | null
    areaCodes?: string[]
    status?: ItemStatus
    opensAt?: Date | null
    closesAt?: Date | null
  },
) {
  const values = {
    kind: item.kind,
    itemId: item.itemId,
    title: item.title,
    href: item.href,
    ownerId: item.ownerId,
    areaCodes: item.areaCodes ?? [],
    status: item.status ?? 'draft',
    opensAt: item.opensAt ?? null,
    closesAt: item.closesAt ?? null,
  }
  const [row] = await db
    .insert(participationItems)
    .values(values)
    .onConflictDoUpdate({
      target: [participationItems.kind, participationItems.itemId],
      set: {
        title: values.title,
        href: values.href,
        areaCodes: values.areaCodes,
        status: values.status,
        opensAt: values.opensAt,
        closesAt: values.closesAt,
      },
    })
    .returning()
  return row!
}

export async function findItem(ref: ItemRef, db: Queryable = getDatabase().db) {
  const [row] = await db
    .select()
    .from(participationItems)
    .where(and(eq(participationItems.kind, ref.kind), eq(participationItems.itemId, ref.itemId)))
  return row ?? null
}

export async function setItemStatus(db: Queryable, ref: ItemRef, status: ItemStatus) {
  await db
    .update(participationItems)
    .set({ status })
    .where(and(eq(participationItems.kind, ref.kind), eq(participationItems.itemId, ref.itemId)))
}

/** Saves a new version of the declaration; the versions before it stay readable. */
export async function saveDeclaration(
  db: Queryable,
  participationItemId: number,
  fields: DeclarationFields,
  actorId: string | null,
  changeNote?: string,
) {
  const [{ next }] = (await db
    .select({ next: sql<number>`coalesce(max(${weighingDeclarations.version}), 0)::int + 1` })
    .from(weighingDeclarations)
    .where(eq(weighingDeclarations.participationItemId, participationItemId))) as [{ next: number }]
  const [row] = await db
    .insert(weighingDeclarations)
    .values({ participationItemId, version: next, ...fields, changeNote: changeNote || null, createdBy: actorId })
    .returning()
  return row!
}

/** The current declaration, and the earlier versions that were public (changed after opening). */
export async function declarationOf(participationItemId: number, db: Queryable = getDatabase().db) {
  const versions = await db
    .select()
    .from(weighingDeclarations)
    .where(eq(weighingDeclarations.participationItemId, participationItemId))
    .orderBy(desc(weighingDeclarations.version))
  const [item] = await db
    .select({ opensAt: participationItems.opensAt })
    .from(participationItems)
    .where(eq(participationItems.id, participationItemId))
  const current = versions[0] ?? null
  const openedAt = item?.opensAt
  // A change is public history when the version it replaced was already shown to participants.
  const history = openedAt ? versions.slice(1).filter((v, i) => versions[i]!.createdAt > openedAt) : []
  return { current, history }
}

export async function publishReportBack(
  db: Queryable,
  participationItemId: number,
  input: { summary: string; decision: string; details?: { heading: string; text: string }[] },
  actorId: string,
) {
  const [row] = await db
    .insert(reportBacks)
    .values({ participationItemId, summary: input.summary, decision: input.decision, details: input.details ?? [], publishedBy: actorId })
    .onConflictDoUpdate({
      target: reportBacks.participationItemId,
      set: { summary: input.summary, decision: input.decision, details: input.details ?? [] },
    })
    .returning()
  await db.update(participationItems).set({ status: 'reported' }).where(eq(participationItems.id, participationItemId))
  return row!
}

export async function reportBackOf(participationItemId: number, db: Queryable = getDatabase().db) {
  const [row] = await db.select().from(reportBacks).where(eq(reportBacks.participationItemId, participationItemId))
  return row ?? null
}

export interface AccountabilityRow {
  id: number
  kind: string
  title: string
  href: string
  ownerId: string | null
  closedAt: string | null
  reportBackBy: string
  reportedAt: string | null
  status: ReportBackStatus
}

// The promised date counts until the end of that day in the Netherlands.
const DEADLINE = sql`((d.report_back_by + 1)::timestamp at time zone 'Europe/Amsterdam')`

/**
 * Every closed item of every module, with the promised and actual report-back date and whether the
 * promise was kept: on time, late, overdue (not yet reported, date passed) or pending.
 */
export async function accountability(options: { ownerId?: string; status?: ReportBackStatus } = {}, db: Queryable = getDatabase().db) {
  const result = await db.execute(sql`
    select i.id, i.kind, i.title, i.href, i.owner_id as "ownerId", i.closes_at as "closedAt",
           d.report_back_by as "reportBackBy", rb.published_at as "reportedAt",
           case when rb.published_at is not null then
                  case when rb.published_at < ${DEADLINE} then 'on_time' else 'late' end
                when now() >= ${DEADLINE} then 'overdue' else 'pending' end as status
    from ${participationItems} i
    join lateral (select report_back_by from ${weighingDeclarations} w
                  where w.participation_item_id = i.id order by w.version desc limit 1) d on true
    left join ${reportBacks} rb on rb.participation_item_id = i.id
    where (i.status in ('closed', 'reported') or (i.status = 'open' and i.closes_at < now()))
      ${options.ownerId ? sql`and i.owner_id = ${options.ownerId}` : sql``}
    order by d.report_back_by desc, i.id desc`)
  const rows = rowsOf<AccountabilityRow & { closedAt: Date | string | null; reportedAt: Date | string | null }>(result).map((r) => ({
    ...r,
    id: Number(r.id),
    closedAt: r.closedAt ? new Date(r.closedAt).toISOString() : null,
    reportedAt: r.reportedAt ? new Date(r.reportedAt).toISOString() : null,
    reportBackBy: String(r.reportBackBy).slice(0, 10),
  }))
  return options.status ? rows.filter((r) => r.status === options.status) : rows
}

export function onTimeShare(rows: { status: ReportBackStatus }[]): number | null {
  const due = rows.filter((r) => r.status !== 'pending')
  if (due.length === 0) return null
  return due.filter((r) => r.status === 'on_time').length / due.length
}

export async function openItems(db: Queryable = getDatabase().db) {
  return db
    .select()
    .from(participationItems)
    .where(
      and(eq(participationItems.status, 'open'), sql`(${participationItems.closesAt} is null or ${participationItems.closesAt} > now())`),
    )
    .orderBy(asc(participationItems.closesAt))
}
