import { seedDecisions } from './seed.server'
import type { ServerManifest } from '../types'
import { absoluteUrl } from '~/utils/url.server'
import { DECISION_ITEM_KIND, releaseDue } from './commands.server'
import { MARK_END, MARK_START, publicDecision, searchDecisions, secretRegister } from './queries.server'
import { BODIES, KINDS, SECRECY_GROUNDS, searchFilters, THEMES } from './validation'

/*
 * Open data of the besluitenregister. A secret decision is only ever its register entry (date, body,
 * general subject, ground, end date): the handlers read the public queries, which never touch the
 * table holding secret content.
 */

const registerSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    status: { type: 'string', enum: ['secret'] },
    body: { type: 'string', enum: [...BODIES] },
    decidedOn: { type: 'string', format: 'date' },
    subject: { type: 'string', description: 'The subject in general terms' },
    ground: { type: 'string', enum: [...SECRECY_GROUNDS], description: 'Legal ground (Woo art. 5.1/5.2, Gemeentewet art. 25/55/67/86)' },
    secretUntil: {
      type: 'string',
      format: 'date-time',
      description: 'When the secrecy ends or is reviewed; the decision is released then unless prolonged by a new decision',
    },
    secretUntilKind: { type: 'string', enum: ['ends', 'review'] },
    url: { type: 'string' },
  },
}

const decisionSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    status: { type: 'string', enum: ['public'] },
    body: { type: 'string', enum: [...BODIES] },
    kind: { type: 'string', enum: [...KINDS] },
    decidedOn: { type: 'string', format: 'date' },
    title: { type: 'string' },
    summary: { type: 'string', description: 'Plain-Dutch summary (search results: with the matching words between « and »)' },
    theme: { type: ['string', 'null'], enum: [...THEMES, null] },
    areaCode: { type: ['string', 'null'], description: 'CBS wijk or buurt code' },
    releasedAt: { type: ['string', 'null'], format: 'date-time', description: 'When a formerly secret decision was released' },
    url: { type: 'string' },
  },
}

const readable = (s: string) => s.replaceAll(MARK_START, '«').replaceAll(MARK_END, '»')

function registerEntry(r: {
  id: number
  body: string
  decidedOn: string
  subject: string
  ground: string | null
  until: Date | null
  untilKind: string | null
}) {
  return {
    id: r.id,
    status: 'secret' as const,
    body: r.body,
    decidedOn: r.decidedOn,
    subject: r.subject,
    ground: r.ground,
    secretUntil: r.until?.toISOString() ?? null,
    secretUntilKind: r.untilKind,
    url: absoluteUrl(`/besluiten/${r.id}`),
  }
}

export const decisionsServer: ServerManifest = {
  id: 'decisions',
  publications: [{ itemKind: DECISION_ITEM_KIND, label: 'decisions.publication_label' }],
  seed: { order: 90, run: seedDecisions },
  ticks: [{ name: 'decisions.release', run: (now) => releaseDue(now) }],
  api: [
    {
      path: '/decisions',
      summary: 'Openbare besluiten van raad, college en burgemeester',
      description:
        'Public decisions, newest first, or best match first with `q` (Dutch full-text search, web-search syntax). Secret decisions are not in this list: see /decisions/secret.',
      parameters: [
        {
          name: 'q',
          in: 'query',
          description: 'Words to search for (Dutch stemming; "quotes" for a phrase, -word to exclude)',
          schema: { type: 'string' },
        },
        { name: 'body', in: 'query', description: 'Only decisions of this body', schema: { type: 'string', enum: [...BODIES] } },
        { name: 'theme', in: 'query', description: 'Only this theme', schema: { type: 'string', enum: [...THEMES] } },
        {
          name: 'wijk',
          in: 'query',
          description: 'CBS wijk code: decisions in the wijk, its buurten or touching it',
          schema: { type: 'string' },
        },
        { name: 'from', in: 'query', description: 'Decided on or after (YYYY-MM-DD)', schema: { type: 'string', format: 'date' } },
        { name: 'to', in: 'query', description: 'Decided on or before (YYYY-MM-DD)', schema: { type: 'string', format: 'date' } },
        { name: 'limit', in: 'query', description: 'At most this many (1–500, default 100)', schema: { type: 'integer' } },
        { name: 'offset', in: 'query', description: 'Skip this many', schema: { type: 'integer' } },
      ],
      response: { type: 'object', properties: { total: { type: 'integer' }, data: { type: 'array', items: decisionSchema } } },
      handler: async ({ query }) => {
        const limit = Number(query.get('limit') ?? 100)
        const offset = Number(query.get('offset') ?? 0)
        if (!Number.isInteger(limit) || limit < 1 || limit > 500 || !Number.isInteger(offset) || offset < 0)
          return { status: 400, body: { error: 'limit must be 1–500 and offset 0 or more' } }
        const { page: _p, ...filters } = searchFilters(query)
        const { rows, total } = await searchDecisions(filters, { limit, offset })
        return {
          status: 200,
          body: {
            total,
            data: rows.map((r) => ({
              id: r.id,
              status: 'public',
              body: r.body,
              kind: r.kind,
              decidedOn: r.decidedOn,
              title: r.title,
              summary: readable(r.excerpt),
              theme: r.theme,
              areaCode: r.areaCode,
              releasedAt: r.releasedAt?.toISOString() ?? null,
              url: absoluteUrl(`/besluiten/${r.id}`),
            })),
          },
        }
      },
    },
    {
      path: '/decisions/secret',
      summary: 'Register van niet-openbare besluiten',
      description:
        'Every decision that is secret now: date, body, subject in general terms, legal ground and the date the secrecy ends or is reviewed. Never the content.',
      response: { type: 'object', properties: { data: { type: 'array', items: registerSchema } } },
      handler: async () => ({ status: 200, body: { data: (await secretRegister()).map(registerEntry) } }),
    },
    {
      path: '/decisions/{id}',
      summary: 'Eén besluit',
      description:
        'A public decision in full, with the Stem items that fed it and its history; a secret decision as its register entry only.',
      parameters: [{ name: 'id', in: 'path', required: true, description: 'Decision id', schema: { type: 'integer' } }],
      response: {
        oneOf: [
          { ...decisionSchema, properties: { ...decisionSchema.properties, fullText: { type: ['string', 'null'] } } },
          registerSchema,
        ],
      },
      handler: async ({ params }) => {
        const d = await publicDecision(Number(params.id))
        if (!d) return { status: 404, body: { error: 'no such decision' } }
        const history = d.history.map((h) => ({
          kind: h.kind,
          at: h.at.toISOString(),
          ground: h.ground,
          until: h.until?.toISOString() ?? null,
          relatedDecisionId: h.relatedDecisionId,
        }))
        if (d.status === 'secret') return { status: 200, body: { ...registerEntry(d), history } }
        return {
          status: 200,
          body: {
            id: d.id,
            status: 'public',
            body: d.body,
            kind: d.kind,
            decidedOn: d.decidedOn,
            title: d.title,
            summary: d.summary,
            fullText: d.fullText,
            documentUrl: d.documentUrl,
            theme: d.theme,
            areaCode: d.areaCode,
            location: d.locationLabel,
            geometry: d.geometry,
            releasedAt: d.releasedAt?.toISOString() ?? null,
            formerGround: d.ground,
            links: d.links.map((l) => ({ kind: l.kind, id: l.itemId, title: l.title, url: l.href ? absoluteUrl(l.href) : null })),
            answersReportBack: d.reportBackId
              ? { id: d.reportBackId, item: d.reportBackItemTitle, url: d.reportBackItemHref ? absoluteUrl(d.reportBackItemHref) : null }
              : null,
            history,
            url: absoluteUrl(`/besluiten/${d.id}`),
          },
        }
      },
    },
  ],
}
