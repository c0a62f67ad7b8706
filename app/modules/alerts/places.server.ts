import { and, asc, count, eq, sql } from 'drizzle-orm'
import { addresses, alertPlaces, areas, users } from '~db/schema'
import { geometryAsGeoJson } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { findAddress, formatAddress, rowsOf } from '~/modules/areas/queries.server'
import { audit } from '~/utils/audit.server'
import { refuse, type Outcome } from '~/utils/result'
import { checkGeometry, parseGeoJson, pointGeoJson } from '~/modules/areas/geometry.server'
import { ALERT_LIMITS, CONSENT_VERSION, type PlaceInput } from './validation'

/**
 * The geometry matching intersects with: a point buffered on the sphere by its radius plus 2.5 % (the
 * buffer polygon lies inside the true circle; the exact distance is checked on geography afterwards).
 */
/** 8 segments per quarter: the polygon edge lies at cos(π/16) ≈ 0.981 of the buffer, so 1.025 × radius still covers the circle. */
export const BUFFER_FACTOR = 1.025
export const bufferedSql = (geom: unknown, radiusM: number) =>
  sql`ST_Buffer((${geom})::geography, ${radiusM * BUFFER_FACTOR}::float8, 8)::geometry`

/** Adds a place for its owner, with consent recorded. Unknown address, bad area, bad radius: a reason. */
export async function createPlace(
  userId: string,
  input: PlaceInput,
  now = new Date(),
  db: Queryable = getDatabase().db,
): Promise<Outcome<{ id: number }>> {
  const [{ n }] = (await db.select({ n: count() }).from(alertPlaces).where(eq(alertPlaces.userId, userId))) as [{ n: number }]
  if (Number(n) >= ALERT_LIMITS.placesPerPerson) return refuse('alerts.error_too_many_places', 'form')
  const radius = Number(input.radius)
  const base = { userId, topics: input.topics, channel: input.channel, consentVersion: CONSENT_VERSION, consentedAt: now }
  let values: typeof alertPlaces.$inferInsert
  if (input.mode === 'address') {
    const postcode = input.postcode.toUpperCase().replace(/\s+/g, '')
    const address = await findAddress(postcode, Number(input.houseNumber), input.addition, db)
    if (!address) return refuse('alerts.error_unknown_address', 'postcode')
    const location = sql`(select location from ${addresses} where id = ${address.id})`
    values = {
      ...base,
      kind: 'address',
      label: formatAddress(address),
      addressId: address.id,
      radiusM: radius,
      geom: location as unknown as string,
      matchGeom: bufferedSql(location, radius) as unknown as string,
    }
  } else if (input.mode === 'area') {
    const [area] = await db.select({ code: areas.code, name: areas.name }).from(areas).where(eq(areas.code, input.areaCode))
    if (!area) return refuse('alerts.error_area_code', 'areaCode')
    const geom = sql`(select geom from ${areas} where code = ${area.code})`
    values = {
      ...base,
      kind: 'area',
      label: area.name,
      areaCode: area.code,
      geom: geom as unknown as string,
      matchGeom: geom as unknown as string,
    }
  } else if (input.mode === 'point') {
    const point = pointGeoJson(Number(input.lon), Number(input.lat))
    const checked = await checkGeometry(db, point)
    if (!checked.ok) return refuse(checked.reason, 'lat')
    const geom = sql`ST_SetSRID(ST_MakePoint(${Number(input.lon)}, ${Number(input.lat)}), 4326)`
    values = {
      ...base,
      kind: 'point',
      label: `${Number(input.lat).toFixed(5)}, ${Number(input.lon).toFixed(5)}`,
      radiusM: radius,
      geom: geom as unknown as string,
      matchGeom: bufferedSql(geom, radius) as unknown as string,
    }
  } else {
    const parsed = parseGeoJson(input.geojson, ['Polygon', 'MultiPolygon'])
    if (!parsed.ok) return refuse(parsed.reason, 'geojson')
    const checked = await checkGeometry(db, parsed.geometry)
    if (!checked.ok) return refuse(checked.reason, 'geojson')
    const geom = sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(parsed.geometry)}), 4326)`
    values = {
      ...base,
      kind: 'drawn',
      label: `Getekend gebied (${checked.areaKm2 < 1 ? `${Math.round(checked.areaKm2 * 100)} ha` : `${checked.areaKm2.toFixed(1)} km²`})`,
      geom: geom as unknown as string,
      matchGeom: geom as unknown as string,
    }
  }
  const [row] = await db.insert(alertPlaces).values(values).returning({ id: alertPlaces.id })
  return { ok: true, id: row!.id }
}

/** The owner's places. Nobody else reads them through this function. */
export async function placesOf(userId: string, db: Queryable = getDatabase().db) {
  return db
    .select({
      id: alertPlaces.id,
      kind: alertPlaces.kind,
      label: alertPlaces.label,
      radiusM: alertPlaces.radiusM,
      topics: alertPlaces.topics,
      channel: alertPlaces.channel,
      consentVersion: alertPlaces.consentVersion,
      consentedAt: alertPlaces.consentedAt,
    })
    .from(alertPlaces)
    .where(eq(alertPlaces.userId, userId))
    .orderBy(asc(alertPlaces.id))
}

/** Withdrawing consent deletes the place. Only the owner's own place; returns whether one was deleted. */
export async function deletePlace(userId: string, placeId: number, db: Queryable = getDatabase().db): Promise<boolean> {
  const deleted = await db
    .delete(alertPlaces)
    .where(and(eq(alertPlaces.id, placeId), eq(alertPlaces.userId, userId)))
    .returning({ id: alertPlaces.id })
  return deleted.length > 0
}

/** Items already open near a place (publications with a deadline still ahead, or none), nearest first. */
export async function openNearPlace(userId: string, placeId: number, limit = 20) {
  const { db } = getDatabase()
  const result = await db.execute(sql`
    select pub.title, pub.href, pub.topic, pub.deadline,
           round(ST_Distance(p.geom::geography, pub.geometry::geography))::int as distance_m
    from alert_places p
    join publications pub on pub.geometry is not null and ST_Intersects(p.match_geom, pub.geometry)
    where p.id = ${placeId} and p.user_id = ${userId}
      and pub.topic = any(p.topics)
      and (pub.deadline is null or pub.deadline > now())
      and (p.radius_m is null or ST_DWithin(p.geom::geography, pub.geometry::geography, p.radius_m))
    order by distance_m, pub.id desc
    limit ${limit}`)
  return rowsOf<{ title: string; href: string; topic: string; deadline: string | Date | null; distance_m: number }>(result).map((r) => ({
    title: r.title,
    href: r.href,
    topic: r.topic,
    deadline: r.deadline ? new Date(r.deadline).toISOString() : null,
    distanceM: Number(r.distance_m),
  }))
}

/** Staff see only how many places lie in each wijk, never whose or where exactly. */
export async function placeCountsPerWijk() {
  const { db } = getDatabase()
  const result = await db.execute(sql`
    select w.code, w.name, count(p.id)::int as places
    from areas w
    left join alert_places p on ST_Intersects(w.geom, ST_PointOnSurface(p.geom))
    where w.kind = 'wijk'
    group by w.code, w.name
    order by w.name`)
  return rowsOf<{ code: string; name: string; places: number }>(result).map((r) => ({
    code: r.code,
    name: r.name,
    places: Number(r.places),
  }))
}

/** A staff member looks at one resident's places (e.g. at the resident's request): always audited. */
export async function placesForStaff(actorId: string, userId: string, reason: string) {
  const { db } = getDatabase()
  return db.transaction(async (tx) => {
    await audit(tx, { actorId, action: 'alerts.view_places', subjectUserId: userId, reason })
    return tx
      .select({
        id: alertPlaces.id,
        kind: alertPlaces.kind,
        label: alertPlaces.label,
        radiusM: alertPlaces.radiusM,
        topics: alertPlaces.topics,
      })
      .from(alertPlaces)
      .where(eq(alertPlaces.userId, userId))
  })
}

/** The place with its geometry, for the owner's map. */
export async function placeGeometry(userId: string, placeId: number) {
  const { db } = getDatabase()
  const [row] = await db
    .select({ geometry: geometryAsGeoJson(alertPlaces.geom) })
    .from(alertPlaces)
    .where(and(eq(alertPlaces.id, placeId), eq(alertPlaces.userId, userId)))
  return row?.geometry ? (JSON.parse(row.geometry) as object) : null
}

/** The label of a place, only if it belongs to this person (for the unsubscribe page). */
export async function placeLabelOf(userId: string, placeId: number) {
  const { db } = getDatabase()
  const [row] = await db
    .select({ label: alertPlaces.label })
    .from(alertPlaces)
    .where(and(eq(alertPlaces.id, placeId), eq(alertPlaces.userId, userId)))
  return row?.label ?? null
}

/** Unsubscribing deletes the place (or every place): consent withdrawn. */
export async function unsubscribe(userId: string, placeId: number | null) {
  const { db } = getDatabase()
  await db
    .delete(alertPlaces)
    .where(placeId === null ? eq(alertPlaces.userId, userId) : and(eq(alertPlaces.userId, userId), eq(alertPlaces.id, placeId)))
}

export async function residentName(userId: string) {
  const { db } = getDatabase()
  const [user] = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, userId))
  return user ?? null
}
