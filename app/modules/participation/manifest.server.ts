import type { ServerManifest } from '../types'
import { areaNames } from '../areas/queries.server'
import { allAccountability } from '../accountability.server'
import { onTimeShare, openItems } from './queries.server'

export const participationServer: ServerManifest = {
  id: 'participation',
  api: [
    {
      path: '/accountability',
      summary: 'Terugkoppeling: beloofd en gedaan',
      description:
        'Every closed participatory item of every module, and every promise of the beloftemeter with its promised update, with the promised report-back date, the date the municipality actually reported back, and the status: on_time, late, overdue (date passed, no report yet) or pending.',
      parameters: [
        {
          name: 'status',
          in: 'query',
          description: 'Only items with this status',
          schema: { type: 'string', enum: ['on_time', 'late', 'overdue', 'pending'] },
        },
      ],
      response: {
        type: 'object',
        properties: {
          onTimeShare: { type: ['number', 'null'], description: 'Share of due items reported on time (0–1)' },
          data: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                kind: { type: 'string' },
                title: { type: 'string' },
                url: { type: 'string' },
                closedAt: { type: ['string', 'null'], format: 'date-time' },
                reportBackBy: { type: 'string', format: 'date' },
                reportedAt: { type: ['string', 'null'], format: 'date-time' },
                status: { type: 'string', enum: ['on_time', 'late', 'overdue', 'pending'] },
              },
            },
          },
        },
      },
      handler: async ({ query }) => {
        const status = query.get('status')
        if (status && !['on_time', 'late', 'overdue', 'pending'].includes(status)) return { status: 400, body: { error: 'unknown status' } }
        const rows = await allAccountability()
        const data = rows
          .filter((r) => !status || r.status === status)
          .map((r) => ({
            kind: r.kind,
            title: r.title,
            url: r.href,
            closedAt: r.closedAt,
            reportBackBy: r.reportBackBy,
            reportedAt: r.reportedAt,
            status: r.status,
          }))
        return { status: 200, body: { onTimeShare: onTimeShare(rows), data } }
      },
    },
  ],
  // Every module registers its items here, so one query serves the home page for all of them.
  openNow: async () => {
    const items = await openItems()
    const names = await areaNames(items.flatMap((i) => i.areaCodes))
    return items.map((i) => ({
      module: i.kind,
      title: i.title,
      href: i.href,
      area: i.areaCodes.length ? i.areaCodes.map((c) => names[c] ?? c).join(', ') : 'Hele gemeente',
      closesAt: i.closesAt,
    }))
  },
}
