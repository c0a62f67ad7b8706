import { eq, sql } from 'drizzle-orm'
import { addresses } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { findAddress, formatAddress, rowsOf } from '~/modules/areas/queries.server'
import type { MessageKey } from '~/utils/i18n'
import { zodErrors } from '~/utils/forms'
import { nearbySchema } from './validation'

/*
 * Plans near an address, no account needed: the published notices within a distance of an address or a
 * point, nearest first. Distances are metres on the spheroid (geography), the same as alert matching.
 */

export interface NearbyPoint {
  lat: number
  lon: number
  label: string
}

/** The point of an address in the register, or a reason at the postcode field. */
export async function addressPoint(
  postcode: string,
  houseNumber: string,
  db: Queryable = getDatabase().db,
): Promise<{ ok: true; point: NearbyPoint } | { ok: false; errors: Record<string, MessageKey> }> {
  const address = await findAddress(postcode.toUpperCase().replace(/\s+/g, ''), Number(houseNumber), '', db)
  if (!address) return { ok: false, errors: { postcode: 'alerts.error_unknown_address' } }
  const [row] = await db
    .select({ lat: sql<number>`ST_Y(${addresses.location})`, lon: sql<number>`ST_X(${addresses.location})` })
    .from(addresses)
    .where(eq(addresses.id, address.id))
  return { ok: true, point: { lat: Number(row!.lat), lon: Number(row!.lon), label: formatAddress(address) } }
}

export interface NearbyNotice {
  id: number
  kind: string
  title: string
  locationLabel: string
  publishedOn: string
  reactionDeadline: string | null
  distanceM: number
  lat: number
  lon: number
}

/** Published notices within `radiusM` metres of the point, nearest first (at most 200). */
export async function noticesNear(
  point: { lat: number; lon: number },
  radiusM: number,
  db: Queryable = getDatabase().db,
): Promise<NearbyNotice[]> {
  const here = sql`ST_SetSRID(ST_MakePoint(${point.lon}::float8, ${point.lat}::float8), 4326)::geography`
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select n.id, n.kind, n.title, n.location_label, n.published_on::text as published_on,
             n.reaction_deadline::text as reaction_deadline,
             round(ST_Distance(n.geom::geography, ${here}))::int as distance_m,
             ST_Y(ST_PointOnSurface(n.geom)) as lat, ST_X(ST_PointOnSurface(n.geom)) as lon
      from plan_notices n
      where n.status = 'published' and ST_DWithin(n.geom::geography, ${here}, ${radiusM}::float8)
      order by distance_m, n.published_on desc, n.id desc
      limit 200`),
  )
  return rows.map((r) => ({
    id: Number(r.id),
    kind: String(r.kind),
    title: String(r.title),
    locationLabel: String(r.location_label),
    publishedOn: String(r.published_on),
    reactionDeadline: r.reaction_deadline == null ? null : String(r.reaction_deadline),
    distanceM: Number(r.distance_m),
    lat: Number(r.lat),
    lon: Number(r.lon),
  }))
}

/** The search of "plans near an address" from the query string: the point, or reasons per field. */
export async function nearbyQuery(params: URLSearchParams) {
  const raw = Object.fromEntries(['postcode', 'huisnummer', 'lat', 'lon', 'afstand'].map((k) => [k, params.get(k) ?? undefined]))
  const values = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as Record<string, string>
  const parsed = nearbySchema.safeParse(raw)
  if (!parsed.success) return { ok: false as const, errors: zodErrors(parsed.error), values }
  const { postcode, huisnummer, lat, lon, afstand } = parsed.data
  let point: NearbyPoint
  if (lat && lon) point = { lat: Number(lat), lon: Number(lon), label: `${Number(lat).toFixed(5)}, ${Number(lon).toFixed(5)}` }
  else {
    const found = await addressPoint(postcode, huisnummer)
    if (!found.ok) return { ok: false as const, errors: found.errors, values }
    point = found.point
  }
  return { ok: true as const, point, radiusM: Number(afstand), values, notices: await noticesNear(point, Number(afstand)) }
}
