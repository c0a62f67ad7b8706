import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import {
  addresses,
  areas,
  consultationDocuments,
  consultationQuestions,
  consultationResponses,
  consultations,
  users,
  type Consultation,
} from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { areaNames, findAddress, rowsOf } from '~/modules/areas/queries.server'
import { checkGeometry, parseGeoJson } from '~/modules/areas/geometry.server'
import { declarationOf, reportBackOf } from '~/modules/participation/queries.server'
import { type MessageKey } from '~/utils/i18n'
import type { ConsultationRef } from './permissions'
import { LIMITS, type DetailsInput, type PendingAddress, type Point, type QuestionView, type Status } from './validation'
import { statusByDate } from './lifecycle'

/*
 * Reading consultations: one or a list, their questions, documents and area, a person's own response,
 * what the rules see (`refOf`), and the public view with its declaration and report-back.
 */

export const ITEM_KIND = 'consultation'
export const hrefOf = (id: number) => `/inspraak/${id}`

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
export async function resolveAreaIn(
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
