/*
 * A small map drawn on the server as SVG: the resident's place (circle or area) and the item, on a plain
 * background with a scale bar. No tiles, no external requests; it works in e-mail and without JavaScript.
 */

type Geo = { type: string; coordinates: unknown }

function points(coords: unknown, out: [number, number][] = []): [number, number][] {
  if (Array.isArray(coords) && typeof coords[0] === 'number') out.push([coords[0] as number, coords[1] as number])
  else if (Array.isArray(coords)) for (const c of coords) points(c, out)
  return out
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

export function svgMap(options: { item: Geo; place?: Geo | null; radiusM?: number | null; size?: number; title: string }): string {
  const size = options.size ?? 240
  const all = [...points(options.item.coordinates), ...(options.place ? points(options.place.coordinates) : [])]
  if (!all.length) return ''
  const lon0 = all.reduce((s, p) => s + p[0], 0) / all.length
  const lat0 = all.reduce((s, p) => s + p[1], 0) / all.length
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180)
  const ky = 110_540
  const local = (p: [number, number]): [number, number] => [(p[0] - lon0) * kx, (p[1] - lat0) * ky]
  let extent = 150
  for (const p of all) {
    const [x, y] = local(p)
    extent = Math.max(extent, Math.abs(x), Math.abs(y))
  }
  if (options.place?.type === 'Point' && options.radiusM) {
    const [x, y] = local(points(options.place.coordinates)[0]!)
    extent = Math.max(extent, Math.abs(x) + options.radiusM, Math.abs(y) + options.radiusM)
  }
  extent *= 1.15
  const scale = size / 2 / extent
  const px = (p: [number, number]) => {
    const [x, y] = local(p)
    return `${(size / 2 + x * scale).toFixed(1)},${(size / 2 - y * scale).toFixed(1)}`
  }
  const shape = (g: Geo, style: string): string => {
    if (g.type === 'Point') {
      const [cx, cy] = px(points(g.coordinates)[0]!).split(',')
      return `<circle cx="${cx}" cy="${cy}" r="5" ${style}/>`
    }
    if (g.type === 'LineString' || g.type === 'MultiLineString') {
      const lines = g.type === 'LineString' ? [g.coordinates] : (g.coordinates as unknown[])
      return lines.map((l) => `<polyline points="${points(l).map(px).join(' ')}" fill="none" stroke-width="3" ${style}/>`).join('')
    }
    if (g.type === 'MultiPoint')
      return points(g.coordinates)
        .map((p) => shape({ type: 'Point', coordinates: p }, style))
        .join('')
    const polygons = g.type === 'Polygon' ? [g.coordinates] : (g.coordinates as unknown[])
    return polygons
      .map(
        (poly) =>
          `<path d="${(poly as unknown[]).map((ring) => `M${points(ring).map(px).join('L')}Z`).join('')}" fill-rule="evenodd" ${style}/>`,
      )
      .join('')
  }
  let placeSvg = ''
  if (options.place) {
    if (options.place.type === 'Point' && options.radiusM) {
      const [cx, cy] = px(points(options.place.coordinates)[0]!).split(',')
      placeSvg = `<circle cx="${cx}" cy="${cy}" r="${(options.radiusM * scale).toFixed(1)}" fill="#00457c" fill-opacity="0.08" stroke="#00457c" stroke-dasharray="4 3"/><circle cx="${cx}" cy="${cy}" r="4" fill="#00457c"/>`
    } else placeSvg = shape(options.place, 'fill="#00457c" fill-opacity="0.1" stroke="#00457c"')
  }
  const barM = [50, 100, 200, 500, 1000, 2000, 5000].find((m) => m * scale >= size / 5) ?? 5000
  const bar = barM * scale
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size}" height="${size}" role="img" aria-label="${esc(options.title)}">` +
    `<title>${esc(options.title)}</title><rect width="${size}" height="${size}" fill="#f4f1ea"/>` +
    placeSvg +
    shape(options.item, 'fill="#c8102e" fill-opacity="0.35" stroke="#c8102e"') +
    `<line x1="10" y1="${size - 12}" x2="${(10 + bar).toFixed(1)}" y2="${size - 12}" stroke="#222" stroke-width="2"/>` +
    `<text x="10" y="${size - 16}" font-size="10" font-family="sans-serif" fill="#222">${barM >= 1000 ? `${barM / 1000} km` : `${barM} m`}</text></svg>`
  )
}
