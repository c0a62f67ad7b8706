/** Browser-safe: the one map bounds of the municipality and the limits of a drawn shape, used by every module. */

/** The municipality of Groningen (with Haren and Ten Boer), generously. */
export const MUNICIPALITY_BOUNDS = { minLon: 6.35, maxLon: 6.95, minLat: 53.05, maxLat: 53.45 } as const

/** The largest drawn area or polygon (square kilometres), and the most points one may have. */
export const GEOMETRY_LIMITS = { maxAreaKm2: 50, maxVertices: 2000 } as const

/** Whether a point lies inside the municipality's bounds. */
export const insideMunicipality = (lat: number, lon: number) =>
  lat >= MUNICIPALITY_BOUNDS.minLat &&
  lat <= MUNICIPALITY_BOUNDS.maxLat &&
  lon >= MUNICIPALITY_BOUNDS.minLon &&
  lon <= MUNICIPALITY_BOUNDS.maxLon
