import { seedProposals } from './seed.server'
import { eq } from 'drizzle-orm'
import { proposalComments, proposals } from '~db/schema'
import { getDatabase } from '~db/runtime'
import type { ServerManifest } from '../types'
import { archiveExpired, hotTick } from './supports.server'
import { COMMENT_KIND, KIND } from './basics.server'
import { purgeKeptUploads } from './form.server'
import { apiList, documentsOf, getProposal, publicView } from './queries.server'
import { ANSWER_KINDS, listQuerySchema, SORTS, STATUSES, THEMES } from './validation'
import { proposalsDossier } from './dossier.server'

const proposalSchemaJson = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    summary: { type: 'string' },
    theme: { type: 'string', enum: [...THEMES] },
    wijkCode: { type: ['string', 'null'], description: 'CBS wijk code; null for city-wide proposals' },
    wijkName: { type: ['string', 'null'] },
    status: {
      type: 'string',
      enum: [...STATUSES],
      description: 'published = collecting support, in_progress = threshold reached, awaiting the answer',
    },
    supportCount: { type: 'integer' },
    threshold: { type: ['integer', 'null'] },
    publishedAt: { type: ['string', 'null'], format: 'date-time' },
    windowEndsAt: { type: ['string', 'null'], format: 'date-time', description: 'End of the support window' },
    answerDeadline: { type: ['string', 'null'], format: 'date-time', description: 'Set when the threshold is reached: 8 weeks later' },
    url: { type: 'string' },
  },
}

const filters = [
  {
    name: 'wijk',
    in: 'query' as const,
    description: 'A wijk code (WK…), or `gemeente` for city-wide proposals',
    schema: { type: 'string' },
  },
  { name: 'theme', in: 'query' as const, description: 'Theme', schema: { type: 'string', enum: [...THEMES] } },
  { name: 'status', in: 'query' as const, description: 'Status', schema: { type: 'string', enum: [...STATUSES] } },
  { name: 'sort', in: 'query' as const, description: 'Order', schema: { type: 'string', enum: [...SORTS] } },
  { name: 'q', in: 'query' as const, description: 'Dutch full-text search', schema: { type: 'string', maxLength: 200 } },
  { name: 'page', in: 'query' as const, description: 'Page (20 per page)', schema: { type: 'integer', minimum: 1 } },
]

async function describeProposal(id: string) {
  const p = await getProposal(Number(id))
  if (!p || p.status === 'draft') return null
  return { title: p.title, excerpt: p.summary, href: `/initiatieven/${p.id}`, authorId: p.authorId, wijkCode: p.wijkCode }
}

async function describeComment(id: string) {
  const n = Number(id)
  if (!Number.isSafeInteger(n) || n <= 0) return null
  const { db } = getDatabase()
  const [row] = await db
    .select({ c: proposalComments, title: proposals.title, wijkCode: proposals.wijkCode })
    .from(proposalComments)
    .innerJoin(proposals, eq(proposals.id, proposalComments.proposalId))
    .where(eq(proposalComments.id, n))
  if (!row) return null
  return {
    title: `Reactie bij: ${row.title}`,
    excerpt: row.c.body.slice(0, 300),
    href: `/initiatieven/${row.c.proposalId}#reactie-${row.c.id}`,
    authorId: row.c.authorId,
    wijkCode: row.wijkCode,
  }
}

export const proposalsServer: ServerManifest = {
  id: 'proposals',
  publications: [{ itemKind: KIND, label: 'proposals.publication_label' }],
  seed: { order: 30, run: seedProposals },
  dossier: proposalsDossier,
  // A window that ended unmet archives the proposal (still readable); the list and detail loaders only read.
  // The hot order's weights as supports pass 7 and 30 days (commands.server.ts, refreshHotScores).
  // The list and a detail page are the same for every visitor without a session (docs/decisions/0007).
  cachedPages: [/^\/initiatieven\/?$/, /^\/initiatieven\/\d{1,15}\/?$/],
  ticks: [
    { name: 'proposals.archive', run: (now) => archiveExpired(getDatabase().db, now) },
    { name: 'proposals.hot', run: (now) => hotTick(getDatabase().db, now) },
    { name: 'proposals.kept_uploads', run: (now) => purgeKeptUploads(now) },
  ],
  moderation: [
    { kind: KIND, describe: describeProposal },
    { kind: COMMENT_KIND, describe: describeComment },
  ],
  api: [
    {
      path: '/proposals',
      summary: 'Initiatieven van inwoners',
      description:
        'Published proposals with their support count, threshold, support window, answer deadline; filterable like the list page.',
      parameters: filters,
      response: {
        type: 'object',
        properties: {
          total: { type: 'integer' },
          page: { type: 'integer' },
          pages: { type: 'integer' },
          data: { type: 'array', items: proposalSchemaJson },
        },
      },
      handler: async ({ query }) => {
        const raw: Record<string, string> = {}
        for (const key of ['wijk', 'theme', 'status', 'sort', 'q', 'page']) {
          const v = query.get(key)
          if (v) raw[key] = v
        }
        const strict = listQuerySchema.safeParse(raw)
        const parsed = strict.success ? strict.data : null
        if (!parsed || Object.keys(raw).some((k) => raw[k] && (parsed as Record<string, unknown>)[k] === undefined)) {
          return { status: 400, body: { error: 'invalid filter' } }
        }
        return { status: 200, body: await apiList(parsed) }
      },
    },
    {
      path: '/proposals/{id}',
      summary: 'Eén initiatief, met het antwoord van het college',
      parameters: [{ name: 'id', in: 'path', required: true, description: 'Proposal id', schema: { type: 'integer' } }],
      response: {
        type: 'object',
        properties: {
          ...proposalSchemaJson.properties,
          thresholdReachedAt: { type: ['string', 'null'], format: 'date-time' },
          answer: {
            type: ['object', 'null'],
            properties: {
              kind: { type: 'string', enum: [...ANSWER_KINDS] },
              reasons: { type: 'string' },
              link: { type: ['string', 'null'] },
              answeredAt: { type: 'string', format: 'date-time' },
            },
          },
          location: { type: ['object', 'null'], description: 'GeoJSON point (WGS84)' },
          documents: {
            type: 'array',
            description: 'PDF documents added by the author (at most 3)',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                title: { type: 'string' },
                size: { type: 'integer', description: 'Bytes' },
                url: { type: 'string', description: 'Download (application/pdf)' },
              },
            },
          },
        },
      },
      handler: async ({ params }) => {
        const p = /^\d{1,15}$/.test(params.id ?? '') ? await getProposal(Number(params.id)) : null
        if (!p || p.status === 'draft' || p.hiddenReason) return { status: 404, body: { error: 'not found' } }
        return { status: 200, body: publicView(p, await documentsOf(p.id)) }
      },
    },
  ],
  // Open proposals reach the home page through the participation core's openNow (they are registered
  // there with status `open` and the window as closesAt); a second list here would show them twice.
}
