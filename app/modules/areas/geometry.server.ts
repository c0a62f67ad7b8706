import { sql } from 'drizzle-orm'
import type { Queryable } from '~db/client'
import { GEOMETRY_LIMITS, MUNICIPALITY_BOUNDS } from './bounds'
import { rowsOf } from './queries.server'

/*
 * Checks GeoJSON from a form or an import before it reaches a table: the shape in JavaScript first (so
 * PostGIS never sees garbage), then validity, size and place with PostGIS. Every refusal is a message key.
 * Core: alerts (places, notices), consultations (their area) and decisions use it alike.
 */

type Kind = 'Point' | 'LineString' | 'Polygon' | 'MultiPoint' | 'MultiLineString' | 'MultiPolygon'

export type GeometryCheck = { ok: true; geojson: object; areaKm2: number } | { ok: false; reason: string }

const BOUNDS = MUNICIPALITY_BOUNDS

function depthOk(coords: unknown, depth: number, count: { n: number }): boolean {
  if (!Array.isArray(coords)) return false
  if (depth === 0) {
    count.n++
    return coords.length >= 2 && coords.length <= 3 && coords.every((c) => typeof c === 'number' && Number.isFinite(c))
  }
  return coords.length > 0 && coords.every((c) => depthOk(c, depth - 1, count))
}

const DEPTH: Record<Kind, number> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 }

/** A GeoJSON geometry (or a Feature, or a FeatureCollection of one feature) from text. */
export function parseGeoJson(
  text: string,
  allowed: Kind[],
): { ok: true; geometry: { type: Kind; coordinates: unknown } } | { ok: false; reason: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'alerts.error_geojson' }
  }
  return shapeOf(value, allowed)
}

/** The shape of a geometry (or a Feature, or a FeatureCollection of one), by type, nesting and number of points. */
export function shapeOf(
  value: unknown,
  allowed: Kind[],
  maxVertices: number = GEOMETRY_LIMITS.maxVertices,
): { ok: true; geometry: { type: Kind; coordinates: unknown } } | { ok: false; reason: string } {
  let v = value as { type?: string; geometry?: unknown; features?: unknown[]; coordinates?: unknown }
  if (v?.type === 'FeatureCollection' && Array.isArray(v.features) && v.features.length === 1) v = v.features[0] as typeof v
  if (v?.type === 'Feature') v = v.geometry as typeof v
  if (!v || typeof v.type !== 'string' || !Object.hasOwn(DEPTH, v.type)) return { ok: false, reason: 'alerts.error_geojson' }
  const type = v.type as Kind
  if (!allowed.includes(type)) return { ok: false, reason: 'alerts.error_geometry_type' }
  const count = { n: 0 }
  if (!depthOk(v.coordinates, DEPTH[type], count)) return { ok: false, reason: 'alerts.error_geojson' }
  if (count.n > maxVertices) return { ok: false, reason: 'alerts.error_too_many_points' }
  return { ok: true, geometry: { type, coordinates: v.coordinates } }
}

/**
 * Validity (no self-intersection), area limit and location inside the municipality, with PostGIS. A
 * module whose shapes may be larger than a drawn one (a decision about a whole district) passes its limit.
 */
export async function checkGeometry(
  db: Queryable,
  geometry: object,
  maxAreaKm2: number = GEOMETRY_LIMITS.maxAreaKm2,
): Promise<GeometryCheck> {
  const result = await db.execute(sql`
    with g as (select ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326) as geom)
    select ST_IsValid(geom) as valid,
           coalesce(ST_Area(geom::geography), 0) / 1e6 as area_km2,
           ST_XMin(geom) as min_lon, ST_XMax(geom) as max_lon, ST_YMin(geom) as min_lat, ST_YMax(geom) as max_lat
    from g`)
  const row = rowsOf<{ valid: boolean; area_km2: number; min_lon: number; max_lon: number; min_lat: number; max_lat: number }>(result)[0]
  if (!row) return { ok: false, reason: 'alerts.error_geojson' }
  if (!row.valid) return { ok: false, reason: 'alerts.error_self_intersecting' }
  const areaKm2 = Number(row.area_km2)
  if (areaKm2 > maxAreaKm2) return { ok: false, reason: 'alerts.error_area_too_large' }
  if (row.min_lon < BOUNDS.minLon || row.max_lon > BOUNDS.maxLon || row.min_lat < BOUNDS.minLat || row.max_lat > BOUNDS.maxLat)
    return { ok: false, reason: 'alerts.error_outside' }
  return { ok: true, geojson: geometry, areaKm2 }
}

export const pointGeoJson = (lon: number, lat: number) => ({ type: 'Point', coordinates: [lon, lat] })
