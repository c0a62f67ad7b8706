import { randomUUID } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { budgetBallotItems, budgetBallots, budgetPhases, budgetProjects, budgets, type Budget } from '~db/schema'
import type { Queryable, Transaction } from '~db/client'
import { getDatabase } from '~db/runtime'
import { parsePb } from './pabulib/parse'
import { writePb } from './pabulib/write'
import type { PbFile, PbProject, PbVote } from './pabulib/types'
import { tallyPbText } from './tally/pb-file'
import { setItemStatus } from '~/modules/participation/queries.server'
import { createBudget } from './commands.server'
import { ballotsOf, storeOutcome } from './results.server'
import { ITEM_KIND } from './shared.server'
import type { TallyMethod, VoteRule } from './rules'
import { TALLY_METHODS } from './rules'

/*
 * Pabulib interchange. Export: the budget's projects and its ballots, without any voter information —
 * ballots are listed in the order of their random ids and numbered 1…n. Import: a finished budget with
 * the file's projects, ballots and the tally of the file's own rule.
 */

export async function exportPb(budget: Budget, areaName: string | null, db: Queryable = getDatabase().db): Promise<string> {
  const projects = await db.select().from(budgetProjects).where(eq(budgetProjects.budgetId, budget.id)).orderBy(asc(budgetProjects.id))
  const ballots = await ballotsOf(db, budget.id)
  const [voting] = await db.select().from(budgetPhases).where(eq(budgetPhases.budgetId, budget.id))
  const closed = !!budget.closedAt
  const meta: Record<string, string> = {
    description: budget.title,
    country: 'Netherlands',
    unit: 'Groningen',
    ...(areaName ? { district: areaName } : {}),
    instance: String(budget.id),
    num_projects: String(projects.length),
    num_votes: String(ballots.length),
    budget: String(budget.amount),
    vote_type: budget.voteRule === 'cumulative' ? 'cumulative' : 'approval',
    rule: budget.tallyMethod,
    ...(voting?.startsOn ? { date_begin: voting.startsOn } : {}),
    ...(budget.voteRule === 'approval' && budget.maxProjects ? { max_length: String(budget.maxProjects) } : {}),
    ...(budget.voteRule === 'approval' && budget.minProjects ? { min_length: String(budget.minProjects) } : {}),
    ...(budget.voteRule === 'knapsack' ? { max_sum_cost: String(budget.amount) } : {}),
    ...(budget.voteRule === 'cumulative' && budget.points ? { max_sum_points: String(budget.points) } : {}),
    ...(budget.minScore !== null ? { min_project_score_threshold: String(budget.minScore) } : {}),
    language: 'nl',
    currency: 'EUR',
    comment: 'Exported by Stem van Groningen. Ballots are anonymous: voter ids are sequence numbers in random order.',
  }
  const pbProjects: PbProject[] = projects.map((p) => ({
    id: p.externalId ?? String(p.id),
    cost: p.cost,
    name: p.title,
    ...(closed ? { votes: p.votes ?? 0, score: p.score ?? 0, selected: p.selected ? 1 : 0 } : {}),
  }))
  const ext = new Map(projects.map((p) => [p.id, p.externalId ?? String(p.id)]))
  const votes: PbVote[] = ballots.map((b, i) => ({
    voterId: String(i + 1),
    vote: b.items.map((it) => ext.get(it.projectId)!),
    ...(budget.voteRule === 'cumulative' ? { points: b.items.map((it) => it.points) } : {}),
  }))
  const file: PbFile = {
    meta,
    projects: pbProjects,
    votes,
    columns: {
      projects: closed ? ['project_id', 'cost', 'votes', 'score', 'name', 'selected'] : ['project_id', 'cost', 'name'],
      votes: budget.voteRule === 'cumulative' ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'],
    },
    hasVotesSection: true,
  }
  return writePb(file)
}

export type ImportResult =
  { ok: true; budgetId: number; created: boolean; ballots: number; selected: string[] } | { ok: false; reason: string }

/** Creates a finished budget from a `.pb` file; the same source imported again returns the first one. */
export async function importPb(db: Queryable, text: string, source: string, actorId: string | null = null): Promise<ImportResult> {
  const [existing] = await db.select({ id: budgets.id }).from(budgets).where(eq(budgets.source, source))
  if (existing) return { ok: true, budgetId: existing.id, created: false, ballots: 0, selected: [] }
  const parsed = parsePb(text)
  if (!parsed.ok) return { ok: false, reason: `line ${parsed.error.line}: ${parsed.error.reason}` }
  const tallied = tallyPbText(text)
  if (!tallied.ok) return { ok: false, reason: tallied.reason }
  const { file } = parsed
  const meta = file.meta
  const voteType = meta.vote_type ?? 'approval'
  const voteRule: VoteRule = voteType === 'cumulative' || voteType === 'scoring' ? 'cumulative' : meta.max_length ? 'approval' : 'knapsack'
  const method = (TALLY_METHODS as readonly string[]).includes(tallied.rule) ? (tallied.rule as TallyMethod) : 'greedy'
  const amount = Math.round(Number(meta.budget))
  if (!Number.isFinite(amount) || amount <= 0) return { ok: false, reason: 'META budget is missing' }
  const title = [meta.description, meta.unit, meta.instance].filter(Boolean).join(' — ').slice(0, 120) || source
  return db.transaction(async (tx) => {
    const budget = await createBudget(
      actorId,
      {
        title,
        description: (meta.comment ?? '').slice(0, 4000),
        areaCode: null,
        amount,
        voteRule,
        maxProjects: meta.max_length ? Number(meta.max_length) || null : null,
        minProjects: meta.min_length ? Number(meta.min_length) || null : null,
        points: voteRule === 'cumulative' ? Number(meta.max_sum_points) || 10 : null,
        tallyMethod: method,
        minScore: meta.min_project_score_threshold ? Math.round(Number(meta.min_project_score_threshold)) : null,
        minimumAge: null,
        ballotsChangeable: false,
        phases: {},
      },
      tx,
    )
    await tx
      .update(budgets)
      .set({
        source,
        ...(method !== tallied.rule
          ? { description: `Telmethode in het bestand: ${tallied.rule}. ${meta.comment ?? ''}`.slice(0, 4000) }
          : {}),
      })
      .where(eq(budgets.id, budget.id))
    const byExternal = await insertProjects(tx, budget.id, file.projects)
    const ballotCount = await insertBallots(tx, budget.id, file.votes, byExternal, voteType)
    // The file's own rule decides the result (ordinal and scoring ballots counted as the file says).
    const outcome = {
      ...tallied.outcome,
      perProject: tallied.outcome.perProject.map((p) => ({ ...p, id: String(byExternal.get(p.id)) })),
    }
    const [fresh] = await tx.select().from(budgets).where(eq(budgets.id, budget.id))
    await storeOutcome(tx, fresh!, outcome, file.votes.length)
    await setItemStatus(tx, { kind: ITEM_KIND, itemId: String(budget.id) }, 'closed')
    return { ok: true as const, budgetId: budget.id, created: true, ballots: ballotCount, selected: tallied.outcome.selected }
  })
}

/** The file's projects; returns each project's id here by its id in the file. */
async function insertProjects(tx: Transaction, budgetId: number, projects: PbProject[]): Promise<Map<string, number>> {
  const inserted = await tx
    .insert(budgetProjects)
    .values(
      projects.map((p) => ({
        budgetId,
        externalId: p.id,
        title: (p.name ? String(p.name) : `Project ${p.id}`).slice(0, 200),
        cost: Math.max(1, Math.round(p.cost)),
      })),
    )
    .returning({ id: budgetProjects.id, externalId: budgetProjects.externalId })
  return new Map(inserted.map((p) => [p.externalId!, p.id]))
}

/**
 * The file's ballots under fresh random ids, in batches; a vote for an unknown or repeated project is
 * left out, and so is one with no points. Returns how many ballots were written.
 */
async function insertBallots(
  tx: Transaction,
  budgetId: number,
  votes: PbVote[],
  byExternal: Map<string, number>,
  voteType: string,
): Promise<number> {
  const ballotRows: { id: string; budgetId: number }[] = []
  const itemRows: { ballotId: string; projectId: number; points: number; position: number }[] = []
  for (const vote of votes) {
    const id = randomUUID()
    const seen = new Set<number>()
    vote.vote.forEach((projectId, position) => {
      const pid = byExternal.get(projectId)
      if (pid === undefined || seen.has(pid)) return
      seen.add(pid)
      const points = vote.points?.[position] ?? (voteType === 'ordinal' ? vote.vote.length - position : 1)
      if (points > 0) itemRows.push({ ballotId: id, projectId: pid, points: Math.round(points), position })
    })
    ballotRows.push({ id, budgetId })
  }
  for (let i = 0; i < ballotRows.length; i += 1000) await tx.insert(budgetBallots).values(ballotRows.slice(i, i + 1000))
  for (let i = 0; i < itemRows.length; i += 2000) await tx.insert(budgetBallotItems).values(itemRows.slice(i, i + 2000))
  return ballotRows.length
}
