import { useLocale, useT, type Locale } from '~/utils/i18n'

/*
 * A map of the wijken drawn on the server as SVG, each wijk shaded by its value in one period (darker is
 * more), wijken without a value in grey. No tiles and no JavaScript; the same figures are always in the
 * tables per wijk next to it, and the description lists them for screen readers.
 */

export interface WijkShape {
  code: string
  name: string
  geometry: { type: string; coordinates?: unknown }
}

const SHADES = ['#dbe9f6', '#a6c8e8', '#5e9bd1', '#2a6cad', '#00457c']

function rings(g: WijkShape['geometry']): [number, number][][] {
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []) as [number, number][][][]
  return polygons.flat()
}

const number = (v: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 }).format(v)

export function WijkMap({
  id,
  label,
  shapes,
  values,
  unit,
}: {
  id: string
  label: string
  shapes: WijkShape[]
  values: Record<string, number>
  unit: string
}) {
  const t = useT()
  const locale = useLocale()
  const all = shapes.flatMap((s) => rings(s.geometry).flat())
  if (!all.length) return null
  const lat0 = all.reduce((sum, p) => sum + p[1], 0) / all.length
  const kx = Math.cos((lat0 * Math.PI) / 180)
  const xs = all.map((p) => p[0] * kx)
  const ys = all.map((p) => p[1])
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]
  const width = 560
  const scale = width / (maxX - minX || 1)
  const height = Math.round((maxY - minY) * scale)
  const px = ([lon, lat]: [number, number]) => `${((lon * kx - minX) * scale).toFixed(1)},${((maxY - lat) * scale).toFixed(1)}`
  const known = Object.values(values)
  const [lo, hi] = [Math.min(...known), Math.max(...known)]
  const shade = (v: number) =>
    SHADES[hi === lo ? SHADES.length - 1 : Math.min(SHADES.length - 1, Math.floor(((v - lo) / (hi - lo)) * SHADES.length))]!
  const withData = shapes.filter((s) => values[s.code] !== undefined)
  return (
    <figure className="wijk-map">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: `${width}px` }}
      >
        <title id={`${id}-title`}>{label}</title>
        <desc id={`${id}-desc`}>{withData.map((s) => `${s.name}: ${number(values[s.code]!, locale)} ${unit}`).join('; ')}</desc>
        {shapes.map((s) => {
          const v = values[s.code]
          return (
            <path
              key={s.code}
              aria-hidden="true"
              d={rings(s.geometry)
                .map((ring) => `M${ring.map(px).join('L')}Z`)
                .join('')}
              fillRule="evenodd"
              fill={v === undefined ? '#eeeeee' : shade(v)}
              stroke="#ffffff"
              strokeWidth="1"
            />
          )
        })}
      </svg>
      <figcaption className="hint">
        {t('promises.map_caption', { low: `${number(lo, locale)} ${unit}`, high: `${number(hi, locale)} ${unit}` })}
      </figcaption>
    </figure>
  )
}
