import { randomInt, randomUUID } from 'node:crypto'
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm'
import {
  budgetBallotItems,
  budgetBallotPool,
  budgetBallots,
  budgetPhases,
  budgetProjects,
  budgets,
  budgetVoters,
  users,
  type Budget,
} from '~db/schema'
import type { Queryable } from '~db/client'
import { getDatabase } from '~db/runtime'
import { ageOn } from '~/auth/permissions'
import { normaliseName, personKeyFromIdentity } from '~/auth/person-key.server'
import { findAddress } from '~/modules/areas/queries.server'
import { audit } from '~/utils/audit.server'
import { getBudget, personKeyOf, projectsOf } from './queries.server'
import { checkBallot, type BallotChoice } from './rules'
import { hashReceipt, newReceipt, openBallotSeal, sealBallotId } from './seal.server'
import { dutchDate, refuse, type BudgetOutcome, type BudgetRefusal } from './shared.server'

/*
 * Casting ballots — online, by a helper for the person in front of them, on paper — and the pool the
 * clock writes them from. Ballot secrecy and one ballot per person are enforced by the schema
 * (db/schema/budgets.ts, decision 0102); the transactions here stay short and take row locks where
 * order matters.
 */

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

/** A cast ballot's receipt, or a refusal: the message key next to `ballot`, `receipt` or `form`. */
export type CastResult = BudgetOutcome<{ receipt: string; changed: boolean }>

/**
 * Records one ballot. One per person per budget across channels is enforced by the unique indexes of
 * `budget_voters`; concurrent ballots of one person serialise on that index (and on the voter row when
 * changing), and closing takes the budget row exclusively, so no ballot slips in while it tallies.
 * The ballot itself goes to the pool (no person, no time), never straight to `budget_ballots`: the clock
 * writes it there later in a shuffled batch (decision 0102). Changing an online ballot needs its receipt,
 * the only key to the sealed link. Call inside or outside a transaction (a savepoint when nested).
 */
export async function castBallot(input: CastInput, db: Queryable = getDatabase().db): Promise<CastResult> {
  const now = input.now ?? new Date()
  return db.transaction(async (tx): Promise<CastResult> => {
    const [budget] = await tx.select().from(budgets).where(eq(budgets.id, input.budgetId)).for('share')
    if (!budget) return refuse('form', 'budgets.cast_not_found')
    if (budget.phase !== 'voting') return refuse('form', 'budgets.cast_closed')
    // Past its end date voting is closed, even in the seconds before the clock closes it.
    const [dates] = await tx
      .select()
      .from(budgetPhases)
      .where(and(eq(budgetPhases.budgetId, budget.id), eq(budgetPhases.phase, 'voting')))
    if (dates?.endsOn && dutchDate(now) > dates.endsOn) return refuse('form', 'budgets.cast_closed')
    const key = await oneKeyPerPerson(tx, input)
    if (!key) return refuse('form', 'budgets.cast_no_person')
    const choice = await checkedChoice(tx, budget, input)
    if (!choice.ok) return choice

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
    const changed = !inserted[0]
    if (changed) {
      const replaced = await replaceSealedBallot(tx, budget, input, key, sealed)
      if (!replaced.ok) return replaced
    }
    await tx
      .insert(budgetBallotPool)
      .values({ id: ballotId, budgetId: budget.id, receiptHash: hashReceipt(receipt), items: [...choice.points] })
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

/**
 * The one-per-person key: for an account, the key stored with its verification (decision 0004); an
 * account verified without a person (before names were recorded) has none and must verify again. A paper
 * ballot without an account gets the key an account of the same person gets, so one person cannot vote
 * both on paper and online.
 */
async function oneKeyPerPerson(tx: Queryable, input: CastInput): Promise<string | null> {
  if (input.voterUserId) return personKeyOf(input.voterUserId, tx)
  return input.person ? personKeyFromIdentity({ name: input.person.legalName, birthDate: input.person.birthDate }) : null
}

/** The choice on the ballot, checked against the budget's rules (a refusal names the amounts). */
async function checkedChoice(tx: Queryable, budget: Budget, input: CastInput): Promise<({ ok: true } & BallotChoice) | BudgetRefusal> {
  const projects = await tx
    .select({ id: budgetProjects.id, cost: budgetProjects.cost })
    .from(budgetProjects)
    .where(eq(budgetProjects.budgetId, budget.id))
  const choice: BallotChoice = { points: new Map() }
  if (budget.voteRule === 'cumulative') {
    for (const [id, p] of Object.entries(input.points ?? {})) if (p > 0) choice.points.set(Number(id), p)
  } else {
    for (const id of input.projectIds ?? []) choice.points.set(id, 1)
  }
  const check = checkBallot(budget, new Map(projects.map((p) => [p.id, p.cost])), choice)
  return check.ok ? { ok: true, ...choice } : refuse('ballot', check.error, check.params)
}

/**
 * This person has voted already: only the same account, on the same channel, with the receipt of a
 * ballot that may still change, replaces it — the old ballot is deleted wherever it is (still in the
 * pool, or already written by the clock) and the new one is sealed under the new receipt.
 */
async function replaceSealedBallot(
  tx: Queryable,
  budget: Budget,
  input: CastInput,
  key: string,
  sealed: string | null,
): Promise<{ ok: true } | BudgetRefusal> {
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
  if (!voter) return refuse('form', 'budgets.cast_already_voted')
  if (voter.channel !== input.channel) return refuse('form', 'budgets.cast_voted_other_channel')
  // The same person through another account, or a paper ballot entered before the account existed.
  if (voter.userId !== input.voterUserId) return refuse('form', 'budgets.cast_already_voted')
  if (!budget.ballotsChangeable || !voter.ballotSeal) return refuse('form', 'budgets.cast_already_voted')
  if (!input.receipt?.trim()) return refuse('receipt', 'budgets.cast_receipt_needed')
  const oldId = await openBallotSeal(input.receipt, voter.ballotSeal)
  if (!oldId) return refuse('receipt', 'budgets.cast_receipt_wrong')
  await tx.delete(budgetBallotPool).where(eq(budgetBallotPool.id, oldId))
  await tx.delete(budgetBallots).where(eq(budgetBallots.id, oldId))
  await tx.update(budgetVoters).set({ ballotSeal: sealed }).where(eq(budgetVoters.id, voter.id))
  return { ok: true }
}

/** The smallest batch the clock writes from the pool while voting is open (closing writes any rest). */
export const POOL_BATCH = 20

/**
 * Writes waiting ballots from the pool to `budget_ballots` in a random order, in a transaction of their
 * own. While voting is open only when at least `POOL_BATCH` wait (so a batch hides each ballot among
 * that many); `all` writes whatever waits (at closing).
 */
export async function flushBallotPool(budgetId: number, all = false, db: Queryable = getDatabase().db): Promise<number> {
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

export async function writeBallots(
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
export function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1)
    ;[list[i], list[j]] = [list[j]!, list[i]!]
  }
  return list
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
): Promise<BudgetOutcome> {
  const now = input.now ?? new Date()
  const budget = await getBudget(budgetId, db)
  if (!budget) return refuse('form', 'budgets.cast_not_found')
  const projects = await projectsOf(budget.id, db)
  const check = checkBallot(budget, new Map(projects.map((p) => [p.id, p.cost])), input.choice)
  if (!check.ok) return refuse('ballot', check.error, check.params)
  const resident = await findResident(input, db)
  if (!resident) return refuse('houseNumber', 'errors.address_unknown')
  if (budget.minimumAge !== null && ageOn(input.birthDate, now) < budget.minimumAge) return refuse('form', 'budgets.paper_too_young')
  if (budget.areaCode && budget.areaCode !== resident.wijkCode && budget.areaCode !== resident.buurtCode)
    return refuse('form', 'budgets.paper_outside_area')
  const result = await castBallot(
    {
      budgetId: budget.id,
      voterUserId: resident.userId,
      person: { legalName: input.legalName, birthDate: input.birthDate },
      projectIds: [...input.choice.points.keys()],
      points: Object.fromEntries(input.choice.points),
      channel: 'paper',
      enteredBy,
      now,
    },
    db,
  )
  return result.ok ? { ok: true } : result
}
