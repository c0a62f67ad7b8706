import { useState } from 'react'
import { CircleMarker, MapContainer, TileLayer, useMapEvents } from 'react-leaflet'

function ClickToChoose({ onChoose }: { onChoose: (lat: number, lon: number) => void }) {
  useMapEvents({ click: (e) => onChoose(e.latlng.lat, e.latlng.lng) })
  return null
}

/**
 * A map to point at one place, writing it into two hidden fields of the surrounding form. Only in the
 * browser (*.client.tsx); the page always offers postcode and house number as well.
 */
export default function PointMap({
  name,
  initial,
  tileUrl,
  attribution,
  label,
  chosenText,
  clearText,
  fieldNames,
}: {
  name: string
  /** The hidden fields to write; `${name}_lat` and `${name}_lon` unless given. */
  fieldNames?: { lat: string; lon: string }
  initial: { lat: number; lon: number } | null
  tileUrl: string
  attribution: string
  label: string
  chosenText: (lat: string, lon: string) => string
  clearText: string
}) {
  const [point, setPoint] = useState(initial)
  const round = (n: number) => n.toFixed(5)
  return (
    <div role="region" aria-label={label}>
      <MapContainer className="map" center={[point?.lat ?? 53.2194, point?.lon ?? 6.5665]} zoom={13} scrollWheelZoom={false} keyboard>
        <TileLayer url={tileUrl} attribution={attribution} />
        <ClickToChoose onChoose={(lat, lon) => setPoint({ lat, lon })} />
        {point ? <CircleMarker center={[point.lat, point.lon]} radius={8} pathOptions={{ color: '#c8102e' }} /> : null}
      </MapContainer>
      <input type="hidden" name={fieldNames?.lat ?? `${name}_lat`} value={point ? round(point.lat) : ''} />
      <input type="hidden" name={fieldNames?.lon ?? `${name}_lon`} value={point ? round(point.lon) : ''} />
      {point ? (
        <p aria-live="polite">
          {chosenText(round(point.lat), round(point.lon))}{' '}
          <button type="button" className="secondary" onClick={() => setPoint(null)}>
            {clearText}
          </button>
        </p>
      ) : null}
    </div>
  )
}
