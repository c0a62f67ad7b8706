import type { Queryable } from '~db/client'
import { checkGeometry as checkPlace, shapeOf } from '~/modules/areas/geometry.server'
import type { MessageKey } from '~/utils/i18n'
import { DECISION_LIMITS } from './validation'

/** A decision may concern a whole district or the municipality: more points and no area limit. */
const MAX_VERTICES = 5000

/** Positions of two numbers only: the column is two-dimensional (the core also takes a height). */
const flat = (c: unknown): boolean => Array.isArray(c) && (typeof c[0] === 'number' ? c.length === 2 : c.every(flat))

/**
 * A point or polygon as GeoJSON (a geometry or a Feature), checked by the areas core: the shape, then
 * validity and place with PostGIS. The decisions register names its own two refusals.
 */
export async function checkGeometry(
  db: Queryable,
  value: unknown,
): Promise<{ ok: true; geometry: object } | { ok: false; reason: MessageKey }> {
  const shape = shapeOf(value, ['Point', 'Polygon', 'MultiPolygon'], MAX_VERTICES)
  if (!shape.ok || !flat(shape.geometry.coordinates) || JSON.stringify(shape.geometry).length > DECISION_LIMITS.geoJsonChars)
    return { ok: false, reason: 'decisions.error_geojson' }
  const place = await checkPlace(db, shape.geometry, Number.POSITIVE_INFINITY)
  if (!place.ok)
    return { ok: false, reason: place.reason === 'alerts.error_outside' ? 'decisions.error_outside' : 'decisions.error_geojson' }
  return { ok: true, geometry: shape.geometry }
}
