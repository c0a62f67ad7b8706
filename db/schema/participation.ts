import { relations } from 'drizzle-orm'
import { bigint, bigserial, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from './users'

/*
 * The participation core, shared by every module: each participatory item (consultation, proposal,
 * budget, …) is registered here, carries a weighing declaration before it opens, and gets a report-back
 * after it closes. The accountability page is a query over these three tables.
 */

/** The Dutch participation ladder. */
export const participationLevel = pgEnum('participation_level', ['informeren', 'raadplegen', 'adviseren', 'coproduceren', 'meebeslissen'])

export const itemStatus = pgEnum('participation_item_status', ['draft', 'review', 'scheduled', 'open', 'closed', 'reported', 'archived'])

export const participationItems = pgTable(
  'participation_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The module's name for the item type, e.g. `consultation`, `proposal`, `budget`. */
    kind: text('kind').notNull(),
    /** The module's own id of the item. */
    itemId: text('item_id').notNull(),
    title: text('title').notNull(),
    /** Path of the item's page. */
    href: text('href').notNull(),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** Wijk or buurt codes; empty means the whole municipality. */
    areaCodes: text('area_codes').array().notNull().default([]),
    status: itemStatus('status').notNull().default('draft'),
    opensAt: timestamp('opens_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('participation_items_kind_item_unique').on(t.kind, t.itemId),
    index('participation_items_status_idx').on(t.status, t.closesAt),
  ],
)

/** A structured binding rule, only for "meebeslissen". */
export type BindingRule = { kind: 'most_votes'; minimumParticipants: number } | { kind: 'threshold'; minimumSupporters: number }

/**
 * The weighing declaration: how input counts, said before anyone takes part. Every change is a new
 * version; the public sees the versions made after the item opened.
 */
export const weighingDeclarations = pgTable(
  'weighing_declarations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    participationItemId: bigint('participation_item_id', { mode: 'number' })
      .notNull()
      .references(() => participationItems.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    level: participationLevel('level').notNull(),
    /** Who decides: college, gemeenteraad, wijkteam, burgemeester, or a named body. */
    decidedBy: text('decided_by').notNull(),
    /** When the decision is expected. */
    decisionExpectedOn: date('decision_expected_on', { mode: 'string' }),
    /** What the input is used for, in the owner's words. */
    usedFor: text('used_for').notNull(),
    bindingRule: jsonb('binding_rule').$type<BindingRule | null>(),
    /** The date by which the municipality reports back what it did with the input. */
    reportBackBy: date('report_back_by', { mode: 'string' }).notNull(),
    changeNote: text('change_note'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('weighing_declarations_item_version_unique').on(t.participationItemId, t.version)],
)

export const reportBacks = pgTable(
  'report_backs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    participationItemId: bigint('participation_item_id', { mode: 'number' })
      .notNull()
      .references(() => participationItems.id, { onDelete: 'cascade' }),
    /** "U zei — wij deden": what was done with the input. */
    summary: text('summary').notNull(),
    decision: text('decision').notNull(),
    /** Optional responses per question or per theme. */
    details: jsonb('details').$type<{ heading: string; text: string }[]>().notNull().default([]),
    publishedBy: text('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('report_backs_item_unique').on(t.participationItemId)],
)

export const participationItemsRelations = relations(participationItems, ({ many, one }) => ({
  declarations: many(weighingDeclarations),
  reportBack: one(reportBacks, { fields: [participationItems.id], references: [reportBacks.participationItemId] }),
  owner: one(users, { fields: [participationItems.ownerId], references: [users.id] }),
}))

export const weighingDeclarationsRelations = relations(weighingDeclarations, ({ one }) => ({
  item: one(participationItems, { fields: [weighingDeclarations.participationItemId], references: [participationItems.id] }),
}))

export type ParticipationItem = typeof participationItems.$inferSelect
export type WeighingDeclaration = typeof weighingDeclarations.$inferSelect
export type ReportBack = typeof reportBacks.$inferSelect
export type ParticipationLevel = (typeof participationLevel.enumValues)[number]
export type ItemStatus = (typeof itemStatus.enumValues)[number]
