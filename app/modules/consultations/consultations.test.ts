import { describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { getDatabase } from '~db/runtime'
import { createUser } from '~db/factories/users'
import { consultationResponses, consultations, notifications, publications } from '~db/schema'
import { follow } from '~/modules/engagement/engagement.server'
import { seedPeople } from '~db/seeds/people'
import { seedConsultations, seedConsultationList } from '~/modules/consultations/seed.server'
import { actorForUser } from '~/auth/session.server'
import type { Actor } from '~/auth/permissions'
import { accountability, declarationOf, findItem } from '~/modules/participation/queries.server'
import type { DeclarationFields } from '~/modules/participation/declaration'
import { translate } from '~/utils/i18n'
import { rowsOf } from '~/modules/areas/queries.server'
import {
  addDocument,
  addQuestion,
  createDraft,
  publishConsultationReport,
  saveConsultationDeclaration,
  submitResponse,
  syncLifecycle,
  transition,
  updateDetails,
} from './commands.server'
import { csvOf, resultsOf } from './results.server'
import { getConsultation, listConsultations, questionsOf, refOf, drawnAreaOf, livesInDrawnArea } from './queries.server'
import { manageConsultation, mayPublishIn, respondToConsultation } from './permissions'
import { consultationsServer } from './manifest.server'
import { answerSchema, detailsSchema, questionSchema, toQuestionConfig, validateAnswers, type QuestionView } from './validation'
import { canTransition, statusByDate } from './lifecycle'
import { action as answerAction, loader as detailLoader } from '~/routes/inspraak.$id._index'
import { action as adminAction, loader as adminLoader } from '~/routes/beheer.inspraak.$id'
import { loader as adminListLoader } from '~/routes/beheer.inspraak._index'
import { loader as listLoader } from '~/routes/inspraak._index'
import { createSessionCookie } from '~/auth/session.server'
import { fromAmsterdamLocal, toAmsterdamLocal } from '~/utils/time'

const q = (over: Partial<QuestionView> & Pick<QuestionView, 'kind'>): QuestionView => ({
  id: 1,
  prompt: 'Vraag',
  help: '',
  required: true,
  config: {},
  ...over,
})
const error = (question: QuestionView, raw: unknown) => {
  const r = answerSchema(question).safeParse(raw)
  return r.success ? null : r.error.issues[0]!.message
}
const value = (question: QuestionView, raw: unknown) => answerSchema(question).parse(raw)
const options = ['Fiets', 'Bus', 'Auto', 'Lopend']

const declaration = (over: Partial<DeclarationFields> = {}): DeclarationFields => ({
  level: 'raadplegen',
  decidedBy: 'gemeenteraad',
  decisionExpectedOn: null,
  usedFor: 'De raad leest alle reacties voordat hij besluit.',
  bindingRule: null,
  reportBackBy: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10),
  ...over,
})

const details = (over: Record<string, unknown> = {}) =>
  detailsSchema.parse({
    title: 'Fietsparkeren bij het station',
    intro: 'Waar moeten de nieuwe fietsenstallingen komen?',
    kind: 'consultation',
    goals: '',
    areaScope: 'wijken',
    areaCodes: ['WK001400'],
    eligibility: 'verified_area',
    minimumAge: '',
    opensAt: '',
    closesAt: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 16),
    results: 'after_close',
    ...over,
  })

async function person(traits: Parameters<typeof createUser>[1] = {}): Promise<Actor> {
  const { db } = getDatabase()
  return (await actorForUser((await createUser(db, traits)).id))!
}

/** An open consultation with one question of each kind, owned by the griffie. */
async function openConsultation(griffie?: Actor) {
  const owner = griffie ?? (await person({ roles: [{ role: 'griffie' }] }))
  const created = await createDraft(owner, details())
  if (!created.ok) throw new Error('draft')
  const id = created.id
  const add = (input: Record<string, string>) => {
    const parsed = questionSchema.parse({ prompt: 'Een vraag?', ...input })
    const { kind, config } = toQuestionConfig(parsed)
    return addQuestion(id, { kind, config, prompt: parsed.prompt, help: '', required: parsed.required })
  }
  await add({ questionKind: 'single', options: options.join('\n'), required: 'on' })
  await add({ questionKind: 'multiple', options: options.join('\n'), minChoices: '1', maxChoices: '2' })
  await add({ questionKind: 'scale', lowLabel: 'Slecht', highLabel: 'Goed', allowDontKnow: 'on' })
  await add({ questionKind: 'ranking', options: 'A\nB\nC' })
  await add({ questionKind: 'open', maxLength: '50' })
  await add({ questionKind: 'map_point' })
  expect(await saveConsultationDeclaration(owner, id, declaration())).toEqual({ ok: true })
  expect(await transition(owner, id, 'open')).toEqual({ ok: true })
  return { id, owner, questions: await questionsOf(id) }
}

describe('answers per question type', () => {
  it('single choice: one of the options', () => {
    const single = q({ kind: 'single', config: { options } })
    expect(value(single, '2')).toBe(2)
    expect(error(single, '7')).toBe('consultations.error.choice_invalid')
    expect(error(single, 'fiets')).toBe('consultations.error.choice_invalid')
    expect(error(single, '')).toBe('consultations.error.answer_required')
    expect(value({ ...single, required: false }, '')).toBeUndefined()
  })

  it('multiple choice: within the minimum and maximum, no repeats', () => {
    const multiple = q({ kind: 'multiple', config: { options, minChoices: 2, maxChoices: 3 } })
    expect(value(multiple, ['0', '3'])).toEqual([0, 3])
    expect(error(multiple, '1')).toBe('consultations.error.too_few_choices')
    expect(error(multiple, ['0', '1', '2', '3'])).toBe('consultations.error.too_many_choices')
    expect(error(multiple, ['0', '0'])).toBe('consultations.error.choice_invalid')
    expect(error(multiple, ['0', '9'])).toBe('consultations.error.choice_invalid')
  })

  it('scale: 1 to 5, and "weet niet" only when offered', () => {
    const scale = q({ kind: 'scale', config: { lowLabel: 'a', highLabel: 'b' } })
    expect(value(scale, '5')).toBe(5)
    expect(error(scale, '6')).toBe('consultations.error.scale_invalid')
    expect(error(scale, '2.5')).toBe('consultations.error.scale_invalid')
    expect(error(scale, 'dont_know')).toBe('consultations.error.scale_invalid')
    expect(value({ ...scale, config: { allowDontKnow: true } }, 'dont_know')).toBe('dont_know')
  })

  it('ranking: every option exactly once', () => {
    const ranking = q({ kind: 'ranking', config: { options: ['A', 'B', 'C'] } })
    expect(value(ranking, ['2', '0', '1'])).toEqual([2, 0, 1])
    expect(error(ranking, ['2', '0', ''])).toBe('consultations.error.ranking_incomplete')
    expect(error(ranking, ['2', '2', '1'])).toBe('consultations.error.ranking_duplicate')
    expect(error(ranking, ['', '', ''])).toBe('consultations.error.answer_required')
  })

  it('open text: trimmed, within its limit', () => {
    const open = q({ kind: 'open', required: false, config: { maxLength: 10 } })
    expect(value(open, '  kort  ')).toBe('kort')
    expect(error(open, 'x'.repeat(11))).toBe('consultations.error.open_too_long')
    expect(value(open, '   ')).toBe('')
  })

  it('map point: a point in the municipality, or a postcode and house number', () => {
    const map = q({ kind: 'map_point' })
    expect(value(map, { lat: '53.2194', lon: '6.5665' })).toEqual({ lat: 53.2194, lon: 6.5665, via: 'map' })
    expect(error(map, { lat: '52.37', lon: '4.89' })).toBe('consultations.error.point_outside')
    expect(value(map, { postcode: '9712 jg', houseNumber: '3', addition: '' })).toEqual({
      postcode: '9712JG',
      houseNumber: 3,
      addition: '',
    })
    expect(error(map, { postcode: 'fout', houseNumber: '3', addition: '' })).toBe('consultations.error.postcode_invalid')
  })

  it('puts each error at its own question and keeps the valid answers', () => {
    const questions = [
      q({ id: 1, kind: 'single', config: { options } }),
      q({ id: 2, kind: 'scale', config: {} }),
      q({ id: 3, kind: 'open', config: { maxLength: 5 } }),
    ]
    const bad = validateAnswers(questions, { q1: '1', q2: '9', q3: 'veel te lang' })
    expect(bad).toMatchObject({ ok: false, errors: { q2: 'consultations.error.scale_invalid', q3: 'consultations.error.open_too_long' } })
    expect(translate('nl', 'consultations.error.open_too_long', { max: 5 })).toBe('Je antwoord is te lang. Gebruik hoogstens 5 tekens.')
    expect(validateAnswers(questions, { q1: '1', q2: '4', q3: 'ja' })).toEqual({
      ok: true,
      answers: { '1': 1, '2': 4, '3': 'ja' },
      addresses: {},
    })
  })

  it('refuses builder input that cannot make a question', () => {
    const r = questionSchema.safeParse({ questionKind: 'multiple', prompt: 'Kies', options: 'een', minChoices: '3', maxChoices: '2' })
    expect(r.success).toBe(false)
    expect(r.error!.issues.map((i) => i.message)).toContain('consultations.error.options_required')
    expect(detailsSchema.safeParse({ ...details(), areaScope: 'wijken', areaCodes: [] }).success).toBe(false)
  })
})

describe('lifecycle', () => {
  it('allows only the transitions of draft → review → scheduled → open → closed', () => {
    expect(canTransition('draft', 'submit_review')).toBe(true)
    expect(canTransition('review', 'schedule')).toBe(true)
    expect(canTransition('closed', 'open')).toBe(false)
    expect(canTransition('open', 'schedule')).toBe(false)
    const now = new Date('2027-01-10T12:00:00Z')
    expect(statusByDate('scheduled', new Date('2027-01-10T11:00:00Z'), new Date('2027-02-01T00:00:00Z'), now)).toBe('open')
    expect(statusByDate('scheduled', new Date('2027-01-11T00:00:00Z'), null, now)).toBe('scheduled')
    expect(statusByDate('open', null, new Date('2027-01-10T11:59:00Z'), now)).toBe('closed')
  })

  it('needs a declaration and a question before scheduling; dates then open and close it, with one publication', async () => {
    const { db } = getDatabase()
    const griffie = await person({ roles: [{ role: 'griffie' }] })
    const created = await createDraft(griffie, details({ opensAt: toAmsterdamLocal(new Date(Date.now() + 3_600_000)) }))
    if (!created.ok) throw new Error('draft')
    const id = created.id
    expect(await transition(griffie, id, 'schedule')).toEqual({
      ok: false,
      reason: 'consultations.error.declaration_missing',
      field: 'form',
    })
    await saveConsultationDeclaration(griffie, id, declaration())
    expect(await transition(griffie, id, 'schedule')).toEqual({ ok: false, reason: 'consultations.error.questions_missing', field: 'form' })
    await addQuestion(id, { kind: 'open', prompt: 'Iets?', help: '', required: false, config: { maxLength: 100 } })
    expect(await transition(griffie, id, 'submit_review')).toEqual({ ok: true })
    expect(await transition(griffie, id, 'schedule')).toEqual({ ok: true })
    expect((await findItem({ kind: 'consultation', itemId: String(id) }))!.status).toBe('scheduled')

    const [tick] = consultationsServer.ticks!
    expect(tick!.name).toBe('consultations.lifecycle')
    await tick!.run(new Date(Date.now() + 2 * 3_600_000))
    expect((await getConsultation(id))!.status).toBe('open')
    // As if the opening time had passed for real.
    await db
      .update(consultations)
      .set({ opensAt: new Date(Date.now() - 60_000) })
      .where(eq(consultations.id, id))
    expect((await findItem({ kind: 'consultation', itemId: String(id) }))!.status).toBe('open')
    const pubs = await db
      .select()
      .from(publications)
      .where(eq(publications.itemId, String(id)))
    expect(pubs).toMatchObject([{ itemKind: 'consultation', topic: 'consultations', areaCodes: ['WK001400'] }])
    // Questions are fixed once open; a declaration change now needs a public note.
    expect(await addQuestion(id, { kind: 'open', prompt: 'Nog iets?', help: '', required: false, config: {} })).toMatchObject({ ok: false })
    expect(await saveConsultationDeclaration(griffie, id, declaration({ usedFor: 'Anders dan eerst, dat is nu zo.' }))).toMatchObject({
      ok: false,
      reason: 'consultations.error.change_note_required',
      field: 'changeNote',
    })
    await saveConsultationDeclaration(griffie, id, declaration({ usedFor: 'Anders dan eerst, dat is nu zo.' }), 'Besluitdatum verschoven')
    const item = await findItem({ kind: 'consultation', itemId: String(id) })
    expect((await declarationOf(item!.id)).history).toHaveLength(1)

    await tick!.run(new Date(Date.now() + 11 * 86_400_000))
    expect((await getConsultation(id))!.status).toBe('closed')
    const fan = await createUser(db)
    await follow(db, fan.id, 'consultation', String(id))
    expect(
      await publishConsultationReport(griffie, id, {
        summary: 'We hoorden veel goede ideeën over stallingen.',
        decision: 'Er komen er twee bij.',
      }),
    ).toEqual({
      ok: true,
    })
    expect((await getConsultation(id))!.status).toBe('reported')
    expect((await accountability()).find((r) => r.id === item!.id)!.status).toBe('on_time')
    // Followers (and respondents) are told that the report-back is out.
    const told = await db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, 'consultation_report'))
    expect(told.map((t) => t.userId)).toContain(fan.id)
  })
})

describe('the clock, not the pages, moves the lifecycle', () => {
  it('leaves a due consultation alone when pages are read; its rules already see the date; the tick moves it once', async () => {
    const { db } = getDatabase()
    const griffie = await person({ roles: [{ role: 'griffie' }] })
    const { id } = await openConsultation(griffie)
    await db
      .update(consultations)
      .set({ closesAt: new Date(Date.now() - 60_000) })
      .where(eq(consultations.id, id))
    const cookie = (await createSessionCookie(griffie.id)).split(';')[0]!
    const get = (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
    await listLoader({ request: get('/inspraak'), params: {}, context: { clientIp: '127.0.0.1' } })
    await detailLoader({ request: get(`/inspraak/${id}`), params: { id: String(id) }, context: { clientIp: '127.0.0.1' } })
    await adminListLoader({ request: get('/beheer/inspraak'), params: {}, context: { clientIp: '127.0.0.1' } })
    await adminLoader({ request: get(`/beheer/inspraak/${id}`), params: { id: String(id) }, context: { clientIp: '127.0.0.1' } })
    const api = consultationsServer.api!.find((r) => r.path === '/consultations/{id}')!
    await api.handler({ params: { id: String(id) }, query: new URLSearchParams(), request: get(`/api/v1/consultations/${id}`) })
    const c = (await getConsultation(id))!
    expect(c.status).toBe('open')
    // Nobody can answer after the closing time, even before the tick.
    const resident = await person({ verifiedIn: { buurtCode: 'BU00140000' } })
    expect(respondToConsultation(resident, refOf(c))).toEqual({ ok: false, reason: 'closed' })

    expect(await syncLifecycle()).toBe(1)
    expect(await syncLifecycle()).toBe(0)
    expect((await getConsultation(id))!.status).toBe('closed')
    expect((await findItem({ kind: 'consultation', itemId: String(id) }))!.status).toBe('closed')
  })

  it('opens at once when the owner schedules with a start that is already due, and publishes it once', async () => {
    const { db } = getDatabase()
    const griffie = await person({ roles: [{ role: 'griffie' }] })
    const created = await createDraft(griffie, details({ opensAt: toAmsterdamLocal(new Date(Date.now() - 3_600_000)) }))
    if (!created.ok) throw new Error('draft')
    await saveConsultationDeclaration(griffie, created.id, declaration())
    await addQuestion(created.id, { kind: 'open', prompt: 'Iets?', help: '', required: false, config: { maxLength: 100 } })
    expect(await transition(griffie, created.id, 'schedule')).toEqual({ ok: true })
    const c = (await getConsultation(created.id))!
    expect(c.status).toBe('open')
    expect(c.opensAt!.getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(
      await db
        .select()
        .from(publications)
        .where(eq(publications.itemId, String(created.id))),
    ).toHaveLength(1)
  })

  it('opens a scheduled item at once when the owner moves its start to the past', async () => {
    const griffie = await person({ roles: [{ role: 'griffie' }] })
    const created = await createDraft(griffie, details({ opensAt: toAmsterdamLocal(new Date(Date.now() + 3_600_000)) }))
    if (!created.ok) throw new Error('draft')
    await saveConsultationDeclaration(griffie, created.id, declaration())
    await addQuestion(created.id, { kind: 'open', prompt: 'Iets?', help: '', required: false, config: { maxLength: 100 } })
    expect(await transition(griffie, created.id, 'schedule')).toEqual({ ok: true })
    expect((await getConsultation(created.id))!.status).toBe('scheduled')
    expect(await updateDetails(griffie, created.id, details({ opensAt: toAmsterdamLocal(new Date(Date.now() - 60_000)) }))).toEqual({
      ok: true,
    })
    expect((await getConsultation(created.id))!.status).toBe('open')
  })
})

describe('a drawn area', () => {
  const square = (lon: number, lat: number, d: number) =>
    JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [lon - d, lat - d],
          [lon + d, lat - d],
          [lon + d, lat + d],
          [lon - d, lat + d],
          [lon - d, lat - d],
        ],
      ],
    })

  it('is checked on the server, lies in the wijken it touches, and admits only verified residents living inside', async () => {
    const { db } = getDatabase()
    const griffie = await person({ roles: [{ role: 'griffie' }] })
    const inside = await person({ verifiedIn: { buurtCode: 'BU00140000' } })
    const outside = await person({ verifiedIn: { buurtCode: 'BU00140400' } })
    const [point] = rowsOf<{ lon: number; lat: number }>(
      await db.execute(
        sql`select st_x(a.location) as lon, st_y(a.location) as lat from users u join addresses a on a.id = u.address_id where u.id = ${inside.id}`,
      ),
    )
    const drawn = (geometry: string) => details({ areaScope: 'drawn', areaCodes: [], areaGeometry: geometry, eligibility: 'verified_area' })

    const bowtie = JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [6.56, 53.21],
          [6.58, 53.22],
          [6.58, 53.21],
          [6.56, 53.22],
          [6.56, 53.21],
        ],
      ],
    })
    expect(await createDraft(griffie, drawn(bowtie))).toEqual({
      ok: false,
      reason: 'alerts.error_self_intersecting',
      field: 'areaGeometry',
    })
    expect(await createDraft(griffie, drawn(square(4.89, 52.37, 0.001)))).toEqual({
      ok: false,
      reason: 'alerts.error_outside',
      field: 'areaGeometry',
    })
    expect(await createDraft(griffie, drawn(square(6.6, 53.2, 0.2)))).toMatchObject({
      ok: false,
      reason: 'alerts.error_area_too_large',
      field: 'areaGeometry',
    })
    expect(await createDraft(griffie, drawn('geen json'))).toEqual({ ok: false, reason: 'alerts.error_geojson', field: 'areaGeometry' })
    const raw = { title: 'Een plein', intro: '', kind: 'consultation', goals: '', areaScope: 'drawn', eligibility: 'everyone' }
    const refused = detailsSchema.safeParse({ ...raw, minimumAge: '', opensAt: '', closesAt: '', results: 'live', areaGeometry: '' })
    expect(refused.error!.issues.map((x) => x.message)).toEqual(['consultations.error.area_draw_required'])

    const created = await createDraft(griffie, drawn(square(Number(point!.lon), Number(point!.lat), 0.0008)))
    if (!created.ok) throw new Error(JSON.stringify(created))
    await saveConsultationDeclaration(griffie, created.id, declaration())
    await addQuestion(created.id, { kind: 'open', prompt: 'Iets?', help: '', required: false, config: { maxLength: 100 } })
    expect(await transition(griffie, created.id, 'open')).toEqual({ ok: true })
    const c = (await getConsultation(created.id))!
    expect(c.wijkCodes).toContain('WK001400')
    expect(c.areaCodes).toEqual([])
    const decide = async (who: Actor) => respondToConsultation(who, refOf(c, new Date(), await livesInDrawnArea(who.id, c.id)))
    expect(await decide(inside)).toEqual({ ok: true })
    expect(await decide(outside)).toEqual({ ok: false, reason: 'outside_area' })
    expect(await decide(await person())).toEqual({ ok: false, reason: 'not_verified' })
    // The publication carries the polygon, so alerts for places nearby match it.
    const [pub] = await db
      .select()
      .from(publications)
      .where(eq(publications.itemId, String(c.id)))
    expect(pub!.geometry).not.toBeNull()
    expect(await drawnAreaOf(c.id)).toMatchObject({ type: 'Polygon' })
  })
})

describe('permissions', () => {
  it('lets a wijkteam moderator publish only in their own wijken, and says why a resident may not take part', async () => {
    const moderator = await person({ roles: [{ role: 'moderator', scope: 'WK001400' }] })
    expect(mayPublishIn(moderator, ['WK001400'])).toEqual({ ok: true })
    expect(mayPublishIn(moderator, ['WK001400', 'WK001404'])).toEqual({ ok: false, reason: 'not_allowed' })
    expect(mayPublishIn(moderator, [])).toEqual({ ok: false, reason: 'not_allowed' })
    const { id, owner } = await openConsultation()
    const c = (await getConsultation(id))!
    const ref = refOf(c)
    expect(manageConsultation(moderator, ref)).toEqual({ ok: false, reason: 'not_allowed' })
    expect(manageConsultation(owner, ref)).toEqual({ ok: true })
    expect(respondToConsultation(await person({ verifiedIn: { buurtCode: 'BU00140400' } }), ref)).toEqual({
      ok: false,
      reason: 'outside_area',
    })
    expect(respondToConsultation(await person(), ref)).toEqual({ ok: false, reason: 'not_verified' })
    expect(respondToConsultation(await person({ verifiedIn: { buurtCode: 'BU00140000' } }), ref)).toEqual({ ok: true })
  })
})

describe('one response per person', () => {
  const onPostgres = () => getDatabase().kind === 'postgres'

  it('stores each of many concurrent residents exactly once (500 on PostgreSQL)', { timeout: 240_000 }, async () => {
    const { id, questions } = await openConsultation()
    const n = onPostgres() ? 500 : 60
    const { db } = getDatabase()
    const residents: Actor[] = []
    for (let i = 0; i < n; i++) residents.push(await person({ verifiedIn: { buurtCode: 'BU00140000' } }))
    const single = questions.find((x) => x.kind === 'single')!
    const results = await Promise.all(residents.map((r, i) => submitResponse(r, id, { [String(single.id)]: i % 4 })))
    expect(results.every((r) => r.ok && r.created)).toBe(true)
    const [{ count }] = (await db
      .select({ count: sql<number>`count(*)::int` })
      .from(consultationResponses)
      .where(eq(consultationResponses.consultationId, id))) as [{ count: number }]
    expect(count).toBe(n)
    const totals = await resultsOf(id)
    expect(totals.total).toBe(n)
    expect(totals.questions.find((x) => x.id === single.id)!.rows.reduce((s, r) => s + r.count, 0)).toBe(n)
  })

  it('leaves one response after 20 concurrent submissions by one resident, the last one kept', async () => {
    const { id, questions } = await openConsultation()
    const resident = await person({ verifiedIn: { buurtCode: 'BU00140000' } })
    const open = questions.find((x) => x.kind === 'open')!
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => submitResponse(resident, id, { [String(open.id)]: `versie ${i}` })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1)
    const { db } = getDatabase()
    const rows = await db.select().from(consultationResponses).where(eq(consultationResponses.consultationId, id))
    expect(rows).toHaveLength(1)
    expect(rows[0]!.answers[String(open.id)]).toMatch(/^versie \d+$/)
  })

  it('refuses a response once closed', async () => {
    const { id, owner } = await openConsultation()
    await transition(owner, id, 'close')
    expect(await submitResponse(await person({ verifiedIn: { buurtCode: 'BU00140000' } }), id, {})).toEqual({
      ok: false,
      reason: 'consultations.error.closed',
      field: 'form',
    })
  })
})

describe('answering through the route', () => {
  async function post(id: number, cookie: string, body: Record<string, string | string[]>) {
    const form = new URLSearchParams()
    for (const [k, v] of Object.entries(body)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x)
    const request = new Request(`http://stem.test/inspraak/${id}`, {
      method: 'POST',
      body: form,
      headers: { Origin: 'http://stem.test', Cookie: cookie },
    })
    try {
      return (await answerAction({ request, params: { id: String(id) }, context: { clientIp: '203.0.113.1' } })) as Response
    } catch (thrown) {
      return thrown as Response
    }
  }

  it('stores every question type, resolves a postcode, and answers bad input per question keeping the rest', async () => {
    const { id, questions } = await openConsultation()
    const { db } = getDatabase()
    const user = await createUser(db, { verifiedIn: { buurtCode: 'BU00140000' } })
    const cookie = (await createSessionCookie(user.id)).split(';')[0]!
    const [single, multiple, scale, ranking, open, map] = questions.map((x) => `q${x.id}`) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ]
    const address = (await db.execute(
      sql`select postcode, house_number from addresses where buurt_code = 'BU00140000' order by id limit 1`,
    )) as unknown
    const row = (Array.isArray(address) ? address : (address as { rows: unknown[] }).rows)[0] as { postcode: string; house_number: number }

    const bad = await post(id, cookie, {
      [single]: '0',
      [multiple]: ['0', '1', '2'],
      [scale]: '4',
      [ranking]: ['0', '0', '1'],
      [open]: 'x'.repeat(60),
      [`${map}_postcode`]: '1234',
      [`${map}_number`]: '1',
    })
    expect(bad.status).toBe(400)
    const data = (await bad.json()) as { errors: Record<string, string>; values: Record<string, unknown> }
    expect(data.errors).toEqual({
      [multiple]: 'consultations.error.too_many_choices',
      [ranking]: 'consultations.error.ranking_duplicate',
      [open]: 'consultations.error.open_too_long',
      [map]: 'consultations.error.postcode_invalid',
    })
    expect(data.values).toMatchObject({ [single]: '0', [scale]: '4', [multiple]: ['0', '1', '2'] })

    const good = await post(id, cookie, {
      [single]: '1',
      [multiple]: ['0', '3'],
      [scale]: 'dont_know',
      [ranking]: ['2', '0', '1'],
      [open]: 'Meer stallingen',
      [`${map}_postcode`]: row.postcode,
      [`${map}_number`]: String(row.house_number),
    })
    expect(good.status).toBe(302)
    const [stored] = await db.select().from(consultationResponses).where(eq(consultationResponses.userId, user.id))
    expect(stored!.answers).toMatchObject({
      [single.slice(1)]: 1,
      [multiple.slice(1)]: [0, 3],
      [scale.slice(1)]: 'dont_know',
      [ranking.slice(1)]: [2, 0, 1],
      [open.slice(1)]: 'Meer stallingen',
      [map.slice(1)]: { via: 'address' },
    })
    expect(stored!.wijkCode).toBe('WK001400')
    const csv = await csvOf(id, { roundPoints: true })
    expect(csv).not.toContain(user.displayName)
    expect(csv).toContain('Meer stallingen')
  })
})

describe('documents', () => {
  async function upload(id: number, cookie: string, file: File) {
    const form = new FormData()
    form.append('intent', 'document_add')
    form.append('documentTitle', 'Raadsvoorstel')
    form.append('file', file)
    const request = new Request(`http://stem.test/beheer/inspraak/${id}`, {
      method: 'POST',
      body: form,
      headers: { Origin: 'http://stem.test', Cookie: cookie },
    })
    try {
      return (await adminAction({ request, params: { id: String(id) }, context: { clientIp: '203.0.113.1' } })) as Response
    } catch (thrown) {
      return thrown as Response
    }
  }
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

  it('accepts a real PDF and refuses a fake or oversized one with the reason', async () => {
    const { id, owner } = await openConsultation()
    const cookie = (await createSessionCookie(owner.id)).split(';')[0]!
    expect((await upload(id, cookie, new File([pdf], 'voorstel.pdf', { type: 'application/pdf' }))).status).toBe(302)
    const fake = await upload(id, cookie, new File(['<html>geen pdf</html>'], 'nep.pdf', { type: 'application/pdf' }))
    expect(fake.status).toBe(400)
    expect(((await fake.json()) as { errors: object }).errors).toEqual({ file: 'consultations.error.file_not_pdf' })
    const big = await upload(id, cookie, new File([pdf, Buffer.alloc(10 * 1024 * 1024)], 'groot.pdf', { type: 'application/pdf' }))
    expect(big.status).toBe(400)
    // The message at the file, and the typed title kept.
    expect(await big.json()).toMatchObject({
      errors: { file: 'consultations.error.file_too_large' },
      values: { documentTitle: 'Raadsvoorstel' },
    })
    expect(await addDocument(owner, id, '', new File([], 'leeg.pdf'))).toEqual({
      ok: false,
      reason: 'consultations.error.file_required',
      field: 'file',
    })
  })
})

describe('list, open data and seeds', () => {
  it('finds consultations by Dutch full-text search and hides drafts; the API returns them', async () => {
    const { id } = await openConsultation()
    const griffie = await person({ roles: [{ role: 'griffie' }] })
    const draft = await createDraft(griffie, details({ title: 'Geheim concept over fietsen' }))
    // "fietsenstallingen" in the intro matches the stem of "fietsenstalling".
    const found = await listConsultations({ q: 'fietsenstalling' })
    expect(found.map((r) => r.id)).toContain(id)
    expect(found.map((r) => r.id)).not.toContain(draft.ok ? draft.id : 0)
    expect((await listConsultations({ area: 'WK001404' })).map((r) => r.id)).not.toContain(id)
    const list = consultationsServer.api!.find((r) => r.path === '/consultations')!
    const res = await list.handler({ params: {}, query: new URLSearchParams('status=open'), request: new Request('http://stem.test') })
    expect(res).toMatchObject({ status: 200, body: { data: expect.arrayContaining([expect.objectContaining({ id, status: 'open' })]) } })
    const one = consultationsServer.api!.find((r) => r.path === '/consultations/{id}')!
    const detail = await one.handler({ params: { id: String(id) }, query: new URLSearchParams(), request: new Request('http://stem.test') })
    expect(detail).toMatchObject({ status: 200, body: { id, declaration: { level: 'raadplegen' }, results: null } })
    const hidden = await one.handler({
      params: { id: String(draft.ok ? draft.id : 0) },
      query: new URLSearchParams(),
      request: new Request('http://stem.test'),
    })
    expect(hidden.status).toBe(404)
  })

  it('seeds every state once, however often it runs', async () => {
    const { db } = getDatabase()
    await seedPeople(db, null as unknown as string)
    await seedConsultations(db)
    await seedConsultations(db)
    const rows = await db
      .select()
      .from(consultations)
      .where(sql`${consultations.seedKey} is not null`)
    expect(rows).toHaveLength(seedConsultationList.length)
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['open', 'scheduled', 'closed', 'reported', 'draft']))
    const statuses = Object.fromEntries((await accountability()).filter((r) => r.kind === 'consultation').map((r) => [r.title, r.status]))
    expect(statuses).toMatchObject({
      'Autoluwe Vismarkt': 'on_time',
      'Afvalinzameling in de Oosterparkwijk': 'overdue',
      'Evaluatie Groenplan 2020–2025': 'pending',
    })
    const edited = rows.find((r) => r.seedKey === 'demo-groen-centrum')!
    expect((await declarationOf(edited.participationItemId!)).history).toHaveLength(1)
  })
})

describe('dates in the owner form', () => {
  it('reads a date-time as Dutch time, in winter and in summer', () => {
    expect(fromAmsterdamLocal('2027-01-15T19:30')!.toISOString()).toBe('2027-01-15T18:30:00.000Z')
    expect(fromAmsterdamLocal('2027-07-15T19:30')!.toISOString()).toBe('2027-07-15T17:30:00.000Z')
    expect(toAmsterdamLocal(new Date('2027-07-15T17:30:00Z'))).toBe('2027-07-15T19:30')
    expect(fromAmsterdamLocal('')).toBeNull()
  })
})

describe('policy evaluations', () => {
  it('editing the goals before opening keeps the rating questions in step, unchanged goals keep theirs', async () => {
    const griffie = await person({ roles: [{ role: 'griffie' }] })
    const created = await createDraft(
      griffie,
      details({ kind: 'policy_evaluation', goals: "Meer mensen op de fiets\nMinder geparkeerde auto's in de straat" }),
    )
    if (!created.ok) throw new Error('draft failed')
    const before = await questionsOf(created.id)
    expect(before.map((q) => q.prompt)).toEqual([
      'Doel: Meer mensen op de fiets. In hoeverre is dit gelukt?',
      "Doel: Minder geparkeerde auto's in de straat. In hoeverre is dit gelukt?",
      'Wat ging er goed?',
      'Wat moet er anders?',
    ])
    const kept = before[0]!.id
    expect(
      await updateDetails(
        griffie,
        created.id,
        details({ kind: 'policy_evaluation', goals: 'Schonere lucht bij scholen\nMeer mensen op de fiets' }),
      ),
    ).toEqual({ ok: true })
    const after = await questionsOf(created.id)
    expect(after.map((q) => q.prompt)).toEqual([
      'Doel: Schonere lucht bij scholen. In hoeverre is dit gelukt?',
      'Doel: Meer mensen op de fiets. In hoeverre is dit gelukt?',
      'Wat ging er goed?',
      'Wat moet er anders?',
    ])
    expect(after[1]!.id).toBe(kept)
    expect(after[0]!.kind).toBe('scale')
  })
})
