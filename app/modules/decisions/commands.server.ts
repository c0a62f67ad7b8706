import { and, eq, lte, sql } from 'drizzle-orm'
import { parse as parseCsv } from 'csv-parse/sync'
import { areas, decisionEvents, decisionLinks, decisions, decisionSecrets, reportBacks, type DecisionRow } from '~db/schema'
import { geoJsonToGeometry } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { follow, followerIds, notify, recordPublication, unfollow, type PublicationInput } from '~/modules/engagement/engagement.server'
import { audit } from '~/utils/audit.server'
import { zodErrors } from '~/utils/forms'
import { translate, type MessageKey } from '~/utils/i18n'
import { refuse, type Outcome } from '~/utils/result'
import { checkGeometry } from './geometry.server'
import { amsterdamDay, amsterdamInstant } from '~/utils/time'
import { fromOriRecord, isOriDocument, oriRecords } from './ori.server'
import {
  DECISION_LIMITS,
  decisionSchema,
  parseLinks,
  THEME_TOPICS,
  type DecisionBodyName,
  type DecisionInput,
  type DecisionKindName,
  type ProlongInput,
  type SecrecyGround,
  type Theme,
} from './validation'

/*
 * Commands of the besluitenregister: record a decision (public, or secret with its content set apart),
 * import many, release secret decisions on their date (a tick), prolong the secrecy by a new decision.
 * Each is one transaction with its history line, its publication for the alerts and its notifications.
 */

export const DECISION_ITEM_KIND = 'decision'
export const decisionHref = (id: number) => `/besluiten/${id}`

const nl = (key: MessageKey, params?: Record<string, string | number>) => translate('nl', key, params)

/** What a decision is made of once checked; the same for the form, an import row and the seed. */
export interface DecisionRecord {
  reference?: string | null
  body: DecisionBodyName
  kind: DecisionKindName
  decidedOn: string
  title: string
  summary: string
  fullText?: string | null
  documentUrl?: string | null
  theme?: Theme | null
  areaCode?: string | null
  locationLabel?: string | null
  geometry?: object | null
  links?: { kind: string; itemId: string }[]
  answersReportBackId?: number | null
  prolongsDecisionId?: number | null
  secret?: { generalSubject: string; ground: SecrecyGround; until: Date; untilKind: 'ends' | 'review' } | null
}

const inTransaction = <T>(db: Queryable, run: (tx: Queryable) => Promise<T>): Promise<T> =>
  'rollback' in db ? run(db) : db.transaction(run)

/** Where it applies, for the alerts: a geometry, or a wijk/buurt; nothing (the whole city) sends no alert. */
function publicationOf(d: {
  id: number
  title: string
  theme: string | null
  areaCode: string | null
  geometry: object | null
}): PublicationInput | null {
  if (!d.geometry && !d.areaCode) return null
  return {
    itemKind: DECISION_ITEM_KIND,
    itemId: String(d.id),
    title: d.title,
    href: decisionHref(d.id),
    topic: THEME_TOPICS[(d.theme ?? 'bestuur') as Theme] ?? 'consultations',
    geometry: d.geometry,
    areaCodes: d.geometry ? [] : [d.areaCode!],
  }
}

/**
 * Records a decision. A public one is searchable at once and enters the alerts engine when it has a place.
 * A secret one gets only its general subject, ground and end date in `decisions`; the content goes to
 * `decision_secrets` until the release tick moves it.
 */
export async function recordDecision(
  db: Queryable,
  actorId: string | null,
  input: DecisionRecord,
  how: 'recorded' | 'imported' = 'recorded',
): Promise<DecisionRow> {
  return inTransaction(db, async (tx) => {
    const secret = input.secret ?? null
    const geom = input.geometry ? (geoJsonToGeometry(input.geometry) as unknown as string) : null
    const [row] = await tx
      .insert(decisions)
      .values({
        reference: input.reference || null,
        body: input.body,
        kind: input.kind,
        decidedOn: input.decidedOn,
        status: secret ? 'secret' : 'public',
        title: secret ? secret.generalSubject : input.title,
        summary: secret ? null : input.summary,
        fullText: secret ? null : input.fullText || null,
        documentUrl: secret ? null : input.documentUrl || null,
        theme: secret ? null : input.theme || null,
        areaCode: secret ? null : input.areaCode || null,
        locationLabel: secret ? null : input.locationLabel || null,
        geom: secret ? null : geom,
        answersReportBackId: input.answersReportBackId ?? null,
        secretGround: secret?.ground ?? null,
        secretUntil: secret?.until ?? null,
        secretUntilKind: secret?.untilKind ?? null,
        generalSubject: secret?.generalSubject ?? null,
        prolongsDecisionId: input.prolongsDecisionId ?? null,
        createdBy: actorId,
      })
      .returning()
    const decision = row!
    await tx.insert(decisionEvents).values({ decisionId: decision.id, kind: how, actorId })
    if (secret) {
      await tx.insert(decisionSecrets).values({
        decisionId: decision.id,
        title: input.title,
        summary: input.summary,
        fullText: input.fullText || null,
        documentUrl: input.documentUrl || null,
        theme: input.theme || null,
        areaCode: input.areaCode || null,
        locationLabel: input.locationLabel || null,
        geom,
        links: input.links ?? [],
      })
      await tx.insert(decisionEvents).values({
        decisionId: decision.id,
        kind: 'secrecy_imposed',
        ground: secret.ground,
        until: secret.until,
        actorId,
      })
      return decision
    }
    if (input.links?.length)
      await tx
        .insert(decisionLinks)
        .values(input.links.map((l) => ({ decisionId: decision.id, itemKind: l.kind, itemId: l.itemId })))
        .onConflictDoNothing()
    const publication = publicationOf({ ...decision, geometry: input.geometry ?? null })
    if (publication) await recordPublication(tx, publication)
    return decision
  })
}

/** From checked form (or import) input to a record: the place, the area and the report-back must exist. */
export async function resolveInput(
  db: Queryable,
  input: DecisionInput,
  now = new Date(),
): Promise<Outcome<{ record: DecisionRecord }, MessageKey>> {
  let geometry: object | null = null
  if (input.geojson.trim()) {
    let value: unknown
    try {
      value = JSON.parse(input.geojson)
    } catch {
      return refuse('decisions.error_geojson', 'geojson')
    }
    const checked = await checkGeometry(db, value)
    if (!checked.ok) return refuse(checked.reason, 'geojson')
    geometry = checked.geometry
  } else if (input.lat && input.lon) {
    const checked = await checkGeometry(db, { type: 'Point', coordinates: [Number(input.lon), Number(input.lat)] })
    if (!checked.ok) return refuse(checked.reason, 'lat')
    geometry = checked.geometry
  }
  if (input.areaCode) {
    const [area] = await db.select({ code: areas.code }).from(areas).where(eq(areas.code, input.areaCode))
    if (!area) return refuse('decisions.error_area', 'areaCode')
  }
  const reportBackId = input.reportBackId ? Number(input.reportBackId) : null
  if (reportBackId) {
    const [rb] = await db.select({ id: reportBacks.id }).from(reportBacks).where(eq(reportBacks.id, reportBackId))
    if (!rb) return refuse('decisions.error_report_back', 'reportBackId')
  }
  let secret: DecisionRecord['secret'] = null
  if (input.secret === 'yes') {
    const until = atAmsterdamTime(input.secretUntil, input.secretUntilTime)
    if (until <= now) return refuse('decisions.error_until_past', 'secretUntil')
    secret = { generalSubject: input.generalSubject, ground: input.ground as SecrecyGround, until, untilKind: input.secretUntilKind }
  }
  return {
    ok: true,
    record: {
      reference: input.reference || null,
      body: input.body,
      kind: input.kind,
      decidedOn: input.decidedOn,
      title: input.title,
      summary: input.summary,
      fullText: input.fullText || null,
      documentUrl: input.documentUrl || null,
      theme: input.theme || null,
      areaCode: input.areaCode || null,
      locationLabel: input.locationLabel || null,
      geometry,
      links: parseLinks(input.links) ?? [],
      answersReportBackId: reportBackId,
      secret,
    },
  }
}

/** The staff form. */
export async function recordFromForm(actorId: string, input: DecisionInput): Promise<Outcome<{ id: number }, MessageKey>> {
  const { db } = getDatabase()
  const resolved = await resolveInput(db, input)
  if (!resolved.ok) return resolved
  if (resolved.record.reference) {
    const [dup] = await db.select({ id: decisions.id }).from(decisions).where(eq(decisions.reference, resolved.record.reference))
    if (dup) return refuse('decisions.error_duplicate', 'reference')
  }
  const decision = await recordDecision(db, actorId, resolved.record)
  await audit(db, { actorId, action: 'decisions.record', detail: { decisionId: decision.id, status: decision.status } })
  return { ok: true, id: decision.id }
}

export interface ImportReport {
  imported: number
  errors: { row: number; reason: string }[]
}

/** Column names of a CSV or plain JSON row, in Dutch or English, to the form's field names. */
const ALIASES: Record<string, keyof DecisionInput> = {
  reference: 'reference',
  kenmerk: 'reference',
  body: 'body',
  orgaan: 'body',
  kind: 'kind',
  soort: 'kind',
  decided_on: 'decidedOn',
  decidedon: 'decidedOn',
  datum: 'decidedOn',
  title: 'title',
  titel: 'title',
  summary: 'summary',
  samenvatting: 'summary',
  full_text: 'fullText',
  fulltext: 'fullText',
  tekst: 'fullText',
  document_url: 'documentUrl',
  documenturl: 'documentUrl',
  document: 'documentUrl',
  theme: 'theme',
  thema: 'theme',
  area_code: 'areaCode',
  areacode: 'areaCode',
  gebied: 'areaCode',
  location: 'locationLabel',
  locatie: 'locationLabel',
  lat: 'lat',
  lon: 'lon',
  geojson: 'geojson',
  links: 'links',
  koppelingen: 'links',
  report_back_id: 'reportBackId',
  secret: 'secret',
  geheim: 'secret',
  general_subject: 'generalSubject',
  generalsubject: 'generalSubject',
  onderwerp: 'generalSubject',
  ground: 'ground',
  grond: 'ground',
  secret_until: 'secretUntil',
  secretuntil: 'secretUntil',
  geheim_tot: 'secretUntil',
  secret_until_kind: 'secretUntilKind',
}

function normaliseRow(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(raw)) {
    const field = ALIASES[key.trim().toLowerCase()]
    if (!field || value === null || value === undefined) continue
    if (field === 'geojson' && typeof value === 'object') out.geojson = JSON.stringify(value)
    else if (field === 'links' && Array.isArray(value))
      out.links = value
        .map((l: { kind?: string; itemId?: string | number }) => (typeof l === 'string' ? l : `${l.kind}:${l.itemId}`))
        .join(',')
    else out[field] = String(value)
  }
  if (['ja', 'yes', 'true', '1'].includes((out.secret ?? '').toLowerCase())) out.secret = 'yes'
  else out.secret = ''
  out.kind ??= 'decision'
  return out
}

type ImportRow = { row: number; fields: Record<string, string> } | { row: number; error: string }

/** Rows of a file: CSV, a JSON array (or `{ "decisions": [...] }`), or Open Raadsinformatie records. */
export function importRows(text: string): ImportRow[] | { error: MessageKey } {
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let doc: unknown
    try {
      doc = JSON.parse(text)
    } catch {
      return { error: 'decisions.import_bad_json' }
    }
    if (isOriDocument(doc))
      return oriRecords(doc).map((record, i) => {
        const mapped = fromOriRecord(record)
        return 'error' in mapped ? { row: i + 1, error: nl(mapped.error) } : { row: i + 1, fields: mapped.fields }
      })
    const list = Array.isArray(doc) ? doc : (doc as { decisions?: unknown }).decisions
    if (!Array.isArray(list)) return { error: 'decisions.import_bad_json' }
    return list.map((r, i) =>
      r && typeof r === 'object'
        ? { row: i + 1, fields: normaliseRow(r as Record<string, unknown>) }
        : { row: i + 1, error: nl('decisions.import_not_object') },
    )
  }
  try {
    const records = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, relax_column_count: true }) as Record<
      string,
      string
    >[]
    return records.map((r, i) => ({ row: i + 1, fields: normaliseRow(r) }))
  } catch {
    return { error: 'decisions.import_bad_csv' }
  }
}

/** Bulk import; every row stands alone: a bad row is reported with its reason, the rest are kept. */
export async function importDecisions(actorId: string | null, text: string, now = new Date()): Promise<ImportReport> {
  const { db } = getDatabase()
  const report: ImportReport = { imported: 0, errors: [] }
  const rows = importRows(text)
  if ('error' in rows) {
    report.errors.push({ row: 0, reason: nl(rows.error) })
    return report
  }
  if (rows.length > DECISION_LIMITS.importRows) {
    report.errors.push({ row: 0, reason: nl('decisions.import_too_many', { n: DECISION_LIMITS.importRows }) })
    return report
  }
  const label = (field: string) => nl(`decisions.field.${field}` as MessageKey)
  for (const r of rows) {
    if ('error' in r) {
      report.errors.push({ row: r.row, reason: r.error })
      continue
    }
    const parsed = decisionSchema.safeParse(r.fields)
    if (!parsed.success) {
      const [field, key] = Object.entries(zodErrors(parsed.error))[0]!
      report.errors.push({ row: r.row, reason: `${label(field)}: ${nl(key)}` })
      continue
    }
    const resolved = await resolveInput(db, parsed.data, now)
    if (!resolved.ok) {
      report.errors.push({ row: r.row, reason: `${label(resolved.field ?? 'form')}: ${nl(resolved.reason)}` })
      continue
    }
    if (resolved.record.reference) {
      const [dup] = await db.select({ id: decisions.id }).from(decisions).where(eq(decisions.reference, resolved.record.reference))
      if (dup) {
        report.errors.push({ row: r.row, reason: `${label('reference')}: ${nl('decisions.error_duplicate')}` })
        continue
      }
    }
    await recordDecision(db, actorId, resolved.record, 'imported')
    report.imported++
  }
  if (actorId)
    await audit(db, { actorId, action: 'decisions.import', detail: { imported: report.imported, refused: report.errors.length } })
  return report
}

/**
 * The clock: every secret decision whose date has come is released — its content moves into `decisions`
 * (and so into the search index), its links are made, the history says when and on which ground it was
 * secret, followers are notified (e-mail as they chose) and residents near it get an alert through the
 * publication. One decision per transaction, claimed with SKIP LOCKED; a released decision is no longer
 * secret, so running the tick again (or in two processes) does nothing twice.
 */
export async function releaseDue(now = new Date(), db: Queryable = getDatabase().db): Promise<number> {
  let released = 0
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const [due] = await tx
        .select({ id: decisions.id, ground: decisions.secretGround, until: decisions.secretUntil, subject: decisions.title })
        .from(decisions)
        .where(and(eq(decisions.status, 'secret'), lte(decisions.secretUntil, now)))
        .orderBy(decisions.secretUntil, decisions.id)
        .limit(1)
        .for('update', { skipLocked: true })
      if (!due) return false
      const [secret] = await tx.select().from(decisionSecrets).where(eq(decisionSecrets.decisionId, due.id))
      const [decision] = await tx
        .update(decisions)
        .set({
          status: 'public',
          title: secret?.title ?? due.subject,
          summary: secret?.summary ?? null,
          fullText: secret?.fullText ?? null,
          documentUrl: secret?.documentUrl ?? null,
          theme: secret?.theme ?? null,
          areaCode: secret?.areaCode ?? null,
          locationLabel: secret?.locationLabel ?? null,
          geom: secret?.geom ?? null,
          releasedAt: now,
        })
        .where(eq(decisions.id, due.id))
        .returning()
      const links = secret?.links ?? []
      if (links.length)
        await tx
          .insert(decisionLinks)
          .values(links.map((l) => ({ decisionId: due.id, itemKind: l.kind, itemId: l.itemId })))
          .onConflictDoNothing()
      await tx.delete(decisionSecrets).where(eq(decisionSecrets.decisionId, due.id))
      // No note: the page writes "the secrecy ended on …" from `until` and `ground`, in the reader's language.
      await tx.insert(decisionEvents).values({ decisionId: due.id, kind: 'released', at: now, ground: due.ground, until: due.until })
      const [geo] = secret?.geom
        ? await tx
            .select({ g: sql<string>`ST_AsGeoJSON(${decisions.geom}, 7)` })
            .from(decisions)
            .where(eq(decisions.id, due.id))
        : []
      const publication = publicationOf({ ...decision!, geometry: geo?.g ? (JSON.parse(geo.g) as object) : null })
      if (publication) await recordPublication(tx, { ...publication, event: 'released' })
      const followers = await followerIds(tx, DECISION_ITEM_KIND, String(due.id))
      await notify(tx, {
        userIds: followers,
        kind: 'decision_released',
        title: { key: 'decisions.released_title', params: { title: decision!.title } },
        body: [{ key: 'decisions.released_body', params: { subject: due.subject, date: { date: amsterdamDay(due.until!) } } }, decision!.summary ?? ''],
        href: decisionHref(due.id),
        dedupeKey: `decision:${due.id}:released`,
        emailSubject: { key: 'decisions.released_subject', params: { title: decision!.title } },
      })
      return true
    })
    if (!done) return released
    released++
  }
}

/**
 * Prolonging the secrecy is a decision of its own, public, with its ground and the new date; the secret
 * decision gets the new ground and date and a history line pointing to it.
 */
export async function prolongSecrecy(
  actorId: string,
  decisionId: number,
  input: ProlongInput,
  now = new Date(),
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ id: number }, MessageKey>> {
  return inTransaction(db, async (tx) => {
    const [secret] = await tx.select().from(decisions).where(eq(decisions.id, decisionId)).for('update')
    if (!secret) return refuse('decisions.error_not_found', 'form')
    if (secret.status !== 'secret') return refuse('decisions.error_not_secret', 'form')
    const until = amsterdamInstant(input.secretUntil)
    if (until <= (secret.secretUntil ?? now) || until <= now) return refuse('decisions.error_until_later', 'secretUntil')
    const groundLabel = nl(`decisions.ground.${input.ground}` as MessageKey)
    const prolongation = await recordDecision(tx, actorId, {
      body: input.body,
      kind: 'secrecy_prolongation',
      decidedOn: input.decidedOn,
      title: nl('decisions.prolongation_title', { subject: secret.title }).slice(0, DECISION_LIMITS.title),
      summary: nl('decisions.prolongation_summary', {
        id: decisionId,
        subject: secret.title,
        date: input.secretUntil,
        ground: groundLabel,
      }),
      fullText: input.note,
      prolongsDecisionId: decisionId,
      theme: 'bestuur',
    })
    await tx
      .update(decisions)
      .set({ secretUntil: until, secretGround: input.ground, secretUntilKind: input.secretUntilKind })
      .where(eq(decisions.id, decisionId))
    await tx.insert(decisionEvents).values({
      decisionId,
      kind: 'secrecy_prolonged',
      ground: input.ground,
      until,
      relatedDecisionId: prolongation.id,
      note: input.note,
      actorId,
    })
    // Followers waiting for the release hear that it comes later, and why (all of it public).
    await notify(tx, {
      userIds: await followerIds(tx, DECISION_ITEM_KIND, String(decisionId)),
      kind: 'decision_prolonged',
      title: { key: 'decisions.prolonged_title', params: { subject: secret.title } },
      body: {
        key: 'decisions.prolonged_body',
        params: {
          subject: secret.title,
          date: { date: input.secretUntil },
          ground: { key: `decisions.ground.${input.ground}` as MessageKey },
        },
      },
      href: decisionHref(decisionId),
      dedupeKey: `decision:${decisionId}:prolonged:${prolongation.id}`,
      emailSubject: { key: 'decisions.prolonged_subject', params: { subject: secret.title } },
    })
    await audit(tx, { actorId, action: 'decisions.prolong', detail: { decisionId, prolongationId: prolongation.id } })
    return { ok: true, id: prolongation.id }
  })
}

/** Following a decision: a secret one to hear of its release, a public one for what follows. */
export async function setFollowing(userId: string, decisionId: number, following: boolean, db: Queryable = getDatabase().db) {
  if (following) await follow(db, userId, DECISION_ITEM_KIND, String(decisionId))
  else await unfollow(db, userId, DECISION_ITEM_KIND, String(decisionId))
}

/** A day and an optional time ("19:30" or "19:30:15"; midnight without one) in the Netherlands. */
function atAmsterdamTime(day: string, time = ''): Date {
  const [h = 0, m = 0, sec = 0] = (time || '00:00').split(':').map(Number)
  return amsterdamInstant(day, h, m, sec)
}
