import { GeoJSON, MapContainer, TileLayer } from 'react-leaflet'
import type { GeoJsonObject } from 'geojson'
import { latLngBounds, type LatLngBoundsExpression } from 'leaflet'

export interface MapShape {
  code: string
  name: string
  geometry: GeoJsonObject
  highlight?: boolean
}

function boundsOf(shapes: MapShape[]): LatLngBoundsExpression {
  const bounds = latLngBounds([])
  const visit = (coords: unknown): void => {
    if (Array.isArray(coords) && typeof coords[0] === 'number') bounds.extend([coords[1] as number, coords[0] as number])
    else if (Array.isArray(coords)) coords.forEach(visit)
  }
  for (const s of shapes) visit((s.geometry as unknown as { coordinates: unknown }).coordinates)
  return bounds.isValid()
    ? bounds
    : [
        [53.15, 6.45],
        [53.3, 6.75],
      ]
}

/**
 * The map is an extra, never the only way: every page that shows one also lists its contents, and the
 * outlines are drawn even when the background tiles cannot load.
 */
export default function AreaMap({
  shapes,
  tileUrl,
  attribution,
  label,
}: {
  shapes: MapShape[]
  tileUrl: string
  attribution: string
  label: string
}) {
  return (
    <div role="region" aria-label={label}>
      <MapContainer className="map" bounds={boundsOf(shapes)} scrollWheelZoom={false} keyboard>
        <TileLayer url={tileUrl} attribution={attribution} />
        {shapes.map((s) => (
          <GeoJSON
            key={s.code}
            data={s.geometry}
            style={{ color: s.highlight ? '#c8102e' : '#00457c', weight: s.highlight ? 3 : 1.5, fillOpacity: s.highlight ? 0.25 : 0.08 }}
            onEachFeature={(_, layer) => layer.bindTooltip(s.name)}
          />
        ))}
      </MapContainer>
    </div>
  )
}
