import { and, eq, sql } from 'drizzle-orm'
import {
  budgetIdeas,
  budgetMilestones,
  budgetPhases,
  budgetProjects,
  budgets,
  participationItems,
  type Budget,
  type BudgetPhase,
} from '~db/schema'
import { pointFromLonLat } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { rowsOf } from '~/modules/areas/queries.server'
import { follow, followerIds, notify, recordPublication, unfollow, type Text } from '~/modules/engagement/engagement.server'
import { declarationOf, findItem, registerItem, saveDeclaration, setItemStatus } from '~/modules/participation/queries.server'
import { audit } from '~/utils/audit.server'
import { declarationText, type DeclarationRules } from './declaration'
import { closeVoting } from './results.server'
import { euro } from './rules'
import { addDays, dateOf, dutchDate, href, ITEM_KIND, refuse, today, type BudgetOutcome } from './shared.server'

/*
 * The budgets' commands: set a budget up and move it through its phases, ideas and their review, and the
 * milestones of execution. Each takes the acting person first and the database last (a transaction of
 * the caller, or the process's handle), and answers `{ ok: true, … }` or a refusal with a message key
 * next to its field (shared.server.ts). Ballots are in ballots.server.ts, closing in results.server.ts.
 */

/** A budget as staff enter it: its counting rules (the ones its declaration is written from) and the rest. */
export interface BudgetInput extends DeclarationRules {
  title: string
  description: string
  areaCode: string | null
  /** A note staff add below the generated weighing declaration. */
  declarationNote?: string | null
  phases: Partial<Record<BudgetPhase, { startsOn: string | null; endsOn: string | null }>>
}

export async function createBudget(actorId: string | null, input: BudgetInput, db: Queryable = getDatabase().db): Promise<Budget> {
  return db.transaction(async (tx) => {
    const { phases, ...fields } = input
    const [budget] = await tx
      .insert(budgets)
      .values({ ...fields, createdBy: actorId })
      .returning()
    await savePhases(tx, budget!.id, phases)
    const item = await registerItem(tx, {
      kind: ITEM_KIND,
      itemId: String(budget!.id),
      title: budget!.title,
      href: href(budget!.id),
      ownerId: actorId,
      areaCodes: budget!.areaCode ? [budget!.areaCode] : [],
      status: 'draft',
      opensAt: dateOf(phases.voting?.startsOn),
      closesAt: dateOf(phases.voting?.endsOn, true),
    })
    await declare(tx, budget!, item.id, phases, actorId)
    return budget!
  })
}

export async function updateBudget(
  actorId: string,
  budgetId: number,
  input: BudgetInput,
  db: Queryable = getDatabase().db,
): Promise<BudgetOutcome> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(budgets).where(eq(budgets.id, budgetId)).for('update')
    if (!current) return refuse('form', 'budgets.error_not_found')
    const { phases, ...fields } = input
    // Once voting has started, the rules of the ballot are fixed.
    const locked = ['voting', 'result', 'execution'].includes(current.phase)
    const changes = locked
      ? { title: fields.title, description: fields.description, declarationNote: fields.declarationNote ?? null }
      : { ...fields, declarationNote: fields.declarationNote ?? null }
    await tx.update(budgets).set(changes).where(eq(budgets.id, budgetId))
    await savePhases(tx, budgetId, phases)
    const item = await findItem({ kind: ITEM_KIND, itemId: String(budgetId) }, tx)
    const [updated] = await tx.select().from(budgets).where(eq(budgets.id, budgetId))
    if (item && updated) await declare(tx, updated, item.id, phases, actorId)
    await registerItem(tx, {
      kind: ITEM_KIND,
      itemId: String(budgetId),
      title: fields.title,
      href: href(budgetId),
      ownerId: item?.ownerId ?? actorId,
      areaCodes: (locked ? current.areaCode : fields.areaCode) ? [(locked ? current.areaCode : fields.areaCode)!] : [],
      status: item?.status ?? 'draft',
      opensAt: dateOf(phases.voting?.startsOn),
      closesAt: dateOf(phases.voting?.endsOn, true),
    })
    return { ok: true }
  })
}

/**
 * Writes the weighing declaration generated from the budget's own rules (declaration.ts), when it differs
 * from the current one. No "binding rule" of the participation module: its "most votes" wording would
 * contradict a count by equal shares; the generated text says how this budget counts.
 */
async function declare(tx: Queryable, budget: Budget, itemId: number, phases: BudgetInput['phases'], actorId: string | null) {
  const area = budget.areaCode
    ? rowsOf<{ name: string }>(await tx.execute(sql`select name from areas where code = ${budget.areaCode}`))[0]
    : null
  const usedFor = declarationText(budget, area?.name ?? null, budget.declarationNote)
  const { current } = await declarationOf(itemId, tx)
  if (current?.usedFor === usedFor && current.bindingRule === null) return
  await saveDeclaration(
    tx,
    itemId,
    {
      level: 'meebeslissen',
      decidedBy: 'bewoners',
      decisionExpectedOn: phases.result?.startsOn ?? current?.decisionExpectedOn ?? null,
      usedFor,
      bindingRule: null,
      reportBackBy: phases.result?.endsOn ?? current?.reportBackBy ?? addDays(phases.voting?.endsOn ?? today(), 42),
    },
    actorId,
    current ? 'de regels van de begroting zijn aangepast' : undefined,
  )
}

/** Brings a budget's weighing declaration in line with its rules (for budgets made before it was generated). */
export async function refreshDeclaration(budgetId: number, db: Queryable = getDatabase().db): Promise<void> {
  await db.transaction(async (tx) => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, budgetId))
    const item = await findItem({ kind: ITEM_KIND, itemId: String(budgetId) }, tx)
    if (budget && item) await declare(tx, budget, item.id, {}, null)
  })
}

async function savePhases(db: Queryable, budgetId: number, phases: BudgetInput['phases']) {
  for (const [phase, dates] of Object.entries(phases)) {
    if (!dates) continue
    await db
      .insert(budgetPhases)
      .values({ budgetId, phase: phase as BudgetPhase, startsOn: dates.startsOn, endsOn: dates.endsOn })
      .onConflictDoUpdate({ target: [budgetPhases.budgetId, budgetPhases.phase], set: { startsOn: dates.startsOn, endsOn: dates.endsOn } })
  }
}

/** Moves a budget to its next phase. Closing voting runs the tally (see closeVoting). */
export async function setPhase(
  actorId: string | null,
  budgetId: number,
  phase: BudgetPhase,
  db: Queryable = getDatabase().db,
): Promise<BudgetOutcome> {
  if (phase === 'result') return closeVoting(actorId, budgetId, db)
  return db.transaction(async (tx) => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, budgetId)).for('update')
    if (!budget) return refuse('form', 'budgets.error_not_found')
    if (budget.closedAt && phase !== 'execution') return refuse('phase', 'budgets.error_already_closed')
    if (phase === 'execution' && !budget.closedAt) return refuse('phase', 'budgets.error_not_closed')
    if (phase === 'voting') {
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(budgetProjects)
        .where(eq(budgetProjects.budgetId, budgetId))) as [{ n: number }]
      if (n === 0) return refuse('phase', 'budgets.error_no_projects')
    }
    await tx.update(budgets).set({ phase }).where(eq(budgets.id, budgetId))
    const ref = { kind: ITEM_KIND, itemId: String(budgetId) }
    if (phase === 'voting') {
      await tx
        .update(participationItems)
        .set({ status: 'open', opensAt: sql`coalesce(opens_at, now())` })
        .where(sql`kind = ${ITEM_KIND} and item_id = ${String(budgetId)}`)
      const [dates] = await tx
        .select()
        .from(budgetPhases)
        .where(and(eq(budgetPhases.budgetId, budgetId), eq(budgetPhases.phase, 'voting')))
      await recordPublication(tx, {
        itemKind: ITEM_KIND,
        itemId: String(budgetId),
        event: 'voting',
        title: `Stemmen: ${budget.title}`,
        href: `${href(budgetId)}/stemmen`,
        topic: 'budgets',
        geometry: null,
        areaCodes: budget.areaCode ? [budget.areaCode] : [],
        deadline: dateOf(dates?.endsOn, true),
      })
    } else if (phase === 'ideas') {
      await recordPublication(tx, {
        itemKind: ITEM_KIND,
        itemId: String(budgetId),
        event: 'ideas',
        title: `Ideeën gevraagd: ${budget.title}`,
        href: href(budgetId),
        topic: 'budgets',
        geometry: null,
        areaCodes: budget.areaCode ? [budget.areaCode] : [],
      })
    } else if (phase !== 'execution') {
      await setItemStatus(tx, ref, 'draft')
    }
    await audit(tx, { actorId, action: 'budget.phase', detail: { budgetId, phase } })
    return { ok: true }
  })
}

// ─── Ideas ──────────────────────────────────────────────────────────────────────────────────────

export interface IdeaInput {
  title: string
  body: string
  estimatedCost: number | null
  location: { lon: number; lat: number } | null
  /** The clock (tests move it). */
  now?: Date
}

export async function submitIdea(
  authorId: string,
  budgetId: number,
  input: IdeaInput,
  db: Queryable = getDatabase().db,
): Promise<BudgetOutcome<{ id: number }>> {
  const now = input.now ?? new Date()
  return db.transaction(async (tx) => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, budgetId)).for('share')
    if (!budget || budget.phase !== 'ideas') return refuse('form', 'budgets.error_ideas_closed')
    // Past the end date of the ideas phase, even in the seconds before the clock moves the budget on.
    const [dates] = await tx
      .select()
      .from(budgetPhases)
      .where(and(eq(budgetPhases.budgetId, budgetId), eq(budgetPhases.phase, 'ideas')))
    if (dates?.endsOn && dutchDate(now) > dates.endsOn) return refuse('form', 'budgets.error_ideas_closed')
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(budgetIdeas)
      .where(and(eq(budgetIdeas.budgetId, budgetId), eq(budgetIdeas.authorId, authorId)))) as [{ n: number }]
    if (n >= 10) return refuse('form', 'budgets.error_too_many_ideas')
    const [idea] = await tx
      .insert(budgetIdeas)
      .values({
        budgetId,
        authorId,
        title: input.title,
        body: input.body,
        estimatedCost: input.estimatedCost,
        location: input.location ? (pointFromLonLat(input.location.lon, input.location.lat) as unknown as string) : null,
      })
      .returning({ id: budgetIdeas.id })
    await follow(tx, authorId, ITEM_KIND, String(budgetId))
    return { ok: true, id: idea!.id }
  })
}

export type Review =
  | { decision: 'feasible'; cost: number; reason: string }
  | { decision: 'unfeasible'; reason: string }
  | { decision: 'merge'; into: number; reason: string }

export async function reviewIdea(
  actorId: string,
  ideaId: number,
  review: Review,
  db: Queryable = getDatabase().db,
): Promise<BudgetOutcome> {
  return db.transaction(async (tx) => {
    const [idea] = await tx.select().from(budgetIdeas).where(eq(budgetIdeas.id, ideaId)).for('update')
    if (!idea) return refuse('form', 'budgets.error_not_found')
    // The review ends when voting starts: the ballot is fixed then.
    const [budget] = await tx.select({ phase: budgets.phase }).from(budgets).where(eq(budgets.id, idea.budgetId)).for('share')
    if (!budget || ['voting', 'result', 'execution'].includes(budget.phase)) return refuse('form', 'budgets.error_review_closed')
    if (review.decision === 'merge') {
      const [target] = await tx
        .select()
        .from(budgetIdeas)
        .where(and(eq(budgetIdeas.id, review.into), eq(budgetIdeas.budgetId, idea.budgetId)))
      if (!target || target.id === idea.id || target.status === 'merged') return refuse('into', 'budgets.error_merge_target')
    }
    const status = review.decision === 'merge' ? 'merged' : review.decision
    await tx
      .update(budgetIdeas)
      .set({
        status,
        reviewedCost: review.decision === 'feasible' ? review.cost : null,
        publicReason: review.reason || null,
        mergedIntoId: review.decision === 'merge' ? review.into : null,
        reviewedBy: actorId,
        reviewedAt: new Date(),
      })
      .where(eq(budgetIdeas.id, ideaId))
    if (idea.authorId) {
      const body: Text =
        review.decision === 'feasible'
          ? { key: 'budgets.notice.idea_feasible', params: { cost: euro(review.cost) } }
          : review.decision === 'unfeasible'
            ? { key: 'budgets.notice.idea_unfeasible', params: { reason: review.reason } }
            : { key: 'budgets.notice.idea_merged', params: { reason: review.reason } }
      await notify(tx, {
        userIds: [idea.authorId],
        kind: 'budget_idea_reviewed',
        title: { key: 'budgets.notice.idea_reviewed_title', params: { title: idea.title } },
        body,
        href: href(idea.budgetId),
        dedupeKey: `budget-idea:${ideaId}:${status}`,
        emailSubject: { key: 'budgets.notice.idea_reviewed_subject' },
      })
    }
    await audit(tx, { actorId, action: 'budget.idea_review', subjectUserId: idea.authorId, detail: { ideaId, status } })
    return { ok: true }
  })
}

/** A feasible idea becomes a project on the ballot, at the reviewed cost. */
export async function promoteIdea(actorId: string, ideaId: number, db: Queryable = getDatabase().db): Promise<BudgetOutcome> {
  return db.transaction(async (tx) => {
    const [idea] = await tx.select().from(budgetIdeas).where(eq(budgetIdeas.id, ideaId)).for('update')
    if (!idea || idea.status !== 'feasible' || !idea.reviewedCost) return refuse('form', 'budgets.error_not_feasible')
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, idea.budgetId)).for('update')
    if (!budget || ['voting', 'result', 'execution'].includes(budget.phase)) return refuse('form', 'budgets.error_ballot_fixed')
    const merged = await tx.select({ body: budgetIdeas.body }).from(budgetIdeas).where(eq(budgetIdeas.mergedIntoId, ideaId))
    await tx
      .insert(budgetProjects)
      .values({
        budgetId: idea.budgetId,
        ideaId,
        title: idea.title,
        description: [idea.body, ...merged.map((m) => m.body)].join('\n\n').slice(0, 4000),
        cost: idea.reviewedCost,
      })
      .onConflictDoNothing()
    await audit(tx, { actorId, action: 'budget.promote', detail: { ideaId } })
    return { ok: true }
  })
}

// ─── Execution ──────────────────────────────────────────────────────────────────────────────────

export interface MilestoneInput {
  projectId: number
  on: string
  progress: number
  text: string
  photo: string | null
  photoAlt: string | null
}

export async function addMilestone(
  actorId: string,
  budgetId: number,
  input: MilestoneInput,
  db: Queryable = getDatabase().db,
): Promise<BudgetOutcome> {
  return db.transaction(async (tx) => {
    const [project] = await tx
      .select()
      .from(budgetProjects)
      .where(and(eq(budgetProjects.id, input.projectId), eq(budgetProjects.budgetId, budgetId)))
    if (!project || !project.selected) return refuse('projectId', 'budgets.error_not_selected')
    const [milestone] = await tx
      .insert(budgetMilestones)
      .values({ ...input, createdBy: actorId })
      .returning({ id: budgetMilestones.id })
    await notify(tx, {
      userIds: await followerIds(tx, ITEM_KIND, String(budgetId)),
      kind: 'budget_milestone',
      title: { key: 'budgets.notice.milestone_title', params: { title: project.title, progress: input.progress } },
      body: input.text.slice(0, 300),
      href: `${href(budgetId)}#project-${project.id}`,
      dedupeKey: `budget-milestone:${milestone!.id}`,
      emailSubject: { key: 'budgets.notice.milestone_subject', params: { title: project.title } },
    })
    await audit(tx, { actorId, action: 'budget.milestone', detail: { budgetId, projectId: project.id } })
    return { ok: true }
  })
}

/** Follows a budget (or stops following it): its phases, result and milestones reach the follower. */
export async function followBudget(
  userId: string,
  budgetId: number,
  on: boolean,
  db: Queryable = getDatabase().db,
): Promise<BudgetOutcome> {
  if (on) await follow(db, userId, ITEM_KIND, String(budgetId))
  else await unfollow(db, userId, ITEM_KIND, String(budgetId))
  return { ok: true }
}
