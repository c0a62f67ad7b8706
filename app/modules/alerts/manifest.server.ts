import { startAlertsWorker, stopAlertsWorker } from './worker.server'
import { seedAlerts } from './seed.server'
import { seedNoticeReactions } from './seed-reactions.server'
import { absoluteUrl } from '~/utils/url.server'
import { NOTICE_KINDS } from './deadline'
import { getNotice, listNotices } from './notices.server'
import { amsterdamDay } from '~/utils/time'
import { alertsDossier } from './dossier.server'
import type { AdminCount, ServerManifest } from '../types'
import { deliverHandoffs } from './handoff.server'
import { alertsPermissions } from './permissions'
import { reactionCounts } from './reactions.server'

const noticeSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: [...NOTICE_KINDS] },
    title: { type: 'string' },
    location: { type: 'string', description: 'Where, in words' },
    geometry: { type: 'object', description: 'GeoJSON geometry (WGS84): Point, LineString, Polygon or a Multi- variant' },
    startsOn: {
      type: 'string',
      format: 'date',
      description: 'Received on (application), available from (draft) or published on (decision)',
    },
    publishedOn: { type: 'string', format: 'date' },
    reactionDeadline: { type: ['string', 'null'], format: 'date', description: 'Last day to react, from the legal term of the kind' },
    status: { type: 'string', enum: ['published', 'withdrawn'], description: 'A withdrawn notice is closed for reactions' },
    withdrawnOn: { type: ['string', 'null'], format: 'date', description: 'Day the notice was withdrawn' },
    withdrawnReason: { type: ['string', 'null'], description: 'Why the municipality withdrew it' },
    url: { type: 'string' },
  },
}

function toApi(n: {
  id: number
  kind: string
  title: string
  locationLabel: string
  geometry: unknown
  startsOn: string
  publishedOn: string
  reactionDeadline: string | null
  status?: string
  withdrawnAt?: Date | null
  withdrawnReason?: string | null
}) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    location: n.locationLabel,
    geometry: typeof n.geometry === 'string' ? (JSON.parse(n.geometry) as object) : n.geometry,
    startsOn: n.startsOn,
    publishedOn: n.publishedOn,
    reactionDeadline: n.reactionDeadline,
    status: n.status ?? 'published',
    withdrawnOn: n.withdrawnAt ? amsterdamDay(n.withdrawnAt) : null,
    withdrawnReason: n.withdrawnReason ?? null,
    url: absoluteUrl(`/bekendmakingen/${n.id}`),
  }
}

/** Open data: the municipality's plan notices. Never a resident's place or reaction. */
export const alertsServer: ServerManifest = {
  id: 'alerts',
  // The notices, then reactions in every status and a decided notice (they react to the notices).
  seed: { order: 60, run: async (db) => (await seedAlerts(db), await seedNoticeReactions(db)) },
  workers: [{ name: 'alerts', start: startAlertsWorker, stop: stopAlertsWorker }],
  dossier: alertsDossier,
  // Reactions handed to the case system when a webhook is configured (a no-op otherwise).
  ticks: [{ name: 'alerts.case_handoff', run: () => deliverHandoffs() }],
  adminCounts: async (actor) => {
    if (!alertsPermissions.handleReactions(actor, undefined).ok) return []
    const c = await reactionCounts()
    if (c.received + c.inProgress === 0) return []
    const lines: AdminCount[] = [
      {
        to: '/beheer/reacties?status=received',
        text: 'alerts.admin_count_open',
        params: { received: c.received, inProgress: c.inProgress },
      },
    ]
    if (c.overdue)
      lines.push({ to: '/beheer/reacties?status=overdue', text: 'alerts.admin_count_overdue', params: { n: c.overdue }, urgent: true })
    return lines
  },
  api: [
    {
      path: '/notices',
      summary: 'Bekendmakingen met locatie',
      description:
        'Published plan notices (permit applications, draft decisions, decisions, traffic decisions, event permits) with their location as GeoJSON and the reaction deadline. Also as a GeoJSON FeatureCollection with ?format=geojson. Withdrawn notices are left out; /notices/{id} shows them with status withdrawn and the reason.',
      parameters: [
        { name: 'kind', in: 'query', description: 'Only notices of this kind', schema: { type: 'string', enum: [...NOTICE_KINDS] } },
        {
          name: 'format',
          in: 'query',
          description: '`geojson` for a FeatureCollection',
          schema: { type: 'string', enum: ['json', 'geojson'] },
        },
        { name: 'limit', in: 'query', description: 'At most this many (1–500, default 100)', schema: { type: 'integer' } },
        { name: 'offset', in: 'query', description: 'Skip this many', schema: { type: 'integer' } },
      ],
      response: { type: 'object', properties: { data: { type: 'array', items: noticeSchema } } },
      handler: async ({ query }) => {
        const kind = query.get('kind')
        if (kind && !(NOTICE_KINDS as readonly string[]).includes(kind)) return { status: 400, body: { error: 'unknown kind' } }
        const limit = Number(query.get('limit') ?? 100)
        const offset = Number(query.get('offset') ?? 0)
        if (!Number.isInteger(limit) || limit < 1 || limit > 500 || !Number.isInteger(offset) || offset < 0)
          return { status: 400, body: { error: 'limit must be 1–500 and offset 0 or more' } }
        const rows = (await listNotices({ limit, offset })).filter((n) => !kind || n.kind === kind).map(toApi)
        if (query.get('format') === 'geojson')
          return {
            status: 200,
            body: {
              type: 'FeatureCollection',
              features: rows.map(({ geometry, ...properties }) => ({ type: 'Feature', geometry, properties })),
            },
          }
        return { status: 200, body: { data: rows } }
      },
    },
    {
      path: '/notices/{id}',
      summary: 'Eén bekendmaking',
      parameters: [{ name: 'id', in: 'path', required: true, description: 'Notice id', schema: { type: 'integer' } }],
      response: { type: 'object', properties: { ...noticeSchema.properties, description: { type: 'string' } } },
      handler: async ({ params }) => {
        const notice = await getNotice(Number(params.id))
        if (!notice) return { status: 404, body: { error: 'no such notice' } }
        return { status: 200, body: { ...toApi(notice), description: notice.description } }
      },
    },
  ],
}
