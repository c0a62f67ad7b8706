import { bigint, bigserial, index, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sessions, users } from './users'

/*
 * Assisted participation: a helper at a desk, on the phone or at a wijkpunt enters input for a resident.
 * The input counts like online input (it is the resident's own row in each module); these tables record
 * consent, the "acting for" session and the resident's dossier of what was entered for them.
 */

/** `paper`: a paper form the resident filled in and signed, entered by a helper. */
export const assistChannel = pgEnum('assist_channel', ['desk', 'phone', 'wijkpunt', 'paper'])

/** The resident said yes to a helper entering input for them, through this channel. */
export const assistedConsents = pgTable(
  'assisted_consents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    residentId: text('resident_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    helperId: text('helper_id').references(() => users.id, { onDelete: 'set null' }),
    channel: assistChannel('channel').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assisted_consents_resident_idx').on(t.residentId, t.createdAt)],
)

/** "Acting for": the resident a helper's login session works for, until it expires or is ended. */
export const assistedSessions = pgTable(
  'assisted_sessions',
  {
    sessionId: text('session_id')
      .primaryKey()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    helperId: text('helper_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    residentId: text('resident_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: assistChannel('channel').notNull(),
    consentId: bigint('consent_id', { mode: 'number' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assisted_sessions_helper_idx').on(t.helperId)],
)

/** The resident's dossier: every action a helper entered for them. */
export const assistedActions = pgTable(
  'assisted_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    residentId: text('resident_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    helperId: text('helper_id').references(() => users.id, { onDelete: 'set null' }),
    channel: assistChannel('channel').notNull(),
    /** What was done, e.g. `consultation.answer`, `budget.ballot`, `contact.request`. */
    action: text('action').notNull(),
    itemKind: text('item_kind').notNull(),
    itemId: text('item_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('assisted_actions_resident_idx').on(t.residentId, t.createdAt)],
)

/** A code on paper with which a helper-registered resident takes over their account. Only a hash is stored. */
export const accountClaims = pgTable(
  'account_claims',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('account_claims_code_unique').on(t.codeHash), index('account_claims_user_idx').on(t.userId)],
)

export type AssistChannel = (typeof assistChannel.enumValues)[number]
export type AssistedAction = typeof assistedActions.$inferSelect

/** A resident a helper registered: how to reach them besides e-mail (optional), and who registered them. */
export const assistedProfiles = pgTable('assisted_profiles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  phone: text('phone'),
  registeredBy: text('registered_by').references(() => users.id, { onDelete: 'set null' }),
  channel: assistChannel('channel').notNull(),
  registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
  /** Set when the resident took over the account (set a password). */
  claimedAt: timestamp('claimed_at', { withTimezone: true }),
})
