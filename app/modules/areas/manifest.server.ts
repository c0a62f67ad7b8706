import { getArea, listAreas } from './queries.server'
import type { ServerManifest } from '../types'

const areaSummary = {
  type: 'object',
  properties: {
    code: { type: 'string', example: 'WK001400' },
    kind: { type: 'string', enum: ['wijk', 'buurt'] },
    name: { type: 'string', example: 'Centrum' },
    parentCode: { type: ['string', 'null'], description: 'The wijk of a buurt' },
  },
  required: ['code', 'kind', 'name'],
}

export const areasServer: ServerManifest = {
  id: 'areas',
  api: [
    {
      path: '/areas',
      summary: 'Wijken en buurten',
      description: 'All wijken and buurten of the municipality (CBS codes), without geometry.',
      parameters: [
        { name: 'kind', in: 'query', description: 'wijk or buurt', schema: { type: 'string', enum: ['wijk', 'buurt'] } },
        { name: 'wijk', in: 'query', description: 'Only the buurten of this wijk code', schema: { type: 'string' } },
      ],
      response: { type: 'object', properties: { data: { type: 'array', items: areaSummary } } },
      handler: async ({ query }) => {
        const kind = query.get('kind')
        if (kind && kind !== 'wijk' && kind !== 'buurt') return { status: 400, body: { error: 'kind must be wijk or buurt' } }
        const wijk = query.get('wijk') ?? undefined
        const kinds = kind ? [kind] : wijk ? ['buurt'] : ['wijk', 'buurt']
        const data = []
        for (const k of kinds as ('wijk' | 'buurt')[]) {
          for (const a of await listAreas(k, k === 'buurt' ? wijk : undefined)) data.push({ ...a, kind: k })
        }
        return { status: 200, body: { data } }
      },
    },
    {
      path: '/areas/{code}',
      summary: 'Eén wijk of buurt, met grens',
      parameters: [{ name: 'code', in: 'path', required: true, description: 'CBS code, e.g. WK001400', schema: { type: 'string' } }],
      response: {
        type: 'object',
        properties: { ...areaSummary.properties, geometry: { type: 'object', description: 'GeoJSON MultiPolygon, WGS84' } },
      },
      handler: async ({ params }) => {
        const area = await getArea(params.code!)
        if (!area) return { status: 404, body: { error: 'no area with this code' } }
        return { status: 200, body: { ...area, geometry: area.geometry ? JSON.parse(area.geometry) : null } }
      },
    },
  ],
}
