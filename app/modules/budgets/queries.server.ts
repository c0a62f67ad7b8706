import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import {
  budgetBallotPool,
  budgetBallots,
  budgetIdeas,
  budgetMilestones,
  budgetPhases,
  budgetProjects,
  budgets,
  budgetVoters,
  users,
} from '~db/schema'
import { geometryAsGeoJson } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import { hiddenReasons } from '~/modules/engagement/engagement.server'
import { hashReceipt } from './seal.server'

/*
 * The budgets' reads: budgets, phases, ideas, projects, milestones, whether a person voted (never what),
 * receipts, and the public view. Each takes the database last (the process's handle by default).
 */

/** The person key of an account's verification (`users.person_key`, set by `recordResidence`). */
export async function personKeyOf(userId: string, db: Queryable = getDatabase().db): Promise<string | null> {
  const [user] = await db.select({ personKey: users.personKey }).from(users).where(eq(users.id, userId))
  return user?.personKey ?? null
}

export async function getBudget(id: number, db: Queryable = getDatabase().db) {
  if (!Number.isSafeInteger(id) || id <= 0) return null
  const [row] = await db.select().from(budgets).where(eq(budgets.id, id))
  return row ?? null
}

export async function listBudgets(db: Queryable = getDatabase().db) {
  return db
    .select({
      id: budgets.id,
      title: budgets.title,
      areaCode: budgets.areaCode,
      areaName: sql<string | null>`(select name from areas where code = ${budgets.areaCode})`,
      amount: budgets.amount,
      phase: budgets.phase,
      voteRule: budgets.voteRule,
      tallyMethod: budgets.tallyMethod,
      closedAt: budgets.closedAt,
    })
    .from(budgets)
    .orderBy(desc(budgets.id))
}

export async function phasesOf(budgetId: number, db: Queryable = getDatabase().db) {
  return db.select().from(budgetPhases).where(eq(budgetPhases.budgetId, budgetId))
}

export async function ideasOf(budgetId: number, db: Queryable = getDatabase().db) {
  return db
    .select({
      id: budgetIdeas.id,
      title: budgetIdeas.title,
      body: budgetIdeas.body,
      estimatedCost: budgetIdeas.estimatedCost,
      reviewedCost: budgetIdeas.reviewedCost,
      status: budgetIdeas.status,
      publicReason: budgetIdeas.publicReason,
      mergedIntoId: budgetIdeas.mergedIntoId,
      location: geometryAsGeoJson(budgetIdeas.location),
      authorName: users.displayName,
      projectId: sql<number | null>`(select id from budget_projects p where p.idea_id = ${budgetIdeas.id})`,
    })
    .from(budgetIdeas)
    .leftJoin(users, eq(users.id, budgetIdeas.authorId))
    .where(eq(budgetIdeas.budgetId, budgetId))
    .orderBy(asc(budgetIdeas.id))
}

export async function projectsOf(budgetId: number, db: Queryable = getDatabase().db) {
  return db.select().from(budgetProjects).where(eq(budgetProjects.budgetId, budgetId)).orderBy(asc(budgetProjects.id))
}

/** Whether this person has voted, and how (never what). */
export async function voterStatus(budgetId: number, userId: string, db: Queryable = getDatabase().db) {
  const key = await personKeyOf(userId, db)
  const [voter] = await db
    .select({ channel: budgetVoters.channel, canChange: isNotNull(budgetVoters.ballotSeal), userId: budgetVoters.userId })
    .from(budgetVoters)
    .where(
      and(
        eq(budgetVoters.budgetId, budgetId),
        key ? sql`(${budgetVoters.userId} = ${userId} or ${budgetVoters.personKey} = ${key})` : eq(budgetVoters.userId, userId),
      ),
    )
  return voter ? { channel: voter.channel, canChange: voter.canChange && voter.userId === userId } : null
}

/** Whether a receipt belongs to a ballot of this budget (waiting in the pool or written). */
export async function checkReceipt(budgetId: number, code: string, db: Queryable = getDatabase().db): Promise<boolean> {
  const hash = hashReceipt(code)
  const [row] = await db
    .select({ id: budgetBallots.id })
    .from(budgetBallots)
    .where(and(eq(budgetBallots.budgetId, budgetId), eq(budgetBallots.receiptHash, hash)))
  if (row) return true
  const [waiting] = await db
    .select({ id: budgetBallotPool.id })
    .from(budgetBallotPool)
    .where(and(eq(budgetBallotPool.budgetId, budgetId), eq(budgetBallotPool.receiptHash, hash)))
  return !!waiting
}

export async function milestonesOf(budgetId: number, db: Queryable = getDatabase().db) {
  return db
    .select({
      id: budgetMilestones.id,
      projectId: budgetMilestones.projectId,
      on: budgetMilestones.on,
      progress: budgetMilestones.progress,
      text: budgetMilestones.text,
      hasPhoto: isNotNull(budgetMilestones.photo),
      photoAlt: budgetMilestones.photoAlt,
    })
    .from(budgetMilestones)
    .innerJoin(budgetProjects, eq(budgetProjects.id, budgetMilestones.projectId))
    .where(eq(budgetProjects.budgetId, budgetId))
    .orderBy(asc(budgetMilestones.on), asc(budgetMilestones.id))
}

export async function milestonePhoto(milestoneId: number, db: Queryable = getDatabase().db) {
  const [row] = await db.select({ photo: budgetMilestones.photo }).from(budgetMilestones).where(eq(budgetMilestones.id, milestoneId))
  return row?.photo ? Buffer.from(row.photo, 'base64') : null
}

/** Ballots received: written, and waiting in the pool. */
export async function ballotCount(budgetId: number, db: Queryable = getDatabase().db) {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`select (select count(*) from budget_ballots where budget_id = ${budgetId})::int
      + (select count(*) from budget_ballot_pool where budget_id = ${budgetId})::int as n`),
  )
  return Number(rows[0]?.n ?? 0)
}

export async function projectsByIds(ids: number[], db: Queryable = getDatabase().db) {
  if (!ids.length) return []
  return db.select().from(budgetProjects).where(inArray(budgetProjects.id, ids))
}

/** Everything the public page and the open-data API show: never who voted or how. */
export async function publicBudget(id: number, db: Queryable = getDatabase().db) {
  const budget = await getBudget(id, db)
  if (!budget) return null
  const [phaseRows, projects, milestones, ballots, area] = await Promise.all([
    phasesOf(id, db),
    projectsOf(id, db),
    milestonesOf(id, db),
    ballotCount(id, db),
    budget.areaCode ? db.execute(sql`select name from areas where code = ${budget.areaCode}`) : Promise.resolve(null),
  ])
  const areaName = area
    ? (((Array.isArray(area) ? area : (area as { rows: unknown[] }).rows)[0] as { name: string } | undefined)?.name ?? null)
    : null
  const byPhase = new Map(phaseRows.map((p) => [p.phase, p]))
  const phases = (['information', 'ideas', 'review', 'voting', 'result', 'execution'] as const).map((phase) => ({
    phase,
    startsOn: byPhase.get(phase)?.startsOn ?? null,
    endsOn: byPhase.get(phase)?.endsOn ?? null,
  }))
  const closed = !!budget.closedAt
  return {
    budget,
    areaName,
    phases,
    ballots,
    closed,
    projects: projects.map((p) => ({
      id: p.id,
      externalId: p.externalId,
      title: p.title,
      description: p.description,
      cost: p.cost,
      ...(closed
        ? {
            votes: p.votes ?? 0,
            score: p.score ?? 0,
            selected: !!p.selected,
            reason: p.reason ?? 'not_enough_support',
            order: p.selectionOrder,
          }
        : {}),
      milestones: milestones.filter((m) => m.projectId === p.id),
    })),
  }
}

/** The ideas as the public page shows them: an idea hidden by moderation keeps only the public reason. */
export async function publicIdeas(budgetId: number, db: Queryable = getDatabase().db) {
  const ideas = await ideasOf(budgetId, db)
  const hidden = await hiddenReasons(
    db,
    'budget_idea',
    ideas.map((i) => String(i.id)),
  )
  return ideas.map((i) => ({
    id: i.id,
    title: hidden.has(String(i.id)) ? null : i.title,
    body: hidden.has(String(i.id)) ? null : i.body,
    hiddenReason: hidden.get(String(i.id)) ?? null,
    status: i.status,
    cost: i.reviewedCost ?? i.estimatedCost,
    publicReason: i.publicReason,
    mergedIntoId: i.mergedIntoId,
  }))
}
