import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm'
import {
  areas,
  participationItems,
  promiseIndicators,
  promiseIndicatorValues,
  promiseLinks,
  promises,
  promiseUpdates,
  type PromiseStatus,
} from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { geometryAsGeoJson } from '~db/schema/geo'
import { dayIn, isOverdue } from './dates'
import { FINISHED, LIMITS } from './validation'

/*
 * Reading promises: the public list with its filters, one promise with its history, indicators and
 * links, the promises an item serves or a wijk has, and the accountability rows of promised updates.
 * Everything here is public.
 */

export const ITEM_KIND = 'promise'

export interface PromiseFilters {
  theme?: string
  status?: PromiseStatus
  holder?: string
  wijk?: string
  q?: string
  overdue?: boolean
}

const overdueSql = (now: Date) =>
  sql<boolean>`(${promises.status} not in ('done', 'dropped') and ${promises.nextUpdateBy} < ${dayIn(now)}::date)`

export async function listPromises(filters: PromiseFilters = {}, now = new Date(), db: Queryable = getDatabase().db) {
  const where: SQL[] = []
  if (filters.theme) where.push(eq(promises.theme, filters.theme))
  if (filters.status) where.push(eq(promises.status, filters.status))
  if (filters.holder) where.push(eq(promises.portfolioHolder, filters.holder))
  if (filters.wijk) where.push(sql`${filters.wijk} = any(${promises.areaCodes})`)
  if (filters.overdue) where.push(overdueSql(now))
  const q = filters.q?.trim().slice(0, LIMITS.search)
  if (q) where.push(sql`to_tsvector('dutch', ${promises.title} || ' ' || ${promises.body}) @@ websearch_to_tsquery('dutch', ${q})`)
  const rows = await db
    .select({
      id: promises.id,
      title: promises.title,
      status: promises.status,
      theme: promises.theme,
      portfolioHolder: promises.portfolioHolder,
      sourceKind: promises.sourceKind,
      sourceDocument: promises.sourceDocument,
      sourceChapter: promises.sourceChapter,
      sourcePage: promises.sourcePage,
      sourceUrl: promises.sourceUrl,
      areaCodes: promises.areaCodes,
      dueOn: promises.dueOn,
      updateEveryMonths: promises.updateEveryMonths,
      nextUpdateBy: promises.nextUpdateBy,
      lastUpdateAt: promises.lastUpdateAt,
    })
    .from(promises)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(promises.theme), asc(promises.id))
  return rows.map((r) => ({ ...r, overdue: isOverdue(r, now) }))
}
export type PromiseListRow = Awaited<ReturnType<typeof listPromises>>[number]

/** The values the list can be filtered on. */
export async function filterOptions(db: Queryable = getDatabase().db) {
  const themes = await db.selectDistinct({ v: promises.theme }).from(promises).orderBy(asc(promises.theme))
  const holders = await db.selectDistinct({ v: promises.portfolioHolder }).from(promises).orderBy(asc(promises.portfolioHolder))
  return { themes: themes.map((r) => r.v), holders: holders.map((r) => r.v) }
}

export async function findPromise(id: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [row] = await db.select().from(promises).where(eq(promises.id, id))
  return row ?? null
}

export async function historyOf(promiseId: number, db: Queryable = getDatabase().db) {
  return db
    .select({
      id: promiseUpdates.id,
      fromStatus: promiseUpdates.fromStatus,
      status: promiseUpdates.status,
      explanation: promiseUpdates.explanation,
      dueBy: promiseUpdates.dueBy,
      createdAt: promiseUpdates.createdAt,
    })
    .from(promiseUpdates)
    .where(eq(promiseUpdates.promiseId, promiseId))
    .orderBy(desc(promiseUpdates.createdAt), desc(promiseUpdates.id))
}

/** The indicators of a promise, each with its series ordered by period (city first, then per wijk). */
export async function indicatorsOf(promiseId: number, db: Queryable = getDatabase().db) {
  const indicators = await db
    .select()
    .from(promiseIndicators)
    .where(eq(promiseIndicators.promiseId, promiseId))
    .orderBy(asc(promiseIndicators.id))
  if (!indicators.length) return []
  const values = await db
    .select({
      indicatorId: promiseIndicatorValues.indicatorId,
      period: promiseIndicatorValues.period,
      periodStart: promiseIndicatorValues.periodStart,
      wijkCode: promiseIndicatorValues.wijkCode,
      value: promiseIndicatorValues.value,
    })
    .from(promiseIndicatorValues)
    .where(
      inArray(
        promiseIndicatorValues.indicatorId,
        indicators.map((i) => i.id),
      ),
    )
    .orderBy(asc(promiseIndicatorValues.wijkCode), asc(promiseIndicatorValues.periodStart))
  return indicators.map((i) => ({
    ...i,
    series: values
      .filter((v) => v.indicatorId === i.id)
      .map(({ period, periodStart, wijkCode, value }) => ({ period, periodStart, wijkCode, value })),
  }))
}
export type IndicatorWithSeries = Awaited<ReturnType<typeof indicatorsOf>>[number]

export async function findIndicator(id: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [row] = await db.select().from(promiseIndicators).where(eq(promiseIndicators.id, id))
  return row ?? null
}

export async function linksOf(promiseId: number, db: Queryable = getDatabase().db) {
  return db
    .select({ itemKind: promiseLinks.itemKind, itemId: promiseLinks.itemId, title: promiseLinks.title, href: promiseLinks.href })
    .from(promiseLinks)
    .where(eq(promiseLinks.promiseId, promiseId))
    .orderBy(asc(promiseLinks.id))
}

/** Everything public about one promise. */
export async function promiseDetail(id: number, now = new Date(), db: Queryable = getDatabase().db) {
  const promise = await findPromise(id, db)
  if (!promise) return null
  const [history, indicators, links] = await Promise.all([historyOf(id, db), indicatorsOf(id, db), linksOf(id, db)])
  return { promise: { ...promise, overdue: isOverdue(promise, now) }, history, indicators, links }
}

/**
 * The promises an item serves (a consultation, proposal, budget, notice, decision…). Other modules' pages
 * call this with their own kind and id and show the result with `ServedPromises`.
 */
export async function promisesServedBy(itemKind: string, itemId: string, db: Queryable = getDatabase().db) {
  return db
    .select({ id: promises.id, title: promises.title, status: promises.status })
    .from(promiseLinks)
    .innerJoin(promises, eq(promises.id, promiseLinks.promiseId))
    .where(and(eq(promiseLinks.itemKind, itemKind), eq(promiseLinks.itemId, itemId)))
    .orderBy(asc(promises.id))
}
export type ServedPromise = Awaited<ReturnType<typeof promisesServedBy>>[number]

export interface PromiseAccountabilityRow {
  id: number
  title: string
  href: string
  reportBackBy: string
  reportedAt: string | null
  status: 'on_time' | 'late' | 'overdue' | 'pending'
}

/**
 * Promised updates, for the accountability view: overdue when the next update's day has passed; else
 * the last update against the day it was due (on time or late); else pending.
 */
export async function promiseAccountability(now = new Date(), db: Queryable = getDatabase().db): Promise<PromiseAccountabilityRow[]> {
  const rows = await db
    .select({
      id: promises.id,
      title: promises.title,
      status: promises.status,
      nextUpdateBy: promises.nextUpdateBy,
      lastDueBy: sql<
        string | null
      >`(select u.due_by::text from ${promiseUpdates} u where u.promise_id = promises.id and u.due_by is not null order by u.created_at desc, u.id desc limit 1)`,
      lastAt: sql<
        string | null
      >`(select u.created_at from ${promiseUpdates} u where u.promise_id = promises.id and u.due_by is not null order by u.created_at desc, u.id desc limit 1)`,
    })
    .from(promises)
    .orderBy(asc(promises.nextUpdateBy), asc(promises.id))
  const today = dayIn(now)
  return rows.flatMap((r): PromiseAccountabilityRow[] => {
    const href = `/beloften/${r.id}`
    if (isOverdue(r, now)) return [{ id: r.id, title: r.title, href, reportBackBy: r.nextUpdateBy, reportedAt: null, status: 'overdue' }]
    if (r.lastDueBy && r.lastAt) {
      const at = new Date(r.lastAt)
      return [
        {
          id: r.id,
          title: r.title,
          href,
          reportBackBy: r.lastDueBy,
          reportedAt: at.toISOString(),
          status: dayIn(at) <= r.lastDueBy ? 'on_time' : 'late',
        },
      ]
    }
    if ((FINISHED as string[]).includes(r.status)) return []
    return [
      {
        id: r.id,
        title: r.title,
        href,
        reportBackBy: r.nextUpdateBy,
        reportedAt: null,
        status: r.nextUpdateBy < today ? 'overdue' : 'pending',
      },
    ]
  })
}

/** Public participatory items staff may link to a promise (registered by their modules in the core). */
export async function linkableItems(db: Queryable = getDatabase().db) {
  return db
    .select({ kind: participationItems.kind, itemId: participationItems.itemId, title: participationItems.title })
    .from(participationItems)
    .where(notInArray(participationItems.status, ['draft', 'review']))
    .orderBy(desc(participationItems.createdAt), desc(participationItems.id))
    .limit(300)
}

/** The promises for one wijk (named in their area), for the wijk's page. */
export async function promisesForWijk(code: string, now = new Date(), db: Queryable = getDatabase().db) {
  return listPromises({ wijk: code }, now, db)
}

/** Every wijk's outline (GeoJSON, WGS84), for the per-wijk map of an indicator. */
export async function wijkShapes(db: Queryable = getDatabase().db) {
  const rows = await db
    .select({ code: areas.code, name: areas.name, geometry: geometryAsGeoJson(areas.geom) })
    .from(areas)
    .where(eq(areas.kind, 'wijk'))
    .orderBy(asc(areas.code))
  return rows.flatMap((r) =>
    r.geometry ? [{ code: r.code, name: r.name, geometry: JSON.parse(r.geometry) as { type: string; coordinates: unknown } }] : [],
  )
}
