import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import {
  consultationDocuments,
  consultationQuestions,
  consultationResponses,
  consultations,
  type Consultation,
  type QuestionConfig,
} from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import type { Actor } from '~/auth/permissions'
import { multiPolygonFromGeoJson } from '~db/schema/geo'
import { rowsOf } from '~/modules/areas/queries.server'
import { followerIds, notify, recordPublication } from '~/modules/engagement/engagement.server'
import type { DeclarationFields } from '~/modules/participation/declaration'
import { declarationOf, publishReportBack, registerItem, saveDeclaration } from '~/modules/participation/queries.server'
import { audit } from '~/utils/audit.server'
import type { MessageKey } from '~/utils/i18n'
import { checkPdf, titleFromFilename, type PdfCheck } from '~/utils/pdf.server'
import { syncOpenAnswers } from './open-answers.server'
import { ownerRoleOf } from './permissions'
import { canTransition, EDITABLE, statusByDate, TRANSITIONS, type Transition } from './lifecycle'
import { LIMITS, type Answer, type DetailsInput, type QuestionConfigView, type QuestionKindName } from './validation'
import { fromAmsterdamLocal } from '~/utils/time'
import { refuse, type Outcome } from '~/utils/result'
import { drawnAreaOf, hrefOf, ITEM_KIND, resolveAreaIn, type AreaResolution } from './queries.server'
import { resultsOf } from './results.server'

/*
 * The commands of consultations: draft and edit one (details, area, questions, documents, the weighing
 * declaration), move it through its lifecycle (lifecycle.ts; the clock's tick `syncLifecycle` too),
 * take a resident's response, publish the report-back. Each returns the one result shape (utils/result).
 */

type Result = Outcome<object, MessageKey>
const fail = (field: string, key: MessageKey) => refuse(key, field)

const areaColumns = (area: Extract<AreaResolution, { ok: true }>) => ({
  areaCodes: area.areaCodes,
  wijkCodes: area.wijkCodes,
  areaGeom: (area.geometry ? multiPolygonFromGeoJson(area.geometry) : null) as unknown as string | null,
})

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
    if (!area.ok) return refuse(area.reason, area.field)
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
    if (!result[0]) return refuse('consultations.error.closed' as MessageKey, 'form')
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
      title: { key: 'consultations.notice.report_title', params: { title: c.title } },
      body: { key: 'consultations.notice.report_body' },
      href: hrefOf(id),
      dedupeKey: `${ITEM_KIND}:${id}:report_back`,
      emailSubject: { key: 'consultations.notice.report_subject', params: { title: c.title.slice(0, 80) } },
    })
    await audit(tx, { actorId: actor.id, action: 'consultation.report_back', detail: { consultationId: id } })
    return { ok: true }
  })
}

export async function logExport(actor: Actor, id: number) {
  await audit(getDatabase().db, { actorId: actor.id, action: 'consultation.export_csv', detail: { consultationId: id } })
}
