import { relations, sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { areas } from './areas'
import { pointColumn } from './geo'
import { users } from './users'

/*
 * Participatory budgets (burgerbegroting, wijkbudget): phases, ideas, projects, secret ballots and
 * execution milestones.
 *
 * Ballot secrecy (decision 0102): `budget_ballots` has no person, no time and a random id. Who voted is in
 * `budget_voters` (one row per person per budget, whatever the channel). A new ballot first waits in
 * `budget_ballot_pool`; the clock moves the pool to `budget_ballots` in shuffled batches, and closing
 * rewrites every ballot of the budget in a random order in one transaction. While a ballot may still
 * change, the voter row holds the ballot id sealed under a key derived from the voter's receipt
 * (`ballot_seal`); closing wipes it.
 */

export const budgetVoteRule = pgEnum('budget_vote_rule', ['knapsack', 'approval', 'cumulative'])
export const budgetTallyMethod = pgEnum('budget_tally_method', [
  'greedy',
  'greedy-no-skip',
  'greedy-threshold',
  'equalshares',
  'equalshares-comparison',
  'equalshares/add1',
  'equalshares/add1-comparison',
])
export const budgetPhase = pgEnum('budget_phase', ['information', 'ideas', 'review', 'voting', 'result', 'execution'])
export const budgetIdeaStatus = pgEnum('budget_idea_status', ['submitted', 'feasible', 'unfeasible', 'merged'])
export const voteChannel = pgEnum('budget_vote_channel', ['online', 'paper'])

export const budgets = pgTable(
  'budgets',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** A wijk or buurt code; null is the whole municipality. */
    areaCode: text('area_code').references(() => areas.code),
    /** In whole euros. */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    voteRule: budgetVoteRule('vote_rule').notNull().default('knapsack'),
    /** approval: at most / at least this many projects. */
    maxProjects: integer('max_projects'),
    minProjects: integer('min_projects'),
    /** cumulative: points each voter spreads. */
    points: integer('points'),
    tallyMethod: budgetTallyMethod('tally_method').notNull().default('greedy'),
    /** greedy-threshold (and any rule): projects below this score are never funded. */
    minScore: integer('min_score'),
    minimumAge: integer('minimum_age'),
    ballotsChangeable: boolean('ballots_changeable').notNull().default(true),
    phase: budgetPhase('phase').notNull().default('information'),
    /** Set when voting closed and the tally ran; the stored result is in `result`. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    result: jsonb('result').$type<BudgetResult | null>(),
    /** A note staff add below the generated weighing declaration (it never replaces it). */
    declarationNote: text('declaration_note'),
    /** Where an imported budget came from (a Pabulib file name). */
    source: text('source'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('budgets_phase_idx').on(t.phase),
    check('budgets_amount_positive', sql`${t.amount} > 0`),
    check('budgets_min_max', sql`${t.minProjects} is null or ${t.maxProjects} is null or ${t.minProjects} <= ${t.maxProjects}`),
  ],
)

/** What the tally stored at closing (a summary; per-project figures are on the projects). */
export interface BudgetResult {
  rule: string
  totalCost: number
  ballots: number
  perVoterBudget?: number
  comparison?: { prefersEqualShares: number; prefersGreedy: number; chosen: 'equalshares' | 'greedy' }
}

export const budgetPhases = pgTable(
  'budget_phases',
  {
    budgetId: bigint('budget_id', { mode: 'number' })
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    phase: budgetPhase('phase').notNull(),
    startsOn: date('starts_on', { mode: 'string' }),
    endsOn: date('ends_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ name: 'budget_phases_pk', columns: [t.budgetId, t.phase] })],
)

export const budgetIdeas = pgTable(
  'budget_ideas',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    budgetId: bigint('budget_id', { mode: 'number' })
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    location: pointColumn('location'),
    estimatedCost: bigint('estimated_cost', { mode: 'number' }),
    status: budgetIdeaStatus('status').notNull().default('submitted'),
    /** The municipality's estimate after review. */
    reviewedCost: bigint('reviewed_cost', { mode: 'number' }),
    /** Public: why unfeasible, or a note on the review. */
    publicReason: text('public_reason'),
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }),
    reviewedBy: text('reviewed_by').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('budget_ideas_budget_idx').on(t.budgetId, t.status)],
)

export const budgetProjects = pgTable(
  'budget_projects',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    budgetId: bigint('budget_id', { mode: 'number' })
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    ideaId: bigint('idea_id', { mode: 'number' }).references(() => budgetIdeas.id, { onDelete: 'set null' }),
    /** The id in an imported Pabulib file. */
    externalId: text('external_id'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    cost: bigint('cost', { mode: 'number' }).notNull(),
    // Filled by the tally at closing.
    votes: integer('votes'),
    score: integer('score'),
    selected: boolean('selected'),
    /** The tally's reason (selected, does_not_fit, below_threshold, …). */
    reason: text('reason'),
    selectionOrder: integer('selection_order'),
  },
  (t) => [
    index('budget_projects_budget_idx').on(t.budgetId),
    uniqueIndex('budget_projects_idea_unique')
      .on(t.ideaId)
      .where(sql`${t.ideaId} is not null`),
    check('budget_projects_cost_positive', sql`${t.cost} > 0`),
  ],
)

/** A ballot: no person, no time, a random id. */
export const budgetBallots = pgTable(
  'budget_ballots',
  {
    id: text('id').primaryKey(),
    budgetId: bigint('budget_id', { mode: 'number' })
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    /** sha256 of the receipt code the voter was shown once. */
    receiptHash: text('receipt_hash'),
  },
  (t) => [
    index('budget_ballots_budget_idx').on(t.budgetId),
    uniqueIndex('budget_ballots_receipt_unique')
      .on(t.receiptHash)
      .where(sql`${t.receiptHash} is not null`),
  ],
)

/**
 * Ballots waiting to be written to `budget_ballots` (by the clock, in shuffled batches, or at closing).
 * No person and no time; `items` is the choice as `[projectId, points]` pairs in ballot order.
 */
export const budgetBallotPool = pgTable(
  'budget_ballot_pool',
  {
    id: text('id').primaryKey(),
    budgetId: bigint('budget_id', { mode: 'number' })
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    receiptHash: text('receipt_hash'),
    items: jsonb('items').$type<[number, number][]>().notNull(),
  },
  (t) => [index('budget_ballot_pool_budget_idx').on(t.budgetId)],
)

export const budgetBallotItems = pgTable(
  'budget_ballot_items',
  {
    ballotId: text('ballot_id')
      .notNull()
      .references(() => budgetBallots.id, { onDelete: 'cascade' }),
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => budgetProjects.id, { onDelete: 'cascade' }),
    points: integer('points').notNull().default(1),
    /** Order on the ballot (for exports). */
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ name: 'budget_ballot_items_pk', columns: [t.ballotId, t.projectId] }),
    check('budget_ballot_items_points', sql`${t.points} > 0`),
  ],
)

/**
 * Who voted, once per person per budget across channels. `person_key` is the verified person's key
 * (decision 0004; a paper ballot without an account derives the same key from the name and full birth
 * date on the identity document), so an online and a paper ballot of one person collide.
 */
export const budgetVoters = pgTable(
  'budget_voters',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    budgetId: bigint('budget_id', { mode: 'number' })
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    personKey: text('person_key').notNull(),
    channel: voteChannel('channel').notNull(),
    enteredBy: text('entered_by').references(() => users.id, { onDelete: 'set null' }),
    /**
     * Only while this online ballot may change: the ballot id, encrypted with a key derived from the
     * voter's receipt code (see seal.server.ts). Without the receipt nobody can read it; wiped at closing.
     */
    ballotSeal: text('ballot_seal'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('budget_voters_user_unique').on(t.budgetId, t.userId),
    uniqueIndex('budget_voters_person_unique').on(t.budgetId, t.personKey),
  ],
)

export const budgetMilestones = pgTable(
  'budget_milestones',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: bigint('project_id', { mode: 'number' })
      .notNull()
      .references(() => budgetProjects.id, { onDelete: 'cascade' }),
    on: date('on', { mode: 'string' }).notNull(),
    progress: integer('progress').notNull(),
    text: text('text').notNull(),
    /** A resized JPEG, base64 (small: at most 1200 px wide). */
    photo: text('photo'),
    photoAlt: text('photo_alt'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('budget_milestones_project_idx').on(t.projectId, t.on),
    check('budget_milestones_progress', sql`${t.progress} between 0 and 100`),
  ],
)

export const budgetsRelations = relations(budgets, ({ many }) => ({
  phases: many(budgetPhases),
  ideas: many(budgetIdeas),
  projects: many(budgetProjects),
}))

export const budgetProjectsRelations = relations(budgetProjects, ({ one, many }) => ({
  budget: one(budgets, { fields: [budgetProjects.budgetId], references: [budgets.id] }),
  milestones: many(budgetMilestones),
}))

export const budgetPhasesRelations = relations(budgetPhases, ({ one }) => ({
  budget: one(budgets, { fields: [budgetPhases.budgetId], references: [budgets.id] }),
}))

export const budgetIdeasRelations = relations(budgetIdeas, ({ one }) => ({
  budget: one(budgets, { fields: [budgetIdeas.budgetId], references: [budgets.id] }),
}))

export const budgetMilestonesRelations = relations(budgetMilestones, ({ one }) => ({
  project: one(budgetProjects, { fields: [budgetMilestones.projectId], references: [budgetProjects.id] }),
}))

export type Budget = typeof budgets.$inferSelect
export type BudgetIdea = typeof budgetIdeas.$inferSelect
export type BudgetProject = typeof budgetProjects.$inferSelect
export type BudgetMilestone = typeof budgetMilestones.$inferSelect
export type BudgetPhase = (typeof budgetPhase.enumValues)[number]
export type BudgetVoteRule = (typeof budgetVoteRule.enumValues)[number]
export type BudgetTallyMethod = (typeof budgetTallyMethod.enumValues)[number]
