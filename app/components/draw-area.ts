import type { Polygon as GeoPolygon } from 'geojson'

export type LatLon = [number, number]

/** The drawn corners as a closed GeoJSON ring (longitude first), rounded to about a metre. */
export function polygonOf(points: LatLon[]): GeoPolygon | null {
  if (points.length < 3) return null
  const ring = points.map(([lat, lon]) => [Number(lon.toFixed(6)), Number(lat.toFixed(6))])
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] }
}
