import { useState } from 'react'
import { CircleMarker, MapContainer, Polygon, Polyline, TileLayer, useMapEvents } from 'react-leaflet'
import type { Polygon as GeoPolygon } from 'geojson'
import { useT } from '~/utils/i18n'
import { polygonOf, type LatLon } from './draw-area'

function ClickToAdd({ onAdd }: { onAdd: (point: LatLon) => void }) {
  useMapEvents({ click: (e) => onAdd([e.latlng.lat, e.latlng.lng]) })
  return null
}

function pointsOf(polygon: GeoPolygon | null): LatLon[] {
  const ring = polygon?.coordinates[0] ?? []
  return ring.slice(0, Math.max(0, ring.length - 1)).map(([lon, lat]) => [lat!, lon!])
}

/**
 * Draw one area by clicking its corners; the polygon goes, as GeoJSON text, into a hidden field of the
 * surrounding form (empty until there are three corners). Only in the browser (*.client.tsx): every page
 * that offers it also offers a way without a map (lists of wijken and buurten, or pasted GeoJSON), and the
 * server checks the shape (valid, not crossing itself, inside the municipality, not too large). The route
 * must link Leaflet's style sheet (see app/routes/wijken.$code.tsx), or the tiles cover the page.
 */
export default function DrawArea({
  name,
  initial,
  tileUrl,
  attribution,
  label,
}: {
  name: string
  initial: GeoPolygon | null
  tileUrl: string
  attribution: string
  label: string
}) {
  const t = useT()
  const [points, setPoints] = useState<LatLon[]>(() => pointsOf(initial))
  const polygon = polygonOf(points)
  const center: LatLon = points[0] ?? [53.2194, 6.5665]
  return (
    <div role="region" aria-label={label}>
      <p className="hint">{t('map.draw_hint')}</p>
      <MapContainer className="map" center={center} zoom={13} scrollWheelZoom={false} keyboard doubleClickZoom={false}>
        <TileLayer url={tileUrl} attribution={attribution} />
        <ClickToAdd onAdd={(p) => setPoints((current) => (current.length >= 200 ? current : [...current, p]))} />
        {polygon ? (
          <Polygon positions={points} pathOptions={{ color: '#c8102e', weight: 2, fillOpacity: 0.2 }} />
        ) : points.length > 1 ? (
          <Polyline positions={points} pathOptions={{ color: '#c8102e', weight: 2 }} />
        ) : null}
        {points.map((p, i) => (
          <CircleMarker key={`${i}-${p[0]}-${p[1]}`} center={p} radius={4} pathOptions={{ color: '#c8102e' }} />
        ))}
      </MapContainer>
      <input type="hidden" name={name} value={polygon ? JSON.stringify(polygon) : ''} />
      <p aria-live="polite">
        {polygon ? t('map.draw_ready', { count: points.length }) : points.length ? t('map.draw_points', { count: points.length }) : null}
      </p>
      {points.length ? (
        <p className="actions">
          <button type="button" className="secondary" onClick={() => setPoints((current) => current.slice(0, -1))}>
            {t('map.draw_undo')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setPoints([])}>
            {t('map.draw_clear')}
          </button>
        </p>
      ) : null}
    </div>
  )
}
