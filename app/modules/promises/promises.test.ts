import { describe, expect, it } from 'vitest'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { notifications, outboundEmails, promiseIndicators, promiseIndicatorValues, promises, promiseUpdates } from '~db/schema'
import { seedPeople } from '~db/seeds/people'
import { seedPromises } from '~/modules/promises/seed.server'
import { actorForUser } from '~/auth/session.server'
import { follow, recentNotifications } from '~/modules/engagement/engagement.server'
import { allAccountability } from '~/modules/accountability.server'
import { findResource, openApiDocument } from '~/modules/api.server'
import { runTicks } from '~/utils/ticks.server'
import { addIndicator, createPromise, importSeries, linkItem, recordUpdate } from './commands.server'
import { addMonths } from './dates'
import { promisesServer } from './manifest.server'
import { listPromises, promiseDetail, promisesServedBy } from './queries.server'
import { LIMITS, parsePeriod, promiseSchema, updateSchema, type IndicatorInput } from './validation'

const DAY = 86_400_000

async function people() {
  const { db } = getDatabase()
  const staff = (await actorForUser((await createUser(db, { roles: [{ role: 'staff' }] })).id))!
  const griffie = (await actorForUser((await createUser(db, { roles: [{ role: 'griffie' }] })).id))!
  const resident = await createUser(db, { email: `bewoner-${Math.random().toString(36).slice(2)}@example.test` })
  return { staff, griffie, resident }
}

const input = (over: Record<string, unknown> = {}) =>
  promiseSchema.parse({
    title: 'Meer woningen bouwen',
    body: 'We bouwen 2.000 betaalbare woningen.',
    sourceKind: 'coalition_agreement',
    sourceDocument: 'Coalitieakkoord (test)',
    sourcePage: '12',
    theme: 'Wonen',
    portfolioHolder: 'Wethouder Wonen',
    areaCodes: ['WK001404'],
    updateEveryMonths: '3',
    ...over,
  })

const indicator: IndicatorInput = {
  name: 'Woningen opgeleverd',
  definition: 'Aantal per jaar',
  unit: 'woningen',
  source: 'CBS',
  period: 'year',
  baselineValue: 100,
  baselinePeriod: '2023',
  targetValue: 500,
  targetOn: '2029-12-31',
}

describe('recording promises', () => {
  it('lets the griffie record motions and toezeggingen, but not the coalition agreement', async () => {
    const { staff, griffie } = await people()
    expect((await createPromise(griffie, input())).ok).toBe(false)
    expect((await createPromise(griffie, input({ sourceKind: 'toezegging' }))).ok).toBe(true)
    expect((await createPromise(staff, input())).ok).toBe(true)
  })

  it('refuses a status change without a public explanation', () => {
    const parsed = updateSchema.safeParse({ status: 'behind', explanation: '  ' })
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues[0]?.message).toBe('promises.error.explanation_required')
  })

  it('keeps every status change in the history, tells followers, and the history cannot be rewritten', async () => {
    const { db } = getDatabase()
    const { staff, resident } = await people()
    const created = await createPromise(staff, input())
    if (!created.ok) throw new Error('created')
    await follow(db, resident.id, 'promise', String(created.id))
    const result = await recordUpdate(staff, created.id, { status: 'behind', explanation: 'De bouw loopt vertraging op door stikstof.' })
    expect(result.ok).toBe(true)
    const detail = (await promiseDetail(created.id))!
    expect(detail.promise.status).toBe('behind')
    expect(detail.history.map((h) => [h.fromStatus, h.status])).toEqual([
      ['not_started', 'behind'],
      [null, 'not_started'],
    ])
    const [notice] = await db.select().from(notifications).where(eq(notifications.userId, resident.id))
    expect(notice?.title).toContain('Achter')
    expect(notice?.body).toBe('De bouw loopt vertraging op door stikstof.')
    const mail = await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, resident.email))
    expect(mail).toHaveLength(1)
    await expect(db.execute(sql`update promise_updates set explanation = 'anders' where promise_id = ${created.id}`)).rejects.toThrow()
  })

  it('tells an English-speaking follower in English, on the page and by e-mail', async () => {
    const { db } = getDatabase()
    const { staff, resident } = await people()
    await db.execute(sql`update users set locale = 'en' where id = ${resident.id}`)
    const created = await createPromise(staff, input())
    if (!created.ok) throw new Error('created')
    await follow(db, resident.id, 'promise', String(created.id))
    await recordUpdate(staff, created.id, { status: 'behind', explanation: 'De bouw loopt vertraging op door stikstof.' })
    const [shown] = await recentNotifications(resident.id, 'en')
    expect(shown!.title).toMatch(/: the status is now "/)
    const [mail] = await db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, resident.email))
    expect(mail!.subject).toMatch(/^A promise you follow is now "/)
    expect(mail!.textBody).toContain('the status is now')
  })
})

describe('indicators and their series', () => {
  async function withIndicator(period: 'year' | 'quarter' = 'year') {
    const { staff, resident } = await people()
    const created = await createPromise(staff, input())
    if (!created.ok) throw new Error('created')
    const added = await addIndicator(staff, created.id, { ...indicator, period, unit: period === 'year' ? 'woningen' : '%' })
    if (!added.ok) throw new Error('indicator')
    return { staff, resident, promiseId: created.id, indicatorId: added.id }
  }
  const values = (indicatorId: number) =>
    getDatabase()
      .db.select()
      .from(promiseIndicatorValues)
      .where(eq(promiseIndicatorValues.indicatorId, indicatorId))
      .orderBy(promiseIndicatorValues.id)

  it('reports one broken row and keeps the rest, per wijk too, and tells followers about new data', async () => {
    const { db } = getDatabase()
    const { staff, resident, promiseId, indicatorId } = await withIndicator()
    await follow(db, resident.id, 'promise', String(promiseId))
    const csv = 'periode,waarde,eenheid,wijk\n2023,100,woningen,\n2024,veel,woningen,\n2025,300,woningen,\n2024,40,woningen,WK001404\n'
    const result = await importSeries(staff, indicatorId, csv)
    expect(result).toEqual({
      ok: true,
      imported: 3,
      problems: [{ line: 3, reason: 'promises.import.row_value', params: { value: 'veel' } }],
    })
    expect((await values(indicatorId)).map((v) => [v.period, v.wijkCode, v.value])).toEqual([
      ['2023', '', 100],
      ['2025', '', 300],
      ['2024', 'WK001404', 40],
    ])
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, resident.id), eq(notifications.kind, 'promise_data')))
    expect(notes).toHaveLength(1)
  })

  it('refuses a unit mismatch, periods out of order and an oversized file, and keeps what was there', async () => {
    const { staff, indicatorId } = await withIndicator()
    await importSeries(staff, indicatorId, 'periode,waarde\n2023,100\n')
    const mismatch = await importSeries(staff, indicatorId, 'periode,waarde,eenheid\n2024,120,woningen\n2025,5,%\n')
    expect(mismatch).toMatchObject({
      ok: false,
      reason: 'promises.import.unit_mismatch',
      field: 'file',
      params: { line: 3, unit: '%' },
    })
    const disorder = await importSeries(staff, indicatorId, 'periode;waarde\n2025;120\n2024;130\n')
    expect(disorder).toMatchObject({
      ok: false,
      reason: 'promises.import.out_of_order',
      field: 'file',
      params: { period: '2024', before: '2025' },
    })
    const huge = await importSeries(staff, indicatorId, `periode,waarde\n${'2024,1\n'.repeat(LIMITS.csvBytes / 6)}`)
    expect(huge).toMatchObject({ ok: false, reason: 'promises.import.too_large', field: 'file' })
    expect((await values(indicatorId)).map((v) => [v.period, v.value])).toEqual([['2023', 100]])
  })

  it('reads quarters written the Dutch way and decimals with a comma', async () => {
    expect(parsePeriod('2025-K3', 'quarter')).toEqual({ period: '2025-Q3', start: '2025-07-01' })
    expect(parsePeriod('2025', 'quarter')).toBeNull()
    const { staff, indicatorId } = await withIndicator('quarter')
    const result = await importSeries(staff, indicatorId, 'periode;waarde;eenheid\n2025-K1;12,5;%\n2025 Q2;13;%\n')
    expect(result).toMatchObject({ ok: true, imported: 2 })
    expect((await values(indicatorId)).map((v) => [v.period, v.value])).toEqual([
      ['2025-Q1', 12.5],
      ['2025-Q2', 13],
    ])
  })
})

describe('promises kept on time', () => {
  it('shows a missed update as overdue, in the accountability view, and tells followers once by the clock', async () => {
    const { db } = getDatabase()
    const { staff, resident } = await people()
    const created = await createPromise(staff, input({ title: 'Een belofte met een gemiste update' }), {
      now: new Date(Date.now() - 120 * DAY),
    })
    if (!created.ok) throw new Error('created')
    await follow(db, resident.id, 'promise', String(created.id))
    const rows = await listPromises({ overdue: true })
    expect(rows.map((r) => r.id)).toContain(created.id)
    const entry = (await allAccountability()).find((r) => r.key === `promise-${created.id}`)
    expect(entry).toMatchObject({ kind: 'promise', status: 'overdue', href: `/beloften/${created.id}` })
    await runTicks(new Date(), promisesServer.ticks!)
    await runTicks(new Date(), promisesServer.ticks!)
    const notes = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, resident.id), eq(notifications.kind, 'promise_overdue')))
    expect(notes).toHaveLength(1)
    // An update in time moves the next date on; a later clock makes it overdue again.
    await recordUpdate(staff, created.id, { status: 'on_track', explanation: 'De bouw is gestart in Oosterpark.' })
    expect((await listPromises({ overdue: true })).map((r) => r.id)).not.toContain(created.id)
    const after = (await allAccountability()).find((r) => r.key === `promise-${created.id}`)
    expect(after?.status).toBe('late')
    const [p] = await db.select().from(promises).where(eq(promises.id, created.id))
    const later = new Date(Date.parse(addMonths(p!.nextUpdateBy, 1)))
    expect((await listPromises({ overdue: true }, later)).map((r) => r.id)).toContain(created.id)
  })
})

describe('links, wijken and open data', () => {
  it('shows the promise an item serves, and publishes history and series through the API and as CSV', async () => {
    const { db } = getDatabase()
    const { staff } = await people()
    const created = await createPromise(staff, input({ title: 'Belofte voor de open data' }))
    if (!created.ok) throw new Error('created')
    await linkItem(db, created.id, { kind: 'decision', itemId: 'B-12', title: 'Besluit over woningbouw', href: '/besluiten/B-12' })
    expect(await promisesServedBy('decision', 'B-12')).toEqual([
      { id: created.id, title: 'Belofte voor de open data', status: 'not_started' },
    ])
    expect((await listPromises({ wijk: 'WK001404' })).map((r) => r.id)).toContain(created.id)
    const added = await addIndicator(staff, created.id, indicator)
    if (!added.ok) throw new Error('indicator')
    await importSeries(staff, added.id, 'periode,waarde\n2024,10\n2025,20\n')
    const one = findResource(`/promises/${created.id}`)!
    const body = (await one.resource.handler({ params: one.params, query: new URLSearchParams(), request: new Request('http://x') })) as {
      status: number
      body: { history: unknown[]; indicators: { series: unknown[] }[]; links: unknown[] }
    }
    expect(body.status).toBe(200)
    expect(body.body.history).toHaveLength(1)
    expect(body.body.indicators[0]!.series).toEqual([
      { period: '2024', wijkCode: null, value: 10 },
      { period: '2025', wijkCode: null, value: 20 },
    ])
    expect(body.body.links).toHaveLength(1)
    const missing = findResource('/promises/999999')!
    expect(
      (await missing.resource.handler({ params: missing.params, query: new URLSearchParams(), request: new Request('http://x') })).status,
    ).toBe(404)
    const csv = findResource('/promises.csv')!
    const text = (await csv.resource.handler({
      params: {},
      query: new URLSearchParams('status=not_started'),
      request: new Request('http://x'),
    })) as { text: string }
    expect(text.text.split('\r\n')[0]).toContain('id,titel,status,stand')
    expect(text.text).toContain('Belofte voor de open data')
    const bad = findResource('/promises')!
    expect(
      (await bad.resource.handler({ params: {}, query: new URLSearchParams('status=klaar'), request: new Request('http://x') })).status,
    ).toBe(400)
    const doc = openApiDocument('http://x') as { paths: Record<string, unknown> }
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/promises', '/promises/{id}', '/promises.csv']))
  })
})

describe('demo seed', () => {
  it('seeds promises in every status, two synthetic series and one overdue update, once however often it runs', async () => {
    const { db } = getDatabase()
    await seedPeople(db, 'not-a-real-hash')
    await seedPromises(db)
    await seedPromises(db)
    const rows = await db
      .select()
      .from(promises)
      .where(sql`${promises.seedKey} like 'demo-promise-%'`)
    expect(rows).toHaveLength(8)
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['not_started', 'on_track', 'behind', 'done', 'changed', 'dropped']))
    const overdue = (await listPromises({ overdue: true })).filter((r) => rows.some((s) => s.id === r.id))
    expect(overdue.map((r) => r.title)).toEqual(['Toezegging: raad hoort elk kwartaal over de wachtlijst jeugdzorg'])
    const ids = rows.map((r) => r.id)
    const series = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(promiseIndicatorValues)
      .innerJoin(promiseIndicators, eq(promiseIndicators.id, promiseIndicatorValues.indicatorId))
      .where(inArray(promiseIndicators.promiseId, ids))
    expect(series[0]!.n).toBe(12 + 9)
    const history = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(promiseUpdates)
      .where(inArray(promiseUpdates.promiseId, ids))
    expect(history[0]!.n).toBe(8 + 8)
  })
})
