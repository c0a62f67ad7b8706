import { randomInt, randomUUID } from 'node:crypto'
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import {
  budgetBallotItems,
  budgetBallotPool,
  budgetBallots,
  budgetIdeas,
  budgetMilestones,
  budgetPhases,
  budgetProjects,
  budgets,
  budgetVoters,
  participationItems,
  users,
  type Budget,
  type BudgetPhase,
} from '~db/schema'
import { geometryAsGeoJson, pointFromLonLat } from '~db/schema/geo'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import type { CommandFailure, CommandResult } from '~/auth/accounts.server'
import type { MessageKey, Params } from '~/utils/i18n'
import { findAddress, rowsOf } from '~/modules/areas/queries.server'
import { follow, followerIds, notify, recordPublication, type Text } from '~/modules/engagement/engagement.server'
import {
  declarationOf,
  findItem,
  publishReportBack,
  registerItem,
  saveDeclaration,
  setItemStatus,
} from '~/modules/participation/queries.server'
import { count, declarationText } from './declaration'
import { audit } from '~/utils/audit.server'
import { tally, type Ballot, type TallyOutcome } from './tally'
import { hashReceipt, newReceipt, openBallotSeal, sealBallotId } from './seal.server'
import { checkBallot, euro, type BallotChoice, type TallyMethod, type VoteRule } from './rules'
import { amsterdamDay } from '~/utils/time'
import { normaliseName, personKeyFromIdentity } from '~/auth/person-key.server'
import { ageOn } from '~/auth/permissions'

/*
 * Participatory budgets: configuration, ideas and review, secret ballots, the tally at closing and
 * execution milestones. Ballot secrecy and "one ballot per person" are enforced by the schema (see
 * db/schema/budgets.ts); this file keeps the transactions short and takes row locks where order matters.
 */

export const ITEM_KIND = 'budget'
export const href = (id: number) => `/begrotingen/${id}`

export interface BudgetInput {
  title: string
  description: string
  areaCode: string | null
  amount: number
  voteRule: VoteRule
  maxProjects: number | null
  minProjects: number | null
  points: number | null
  tallyMethod: TallyMethod
  minScore: number | null
  minimumAge: number | null
  ballotsChangeable: boolean
  /** A note staff add below the generated weighing declaration. */
  declarationNote?: string | null
  phases: Partial<Record<BudgetPhase, { startsOn: string | null; endsOn: string | null }>>
}

export async function createBudget(db: Queryable, actorId: string | null, input: BudgetInput): Promise<Budget> {
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

export async function updateBudget(db: Queryable, actorId: string, budgetId: number, input: BudgetInput): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(budgets).where(eq(budgets.id, budgetId)).for('update')
    if (!current) return fail('form', 'budgets.error_not_found')
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
export async function refreshDeclaration(db: Queryable, budgetId: number): Promise<void> {
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
export async function setPhase(db: Queryable, actorId: string | null, budgetId: number, phase: BudgetPhase): Promise<CommandResult> {
  if (phase === 'result') return closeVoting(db, actorId, budgetId)
  return db.transaction(async (tx) => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, budgetId)).for('update')
    if (!budget) return fail('form', 'budgets.error_not_found')
    if (budget.closedAt && phase !== 'execution') return fail('phase', 'budgets.error_already_closed')
    if (phase === 'execution' && !budget.closedAt) return fail('phase', 'budgets.error_not_closed')
    if (phase === 'voting') {
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(budgetProjects)
        .where(eq(budgetProjects.budgetId, budgetId))) as [{ n: number }]
      if (n === 0) return fail('phase', 'budgets.error_no_projects')
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

// ─── The clock ──────────────────────────────────────────────────────────────────────────────────

const ORDER: BudgetPhase[] = ['information', 'ideas', 'review', 'voting', 'result', 'execution']

/**
 * The phase a budget should be in on this date by its phase dates, or null when the dates do not move it:
 * a phase starts on its start date, the ideas phase gives way to the review after its end date, and
 * voting closes after its end date (the tally runs then). Phases only move forward.
 */
export function phaseByDate(
  current: BudgetPhase,
  dates: { phase: BudgetPhase; startsOn: string | null; endsOn: string | null }[],
  day: string,
): BudgetPhase | null {
  const at = ORDER.indexOf(current)
  const of = new Map(dates.map((d) => [d.phase, d]))
  const voting = of.get('voting')
  if (current === 'voting') return voting?.endsOn && day > voting.endsOn ? 'result' : null
  if (at > ORDER.indexOf('voting')) return null
  let target: BudgetPhase | null = null
  for (const phase of ['ideas', 'review', 'voting'] as const) {
    const d = of.get(phase)
    if (ORDER.indexOf(phase) <= at || !d?.startsOn || d.startsOn > day) continue
    // A voting phase whose dates have passed entirely is not opened by the clock.
    if (d.endsOn && d.endsOn < day) continue
    target = phase
  }
  const ideas = of.get('ideas')
  if (!target && current === 'ideas' && ideas?.endsOn && ideas.endsOn < day) target = 'review'
  return target
}

/**
 * The budgets' tick: moves every budget to the phase its dates say (nobody needs to visit), closes
 * voting after its end date, and writes waiting ballots from the pool in shuffled batches.
 */
export async function budgetClock(now: Date, db: Queryable = getDatabase().db): Promise<void> {
  const day = dutchDate(now)
  const open = await db
    .select({ id: budgets.id, phase: budgets.phase })
    .from(budgets)
    .where(inArray(budgets.phase, ['information', 'ideas', 'review', 'voting']))
  const dates = open.length
    ? await db
        .select()
        .from(budgetPhases)
        .where(
          inArray(
            budgetPhases.budgetId,
            open.map((b) => b.id),
          ),
        )
    : []
  for (const budget of open) {
    const target = phaseByDate(
      budget.phase,
      dates.filter((d) => d.budgetId === budget.id),
      day,
    )
    if (target) await setPhase(db, null, budget.id, target)
    else if (budget.phase === 'voting') await flushBallotPool(db, budget.id)
  }
}

// ─── Eligibility ────────────────────────────────────────────────────────────────────────────────

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

// ─── Ideas ──────────────────────────────────────────────────────────────────────────────────────

export interface IdeaInput {
  title: string
  body: string
  estimatedCost: number | null
  location: { lon: number; lat: number } | null
}

export async function submitIdea(
  db: Queryable,
  authorId: string,
  budgetId: number,
  input: IdeaInput,
  now = new Date(),
): Promise<CommandResult<{ id: number }>> {
  return db.transaction(async (tx) => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, budgetId)).for('share')
    if (!budget || budget.phase !== 'ideas') return fail('form', 'budgets.error_ideas_closed')
    // Past the end date of the ideas phase, even in the seconds before the clock moves the budget on.
    const [dates] = await tx
      .select()
      .from(budgetPhases)
      .where(and(eq(budgetPhases.budgetId, budgetId), eq(budgetPhases.phase, 'ideas')))
    if (dates?.endsOn && dutchDate(now) > dates.endsOn) return fail('form', 'budgets.error_ideas_closed')
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(budgetIdeas)
      .where(and(eq(budgetIdeas.budgetId, budgetId), eq(budgetIdeas.authorId, authorId)))) as [{ n: number }]
    if (n >= 10) return fail('form', 'budgets.error_too_many_ideas')
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

export type Review =
  | { decision: 'feasible'; cost: number; reason: string }
  | { decision: 'unfeasible'; reason: string }
  | { decision: 'merge'; into: number; reason: string }

export async function reviewIdea(db: Queryable, actorId: string, ideaId: number, review: Review): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const [idea] = await tx.select().from(budgetIdeas).where(eq(budgetIdeas.id, ideaId)).for('update')
    if (!idea) return fail('form', 'budgets.error_not_found')
    // The review ends when voting starts: the ballot is fixed then.
    const [budget] = await tx.select({ phase: budgets.phase }).from(budgets).where(eq(budgets.id, idea.budgetId)).for('share')
    if (!budget || ['voting', 'result', 'execution'].includes(budget.phase)) return fail('form', 'budgets.error_review_closed')
    if (review.decision === 'merge') {
      const [target] = await tx
        .select()
        .from(budgetIdeas)
        .where(and(eq(budgetIdeas.id, review.into), eq(budgetIdeas.budgetId, idea.budgetId)))
      if (!target || target.id === idea.id || target.status === 'merged') return fail('into', 'budgets.error_merge_target')
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
export async function promoteIdea(db: Queryable, actorId: string, ideaId: number): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const [idea] = await tx.select().from(budgetIdeas).where(eq(budgetIdeas.id, ideaId)).for('update')
    if (!idea || idea.status !== 'feasible' || !idea.reviewedCost) return fail('form', 'budgets.error_not_feasible')
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, idea.budgetId)).for('update')
    if (!budget || ['voting', 'result', 'execution'].includes(budget.phase)) return fail('form', 'budgets.error_ballot_fixed')
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

export async function projectsOf(budgetId: number, db: Queryable = getDatabase().db) {
  return db.select().from(budgetProjects).where(eq(budgetProjects.budgetId, budgetId)).orderBy(asc(budgetProjects.id))
}

// ─── Ballots ────────────────────────────────────────────────────────────────────────────────────

export interface CastInput {
  budgetId: number
  /** The resident's account; for a paper ballot of a resident without an account, give `person`. */
  voterUserId: string | null
  /**
   * The person on a paper ballot without an account: the name as on their identity document and the full
   * birth date (YYYY-MM-DD). The key is `personKeyFromIdentity` — the key an account of this person gets.
   */
  person?: { legalName: string; birthDate: string }
  projectIds?: number[]
  points?: Record<number, number>
  channel: 'online' | 'paper'
  enteredBy: string | null
  /** To change an online ballot: the receipt of the ballot being replaced. */
  receipt?: string
  /** The clock (tests move it). */
  now?: Date
}

export type CastResult =
  | { ok: true; receipt: string; changed: boolean }
  | {
      ok: false
      error: 'closed' | 'not_found' | 'already_voted' | 'voted_other_channel' | 'no_person' | 'invalid' | 'receipt_needed' | 'receipt_wrong'
      message?: string
      params?: Record<string, string | number>
    }

export { hashReceipt }

/** The person key of an account's verification (`users.person_key`, set by `recordResidence`). */
async function storedPersonKey(db: Queryable, userId: string): Promise<string | null> {
  const [user] = await db.select({ personKey: users.personKey }).from(users).where(eq(users.id, userId))
  return user?.personKey ?? null
}

/**
 * Records one ballot. One per person per budget across channels is enforced by the unique indexes of
 * `budget_voters`; concurrent ballots of one person serialise on that index (and on the voter row when
 * changing), and closing takes the budget row exclusively, so no ballot slips in while it tallies.
 * The ballot itself goes to the pool (no person, no time), never straight to `budget_ballots`: the clock
 * writes it there later in a shuffled batch (decision 0102). Changing an online ballot needs its receipt,
 * the only key to the sealed link. Call inside or outside a transaction (a savepoint when nested).
 */
export async function castBallot(db: Queryable, input: CastInput): Promise<CastResult> {
  const now = input.now ?? new Date()
  return db.transaction(async (tx) => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, input.budgetId)).for('share')
    if (!budget) return { ok: false, error: 'not_found' }
    if (budget.phase !== 'voting') return { ok: false, error: 'closed' }
    // Past its end date voting is closed, even in the seconds before the clock closes it.
    const [dates] = await tx
      .select()
      .from(budgetPhases)
      .where(and(eq(budgetPhases.budgetId, budget.id), eq(budgetPhases.phase, 'voting')))
    if (dates?.endsOn && dutchDate(now) > dates.endsOn) return { ok: false, error: 'closed' }
    // The one-per-person key: for an account, the key stored with its verification (decision 0004);
    // an account verified without a person (before names were recorded) has none and must verify again.
    // A paper ballot without an account gets the key an account of the same person gets, so one person
    // cannot vote both on paper and online.
    let key = input.person && !input.voterUserId ? personKeyFromIdentity({ name: input.person.legalName, birthDate: input.person.birthDate }) : null
    if (input.voterUserId) key = await storedPersonKey(tx, input.voterUserId)
    if (!key) return { ok: false, error: 'no_person' }
    const projects = await tx
      .select({ id: budgetProjects.id, cost: budgetProjects.cost })
      .from(budgetProjects)
      .where(eq(budgetProjects.budgetId, budget.id))
    const costs = new Map(projects.map((p) => [p.id, p.cost]))
    const choice: BallotChoice = { points: new Map() }
    if (budget.voteRule === 'cumulative') {
      for (const [id, p] of Object.entries(input.points ?? {})) if (p > 0) choice.points.set(Number(id), p)
    } else {
      for (const id of input.projectIds ?? []) choice.points.set(id, 1)
    }
    const check = checkBallot(budget, costs, choice)
    if (!check.ok) return { ok: false, error: 'invalid', message: check.error, params: check.params }

    const receipt = newReceipt()
    const ballotId = randomUUID()
    const sealed = budget.ballotsChangeable && input.channel === 'online' ? await sealBallotId(receipt, ballotId) : null
    const inserted = await tx
      .insert(budgetVoters)
      .values({
        budgetId: budget.id,
        userId: input.voterUserId,
        personKey: key,
        channel: input.channel,
        enteredBy: input.enteredBy,
        ballotSeal: sealed,
      })
      .onConflictDoNothing()
      .returning({ id: budgetVoters.id })
    let changed = false
    if (!inserted[0]) {
      const [voter] = await tx
        .select()
        .from(budgetVoters)
        .where(
          and(
            eq(budgetVoters.budgetId, budget.id),
            input.voterUserId
              ? sql`(${budgetVoters.userId} = ${input.voterUserId} or ${budgetVoters.personKey} = ${key})`
              : eq(budgetVoters.personKey, key),
          ),
        )
        .for('update')
      if (!voter) return { ok: false, error: 'already_voted' }
      if (voter.channel !== input.channel) return { ok: false, error: 'voted_other_channel' }
      // The same person through another account, or a paper ballot entered before the account existed.
      if (voter.userId !== input.voterUserId) return { ok: false, error: 'already_voted' }
      if (!budget.ballotsChangeable || !voter.ballotSeal) return { ok: false, error: 'already_voted' }
      if (!input.receipt?.trim()) return { ok: false, error: 'receipt_needed' }
      const oldId = await openBallotSeal(input.receipt, voter.ballotSeal)
      if (!oldId) return { ok: false, error: 'receipt_wrong' }
      // The old ballot is gone wherever it is (still in the pool, or already written by the clock).
      await tx.delete(budgetBallotPool).where(eq(budgetBallotPool.id, oldId))
      await tx.delete(budgetBallots).where(eq(budgetBallots.id, oldId))
      await tx.update(budgetVoters).set({ ballotSeal: sealed }).where(eq(budgetVoters.id, voter.id))
      changed = true
    }
    await tx.insert(budgetBallotPool).values({
      id: ballotId,
      budgetId: budget.id,
      receiptHash: hashReceipt(receipt),
      items: [...choice.points],
    })
    if (input.channel === 'paper') {
      await audit(tx, {
        actorId: input.enteredBy,
        action: 'budget.paper_ballot',
        subjectUserId: input.voterUserId,
        // Never what was chosen: only that this person's paper ballot was entered.
        detail: { budgetId: budget.id },
      })
    }
    return { ok: true, receipt, changed }
  })
}

/** The smallest batch the clock writes from the pool while voting is open (closing writes any rest). */
export const POOL_BATCH = 20

/**
 * Writes waiting ballots from the pool to `budget_ballots` in a random order, in a transaction of their
 * own. While voting is open only when at least `POOL_BATCH` wait (so a batch hides each ballot among
 * that many); `all` writes whatever waits (at closing).
 */
export async function flushBallotPool(db: Queryable, budgetId: number, all = false): Promise<number> {
  return db.transaction(async (tx) => {
    const [budget] = await tx.select({ id: budgets.id }).from(budgets).where(eq(budgets.id, budgetId)).for('share')
    if (!budget) return 0
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(budgetBallotPool)
      .where(eq(budgetBallotPool.budgetId, budgetId))) as [{ n: number }]
    if (n === 0 || (!all && n < POOL_BATCH)) return 0
    const waiting = shuffle(await tx.delete(budgetBallotPool).where(eq(budgetBallotPool.budgetId, budgetId)).returning())
    await writeBallots(
      tx,
      budgetId,
      waiting.map((b) => ({ id: b.id, receiptHash: b.receiptHash, items: b.items })),
    )
    return waiting.length
  })
}

async function writeBallots(
  tx: Queryable,
  budgetId: number,
  ballots: { id: string; receiptHash: string | null; items: [number, number][] }[],
) {
  for (let i = 0; i < ballots.length; i += 500) {
    const part = ballots.slice(i, i + 500)
    await tx.insert(budgetBallots).values(part.map((b) => ({ id: b.id, budgetId, receiptHash: b.receiptHash })))
    const items = part.flatMap((b) => b.items.map(([projectId, points], position) => ({ ballotId: b.id, projectId, points, position })))
    if (items.length) await tx.insert(budgetBallotItems).values(items)
  }
}

/** A uniformly random order (Fisher–Yates with the system's random source). */
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[list[i], list[j]] = [list[j]!, list[i]!]
  }
  return list
}

/** Whether this person has voted, and how (never what). */
export async function voterStatus(budgetId: number, userId: string, db: Queryable = getDatabase().db) {
  const key = await storedPersonKey(db, userId)
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

/**
 * The person on a paper ballot, found by the address they give (for the budget's area) and by who they
 * are: the name as on their identity document and their full birth date. `userId` is their verified
 * account, if they have one — found by the person key, or by name and birth date for an account whose
 * key comes from elsewhere (DigiD) — so the paper ballot and the account share one key.
 */
export async function findResident(
  input: { postcode: string; houseNumber: number; addition: string; legalName: string; birthDate: string },
  db: Queryable = getDatabase().db,
) {
  const address = await findAddress(input.postcode, input.houseNumber, input.addition, db)
  if (!address) return null
  const area = await db.execute(sql`select b.parent_code as wijk from areas b where b.code = ${address.buurtCode}`)
  const wijkCode =
    ((Array.isArray(area) ? area : (area as { rows: { wijk: string }[] }).rows)[0] as { wijk: string } | undefined)?.wijk ?? null
  const key = personKeyFromIdentity({ name: input.legalName, birthDate: input.birthDate })
  const candidates = await db
    .select({ id: users.id, personKey: users.personKey, legalName: users.legalName })
    .from(users)
    .where(
      and(
        isNotNull(users.verifiedAt),
        isNotNull(users.personKey),
        sql`(${users.personKey} = ${key} or ${users.birthDate} = ${input.birthDate})`,
      ),
    )
    .orderBy(asc(users.createdAt))
  const name = normaliseName(input.legalName)
  const account = candidates.find((u) => u.personKey === key) ?? candidates.find((u) => u.legalName && normaliseName(u.legalName) === name)
  return { address, wijkCode, buurtCode: address.buurtCode, userId: account?.id ?? null }
}

export interface PaperInput {
  legalName: string
  birthDate: string
  postcode: string
  houseNumber: number
  addition: string
  choice: BallotChoice
  /** The clock (tests move it). */
  now?: Date
}

export type PaperRefusal = { ok: false; reason: MessageKey; field: string; params?: Params }

/**
 * A paper ballot entered by a helper: the person is found by the address they give (for the area) and by
 * name and full birth date (for the one-person key, shared with any account of theirs); then the ballot
 * is cast on the paper channel. Refusals name the field they belong to, with a Dutch message key.
 */
export async function enterPaperBallot(
  enteredBy: string,
  budgetId: number,
  input: PaperInput,
  db: Queryable = getDatabase().db,
): Promise<{ ok: true } | PaperRefusal> {
  const now = input.now ?? new Date()
  const budget = await getBudget(budgetId, db)
  if (!budget) return { ok: false, reason: 'budgets.cast_not_found', field: 'form' }
  const projects = await projectsOf(budget.id, db)
  const check = checkBallot(budget, new Map(projects.map((p) => [p.id, p.cost])), input.choice)
  if (!check.ok) return { ok: false, reason: check.error, field: 'ballot', params: check.params }
  const resident = await findResident(input, db)
  if (!resident) return { ok: false, reason: 'errors.address_unknown', field: 'houseNumber' }
  if (budget.minimumAge !== null && ageOn(input.birthDate, now) < budget.minimumAge)
    return { ok: false, reason: 'budgets.paper_too_young', field: 'form' }
  if (budget.areaCode && budget.areaCode !== resident.wijkCode && budget.areaCode !== resident.buurtCode)
    return { ok: false, reason: 'budgets.paper_outside_area', field: 'form' }
  const result = await castBallot(db, {
    budgetId: budget.id,
    voterUserId: resident.userId,
    person: { legalName: input.legalName, birthDate: input.birthDate },
    projectIds: [...input.choice.points.keys()],
    points: Object.fromEntries(input.choice.points),
    channel: 'paper',
    enteredBy,
    now,
  })
  if (result.ok) return { ok: true }
  if (result.error === 'invalid') return { ok: false, reason: result.message as MessageKey, field: 'ballot', params: result.params }
  return { ok: false, reason: `budgets.cast_${result.error}` as MessageKey, field: 'form' }
}

// ─── Closing and the tally ──────────────────────────────────────────────────────────────────────

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
export async function closeVoting(db: Queryable, actorId: string | null, budgetId: number): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, budgetId)).for('update')
    if (!budget) return fail('form', 'budgets.error_not_found')
    if (budget.phase !== 'voting') return fail('phase', 'budgets.error_not_voting')
    // Secrecy (decision 0102): the pool is emptied, every ballot is written again in a random order
    // with a new random id, all in this one transaction, and the sealed links are wiped.
    await flushBallotPool(tx, budgetId, true)
    await rewriteBallots(tx, budgetId)
    await tx.update(budgetVoters).set({ ballotSeal: null }).where(eq(budgetVoters.budgetId, budgetId))
    const projects = await tx.select().from(budgetProjects).where(eq(budgetProjects.budgetId, budgetId))
    const ballots = await ballotsOf(tx, budgetId)
    const result = runTally(budget, projects, ballots)
    if (!result.ok) return fail('form', 'budgets.error_tally', { reason: result.reason })
    await storeOutcome(tx, budget, result.outcome, ballots.length)
    const selected = result.outcome.perProject.filter((p) => p.selected)
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
            summary: `${count(ballots.length, 'bewoner stemde', 'bewoners stemden')}. ${selected.length === 1 ? 'Er is 1 project' : `Er zijn ${selected.length} projecten`} gekozen, samen ${euro(result.outcome.totalCost)} van ${euro(budget.amount)}.`,
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
        selected.length === 1
          ? { key: 'budgets.notice.result_one' }
          : { key: 'budgets.notice.result_many', params: { n: selected.length } },
      href: href(budgetId),
      dedupeKey: `budget:${budgetId}:result`,
      emailSubject: `De uitslag van "${budget.title.slice(0, 80)}" is bekend`,
    })
    await audit(tx, { actorId, action: 'budget.close', detail: { budgetId, ballots: ballots.length, byClock: !actorId } })
    return { ok: true }
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

// ─── Execution ──────────────────────────────────────────────────────────────────────────────────

export interface MilestoneInput {
  projectId: number
  on: string
  progress: number
  text: string
  photo: string | null
  photoAlt: string | null
}

export async function addMilestone(db: Queryable, actorId: string, budgetId: number, input: MilestoneInput): Promise<CommandResult> {
  return db.transaction(async (tx) => {
    const [project] = await tx
      .select()
      .from(budgetProjects)
      .where(and(eq(budgetProjects.id, input.projectId), eq(budgetProjects.budgetId, budgetId)))
    if (!project || !project.selected) return fail('projectId', 'budgets.error_not_selected')
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

function fail(field: string, key: MessageKey, params?: Params): CommandFailure {
  return { ok: false, errors: { [field]: key }, ...(params ? { params: { [field]: params } } : {}) }
}

// ─── helpers ────────────────────────────────────────────────────────────────────────────────────

function today(): string {
  return dutchDate(new Date())
}

/** The calendar date (YYYY-MM-DD) in the Netherlands at this moment. */
export function dutchDate(now: Date): string {
  return amsterdamDay(now)
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** A date at the start (or the end) of that day in the Netherlands. */
function dateOf(isoDate: string | null | undefined, endOfDay = false): Date | null {
  if (!isoDate) return null
  return new Date(`${isoDate}T${endOfDay ? '23:59:59' : '00:00:00'}+01:00`)
}

// ─── Public page ────────────────────────────────────────────────────────────────────────────────

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

/** For routes: the database handle, through a server-only module. */
export { getDatabase }
