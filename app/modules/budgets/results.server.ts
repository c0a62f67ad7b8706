import { randomUUID } from 'node:crypto'
import { asc, eq, sql } from 'drizzle-orm'
import { budgetBallotItems, budgetBallots, budgetProjects, budgets, budgetVoters, participationItems, type Budget } from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { followerIds, notify, recordPublication } from '~/modules/engagement/engagement.server'
import { findItem, publishReportBack } from '~/modules/participation/queries.server'
import { audit } from '~/utils/audit.server'
import { flushBallotPool, shuffle, writeBallots } from './ballots.server'
import { count } from './declaration'
import { euro } from './rules'
import { href, ITEM_KIND, refuse, type BudgetOutcome } from './shared.server'
import { tally, type Ballot, type TallyOutcome } from './tally'

/*
 * Closing a vote: the ballots are written once more in a random order (decision 0102), counted by the
 * budget's rule (tally/), the outcome stored per project and the result published to voters and
 * followers.
 */

export async function ballotsOf(
  db: Queryable,
  budgetId: number,
): Promise<{ ballotId: string; items: { projectId: number; points: number }[] }[]> {
  const rows = await db
    .select({ ballotId: budgetBallotItems.ballotId, projectId: budgetBallotItems.projectId, points: budgetBallotItems.points })
    .from(budgetBallotItems)
    .innerJoin(budgetBallots, eq(budgetBallots.id, budgetBallotItems.ballotId))
    .where(eq(budgetBallots.budgetId, budgetId))
    .orderBy(asc(budgetBallotItems.ballotId), asc(budgetBallotItems.position))
  const byBallot = new Map<string, { projectId: number; points: number }[]>()
  for (const r of rows) {
    const list = byBallot.get(r.ballotId) ?? []
    list.push({ projectId: r.projectId, points: r.points })
    byBallot.set(r.ballotId, list)
  }
  return [...byBallot].map(([ballotId, items]) => ({ ballotId, items }))
}

export function runTally(
  budget: Pick<Budget, 'amount' | 'voteRule' | 'tallyMethod' | 'minScore'>,
  projects: { id: number; cost: number }[],
  ballots: { items: { projectId: number; points: number }[] }[],
) {
  const input = {
    budget: budget.amount,
    projects: projects.map((p) => ({ id: String(p.id), cost: p.cost })),
    ballots: ballots.map<Ballot>((b) =>
      budget.voteRule === 'cumulative'
        ? { projects: b.items.map((i) => String(i.projectId)), points: b.items.map((i) => i.points) }
        : { projects: b.items.map((i) => String(i.projectId)) },
    ),
    ballotType: budget.voteRule === 'cumulative' ? ('cumulative' as const) : ('approval' as const),
    ...(budget.minScore !== null ? { minProjectScoreThreshold: budget.minScore } : {}),
  }
  return tally(budget.tallyMethod, input)
}

/**
 * Ends voting: locks the budget (waiting for ballots being cast), removes every voter → ballot link,
 * counts with the budget's rule, stores the outcome per project, and publishes the result.
 */
export async function closeVoting(actorId: string | null, budgetId: number, db: Queryable = getDatabase().db): Promise<BudgetOutcome> {
  return db.transaction(async (tx) => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, budgetId)).for('update')
    if (!budget) return refuse('form', 'budgets.error_not_found')
    if (budget.phase !== 'voting') return refuse('phase', 'budgets.error_not_voting')
    // Secrecy (decision 0102): the pool is emptied, every ballot is written again in a random order
    // with a new random id, all in this one transaction, and the sealed links are wiped.
    await flushBallotPool(budgetId, true, tx)
    await rewriteBallots(tx, budgetId)
    await tx.update(budgetVoters).set({ ballotSeal: null }).where(eq(budgetVoters.budgetId, budgetId))
    const projects = await tx.select().from(budgetProjects).where(eq(budgetProjects.budgetId, budgetId))
    const ballots = await ballotsOf(tx, budgetId)
    const result = runTally(budget, projects, ballots)
    if (!result.ok) return refuse('form', 'budgets.error_tally', { reason: result.reason })
    await storeOutcome(tx, budget, result.outcome, ballots.length)
    await publishResult(tx, actorId, budget, projects, result.outcome, ballots.length)
    await audit(tx, { actorId, action: 'budget.close', detail: { budgetId, ballots: ballots.length, byClock: !actorId } })
    return { ok: true }
  })
}

/**
 * Publishes the result of a closed vote: the item closes with its report-back, the result is a
 * publication for alerts, and voters (their account, never their ballot) and followers hear it.
 */
async function publishResult(
  tx: Queryable,
  actorId: string | null,
  budget: Budget,
  projects: { id: number; title: string }[],
  outcome: TallyOutcome,
  ballotCount: number,
) {
  const budgetId = budget.id
  const selected = outcome.perProject.filter((p) => p.selected)
  const item = await findItem({ kind: ITEM_KIND, itemId: String(budgetId) }, tx)
  // Closed by the clock, the report-back is published in the name of the budget's owner.
  const publisher = actorId ?? item?.ownerId ?? budget.createdBy
  if (item) {
    await tx
      .update(participationItems)
      .set({ status: 'closed', closesAt: sql`least(coalesce(closes_at, now()), now())` })
      .where(eq(participationItems.id, item.id))
    const names = new Map(projects.map((p) => [String(p.id), p.title]))
    if (publisher)
      await publishReportBack(
        tx,
        item.id,
        {
          summary: `${count(ballotCount, 'bewoner stemde', 'bewoners stemden')}. ${selected.length === 1 ? 'Er is 1 project' : `Er zijn ${selected.length} projecten`} gekozen, samen ${euro(outcome.totalCost)} van ${euro(budget.amount)}.`,
          decision: `Gekozen: ${selected.map((p) => names.get(p.id)).join(', ') || 'geen projecten'}. De gemeente voert deze projecten uit; de voortgang staat op de pagina van de begroting.`,
        },
        publisher,
      )
  }
  await recordPublication(tx, {
    itemKind: ITEM_KIND,
    itemId: String(budgetId),
    event: 'result',
    title: `Uitslag: ${budget.title}`,
    href: href(budgetId),
    topic: 'budgets',
    geometry: null,
    areaCodes: budget.areaCode ? [budget.areaCode] : [],
  })
  // Voters (their account, never their ballot) and followers hear the result, by e-mail as they chose.
  await notify(tx, {
    userIds: [
      ...(await followerIds(tx, ITEM_KIND, String(budgetId))),
      ...(await tx.select({ userId: budgetVoters.userId }).from(budgetVoters).where(eq(budgetVoters.budgetId, budgetId))).flatMap((v) =>
        v.userId ? [v.userId] : [],
      ),
    ],
    kind: 'budget_result',
    title: { key: 'budgets.notice.result_title', params: { title: budget.title } },
    body:
      selected.length === 1 ? { key: 'budgets.notice.result_one' } : { key: 'budgets.notice.result_many', params: { n: selected.length } },
    href: href(budgetId),
    dedupeKey: `budget:${budgetId}:result`,
    emailSubject: `De uitslag van "${budget.title.slice(0, 80)}" is bekend`,
  })
}

/** Writes every ballot of the budget again, in a random order and with new random ids (see closeVoting). */
async function rewriteBallots(tx: Queryable, budgetId: number) {
  const rows = await tx
    .select({ id: budgetBallots.id, receiptHash: budgetBallots.receiptHash })
    .from(budgetBallots)
    .where(eq(budgetBallots.budgetId, budgetId))
  const items = new Map((await ballotsOf(tx, budgetId)).map((b) => [b.ballotId, b.items]))
  await tx.delete(budgetBallots).where(eq(budgetBallots.budgetId, budgetId))
  await writeBallots(
    tx,
    budgetId,
    shuffle(rows).map((b) => ({
      id: randomUUID(),
      receiptHash: b.receiptHash,
      items: (items.get(b.id) ?? []).map((i) => [i.projectId, i.points] as [number, number]),
    })),
  )
}

export async function storeOutcome(tx: Queryable, budget: Budget, outcome: TallyOutcome, ballotCount: number) {
  for (const p of outcome.perProject) {
    await tx
      .update(budgetProjects)
      .set({ votes: p.votes, score: Math.round(p.score), selected: p.selected, reason: p.reason, selectionOrder: p.order ?? null })
      .where(eq(budgetProjects.id, Number(p.id)))
  }
  await tx
    .update(budgets)
    .set({
      phase: 'result',
      closedAt: new Date(),
      result: {
        rule: outcome.rule,
        totalCost: outcome.totalCost,
        ballots: ballotCount,
        ...(outcome.equalShares ? { perVoterBudget: outcome.equalShares.perVoterBudget } : {}),
        ...(outcome.equalShares?.comparison ? { comparison: outcome.equalShares.comparison } : {}),
      },
    })
    .where(eq(budgets.id, budget.id))
}
