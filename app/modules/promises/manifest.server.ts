import { seedPromises } from './seed.server'
import type { ServerManifest } from '../types'
import { promiseDetailJson, promiseJson, promisesCsv } from './api.server'
import { notifyOverdue } from './commands.server'
import { listPromises, promiseAccountability, promiseDetail, type PromiseFilters } from './queries.server'
import { STATUSES } from './validation'

const statusSchema = { type: 'string', enum: [...STATUSES] }

const promiseSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    status: statusSchema,
    theme: { type: 'string' },
    portfolioHolder: { type: 'string' },
    source: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['coalition_agreement', 'council_motion', 'toezegging', 'programme_budget'] },
        document: { type: 'string' },
        chapter: { type: ['string', 'null'] },
        page: { type: ['integer', 'null'] },
        url: { type: ['string', 'null'] },
      },
    },
    areaCodes: { type: 'array', items: { type: 'string' }, description: 'Wijk codes; empty: the whole municipality' },
    dueOn: { type: ['string', 'null'], format: 'date' },
    updateEveryMonths: { type: 'integer' },
    nextUpdateBy: { type: 'string', format: 'date' },
    overdue: { type: 'boolean', description: 'The promised update has not come by its date' },
    url: { type: 'string' },
  },
}

const filterParameters = [
  { name: 'status', in: 'query' as const, description: 'Only promises with this status', schema: statusSchema },
  { name: 'theme', in: 'query' as const, description: 'Only promises of this theme', schema: { type: 'string' } },
  { name: 'wijk', in: 'query' as const, description: 'Only promises for this wijk (code)', schema: { type: 'string' } },
]

function filtersOf(query: URLSearchParams): PromiseFilters | null {
  const status = query.get('status')
  if (status && !(STATUSES as readonly string[]).includes(status)) return null
  return {
    status: (status as PromiseFilters['status']) ?? undefined,
    theme: query.get('theme') ?? undefined,
    wijk: query.get('wijk') ?? undefined,
  }
}

export const promisesServer: ServerManifest = {
  id: 'promises',
  seed: { order: 80, run: seedPromises },
  ticks: [{ name: 'promises.overdue', run: (now) => notifyOverdue(now) }],
  accountability: async (now) =>
    (await promiseAccountability(now)).map((r) => ({
      key: `promise-${r.id}`,
      kind: 'promise',
      title: r.title,
      href: r.href,
      closedAt: null,
      reportBackBy: r.reportBackBy,
      reportedAt: r.reportedAt,
      status: r.status,
    })),
  api: [
    {
      path: '/promises',
      summary: 'Beloftemeter: beloften van raad en college',
      description:
        'Every promise of the council and the college (coalition agreement, council motions and toezeggingen, programme budget goals) with its status and promised update rhythm. All data is public.',
      parameters: filterParameters,
      response: { type: 'object', properties: { data: { type: 'array', items: promiseSchema } } },
      handler: async ({ query }) => {
        const filters = filtersOf(query)
        if (!filters) return { status: 400, body: { error: 'unknown status' } }
        return { status: 200, body: { data: (await listPromises(filters)).map(promiseJson) } }
      },
    },
    {
      path: '/promises.csv',
      summary: 'Beloftemeter als CSV',
      description: 'The same promises as /promises, one row per promise (comma separated, UTF-8), with the same filters.',
      parameters: filterParameters,
      response: { type: 'string', description: 'text/csv' },
      handler: async ({ query }) => {
        const filters = filtersOf(query)
        if (!filters) return { status: 400, body: { error: 'unknown status' } }
        return { status: 200, text: promisesCsv(await listPromises(filters)), contentType: 'text/csv; charset=utf-8' }
      },
    },
    {
      path: '/promises/{id}',
      summary: 'Eén belofte met geschiedenis en cijfers',
      description:
        'One promise with its public history of status changes and updates, its indicators with their time series (per wijk where measured so), and the items that serve it.',
      parameters: [{ name: 'id', in: 'path', required: true, description: 'The promise id', schema: { type: 'integer' } }],
      response: {
        type: 'object',
        properties: {
          ...promiseSchema.properties,
          text: { type: 'string' },
          history: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                from: { type: ['string', 'null'] },
                status: statusSchema,
                explanation: { type: 'string' },
                dueBy: { type: ['string', 'null'], format: 'date' },
                at: { type: 'string', format: 'date-time' },
              },
            },
          },
          indicators: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                name: { type: 'string' },
                definition: { type: 'string' },
                unit: { type: 'string' },
                source: { type: 'string' },
                period: { type: 'string', enum: ['year', 'quarter'] },
                baseline: { type: ['object', 'null'] },
                target: { type: ['object', 'null'] },
                series: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { period: { type: 'string' }, wijkCode: { type: ['string', 'null'] }, value: { type: 'number' } },
                  },
                },
              },
            },
          },
          links: {
            type: 'array',
            items: {
              type: 'object',
              properties: { kind: { type: 'string' }, id: { type: 'string' }, title: { type: 'string' }, url: { type: 'string' } },
            },
          },
        },
      },
      handler: async ({ params }) => {
        const detail = await promiseDetail(Number(params.id))
        if (!detail) return { status: 404, body: { error: 'not found' } }
        return { status: 200, body: promiseDetailJson(detail) }
      },
    },
  ],
}
