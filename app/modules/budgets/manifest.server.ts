import { seedBudgets } from './seed.server'
import type { ServerManifest } from '../types'
import { eq } from 'drizzle-orm'
import { budgetIdeas, budgets } from '~db/schema'
import { budgetClock } from './clock.server'
import { listBudgets, publicBudget } from './queries.server'
import { ITEM_KIND } from './shared.server'
import { getDatabase } from '~db/runtime'
import { exportPb } from './pabulib.server'
import { budgetsDossier } from './dossier.server'

const idParam = { name: 'id', in: 'path' as const, required: true, description: 'Budget id', schema: { type: 'integer' } }

const project = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: { type: 'string' },
    cost: { type: 'integer', description: 'Euro' },
    votes: { type: ['integer', 'null'], description: 'Ballots supporting it; null until the result is public' },
    score: { type: ['integer', 'null'], description: 'Votes, or points for cumulative ballots; null until public' },
    selected: { type: ['boolean', 'null'], description: 'Funded; null until public' },
    reason: {
      type: ['string', 'null'],
      enum: [
        'selected',
        'does_not_fit',
        'below_threshold',
        'stopped_no_skip',
        'not_enough_support',
        'excluded_other_pool',
        'withdrawn',
        null,
      ],
    },
    milestones: {
      type: 'array',
      items: {
        type: 'object',
        properties: { date: { type: 'string', format: 'date' }, progress: { type: 'integer' }, text: { type: 'string' } },
      },
    },
  },
}

async function detail(id: number) {
  const view = await publicBudget(id)
  if (!view) return null
  const { budget } = view
  return {
    view,
    body: {
      id: budget.id,
      title: budget.title,
      description: budget.description,
      area: budget.areaCode ? { code: budget.areaCode, name: view.areaName } : null,
      amount: budget.amount,
      phase: budget.phase,
      phases: view.phases,
      rule: {
        ballot: budget.voteRule,
        maxProjects: budget.maxProjects,
        minProjects: budget.minProjects,
        points: budget.points,
        tally: budget.tallyMethod,
        minScore: budget.minScore,
        minimumAge: budget.minimumAge,
        ballotsChangeable: budget.ballotsChangeable,
      },
      ballots: view.closed ? view.ballots : null,
      result: view.closed ? budget.result : null,
      url: `/begrotingen/${budget.id}`,
      projects: view.projects.map((p) => ({
        id: p.id,
        title: p.title,
        description: p.description,
        cost: p.cost,
        votes: p.votes ?? null,
        score: p.score ?? null,
        selected: p.selected ?? null,
        reason: p.reason ?? null,
        milestones: p.milestones.map((m) => ({ date: m.on, progress: m.progress, text: m.text })),
      })),
    },
  }
}

export const budgetsServer: ServerManifest = {
  id: 'budgets',
  publications: [{ itemKind: ITEM_KIND, label: 'budgets.publication_label' }],
  seed: { order: 70, run: seedBudgets },
  ticks: [{ name: 'budgets.clock', run: (now) => budgetClock(now) }],
  dossier: budgetsDossier,
  // Residents' ideas can be flagged; a hidden idea shows the moderator's reason instead.
  moderation: [
    {
      kind: 'budget_idea',
      describe: async (contentId) => {
        const id = Number(contentId)
        if (!Number.isSafeInteger(id) || id <= 0) return null
        const [row] = await getDatabase()
          .db.select({
            title: budgetIdeas.title,
            body: budgetIdeas.body,
            budgetId: budgetIdeas.budgetId,
            authorId: budgetIdeas.authorId,
            areaCode: budgets.areaCode,
          })
          .from(budgetIdeas)
          .innerJoin(budgets, eq(budgets.id, budgetIdeas.budgetId))
          .where(eq(budgetIdeas.id, id))
        if (!row) return null
        return {
          title: row.title,
          excerpt: row.body.slice(0, 200),
          href: `/begrotingen/${row.budgetId}#idee-${id}`,
          authorId: row.authorId,
          wijkCode: row.areaCode?.startsWith('WK') ? row.areaCode : null,
        }
      },
    },
  ],
  api: [
    {
      path: '/budgets',
      summary: 'Burgerbegrotingen',
      description: 'Every participatory budget: area, amount, phase and counting rule.',
      response: {
        type: 'object',
        properties: {
          data: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'integer' },
                title: { type: 'string' },
                area: { type: ['object', 'null'], properties: { code: { type: 'string' }, name: { type: 'string' } } },
                amount: { type: 'integer' },
                phase: { type: 'string', enum: ['information', 'ideas', 'review', 'voting', 'result', 'execution'] },
                ballot: { type: 'string', enum: ['knapsack', 'approval', 'cumulative'] },
                tally: { type: 'string' },
                url: { type: 'string' },
              },
            },
          },
        },
      },
      handler: async () => {
        const rows = await listBudgets()
        return {
          status: 200,
          body: {
            data: rows.map((b) => ({
              id: b.id,
              title: b.title,
              area: b.areaCode ? { code: b.areaCode, name: b.areaName } : null,
              amount: b.amount,
              phase: b.phase,
              ballot: b.voteRule,
              tally: b.tallyMethod,
              url: `/begrotingen/${b.id}`,
            })),
          },
        }
      },
    },
    {
      path: '/budgets/{id}',
      summary: 'Eén burgerbegroting',
      description:
        'Phases with dates, the rule, projects with cost; votes, score, selected and the reason once the result is public; milestones.',
      parameters: [idParam],
      response: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          title: { type: 'string' },
          amount: { type: 'integer' },
          phase: { type: 'string' },
          phases: {
            type: 'array',
            items: {
              type: 'object',
              properties: { phase: { type: 'string' }, startsOn: { type: ['string', 'null'] }, endsOn: { type: ['string', 'null'] } },
            },
          },
          rule: { type: 'object' },
          ballots: { type: ['integer', 'null'] },
          projects: { type: 'array', items: project },
        },
      },
      handler: async ({ params }) => {
        const found = await detail(Number(params.id))
        if (!found) return { status: 404, body: { error: 'no budget with this id' } }
        return { status: 200, body: found.body }
      },
    },
    {
      path: '/budgets/{id}/pabulib',
      summary: 'Stemmen als Pabulib-bestand',
      description:
        'The budget in the Pabulib .pb format (pabulib.org): META, PROJECTS (with votes, score and selected once public) and the anonymous ballots, available once voting has closed.',
      parameters: [idParam],
      response: { type: 'string', description: 'text/plain; the .pb file' },
      handler: async ({ params }) => {
        const found = await detail(Number(params.id))
        if (!found) return { status: 404, body: { error: 'no budget with this id' } }
        if (!found.view.closed) return { status: 400, body: { error: 'ballots are published after voting has closed' } }
        return { status: 200, text: await exportPb(found.view.budget, found.view.areaName), contentType: 'text/plain; charset=utf-8' }
      },
    },
  ],
}
