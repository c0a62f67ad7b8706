import { customType } from 'drizzle-orm/pg-core'
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm'

/**
 * PostGIS geometry columns, always SRID 4326 (WGS84). Values are written with `geoJsonToGeometry` and
 * read with `geometryAsGeoJson`; the driver's raw EWKB is never parsed in JavaScript.
 */
function geometryColumn(kind: 'Point' | 'MultiPolygon' | 'Geometry') {
  return customType<{ data: string; driverData: string }>({
    dataType: () => `geometry(${kind}, 4326)`,
  })
}

export const pointColumn = geometryColumn('Point')
export const multiPolygonColumn = geometryColumn('MultiPolygon')
export const anyGeometryColumn = geometryColumn('Geometry')

export function geoJsonToGeometry(geoJson: object): SQL {
  return sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geoJson)}), 4326)`
}

export function multiPolygonFromGeoJson(geoJson: object): SQL {
  return sql`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geoJson)}), 4326))`
}

export function pointFromLonLat(lon: number, lat: number): SQL {
  return sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`
}

export function geometryAsGeoJson(column: SQLWrapper, decimals = 5): SQL<string | null> {
  return sql<string | null>`ST_AsGeoJSON(${column}, ${decimals})`
}
