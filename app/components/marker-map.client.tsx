import { CircleMarker, GeoJSON, MapContainer, Popup, TileLayer } from 'react-leaflet'
import { latLngBounds, type LatLngBoundsExpression } from 'leaflet'
import type { MapShape } from './area-map.client'
import { useT } from '~/utils/i18n'

export interface MapMarker {
  id: string
  lat: number
  lon: number
  label: string
  href?: string
}

function boundsOf(markers: MapMarker[], shapes: MapShape[]): LatLngBoundsExpression {
  const bounds = latLngBounds([])
  for (const m of markers) bounds.extend([m.lat, m.lon])
  const visit = (coords: unknown): void => {
    if (Array.isArray(coords) && typeof coords[0] === 'number') bounds.extend([coords[1] as number, coords[0] as number])
    else if (Array.isArray(coords)) coords.forEach(visit)
  }
  for (const s of shapes) visit((s.geometry as unknown as { coordinates: unknown }).coordinates)
  if (!bounds.isValid())
    return [
      [53.15, 6.45],
      [53.3, 6.75],
    ]
  return bounds.pad(0.1)
}

/**
 * Items on a map: a dot per item with a pop-up that links to it, and optional outlines. Only in the
 * browser (*.client.tsx) and never alone: the page lists the same items, and the dots and outlines are
 * drawn even when the background tiles cannot load.
 */
export default function MarkerMap({
  markers,
  shapes = [],
  tileUrl,
  attribution,
  label,
}: {
  markers: MapMarker[]
  shapes?: MapShape[]
  tileUrl: string
  attribution: string
  label: string
}) {
  const t = useT()
  return (
    <div role="region" aria-label={label}>
      <MapContainer className="map" bounds={boundsOf(markers, shapes)} scrollWheelZoom={false} keyboard>
        <TileLayer url={tileUrl} attribution={attribution} />
        {shapes.map((s) => (
          <GeoJSON
            key={s.code}
            data={s.geometry}
            style={{ color: s.highlight ? '#c8102e' : '#00457c', weight: 1.5, fillOpacity: 0.08 }}
            onEachFeature={(_, layer) => layer.bindTooltip(s.name)}
          />
        ))}
        {markers.map((m) => (
          <CircleMarker
            key={m.id}
            center={[m.lat, m.lon]}
            radius={7}
            pathOptions={{ color: '#00457c', fillColor: '#c8102e', fillOpacity: 0.9 }}
          >
            <Popup>
              {m.href ? (
                <a href={m.href}>
                  {m.label} — {t('map.open_item')}
                </a>
              ) : (
                m.label
              )}
            </Popup>
          </CircleMarker>
        ))}
      </MapContainer>
    </div>
  )
}
