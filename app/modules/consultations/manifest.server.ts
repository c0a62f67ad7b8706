import { seedConsultations } from './seed.server'
import type { ServerManifest } from '../types'
import { answerModeration } from './open-answers.server'
import { viewResults } from './permissions'
import { getConsultation, ITEM_KIND, listConsultations, publicView, questionsOf, refOf } from './queries.server'
import { resultsOf } from './results.server'
import { syncLifecycle } from './commands.server'
import { KINDS, OWNER_ROLES, STATUSES } from './validation'
import { consultationsDossier } from './dossier.server'

/*
 * Open data. The home page's "open now" comes from the participation core, where every consultation is
 * registered (status kept in step), so this module adds no openNow of its own.
 */

const declarationSchema = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    level: { type: 'string', enum: ['informeren', 'raadplegen', 'adviseren', 'coproduceren', 'meebeslissen'] },
    decidedBy: { type: 'string' },
    decisionExpectedOn: { type: ['string', 'null'], format: 'date' },
    usedFor: { type: 'string' },
    bindingRule: { type: ['object', 'null'] },
    reportBackBy: { type: 'string', format: 'date' },
    changeNote: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
}

const summarySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    kind: { type: 'string', enum: [...KINDS] },
    status: { type: 'string', enum: STATUSES.filter((s) => s !== 'draft' && s !== 'review') },
    owner: { type: 'string', enum: ['griffie', 'wijkteam', 'staff'] },
    areaCodes: { type: 'array', items: { type: 'string' }, description: 'Wijk or buurt codes (CBS); empty: the whole municipality' },
    opensAt: { type: ['string', 'null'], format: 'date-time' },
    closesAt: { type: ['string', 'null'], format: 'date-time' },
    url: { type: 'string' },
  },
}

const iso = (d: Date | null) => d?.toISOString() ?? null

export const consultationsServer: ServerManifest = {
  id: 'consultations',
  publications: [{ itemKind: ITEM_KIND, label: 'consultations.publication_label' }],
  seed: { order: 50, run: seedConsultations },
  dossier: consultationsDossier,
  ticks: [{ name: 'consultations.lifecycle', run: (now) => syncLifecycle(now) }],
  moderation: [answerModeration],
  api: [
    {
      path: '/consultations',
      summary: 'Inspraak en beleidsevaluaties',
      description:
        'Every public consultation and policy evaluation (not drafts): status, dates, area, owner and kind. Filters: status, kind, owner, area (a wijk code), q (Dutch full-text search).',
      parameters: [
        {
          name: 'status',
          in: 'query',
          description: 'Only this status',
          schema: { type: 'string', enum: ['scheduled', 'open', 'closed', 'reported'] },
        },
        { name: 'kind', in: 'query', description: 'Only this kind', schema: { type: 'string', enum: [...KINDS] } },
        { name: 'owner', in: 'query', description: 'Only from this owner', schema: { type: 'string', enum: [...OWNER_ROLES] } },
        { name: 'area', in: 'query', description: 'Wijk code, e.g. WK001400 (city-wide items included)', schema: { type: 'string' } },
        {
          name: 'q',
          in: 'query',
          description: 'Dutch full-text search in title and introduction',
          schema: { type: 'string', maxLength: 100 },
        },
      ],
      response: { type: 'object', properties: { data: { type: 'array', items: summarySchema } } },
      handler: async ({ query }) => {
        const status = query.get('status')
        const kind = query.get('kind')
        if (status && !['scheduled', 'open', 'closed', 'reported'].includes(status))
          return { status: 400, body: { error: 'unknown status' } }
        if (kind && !(KINDS as readonly string[]).includes(kind)) return { status: 400, body: { error: 'unknown kind' } }
        const owner = query.get('owner')
        if (owner && !(OWNER_ROLES as readonly string[]).includes(owner)) return { status: 400, body: { error: 'unknown owner' } }
        const rows = await listConsultations({
          status: (status as 'open') ?? undefined,
          kind: (kind as 'consultation') ?? undefined,
          owner: (owner as 'griffie') ?? undefined,
          area: query.get('area') ?? undefined,
          q: query.get('q') ?? undefined,
        })
        return {
          status: 200,
          body: {
            data: rows.map((r) => ({
              id: r.id,
              title: r.title,
              kind: r.kind,
              status: r.status,
              owner: r.ownerRole,
              areaCodes: r.areaCodes,
              opensAt: iso(r.opensAt),
              closesAt: iso(r.closesAt),
              url: `/inspraak/${r.id}`,
            })),
          },
        }
      },
    },
    {
      path: '/consultations/{id}',
      summary: 'Eén inspraak of beleidsevaluatie',
      description:
        'One consultation: its questions, the weighing declaration and its public history (changes after opening), the results once public (totals only, never who answered), and the report-back.',
      parameters: [{ name: 'id', in: 'path', required: true, description: 'Consultation id', schema: { type: 'integer' } }],
      response: {
        type: 'object',
        properties: {
          ...summarySchema.properties,
          intro: { type: 'string' },
          goals: { type: 'array', items: { type: 'string' } },
          eligibility: { type: 'string', enum: ['everyone', 'verified_area'] },
          minimumAge: { type: ['integer', 'null'] },
          questions: { type: 'array', items: { type: 'object' } },
          declaration: { oneOf: [declarationSchema, { type: 'null' }] },
          declarationHistory: { type: 'array', items: declarationSchema },
          results: { type: ['object', 'null'], description: 'Null until the owner makes results public (live, or after closing)' },
          reportBack: {
            type: ['object', 'null'],
            properties: { summary: { type: 'string' }, decision: { type: 'string' }, publishedAt: { type: 'string', format: 'date-time' } },
          },
        },
      },
      handler: async ({ params }) => {
        const c = await getConsultation(Number(params.id))
        if (!c || c.status === 'draft' || c.status === 'review') return { status: 404, body: { error: 'no such consultation' } }
        const view = await publicView(c)
        const declaration = (d: NonNullable<typeof view.declaration.current>) => ({
          version: d.version,
          level: d.level,
          decidedBy: d.decidedBy,
          decisionExpectedOn: d.decisionExpectedOn,
          usedFor: d.usedFor,
          bindingRule: d.bindingRule,
          reportBackBy: d.reportBackBy,
          changeNote: d.changeNote,
          createdAt: d.createdAt.toISOString(),
        })
        const results = viewResults(null, refOf(c)).ok ? await resultsOf(c.id) : null
        return {
          status: 200,
          body: {
            id: c.id,
            title: c.title,
            kind: c.kind,
            status: c.status,
            owner: c.ownerRole,
            areaCodes: c.areaCodes,
            opensAt: iso(c.opensAt),
            closesAt: iso(c.closesAt),
            url: `/inspraak/${c.id}`,
            intro: c.intro,
            goals: c.goals,
            eligibility: c.eligibility,
            minimumAge: c.minimumAge,
            questions: await questionsOf(c.id),
            declaration: view.declaration.current ? declaration(view.declaration.current) : null,
            declarationHistory: view.declaration.history.map(declaration),
            results: results
              ? {
                  total: results.total,
                  turnout: results.turnout,
                  questions: results.questions.map((q) => ({ ...q, texts: q.texts?.map((t) => t.text), points: q.points })),
                }
              : null,
            reportBack: view.reportBack
              ? {
                  summary: view.reportBack.summary,
                  decision: view.reportBack.decision,
                  publishedAt: view.reportBack.publishedAt.toISOString(),
                }
              : null,
          },
        }
      },
    },
  ],
}
