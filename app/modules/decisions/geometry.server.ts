import { sql } from 'drizzle-orm'
import type { Queryable } from '~db/client'
import { MUNICIPALITY_BOUNDS } from '~/modules/areas/bounds'
import { rowsOf } from '~/modules/areas/queries.server'
import type { MessageKey } from '~/utils/i18n'
import { DECISION_LIMITS } from './validation'

const BOUNDS = MUNICIPALITY_BOUNDS
const DEPTH = { Point: 0, Polygon: 2, MultiPolygon: 3 } as const

function coordsOk(coords: unknown, depth: number, count: { n: number }): boolean {
  if (!Array.isArray(coords)) return false
  if (depth === 0) {
    count.n++
    return coords.length === 2 && coords.every((c) => typeof c === 'number' && Number.isFinite(c))
  }
  return coords.length > 0 && coords.every((c) => coordsOk(c, depth - 1, count))
}

/** A point or polygon as GeoJSON (a geometry or a Feature), checked in JavaScript and then by PostGIS. */
export async function checkGeometry(
  db: Queryable,
  value: unknown,
): Promise<{ ok: true; geometry: object } | { ok: false; reason: MessageKey }> {
  let v = value as { type?: string; geometry?: unknown; coordinates?: unknown }
  if (v?.type === 'Feature') v = v.geometry as typeof v
  if (!v || typeof v.type !== 'string' || !(v.type in DEPTH)) return { ok: false, reason: 'decisions.error_geojson' }
  const count = { n: 0 }
  if (!coordsOk(v.coordinates, DEPTH[v.type as keyof typeof DEPTH], count) || count.n > 5000)
    return { ok: false, reason: 'decisions.error_geojson' }
  const geometry = { type: v.type, coordinates: v.coordinates }
  const text = JSON.stringify(geometry)
  if (text.length > DECISION_LIMITS.geoJsonChars) return { ok: false, reason: 'decisions.error_geojson' }
  const [row] = rowsOf<{ valid: boolean; min_lon: number; max_lon: number; min_lat: number; max_lat: number }>(
    await db.execute(sql`
      with g as (select ST_SetSRID(ST_GeomFromGeoJSON(${text}), 4326) as geom)
      select ST_IsValid(geom) as valid, ST_XMin(geom) as min_lon, ST_XMax(geom) as max_lon, ST_YMin(geom) as min_lat, ST_YMax(geom) as max_lat from g`),
  )
  if (!row?.valid) return { ok: false, reason: 'decisions.error_geojson' }
  if (row.min_lon < BOUNDS.minLon || row.max_lon > BOUNDS.maxLon || row.min_lat < BOUNDS.minLat || row.max_lat > BOUNDS.maxLat)
    return { ok: false, reason: 'decisions.error_outside' }
  return { ok: true, geometry }
}
