import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import {
  addresses,
  areas,
  consultationDocuments,
  consultationOpenAnswers,
  consultationQuestions,
  consultationResponses,
  consultations,
  users,
  type Consultation,
  type QuestionConfig,
} from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import type { Actor } from '~/auth/permissions'
import { multiPolygonFromGeoJson } from '~db/schema/geo'
import { areaNames, findAddress, rowsOf } from '~/modules/areas/queries.server'
import { checkGeometry, parseGeoJson } from '~/modules/areas/geometry.server'
import { followerIds, hiddenReasons, notify, recordPublication } from '~/modules/engagement/engagement.server'
import type { DeclarationFields } from '~/modules/participation/declaration'
import { declarationOf, publishReportBack, registerItem, reportBackOf, saveDeclaration } from '~/modules/participation/queries.server'
import { audit } from '~/utils/audit.server'
import { translate, type MessageKey } from '~/utils/i18n'
import { checkPdf, titleFromFilename, type PdfCheck } from '~/utils/pdf.server'
import { ANSWER_KIND, openTextsOf, syncOpenAnswers } from './open-answers.server'
import { maskPersonalData } from './personal-data'
import type { ConsultationRef } from './permissions'
import { ownerRoleOf } from './permissions'
import {
  canTransition,
  EDITABLE,
  fieldOf,
  LIMITS,
  statusByDate,
  TRANSITIONS,
  type Answer,
  type DetailsInput,
  type PendingAddress,
  type Point,
  type QuestionConfigView,
  type QuestionKindName,
  type QuestionView,
  type Status,
  type Transition,
} from './validation'
import { fromAmsterdamLocal } from '~/utils/time'

export const ITEM_KIND = 'consultation'
export const hrefOf = (id: number) => `/inspraak/${id}`

type Result = { ok: true } | { ok: false; errors: Record<string, MessageKey> }
const fail = (field: string, key: MessageKey): Result => ({ ok: false, errors: { [field]: key } })

/**
 * What the rules see: the status the dates give now (read-only; the clock writes it within seconds),
 * so nobody can answer after the closing time while the tick is still to come.
 */
export function refOf(c: Consultation, now = new Date(), livesInArea: boolean | null = null): ConsultationRef {
  return {
    drawnArea: c.areaScope === 'drawn',
    livesInDrawnArea: livesInArea,
    status: statusByDate(c.status, c.opensAt, c.closesAt, now),
    ownerId: c.ownerId,
    ownerRole: c.ownerRole,
    wijkCodes: c.wijkCodes,
    areaCodes: c.areaCodes,
    eligibility: c.eligibility,
    minimumAge: c.minimumAge,
    results: c.results,
  }
}

export type AreaResolution =
  | { ok: true; wijkCodes: string[]; areaCodes: string[]; geometry: object | null }
  | { ok: false; field: 'areaCodes' | 'areaGeometry'; reason: MessageKey }

/**
 * The area of a form: its codes and the wijken it lies in (what a wijkteam moderator's permission is
 * checked against) — the wijken themselves, the parents of the buurten, or the wijken a drawn polygon
 * touches. A drawn polygon is checked like a drawn alert area: valid, not crossing itself, inside the
 * municipality, not too large.
 */
async function resolveAreaIn(
  db: Queryable,
  input: Pick<DetailsInput, 'areaScope' | 'areaCodes' | 'areaGeometry'>,
): Promise<AreaResolution> {
  if (input.areaScope === 'city') return { ok: true, wijkCodes: [], areaCodes: [], geometry: null }
  if (input.areaScope === 'drawn') {
    const parsed = parseGeoJson(input.areaGeometry, ['Polygon'])
    if (!parsed.ok) return { ok: false, field: 'areaGeometry', reason: parsed.reason as MessageKey }
    const checked = await checkGeometry(db, parsed.geometry)
    if (!checked.ok) return { ok: false, field: 'areaGeometry', reason: checked.reason as MessageKey }
    const wijken = rowsOf<{ code: string }>(
      await db.execute(
        sql`select code from ${areas} where kind = 'wijk' and st_intersects(geom, st_setsrid(st_geomfromgeojson(${JSON.stringify(parsed.geometry)}), 4326)) order by code`,
      ),
    )
    if (!wijken.length) return { ok: false, field: 'areaGeometry', reason: 'alerts.error_outside' }
    return { ok: true, wijkCodes: wijken.map((w) => w.code), areaCodes: [], geometry: parsed.geometry }
  }
  const codes = [...new Set(input.areaCodes)]
  const rows = await db
    .select({ code: areas.code, kind: areas.kind, parentCode: areas.parentCode })
    .from(areas)
    .where(inArray(areas.code, codes))
  if (rows.length !== codes.length) return { ok: false, field: 'areaCodes', reason: 'consultations.error.area_invalid' }
  return {
    ok: true,
    wijkCodes: [...new Set(rows.map((r) => (r.kind === 'wijk' ? r.code : r.parentCode!)))].sort(),
    areaCodes: codes,
    geometry: null,
  }
}

/** The area chosen in a form, resolved (see resolveAreaIn). */
export const resolveArea = (input: Pick<DetailsInput, 'areaScope' | 'areaCodes' | 'areaGeometry'>) => resolveAreaIn(getDatabase().db, input)

const areaColumns = (area: Extract<AreaResolution, { ok: true }>) => ({
  areaCodes: area.areaCodes,
  wijkCodes: area.wijkCodes,
  areaGeom: (area.geometry ? multiPolygonFromGeoJson(area.geometry) : null) as unknown as string | null,
})

/** Whether a person's verified address lies inside a consultation's drawn area. */
export async function livesInDrawnArea(userId: string, consultationId: number, db: Queryable = getDatabase().db): Promise<boolean> {
  const [row] = rowsOf<{ inside: boolean }>(
    await db.execute(sql`
      select exists (
        select 1 from ${users} u
        join ${addresses} a on a.id = u.address_id
        join ${consultations} c on c.id = ${consultationId}
        where u.id = ${userId} and u.verified_at is not null and c.area_geom is not null and st_covers(c.area_geom, a.location)
      ) as inside`),
  )
  return row?.inside === true || String(row?.inside) === 'true'
}

/** The drawn area as a GeoJSON Polygon (for the map and the form), or null. */
export async function drawnAreaOf(
  id: number,
  db: Queryable = getDatabase().db,
): Promise<{ type: 'Polygon'; coordinates: number[][][] } | null> {
  const [row] = rowsOf<{ g: string | null }>(
    await db.execute(sql`select st_asgeojson(st_geometryn(area_geom, 1), 6) as g from ${consultations} where id = ${id}`),
  )
  return row?.g ? JSON.parse(row.g) : null
}

const dateOrNull = fromAmsterdamLocal

async function syncItem(db: Queryable, c: Consultation) {
  const item = await registerItem(db, {
    kind: ITEM_KIND,
    itemId: String(c.id),
    title: c.title,
    href: hrefOf(c.id),
    ownerId: c.ownerId,
    areaCodes: c.areaCodes,
    status: c.status,
    opensAt: c.opensAt,
    closesAt: c.closesAt,
  })
  if (!c.participationItemId) await db.update(consultations).set({ participationItemId: item.id }).where(eq(consultations.id, c.id))
  return item
}

/** Policy evaluations get a rating per stated goal and the two open questions. */
function evaluationQuestions(goals: string[]): { kind: QuestionKindName; prompt: string; required: boolean; config: QuestionConfig }[] {
  return [
    ...goals.map((g) => ({
      kind: 'scale' as const,
      prompt: `Doel: ${g}. In hoeverre is dit gelukt?`,
      required: false,
      config: { lowLabel: 'Helemaal niet gelukt', highLabel: 'Helemaal gelukt', allowDontKnow: true },
    })),
    { kind: 'open', prompt: 'Wat ging er goed?', required: false, config: { maxLength: LIMITS.openDefault } },
    { kind: 'open', prompt: 'Wat moet er anders?', required: false, config: { maxLength: LIMITS.openDefault } },
  ]
}

const goalPrompt = (goal: string) => evaluationQuestions([goal])[0]!.prompt

/**
 * After the goals of a policy evaluation change (only before it opens, so nobody has answered yet): a
 * rating question per goal, in the goals' order — unchanged goals keep their question — then every other
 * question in its order.
 */
async function syncGoalQuestions(tx: Queryable, consultationId: number, goals: string[]): Promise<void> {
  const existing = await tx
    .select()
    .from(consultationQuestions)
    .where(eq(consultationQuestions.consultationId, consultationId))
    .orderBy(consultationQuestions.position)
  const isGoal = (q: (typeof existing)[number]) => q.kind === 'scale' && q.prompt.startsWith('Doel: ')
  const template = evaluationQuestions([goals[0] ?? ''])[0]!
  const order: number[] = []
  const kept = new Set<number>()
  for (const goal of goals) {
    const prompt = goalPrompt(goal)
    const same = existing.find((q) => isGoal(q) && q.prompt === prompt && !kept.has(q.id))
    if (same) {
      kept.add(same.id)
      order.push(same.id)
    } else {
      const [made] = await tx
        .insert(consultationQuestions)
        .values({ ...template, prompt, consultationId, position: 0 })
        .returning({ id: consultationQuestions.id })
      order.push(made!.id)
    }
  }
  const gone = existing.filter((q) => isGoal(q) && !kept.has(q.id)).map((q) => q.id)
  if (gone.length) await tx.delete(consultationQuestions).where(inArray(consultationQuestions.id, gone))
  for (const q of existing) if (!isGoal(q)) order.push(q.id)
  for (const [i, qid] of order.entries())
    await tx
      .update(consultationQuestions)
      .set({ position: i + 1 })
      .where(eq(consultationQuestions.id, qid))
}

export async function createDraft(actor: Actor, input: DetailsInput, options: { seedKey?: string; db?: Queryable } = {}) {
  const db = options.db ?? getDatabase().db
  return db.transaction(async (tx) => {
    const area = await resolveAreaIn(tx, input)
    if (!area.ok) return { ok: false as const, errors: { [area.field]: area.reason } as Record<string, MessageKey> }
    const [c] = await tx
      .insert(consultations)
      .values({
        title: input.title,
        intro: input.intro,
        kind: input.kind,
        goals: input.kind === 'policy_evaluation' ? input.goals : [],
        ownerId: actor.id,
        ownerRole: ownerRoleOf(actor),
        areaScope: input.areaScope,
        ...areaColumns(area),
        eligibility: input.eligibility,
        minimumAge: input.minimumAge,
        opensAt: dateOrNull(input.opensAt),
        closesAt: dateOrNull(input.closesAt),
        results: input.results,
        seedKey: options.seedKey ?? null,
      })
      .returning()
    if (input.kind === 'policy_evaluation') {
      const qs = evaluationQuestions(input.goals)
      await tx.insert(consultationQuestions).values(qs.map((q, i) => ({ ...q, consultationId: c!.id, position: i + 1 })))
    }
    await syncItem(tx, c!)
    return { ok: true as const, id: c!.id }
  })
}

export async function updateDetails(actor: Actor, id: number, input: DetailsInput): Promise<Result> {
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update')
    if (!c) return fail('form', 'errors.not_found')
    if (!EDITABLE.includes(c.status)) return fail('form', 'consultations.error.not_editable')
    const area = await resolveAreaIn(tx, input)
    if (!area.ok) return fail(area.field, area.reason)
    const [updated] = await tx
      .update(consultations)
      .set({
        title: input.title,
        intro: input.intro,
        goals: c.kind === 'policy_evaluation' ? input.goals : [],
        areaScope: input.areaScope,
        ...areaColumns(area),
        eligibility: input.eligibility,
        minimumAge: input.minimumAge,
        opensAt: dateOrNull(input.opensAt),
        closesAt: dateOrNull(input.closesAt),
        results: input.results,
        updatedAt: new Date(),
      })
      .where(eq(consultations.id, id))
      .returning()
    if (c.kind === 'policy_evaluation') await syncGoalQuestions(tx, id, input.goals)
    await syncItem(tx, updated!)
    // A scheduled item whose new start is already due opens now, not at the next tick.
    await applyDates(tx, updated!, new Date())
    return { ok: true }
  })
}

export async function addQuestion(
  id: number,
  q: { kind: QuestionKindName; prompt: string; help: string; required: boolean; config: QuestionConfigView },
  db: Queryable = getDatabase().db,
): Promise<Result> {
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update')
    if (!c) return fail('form', 'errors.not_found')
    if (!EDITABLE.includes(c.status)) return fail('form', 'consultations.error.not_editable')
    const [{ n, max }] = (await tx
      .select({ n: sql<number>`count(*)::int`, max: sql<number>`coalesce(max(${consultationQuestions.position}), 0)::int` })
      .from(consultationQuestions)
      .where(eq(consultationQuestions.consultationId, id))) as [{ n: number; max: number }]
    if (n >= LIMITS.questions) return fail('prompt', 'consultations.error.too_many_questions')
    await tx.insert(consultationQuestions).values({ consultationId: id, position: max + 1, ...q })
    return { ok: true }
  })
}

export async function removeQuestion(id: number, questionId: number): Promise<Result> {
  const { db } = getDatabase()
  const [c] = await db.select().from(consultations).where(eq(consultations.id, id))
  if (!c || !EDITABLE.includes(c.status)) return fail('form', 'consultations.error.not_editable')
  await db.delete(consultationQuestions).where(and(eq(consultationQuestions.id, questionId), eq(consultationQuestions.consultationId, id)))
  return { ok: true }
}

export async function moveQuestion(id: number, questionId: number, direction: 'up' | 'down'): Promise<Result> {
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update')
    if (!c || !EDITABLE.includes(c.status)) return fail('form', 'consultations.error.not_editable')
    const qs = await tx
      .select()
      .from(consultationQuestions)
      .where(eq(consultationQuestions.consultationId, id))
      .orderBy(asc(consultationQuestions.position))
    const i = qs.findIndex((q) => q.id === questionId)
    const j = direction === 'up' ? i - 1 : i + 1
    if (i < 0 || j < 0 || j >= qs.length) return { ok: true }
    await tx.update(consultationQuestions).set({ position: qs[j]!.position }).where(eq(consultationQuestions.id, qs[i]!.id))
    await tx.update(consultationQuestions).set({ position: qs[i]!.position }).where(eq(consultationQuestions.id, qs[j]!.id))
    return { ok: true }
  })
}

/** A new version of the declaration; after opening it needs a note and shows as public history. */
export async function saveConsultationDeclaration(
  actor: Actor,
  id: number,
  fields: DeclarationFields,
  changeNote?: string,
): Promise<Result> {
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update')
    if (!c) return fail('form', 'errors.not_found')
    if (c.status === 'reported') return fail('form', 'consultations.error.not_editable')
    if (!EDITABLE.includes(c.status) && !changeNote) return fail('changeNote', 'consultations.error.change_note_required')
    const item = await syncItem(tx, c)
    await saveDeclaration(tx, item.id, fields, actor.id, changeNote)
    return { ok: true }
  })
}

async function publish(tx: Queryable, c: Consultation) {
  await recordPublication(tx, {
    itemKind: ITEM_KIND,
    itemId: String(c.id),
    title: c.title,
    href: hrefOf(c.id),
    topic: 'consultations',
    geometry: c.areaScope === 'drawn' ? await drawnAreaOf(c.id, tx) : null,
    areaCodes: c.areaCodes,
    deadline: c.closesAt,
  })
}

/** Owner actions on the lifecycle. Scheduling and opening need a declaration, a question and a closing date. */
export async function transition(actor: Actor, id: number, action: Transition, now = new Date()): Promise<Result> {
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update')
    if (!c) return fail('form', 'errors.not_found')
    if (!canTransition(c.status, action)) return fail('form', 'consultations.error.transition_invalid')
    const set: Partial<Consultation> = { status: TRANSITIONS[action].to, updatedAt: now }
    if (action === 'schedule' || action === 'open') {
      const item = await syncItem(tx, c)
      const { current } = await declarationOf(item.id, tx)
      if (!current) return fail('form', 'consultations.error.declaration_missing')
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(consultationQuestions)
        .where(eq(consultationQuestions.consultationId, id))) as [{ n: number }]
      if (n === 0) return fail('form', 'consultations.error.questions_missing')
      if (!c.closesAt || c.closesAt <= now) return fail('form', 'consultations.error.closes_missing')
      if (action === 'schedule' && !c.opensAt) return fail('form', 'consultations.error.opens_missing')
      // Scheduling with a start that is already due opens it now: the owner sees the result at once.
      if (action === 'open' || (action === 'schedule' && c.opensAt! <= now)) Object.assign(set, { status: 'open', opensAt: now })
    }
    if (action === 'close') set.closesAt = now
    const [updated] = await tx.update(consultations).set(set).where(eq(consultations.id, id)).returning()
    await syncItem(tx, updated!)
    if (updated!.status === 'open') await publish(tx, updated!)
    await audit(tx, { actorId: actor.id, action: `consultation.${action}`, detail: { consultationId: id } })
    return { ok: true }
  })
}

/**
 * Where the dates put a consultation now (scheduled → open → closed), applied inside the caller's
 * transaction on a row it holds; publishes when it opens. Returns the row as it is now.
 */
async function applyDates(tx: Queryable, c: Consultation, now: Date): Promise<Consultation> {
  const next = statusByDate(c.status, c.opensAt, c.closesAt, now)
  if (next === c.status) return c
  const [updated] = await tx
    .update(consultations)
    .set({ status: next, updatedAt: now })
    .where(and(eq(consultations.id, c.id), eq(consultations.status, c.status)))
    .returning()
  if (!updated) return c
  await syncItem(tx, updated)
  if (c.status === 'scheduled') await publish(tx, updated)
  return updated
}

/**
 * Dates drive the lifecycle: scheduled items open at their opening time, open ones close at their
 * closing time. Run by the clock (the `consultations.lifecycle` tick), never by a page; idempotent, and
 * safe when several processes run it at once (each row moves only from the status it was read in).
 */
export async function syncLifecycle(now = new Date(), db: Queryable = getDatabase().db): Promise<number> {
  // postgres.js binds a Date only through a typed column, so the moment goes in as text.
  const moment = sql`${now.toISOString()}::timestamptz`
  const due = await db
    .select()
    .from(consultations)
    .where(
      sql`(${consultations.status} = 'scheduled' and ${consultations.opensAt} <= ${moment}) or (${consultations.status} = 'open' and ${consultations.closesAt} <= ${moment})`,
    )
  let changed = 0
  for (const c of due) {
    const after = await db.transaction((tx) => applyDates(tx, c, now))
    if (after.status !== c.status) changed++
  }
  return changed
}

export async function getConsultation(id: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [c] = await db.select().from(consultations).where(eq(consultations.id, id))
  return c ?? null
}

export async function questionsOf(id: number, db: Queryable = getDatabase().db): Promise<QuestionView[]> {
  const rows = await db
    .select()
    .from(consultationQuestions)
    .where(eq(consultationQuestions.consultationId, id))
    .orderBy(asc(consultationQuestions.position), asc(consultationQuestions.id))
  return rows.map((r) => ({ id: r.id, kind: r.kind, prompt: r.prompt, help: r.help, required: r.required, config: r.config }))
}

export async function documentsOf(id: number) {
  const { db } = getDatabase()
  return db
    .select({
      id: consultationDocuments.id,
      title: consultationDocuments.title,
      filename: consultationDocuments.filename,
      size: consultationDocuments.size,
    })
    .from(consultationDocuments)
    .where(eq(consultationDocuments.consultationId, id))
    .orderBy(asc(consultationDocuments.id))
}

export async function documentFile(id: number, documentId: number) {
  const { db } = getDatabase()
  if (!Number.isSafeInteger(documentId)) return null
  const [row] = await db
    .select()
    .from(consultationDocuments)
    .where(and(eq(consultationDocuments.id, documentId), eq(consultationDocuments.consultationId, id)))
  return row ?? null
}

/** A PDF, checked by its first bytes (not its name or the browser's word) and its size. */
export async function addDocument(actor: Actor, id: number, title: string, file: File): Promise<Result> {
  if (!file || typeof file === 'string') return fail('file', 'consultations.error.file_required')
  const pdf = await checkPdf(file, LIMITS.documentBytes)
  if (!pdf.ok) return fail('file', PDF_ERRORS[pdf.reason])
  const { db } = getDatabase()
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(consultationDocuments)
    .where(eq(consultationDocuments.consultationId, id))) as [{ n: number }]
  if (n >= LIMITS.documents) return fail('file', 'consultations.error.too_many_documents')
  await db.insert(consultationDocuments).values({
    consultationId: id,
    title: title || titleFromFilename(pdf.filename, LIMITS.documentTitle),
    filename: pdf.filename,
    size: pdf.content.length,
    content: pdf.content,
    uploadedBy: actor.id,
  })
  return { ok: true }
}

const PDF_ERRORS = {
  empty: 'consultations.error.file_required',
  too_large: 'consultations.error.file_too_large',
  not_pdf: 'consultations.error.file_not_pdf',
} as const satisfies Record<Exclude<PdfCheck, { ok: true }>['reason'], MessageKey>

export async function removeDocument(id: number, documentId: number) {
  const { db } = getDatabase()
  await db.delete(consultationDocuments).where(and(eq(consultationDocuments.id, documentId), eq(consultationDocuments.consultationId, id)))
}

export async function responseOf(id: number, userId: string) {
  const { db } = getDatabase()
  const [row] = await db
    .select()
    .from(consultationResponses)
    .where(and(eq(consultationResponses.consultationId, id), eq(consultationResponses.userId, userId)))
  return row ?? null
}

/** Postcode + house number answers become the address's point from the address register. */
export async function resolveAddresses(pending: Record<string, PendingAddress>, db: Queryable = getDatabase().db) {
  const points: Record<string, Point> = {}
  const errors: Record<string, MessageKey> = {}
  for (const [questionId, a] of Object.entries(pending)) {
    const found = await findAddress(a.postcode, a.houseNumber, a.addition, db)
    if (!found) {
      errors[`q${questionId}`] = 'consultations.error.address_unknown'
      continue
    }
    const [row] = rowsOf<{ lat: number; lon: number }>(
      await db.execute(
        sql`select st_y(${addresses.location}) as lat, st_x(${addresses.location}) as lon from ${addresses} where id = ${found.id}`,
      ),
    )
    points[questionId] = { lat: Number(Number(row!.lat).toFixed(5)), lon: Number(Number(row!.lon).toFixed(5)), via: 'address' }
  }
  return { points, errors }
}

/**
 * One response per person, editable until closing: an upsert on the unique (consultation, person) index,
 * so concurrent submissions never make two rows. Only while the consultation is open.
 */
export async function submitResponse(actor: Actor, id: number, answers: Record<string, Answer>, db: Queryable = getDatabase().db) {
  return db.transaction(async (tx) => {
    const result = rowsOf<{ id: string; inserted: boolean }>(
      await tx.execute(sql`
      insert into ${consultationResponses} (consultation_id, user_id, answers, wijk_code)
      select c.id, ${actor.id}, ${JSON.stringify(answers)}::jsonb, ${actor.wijkCode}
      from ${consultations} c
      where c.id = ${id} and c.status = 'open' and (c.closes_at is null or c.closes_at > now())
      on conflict (consultation_id, user_id)
      do update set answers = excluded.answers, wijk_code = excluded.wijk_code, updated_at = now()
      returning id, (xmax = 0) as inserted`),
    )
    if (!result[0]) return { ok: false as const, errors: { form: 'consultations.error.closed' as MessageKey } }
    await syncOpenAnswers(tx, id, Number(result[0].id), answers)
    return { ok: true as const, created: result[0].inserted === true || String(result[0].inserted) === 'true' }
  })
}

export async function publishConsultationReport(actor: Actor, id: number, input: { summary: string; decision: string }): Promise<Result> {
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    const [c] = await tx.select().from(consultations).where(eq(consultations.id, id)).for('update')
    if (!c) return fail('form', 'errors.not_found')
    if (c.status !== 'closed' && c.status !== 'reported') return fail('form', 'consultations.error.not_closed')
    const item = await syncItem(tx, c)
    const results = await resultsOf(id, tx)
    const details = results.questions
      .filter((q) => q.kind !== 'open' && q.kind !== 'map_point')
      .map((q) => ({ heading: q.prompt, text: q.rows.map((r) => `${r.label}: ${r.count}`).join('; ') }))
    await publishReportBack(tx, item.id, { ...input, details }, actor.id)
    await tx.update(consultations).set({ status: 'reported', updatedAt: new Date() }).where(eq(consultations.id, id))
    // Everyone who responded or follows it hears that the report-back is out (once, even if it is edited).
    const respondents = await tx
      .select({ userId: consultationResponses.userId })
      .from(consultationResponses)
      .where(eq(consultationResponses.consultationId, id))
    await notify(tx, {
      userIds: [...respondents.map((r) => r.userId), ...(await followerIds(tx, ITEM_KIND, String(id)))],
      kind: 'consultation_report',
      title: translate('nl', 'consultations.notice.report_title', { title: c.title }),
      body: translate('nl', 'consultations.notice.report_body'),
      href: hrefOf(id),
      dedupeKey: `${ITEM_KIND}:${id}:report_back`,
      emailSubject: translate('nl', 'consultations.notice.report_subject', { title: c.title.slice(0, 80) }),
    })
    await audit(tx, { actorId: actor.id, action: 'consultation.report_back', detail: { consultationId: id } })
    return { ok: true }
  })
}

export interface ListFilters {
  area?: string
  status?: Status
  kind?: 'consultation' | 'policy_evaluation'
  owner?: 'griffie' | 'wijkteam' | 'staff'
  q?: string
}

/** The public list: never drafts or items in review. Dutch full-text search over title and introduction. */
export async function listConsultations(filters: ListFilters = {}, db: Queryable = getDatabase().db) {
  const where: SQL[] = [sql`${consultations.status} not in ('draft', 'review')`]
  if (filters.status) where.push(eq(consultations.status, filters.status))
  if (filters.kind) where.push(eq(consultations.kind, filters.kind))
  if (filters.owner) where.push(eq(consultations.ownerRole, filters.owner))
  if (filters.area)
    where.push(
      sql`(${consultations.areaScope} = 'city' or ${filters.area} = any(${consultations.wijkCodes}) or ${filters.area} = any(${consultations.areaCodes}))`,
    )
  const query = filters.q?.trim().slice(0, LIMITS.search)
  if (query)
    where.push(
      sql`to_tsvector('dutch', ${consultations.title} || ' ' || ${consultations.intro}) @@ websearch_to_tsquery('dutch', ${query})`,
    )
  return db
    .select({
      id: consultations.id,
      title: consultations.title,
      intro: consultations.intro,
      kind: consultations.kind,
      status: consultations.status,
      ownerRole: consultations.ownerRole,
      areaCodes: consultations.areaCodes,
      opensAt: consultations.opensAt,
      closesAt: consultations.closesAt,
      // Where the list's map puts it: inside the drawn area, or the middle of its wijken or buurten.
      point: sql<
        string | null
      >`st_asgeojson(coalesce(st_pointonsurface(${consultations.areaGeom}), (select st_centroid(st_collect(a.geom)) from ${areas} a where a.code = any(${consultations.areaCodes}))), 5)`,
    })
    .from(consultations)
    .where(and(...where))
    .orderBy(sql`case ${consultations.status} when 'open' then 0 when 'scheduled' then 1 else 2 end`, desc(consultations.closesAt))
    .limit(200)
}

/** The owner's list: what this person may manage. */
export async function ownerList() {
  const { db } = getDatabase()
  return db.select().from(consultations).orderBy(desc(consultations.updatedAt)).limit(500)
}

export interface QuestionResult {
  id: number
  kind: QuestionKindName
  prompt: string
  answered: number
  /** Bars: choices, scale points, or ranking (average position: lower is better). */
  rows: { label: string; count: number; share: number }[]
  average?: number
  /** Open texts after the personal-data check, without order of arrival; hidden ones only for the owner. */
  texts?: { id: string; text: string; hidden: string | null }[]
  /** How many open texts are hidden (by a moderator or the owner). */
  hiddenTexts?: number
  points?: { lat: number; lon: number }[]
}

/**
 * Totals per question, with no link to who answered. Open texts are shown masked and without the hidden
 * ones (`withHidden`: the owner's view also lists those, with the reason).
 */
export async function resultsOf(id: number, db: Queryable = getDatabase().db, view: { withHidden?: boolean } = {}) {
  const questions = await questionsOf(id, db)
  const openTexts = await openTextsOf(id, db)
  const responses = await db
    .select({ answers: consultationResponses.answers, wijkCode: consultationResponses.wijkCode })
    .from(consultationResponses)
    .where(eq(consultationResponses.consultationId, id))
  const total = responses.length
  const out: QuestionResult[] = questions.map((q) => {
    const values = responses.map((r) => r.answers[String(q.id)] as Answer | undefined).filter((v) => v !== undefined)
    const answered = values.length
    const share = (n: number) => (answered ? n / answered : 0)
    const base = { id: q.id, kind: q.kind, prompt: q.prompt, answered }
    const options = q.config.options ?? []
    if (q.kind === 'single' || q.kind === 'multiple') {
      const counts = options.map((_, i) => values.filter((v) => (Array.isArray(v) ? v.includes(i) : v === i)).length)
      return { ...base, rows: options.map((label, i) => ({ label, count: counts[i]!, share: share(counts[i]!) })) }
    }
    if (q.kind === 'scale') {
      const labels = ['1', '2', '3', '4', '5'].map((l, i) =>
        i === 0 ? `1 (${q.config.lowLabel ?? ''})` : i === 4 ? `5 (${q.config.highLabel ?? ''})` : l,
      )
      const rows = labels.map((label, i) => {
        const count = values.filter((v) => v === i + 1).length
        return { label, count, share: share(count) }
      })
      if (q.config.allowDontKnow) {
        const count = values.filter((v) => v === 'dont_know').length
        rows.push({ label: 'Weet niet', count, share: share(count) })
      }
      const numbers = values.filter((v): v is number => typeof v === 'number')
      return { ...base, rows, average: numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : undefined }
    }
    if (q.kind === 'ranking') {
      // Points per option: first place gets n points, last gets 1 (a Borda count).
      const n = options.length
      const points = options.map((_, i) => values.reduce<number>((sum, v) => sum + (Array.isArray(v) ? n - v.indexOf(i) : 0), 0))
      const max = Math.max(1, ...points)
      return { ...base, rows: options.map((label, i) => ({ label, count: points[i]!, share: points[i]! / max })) }
    }
    if (q.kind === 'open') {
      const mine = openTexts.filter((t) => t.questionId === q.id)
      const texts = mine.filter((t) => view.withHidden || !t.hidden).map((t) => ({ id: t.id, text: t.text, hidden: t.hidden }))
      return { ...base, rows: [], texts, hiddenTexts: mine.filter((t) => t.hidden).length }
    }
    const pts = values
      .filter((v): v is Point => typeof v === 'object' && !Array.isArray(v))
      .map((p) => ({ lat: Number(p.lat.toFixed(3)), lon: Number(p.lon.toFixed(3)) }))
    return { ...base, rows: [], points: pts }
  })
  const perWijk = new Map<string, number>()
  for (const r of responses) perWijk.set(r.wijkCode ?? '', (perWijk.get(r.wijkCode ?? '') ?? 0) + 1)
  // Inside a transaction every query must use it (PGlite has one connection: another would wait forever).
  const codes = [...perWijk.keys()].filter(Boolean)
  const names = Object.fromEntries(
    codes.length
      ? (await db.select({ code: areas.code, name: areas.name }).from(areas).where(inArray(areas.code, codes))).map((r) => [r.code, r.name])
      : [],
  )
  const turnout = [...perWijk.entries()]
    .map(([code, count]) => ({ code, name: code ? (names[code] ?? code) : 'Woonplaats niet bekend', count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'nl'))
  return { total, questions: out, turnout }
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v)
  // A leading = + - @ would make a spreadsheet run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function answerText(q: QuestionView, a: Answer | undefined): string {
  if (a === undefined) return ''
  const options = q.config.options ?? []
  if (q.kind === 'single' && typeof a === 'number') return options[a] ?? ''
  if ((q.kind === 'multiple' || q.kind === 'ranking') && Array.isArray(a)) return a.map((i) => options[i] ?? '').join(' | ')
  if (q.kind === 'scale') return a === 'dont_know' ? 'weet niet' : String(a)
  if (q.kind === 'map_point' && typeof a === 'object' && !Array.isArray(a)) return `${a.lat},${a.lon}`
  return String(a)
}

/** Which (response, question) open answers may be shown publicly, and the names to mask. */
async function shownOpenAnswers(db: Queryable, id: number) {
  const [c] = await db.select({ maskTerms: consultations.maskTerms }).from(consultations).where(eq(consultations.id, id))
  const rows = await db
    .select({
      id: consultationOpenAnswers.id,
      responseId: consultationOpenAnswers.responseId,
      questionId: consultationOpenAnswers.questionId,
      hidden: consultationOpenAnswers.hiddenReason,
    })
    .from(consultationOpenAnswers)
    .where(eq(consultationOpenAnswers.consultationId, id))
  const moderated = await hiddenReasons(
    db,
    ANSWER_KIND,
    rows.map((r) => r.id),
  )
  return {
    terms: c?.maskTerms ?? [],
    ok: new Set(rows.filter((r) => !r.hidden && !moderated.has(r.id)).map((r) => `${r.responseId}:${r.questionId}`)),
  }
}

/**
 * The responses as rows, shuffled and without person, time or exact place: for the owner's CSV and the
 * open-data export. Only the wijk is kept (for turnout); map points are rounded to about 100 metres in
 * the open data.
 */
export async function anonymisedRows(id: number, options: { roundPoints: boolean; publicTexts?: boolean }) {
  const { db } = getDatabase()
  const questions = await questionsOf(id)
  // Open data: open texts after the personal-data check; hidden or unchecked ones are an empty cell.
  const shown = options.publicTexts ? await shownOpenAnswers(db, id) : null
  const rows = await db
    .select({ id: consultationResponses.id, answers: consultationResponses.answers, wijkCode: consultationResponses.wijkCode })
    .from(consultationResponses)
    .where(eq(consultationResponses.consultationId, id))
    .orderBy(sql`md5(${consultationResponses.id}::text || ${String(id)})`)
  const round = (a: Answer | undefined) =>
    options.roundPoints && a && typeof a === 'object' && !Array.isArray(a)
      ? { lat: Number(a.lat.toFixed(3)), lon: Number(a.lon.toFixed(3)), via: a.via }
      : a
  return {
    questions,
    rows: rows.map((r) => ({
      wijk: r.wijkCode ?? '',
      answers: Object.fromEntries(
        questions.map((q) => {
          const a = r.answers[String(q.id)]
          if (shown && q.kind === 'open' && typeof a === 'string')
            return [fieldOf(q), shown.ok.has(`${r.id}:${q.id}`) ? maskPersonalData(a, shown.terms).text : '']
          return [fieldOf(q), answerText(q, round(a))]
        }),
      ),
    })),
  }
}

export async function csvOf(id: number, options: { roundPoints: boolean; publicTexts?: boolean }) {
  const { questions, rows } = await anonymisedRows(id, options)
  const header = ['wijk', ...questions.map((q) => `${fieldOf(q)} ${q.prompt}`)]
  const lines = [header, ...rows.map((r) => [r.wijk, ...questions.map((q) => r.answers[fieldOf(q)])])]
  return `\uFEFF${lines.map((l) => l.map(csvCell).join(';')).join('\r\n')}\r\n`
}

export async function logExport(actor: Actor, id: number) {
  await audit(getDatabase().db, { actorId: actor.id, action: 'consultation.export_csv', detail: { consultationId: id } })
}

/** Everything public about one consultation, for its page and the open-data API. */
export async function publicView(c: Consultation) {
  const { db } = getDatabase()
  const item = c.participationItemId ? { id: c.participationItemId } : null
  const declaration = item ? await declarationOf(item.id, db) : { current: null, history: [] }
  const reportBack = item ? await reportBackOf(item.id, db) : null
  // A drawn area is named by the wijken it lies in.
  const codes = c.areaScope === 'drawn' ? c.wijkCodes : c.areaCodes
  const names = await areaNames(codes)
  return {
    declaration,
    reportBack,
    areaNames: codes.map((code) => names[code] ?? code),
  }
}

export async function responseCount(id: number) {
  const { db } = getDatabase()
  const [{ n }] = (await db
    .select({ n: sql<number>`count(*)::int` })
    .from(consultationResponses)
    .where(eq(consultationResponses.consultationId, id))) as [{ n: number }]
  return n
}

type DeclarationRow = NonNullable<Awaited<ReturnType<typeof declarationOf>>['current']>

/** A declaration version as the participation components expect it (JSON-safe). */
export function declarationView(d: DeclarationRow) {
  return {
    level: d.level,
    decidedBy: d.decidedBy,
    decisionExpectedOn: d.decisionExpectedOn,
    usedFor: d.usedFor,
    bindingRule: d.bindingRule ?? null,
    reportBackBy: d.reportBackBy,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    changeNote: d.changeNote,
  }
}

/** Wijken and buurten an owner may choose; a moderator only their own wijken and the buurten in them. */
export async function areaOptions(own: string[] | null) {
  const { db } = getDatabase()
  const rows = await db
    .select({ code: areas.code, name: areas.name, kind: areas.kind, parentCode: areas.parentCode })
    .from(areas)
    .where(sql`${areas.kind} in ('wijk', 'buurt')`)
    .orderBy(asc(areas.name))
  const wijkName = Object.fromEntries(rows.filter((r) => r.kind === 'wijk').map((r) => [r.code, r.name]))
  return rows
    .filter((r) => !own || own.includes(r.kind === 'wijk' ? r.code : (r.parentCode ?? '')))
    .map((r) => ({
      code: r.code,
      name: r.name,
      kind: r.kind as 'wijk' | 'buurt',
      wijk: wijkName[r.kind === 'wijk' ? r.code : (r.parentCode ?? '')] ?? '',
    }))
    .sort(
      (a, b) => a.wijk.localeCompare(b.wijk, 'nl') || (a.kind === 'wijk' ? -1 : b.kind === 'wijk' ? 1 : a.name.localeCompare(b.name, 'nl')),
    )
}
