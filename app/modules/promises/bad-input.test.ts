import { describe, expect, it } from 'vitest'
import type { ActionFunctionArgs } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { promiseIndicatorValues, promiseUpdates } from '~db/schema'
import { actorForUser, createSessionCookie } from '~/auth/session.server'
import { action as createAction } from '~/routes/beheer.beloften._index'
import { action as promiseAction } from '~/routes/beheer.beloften.$id'
import { action as importAction } from '~/routes/beheer.beloften.$id_.cijfers.$indicatorId'
import { addIndicator, createPromise, importSeries } from './commands.server'
import { LIMITS, promiseSchema } from './validation'

/* Bad input through the real actions of the staff pages: a Dutch reason at the field, what was typed kept, nothing lost. */

async function staff() {
  const { db } = getDatabase()
  const user = await createUser(db, { roles: [{ role: 'staff' }] })
  return { actor: (await actorForUser(user.id))!, cookie: (await createSessionCookie(user.id)).split(';')[0]! }
}

async function post(action: (args: ActionFunctionArgs) => Promise<unknown>, cookie: string, params: Record<string, string>, body: Record<string, string>) {
  const request = new Request('http://stem.test/x', {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { Origin: 'http://stem.test', Cookie: cookie },
  })
  const response = (await action({ request, params, context: { clientIp: '203.0.113.9' } })) as Response
  return { status: response.status, data: (await response.json()) as Record<string, unknown> }
}

async function promiseWithSeries() {
  const who = await staff()
  const created = await createPromise(
    who.actor,
    promiseSchema.parse({
      title: 'Belofte met cijfers',
      body: 'We bouwen woningen.',
      sourceKind: 'coalition_agreement',
      sourceDocument: 'Coalitieakkoord (test)',
      theme: 'Wonen',
      portfolioHolder: 'Wethouder',
      updateEveryMonths: '3',
    }),
  )
  if (!created.ok) throw new Error('created')
  const indicator = await addIndicator(who.actor, created.id, {
    name: 'Woningen',
    definition: 'Per jaar',
    unit: 'woningen',
    source: 'CBS',
    period: 'year',
    baselineValue: null,
    baselinePeriod: null,
    targetValue: null,
    targetOn: null,
  })
  if (!indicator.ok) throw new Error('indicator')
  await importSeries(who.actor, indicator.id, 'periode,waarde\n2023,100\n2024,120\n')
  return { ...who, promiseId: created.id, indicatorId: indicator.id }
}

const values = (indicatorId: number) =>
  getDatabase()
    .db.select({ period: promiseIndicatorValues.period, value: promiseIndicatorValues.value })
    .from(promiseIndicatorValues)
    .where(eq(promiseIndicatorValues.indicatorId, indicatorId))

describe('bad input on the beloftemeter staff pages', () => {
  it('refuses a new promise without its source, with messages per field and the typed text kept', async () => {
    const { cookie } = await staff()
    const { status, data } = await post(
      createAction,
      cookie,
      {},
      { title: 'Meer groen', body: 'Bomen erbij.', sourceKind: '', sourcePage: 'twaalf', updateEveryMonths: '5' },
    )
    expect(status).toBe(400)
    expect(data.errors).toMatchObject({
      sourceKind: 'promises.error.source_kind_required',
      sourceDocument: 'promises.error.document_required',
      sourcePage: 'promises.error.page_invalid',
      updateEveryMonths: 'promises.error.rhythm_invalid',
    })
    expect(data.values).toMatchObject({ title: 'Meer groen', body: 'Bomen erbij.', sourcePage: 'twaalf' })
  })

  it('refuses a status change without an explanation and keeps the history as it was', async () => {
    const { cookie, promiseId } = await promiseWithSeries()
    const { status, data } = await post(
      promiseAction,
      cookie,
      { id: String(promiseId) },
      { intent: 'update', status: 'behind', explanation: 'kort' },
    )
    expect(status).toBe(400)
    expect(data.errors).toEqual({ explanation: 'promises.error.explanation_required' })
    expect(data.values).toMatchObject({ status: 'behind', explanation: 'kort' })
    const history = await getDatabase().db.select().from(promiseUpdates).where(eq(promiseUpdates.promiseId, promiseId))
    expect(history.map((h) => h.status)).toEqual(['not_started'])
  })

  it('refuses a CSV with a unit mismatch, with periods out of order, or too large, keeps the pasted text and the series', async () => {
    const { cookie, promiseId, indicatorId } = await promiseWithSeries()
    const params = { id: String(promiseId), indicatorId: String(indicatorId) }
    const mismatch = 'periode,waarde,eenheid\n2025,140,%\n'
    const a = await post(importAction, cookie, params, { content: mismatch })
    expect(a.status).toBe(400)
    expect(a.data).toMatchObject({ errors: { file: 'promises.import.unit_mismatch' }, content: mismatch })
    const disorder = 'periode,waarde\n2026,150\n2025,140\n'
    const b = await post(importAction, cookie, params, { content: disorder })
    expect(b.data).toMatchObject({ errors: { file: 'promises.import.out_of_order' }, content: disorder })
    const c = await post(importAction, cookie, params, { content: `periode,waarde\n${'2025,1\n'.repeat(LIMITS.csvBytes / 7 + 10)}` })
    expect(c.status).toBe(400)
    expect(c.data).toMatchObject({ errors: { file: 'promises.import.too_large' } })
    expect((await values(indicatorId)).map((v) => [v.period, v.value]).sort()).toEqual([
      ['2023', 100],
      ['2024', 120],
    ])
  })
})
