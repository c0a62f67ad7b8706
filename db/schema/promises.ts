import { relations, sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { users } from './users'

/*
 * The beloftemeter: promises of the council and the college (a coalition agreement's chapter, a council
 * motion or toezegging, a programme budget goal), each with a public history of status changes and
 * updates, indicators with a time series, and links to the participatory items that serve it.
 */

export const promiseSourceKind = pgEnum('promise_source_kind', ['coalition_agreement', 'council_motion', 'toezegging', 'programme_budget'])

export const promiseStatus = pgEnum('promise_status', ['not_started', 'on_track', 'behind', 'done', 'changed', 'dropped'])

export const promises = pgTable(
  'promises',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    title: text('title').notNull(),
    /** The promise in the words of its source. */
    body: text('body').notNull(),
    sourceKind: promiseSourceKind('source_kind').notNull(),
    /** The document, e.g. "Coalitieakkoord 2026–2030", and where in it. */
    sourceDocument: text('source_document').notNull(),
    sourceChapter: text('source_chapter'),
    sourcePage: integer('source_page'),
    sourceUrl: text('source_url'),
    theme: text('theme').notNull(),
    /** The responsible portfolio holder (wethouder or burgemeester), by name and portfolio. */
    portfolioHolder: text('portfolio_holder').notNull(),
    /** Wijk codes; empty means the whole city. */
    areaCodes: text('area_codes').array().notNull().default([]),
    dueOn: date('due_on', { mode: 'string' }),
    status: promiseStatus('status').notNull().default('not_started'),
    /** How often the municipality promises an update, in months. */
    updateEveryMonths: integer('update_every_months').notNull().default(3),
    /** The date by which the next update is due; passed without one, the promise is overdue. */
    nextUpdateBy: date('next_update_by', { mode: 'string' }).notNull(),
    lastUpdateAt: timestamp('last_update_at', { withTimezone: true }).notNull().defaultNow(),
    /** Demo data and tests find their own rows again by this key. */
    seedKey: text('seed_key'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('promises_status_idx').on(t.status),
    index('promises_next_update_idx').on(t.nextUpdateBy),
    uniqueIndex('promises_seed_key_unique').on(t.seedKey),
    check('promises_update_every_check', sql`${t.updateEveryMonths} between 1 and 12`),
  ],
)

/** The public history: every status change and every update, each with its explanation. Never edited. */
export const promiseUpdates = pgTable(
  'promise_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    promiseId: bigint('promise_id', { mode: 'number' })
      .notNull()
      .references(() => promises.id, { onDelete: 'cascade' }),
    /** The status before (null for the first entry) and after. */
    fromStatus: promiseStatus('from_status'),
    status: promiseStatus('status').notNull(),
    explanation: text('explanation').notNull(),
    /** The update that was due when this one was written, so the accountability view can say on time or late. */
    dueBy: date('due_by', { mode: 'string' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('promise_updates_promise_idx').on(t.promiseId, t.createdAt)],
)

export const indicatorPeriod = pgEnum('promise_indicator_period', ['year', 'quarter'])

export const promiseIndicators = pgTable(
  'promise_indicators',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    promiseId: bigint('promise_id', { mode: 'number' })
      .notNull()
      .references(() => promises.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    definition: text('definition').notNull(),
    /** e.g. "%", "woningen", "aantal"; an import naming another unit is refused. */
    unit: text('unit').notNull(),
    /** Who measures it, e.g. CBS or the research office (Onderzoek, Informatie en Statistiek). */
    source: text('source').notNull(),
    period: indicatorPeriod('period').notNull().default('year'),
    baselineValue: doublePrecision('baseline_value'),
    baselinePeriod: text('baseline_period'),
    targetValue: doublePrecision('target_value'),
    targetOn: date('target_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('promise_indicators_promise_idx').on(t.promiseId)],
)

export const promiseIndicatorValues = pgTable(
  'promise_indicator_values',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    indicatorId: bigint('indicator_id', { mode: 'number' })
      .notNull()
      .references(() => promiseIndicators.id, { onDelete: 'cascade' }),
    /** "2025" or "2025-Q3". */
    period: text('period').notNull(),
    /** The first day of the period, for ordering. */
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    /** A wijk code, or '' for the whole city. */
    wijkCode: text('wijk_code').notNull().default(''),
    value: doublePrecision('value').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('promise_indicator_values_unique').on(t.indicatorId, t.wijkCode, t.period)],
)

/**
 * What serves a promise: any item by its kind and id (consultation, proposal, budget, notice, and any
 * later kind such as a decision), with the title and page it had when linked.
 */
export const promiseLinks = pgTable(
  'promise_links',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    promiseId: bigint('promise_id', { mode: 'number' })
      .notNull()
      .references(() => promises.id, { onDelete: 'cascade' }),
    itemKind: text('item_kind').notNull(),
    itemId: text('item_id').notNull(),
    title: text('title').notNull(),
    href: text('href').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('promise_links_unique').on(t.promiseId, t.itemKind, t.itemId),
    index('promise_links_item_idx').on(t.itemKind, t.itemId),
  ],
)

export const promisesRelations = relations(promises, ({ many }) => ({
  updates: many(promiseUpdates),
  indicators: many(promiseIndicators),
  links: many(promiseLinks),
}))

export const promiseUpdatesRelations = relations(promiseUpdates, ({ one }) => ({
  promise: one(promises, { fields: [promiseUpdates.promiseId], references: [promises.id] }),
}))

export const promiseIndicatorsRelations = relations(promiseIndicators, ({ one, many }) => ({
  promise: one(promises, { fields: [promiseIndicators.promiseId], references: [promises.id] }),
  values: many(promiseIndicatorValues),
}))

export const promiseIndicatorValuesRelations = relations(promiseIndicatorValues, ({ one }) => ({
  indicator: one(promiseIndicators, { fields: [promiseIndicatorValues.indicatorId], references: [promiseIndicators.id] }),
}))

export const promiseLinksRelations = relations(promiseLinks, ({ one }) => ({
  promise: one(promises, { fields: [promiseLinks.promiseId], references: [promises.id] }),
}))

export type PromiseRow = typeof promises.$inferSelect
export type NewPromise = typeof promises.$inferInsert
export type PromiseUpdate = typeof promiseUpdates.$inferSelect
export type PromiseIndicator = typeof promiseIndicators.$inferSelect
export type PromiseIndicatorValue = typeof promiseIndicatorValues.$inferSelect
export type PromiseLink = typeof promiseLinks.$inferSelect
export type PromiseStatus = (typeof promiseStatus.enumValues)[number]
export type PromiseSourceKind = (typeof promiseSourceKind.enumValues)[number]
