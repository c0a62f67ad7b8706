import { parse } from 'csv-parse/sync'
import { and, eq, sql } from 'drizzle-orm'
import { promiseIndicators, promiseIndicatorValues, promiseLinks, promises, promiseUpdates, type PromiseRow } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import type { Actor } from '~/auth/permissions'
import { follow, followerIds, notify, unfollow } from '~/modules/engagement/engagement.server'
import { findItem } from '~/modules/participation/queries.server'
import type { MessageKey, Params } from '~/utils/i18n'
import { refuse, type Outcome, type Refusal } from '~/utils/result'
import { addMonths, dayIn, isOverdue } from './dates'
import { managePromise } from './permissions'
import { findIndicator, findPromise, ITEM_KIND } from './queries.server'
import { LIMITS, parsePeriod, parseValue, type IndicatorInput, type PromiseInput, type UpdateInput } from './validation'

/*
 * The use cases of the beloftemeter: record a promise, change its status or give an update (always with
 * a public explanation, kept in the history), add an indicator, import its series from CSV, and link the
 * items that serve it. Each checks the permission itself and returns ok or a refusal at its field.
 */

const denied = refuse<MessageKey>('promises.error.not_allowed', 'form')
const notFound = refuse<MessageKey>('promises.error.not_found', 'form')

export async function createPromise(
  actor: Actor,
  input: PromiseInput,
  options: { now?: Date; seedKey?: string } = {},
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ id: number }>> {
  if (!managePromise(actor, { sourceKind: input.sourceKind }).ok) return refuse('promises.error.source_not_yours', 'sourceKind')
  const now = options.now ?? new Date()
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(promises)
      .values({
        ...input,
        status: 'not_started',
        nextUpdateBy: addMonths(dayIn(now), input.updateEveryMonths),
        lastUpdateAt: now,
        createdBy: actor.id,
        createdAt: now,
        seedKey: options.seedKey ?? null,
      })
      .returning({ id: promises.id })
    // The first entry of the history: recorded, with no explanation needed.
    await tx
      .insert(promiseUpdates)
      .values({ promiseId: row!.id, fromStatus: null, status: 'not_started', explanation: '', createdBy: actor.id, createdAt: now })
    return row!.id
  })
  return { ok: true, id }
}

/**
 * A status change or an update with the same status: the explanation goes into the public history, the
 * next update is due one rhythm later, and followers are told.
 */
export async function recordUpdate(
  actor: Actor,
  promiseId: number,
  input: UpdateInput,
  now = new Date(),
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ updateId: number }>> {
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(promises).where(eq(promises.id, promiseId)).for('update')
    if (!p) return notFound
    if (!managePromise(actor, p).ok) return denied
    const [update] = await tx
      .insert(promiseUpdates)
      .values({
        promiseId,
        fromStatus: p.status,
        status: input.status,
        explanation: input.explanation,
        dueBy: p.nextUpdateBy,
        createdBy: actor.id,
        createdAt: now,
      })
      .returning({ id: promiseUpdates.id })
    await tx
      .update(promises)
      .set({ status: input.status, lastUpdateAt: now, nextUpdateBy: addMonths(dayIn(now), p.updateEveryMonths) })
      .where(eq(promises.id, promiseId))
    const changed = p.status !== input.status
    const status = { key: `promises.status.${input.status}` as MessageKey }
    await notify(tx, {
      userIds: await followerIds(tx, ITEM_KIND, String(promiseId)),
      kind: changed ? 'promise_status' : 'promise_update',
      title: changed
        ? { key: 'promises.notify.status_title', params: { title: p.title, status } }
        : { key: 'promises.notify.update_title', params: { title: p.title } },
      body: input.explanation,
      href: `/beloften/${promiseId}`,
      dedupeKey: `promise:${promiseId}:update:${update!.id}`,
      emailSubject: changed ? { key: 'promises.notify.status_subject', params: { status } } : { key: 'promises.notify.update_subject' },
    })
    return { ok: true, updateId: update!.id }
  })
}

export async function addIndicator(
  actor: Actor,
  promiseId: number,
  input: IndicatorInput,
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ id: number }>> {
  const p = await findPromise(promiseId, db)
  if (!p) return notFound
  if (!managePromise(actor, p).ok) return denied
  const [row] = await db
    .insert(promiseIndicators)
    .values({ promiseId, ...input })
    .returning({ id: promiseIndicators.id })
  return { ok: true, id: row!.id }
}

export interface RowProblem {
  /** The line in the file (the header is line 1). */
  line: number
  reason: MessageKey
  params?: Params
}

export type ImportResult = Outcome<{ imported: number; problems: RowProblem[] }, MessageKey>

/** The whole file is refused: the message goes next to the file field. */
const refuseFile = (reason: MessageKey, params?: Params): Refusal<MessageKey> =>
  params ? { ...refuse(reason, 'file'), params } : refuse(reason, 'file')

type SeriesRecord = { record: Record<string, string>; info: { lines: number } }
type SeriesRow = { period: string; start: string; wijkCode: string; value: number; line: number }
type Indicator = NonNullable<Awaited<ReturnType<typeof findIndicator>>>

/**
 * Imports an indicator's series from CSV with the columns periode, waarde, and optionally eenheid and
 * wijk (comma or semicolon separated). A row that cannot be read is reported and the rest kept; a unit
 * other than the indicator's, periods out of order, or a file too large refuse the whole file, and the
 * series stays as it was. A period that exists already gets the new value. Every check on the whole file
 * passes before the one transaction that writes the series.
 */
export async function importSeries(
  actor: Actor,
  indicatorId: number,
  csv: string,
  now = new Date(),
  db: Queryable = getDatabase().db,
): Promise<ImportResult> {
  const indicator = await findIndicator(indicatorId, db)
  if (!indicator) return refuseFile('promises.error.not_found')
  const p = await findPromise(indicator.promiseId, db)
  if (!p || !managePromise(actor, p).ok) return refuseFile('promises.error.not_allowed')
  if (Buffer.byteLength(csv, 'utf8') > LIMITS.csvBytes) return refuseFile('promises.import.too_large', { kb: LIMITS.csvBytes / 1024 })
  const read = readSeriesRecords(csv)
  if (!read.ok) return read
  const checked = checkSeriesRows(read.records, indicator)
  if (!checked.ok) return checked
  const { good, problems } = checked
  if (!good.length) return { ok: true, imported: 0, problems }
  await db.transaction(async (tx) => {
    for (const row of good)
      await tx
        .insert(promiseIndicatorValues)
        .values({ indicatorId, period: row.period, periodStart: row.start, wijkCode: row.wijkCode, value: row.value, importedAt: now })
        .onConflictDoUpdate({
          target: [promiseIndicatorValues.indicatorId, promiseIndicatorValues.wijkCode, promiseIndicatorValues.period],
          set: { value: row.value, periodStart: row.start, importedAt: now },
        })
    await notify(tx, {
      userIds: await followerIds(tx, ITEM_KIND, String(p.id)),
      kind: 'promise_data',
      title: { key: 'promises.notify.data_title', params: { title: p.title } },
      body: { key: 'promises.notify.data_body', params: { indicator: indicator.name, n: good.length } },
      href: `/beloften/${p.id}`,
      dedupeKey: `promise:${p.id}:data:${indicatorId}:${now.getTime()}`,
      emailSubject: { key: 'promises.notify.data_subject' },
    })
  })
  return { ok: true, imported: good.length, problems }
}

/** The file's records with their line numbers, or why the whole file is refused (unreadable, empty, no periode/waarde, too long). */
function readSeriesRecords(csv: string): Outcome<{ records: SeriesRecord[] }, MessageKey> {
  const text = csv.replace(/^\uFEFF/, '')
  if (!text.trim()) return refuseFile('promises.import.empty')
  const header = text.split(/\r?\n/, 1)[0]!
  let records: SeriesRecord[]
  try {
    records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      delimiter: header.includes(';') ? ';' : ',',
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      info: true,
    }) as typeof records
  } catch {
    return refuseFile('promises.import.unreadable')
  }
  const columns = Object.keys(records[0]?.record ?? {})
  if (records.length && (!columns.includes('periode') || !columns.includes('waarde'))) return refuseFile('promises.import.columns')
  if (!records.length) return refuseFile('promises.import.empty')
  if (records.length > LIMITS.csvRows) return refuseFile('promises.import.too_many_rows', { max: LIMITS.csvRows })
  return { ok: true, records }
}

/**
 * The rows that can be written and the problems of those that cannot; or the refusal of the whole file
 * for a unit other than the indicator's, or periods out of order.
 */
function checkSeriesRows(
  records: SeriesRecord[],
  indicator: Indicator,
): Outcome<{ good: SeriesRow[]; problems: RowProblem[] }, MessageKey> {
  const problems: RowProblem[] = []
  const good: SeriesRow[] = []
  for (const { record, info } of records) {
    const line = info.lines
    const unit = (record.eenheid ?? '').trim()
    if (unit && unit.toLowerCase() !== indicator.unit.toLowerCase())
      return refuseFile('promises.import.unit_mismatch', { line, unit, expected: indicator.unit })
    const period = parsePeriod(record.periode ?? '', indicator.period)
    const value = parseValue(record.waarde ?? '')
    const wijk = (record.wijk ?? '').trim().toUpperCase()
    if (!period)
      problems.push({
        line,
        reason: indicator.period === 'year' ? 'promises.import.row_period_year' : 'promises.import.row_period_quarter',
        params: { value: record.periode ?? '' },
      })
    else if (value === null) problems.push({ line, reason: 'promises.import.row_value', params: { value: record.waarde ?? '' } })
    else if (wijk && !/^WK\d{6}$/.test(wijk)) problems.push({ line, reason: 'promises.import.row_wijk', params: { value: wijk } })
    else good.push({ period: period.period, start: period.start, wijkCode: wijk, value, line })
  }
  // Within the file, each series (the city, or one wijk) runs forward in time.
  const last = new Map<string, { start: string; period: string }>()
  for (const row of good) {
    const before = last.get(row.wijkCode)
    if (before && row.start <= before.start)
      return refuseFile('promises.import.out_of_order', { line: row.line, period: row.period, before: before.period })
    last.set(row.wijkCode, row)
  }
  return { ok: true, good, problems }
}

/** Links any item to a promise; the decisions register (or any module) calls this with its own kind. */
export async function linkItem(db: Queryable, promiseId: number, item: { kind: string; itemId: string; title: string; href: string }) {
  await db
    .insert(promiseLinks)
    .values({ promiseId, itemKind: item.kind, itemId: item.itemId, title: item.title, href: item.href })
    .onConflictDoUpdate({
      target: [promiseLinks.promiseId, promiseLinks.itemKind, promiseLinks.itemId],
      set: { title: item.title, href: item.href },
    })
}

export async function unlinkItem(db: Queryable, promiseId: number, item: { kind: string; itemId: string }) {
  await db
    .delete(promiseLinks)
    .where(and(eq(promiseLinks.promiseId, promiseId), eq(promiseLinks.itemKind, item.kind), eq(promiseLinks.itemId, item.itemId)))
}

/** Staff link a participatory item (consultation, proposal, budget, notice) by its registration. */
export async function linkParticipationItem(
  actor: Actor,
  promiseId: number,
  ref: { kind: string; id: string },
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  const p = await findPromise(promiseId, db)
  if (!p) return notFound
  if (!managePromise(actor, p).ok) return denied
  const item = await findItem({ kind: ref.kind, itemId: ref.id }, db)
  if (!item) return refuse('promises.error.item_required', 'item')
  await linkItem(db, promiseId, { kind: item.kind, itemId: item.itemId, title: item.title, href: item.href })
  return { ok: true }
}

export async function unlinkParticipationItem(
  actor: Actor,
  promiseId: number,
  ref: { kind: string; id: string },
  db: Queryable = getDatabase().db,
): Promise<Outcome> {
  const p = await findPromise(promiseId, db)
  if (!p) return notFound
  if (!managePromise(actor, p).ok) return denied
  await unlinkItem(db, promiseId, { kind: ref.kind, itemId: ref.id })
  return { ok: true }
}

/**
 * The clock: when a promise's update is overdue, its followers hear so once (per missed day). Idempotent
 * through the notification's dedupe key.
 */
export async function notifyOverdue(now = new Date(), db: Queryable = getDatabase().db): Promise<number> {
  const due: PromiseRow[] = await db
    .select()
    .from(promises)
    .where(sql`${promises.status} not in ('done', 'dropped') and ${promises.nextUpdateBy} < ${dayIn(now)}::date`)
  let sent = 0
  for (const p of due.filter((x) => isOverdue(x, now)))
    sent += await notify(db, {
      userIds: await followerIds(db, ITEM_KIND, String(p.id)),
      kind: 'promise_overdue',
      title: { key: 'promises.notify.overdue_title', params: { title: p.title } },
      body: { key: 'promises.notify.overdue_body', params: { date: { date: p.nextUpdateBy } } },
      href: `/beloften/${p.id}`,
      dedupeKey: `promise:${p.id}:overdue:${p.nextUpdateBy}`,
    })
  return sent
}

/** A resident follows a promise (or stops): status changes, updates, new figures and overdue updates reach them. */
export async function setFollowing(actor: Actor, promiseId: number, on: boolean, db: Queryable = getDatabase().db) {
  if (on) await follow(db, actor.id, ITEM_KIND, String(promiseId))
  else await unfollow(db, actor.id, ITEM_KIND, String(promiseId))
}
