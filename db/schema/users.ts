import { relations, sql } from 'drizzle-orm'
import { bigserial, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, bigint, varchar } from 'drizzle-orm/pg-core'
import { addresses, areas } from './areas'

/** How a residence was verified. New methods (an OpenID Connect identity broker) add a value here. */
export const verificationMethod = pgEnum('verification_method', ['letter', 'desk', 'oidc'])

/** Roles granted on top of "resident". A moderator role is scoped to one wijk per row. */
export const staffRole = pgEnum('staff_role', ['helper', 'moderator', 'griffie', 'staff', 'admin'])

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true }),
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    /**
     * The year of `birthDate`, kept in step by `recordResidence` for the paper-ballot lookup in the budgets
     * module, which still finds a resident by address and birth year. Never typed by anyone; read
     * `birthDate` for age rules.
     */
    birthYear: integer('birth_year'),
    locale: text('locale').notNull().default('nl'),
    // Residence: one account, one address. Set only by a completed verification.
    addressId: bigint('address_id', { mode: 'number' }).references(() => addresses.id),
    buurtCode: text('buurt_code').references(() => areas.code),
    wijkCode: text('wijk_code').references(() => areas.code),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    verificationMethod: verificationMethod('verification_method'),
    // The verified person (decision 0004): the name as on the letter or identity document, the full birth
    // date, and the one-per-person key derived from them (`personKeyFromIdentity`, or `personKeyFromBsn`
    // through DigiD). Set only by `recordResidence`; null until the person is verified with a name.
    legalName: text('legal_name'),
    birthDate: date('birth_date', { mode: 'string' }),
    personKey: text('person_key'),
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    blockedReason: text('blocked_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index('users_wijk_idx').on(t.wijkCode),
    index('users_person_key_idx').on(t.personKey),
    index('users_address_idx').on(t.addressId),
  ],
)

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const userRoles = pgTable(
  'user_roles',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: staffRole('role').notNull(),
    // '' for roles without a scope; a wijk code for a wijkteam moderator.
    scope: text('scope').notNull().default(''),
    grantedBy: text('granted_by').references(() => users.id, { onDelete: 'set null' }),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('user_roles_unique').on(t.userId, t.role, t.scope)],
)

export const emailTokenPurpose = pgEnum('email_token_purpose', ['confirm_email', 'reset_password', 'change_email', 'unlock_login'])

/** Single-use links sent by e-mail. Only a hash of the token is stored. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: emailTokenPurpose('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    newEmail: text('new_email'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('email_tokens_hash_unique').on(t.tokenHash), index('email_tokens_user_idx').on(t.userId)],
)

/**
 * A residence verification in progress. `letter`: a code sent to the named person at an address (only a
 * hash is stored). `desk`: a staff member entered the person at the desk without an identity document;
 * a second staff member must confirm it (`confirmedBy`) before the residence is recorded.
 */
export const residenceVerifications = pgTable(
  'residence_verifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    method: verificationMethod('method').notNull().default('letter'),
    addressId: bigint('address_id', { mode: 'number' })
      .notNull()
      .references(() => addresses.id),
    // Null only on letters requested before names were recorded (the migration voided those).
    legalName: text('legal_name'),
    birthDate: date('birth_date', { mode: 'string' }),
    codeHash: text('code_hash'),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    /** The staff member who entered a desk verification, and the one who confirmed it. */
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    confirmedBy: text('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    reason: text('reason'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('residence_verifications_user_idx').on(t.userId)],
)

/** Append-only record of staff and helper actions on residents' data (see the audit migration). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    subjectUserId: text('subject_user_id'),
    reason: text('reason'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_subject_idx').on(t.subjectUserId, t.at), index('audit_log_actor_idx').on(t.actorId, t.at)],
)

/** Counters for rate-limiter-flexible's PostgreSQL store (shared by every app process). */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
})

export const usersRelations = relations(users, ({ many, one }) => ({
  roles: many(userRoles),
  sessions: many(sessions),
  address: one(addresses, { fields: [users.addressId], references: [addresses.id] }),
  buurt: one(areas, { fields: [users.buurtCode], references: [areas.code], relationName: 'user_buurt' }),
  wijk: one(areas, { fields: [users.wijkCode], references: [areas.code], relationName: 'user_wijk' }),
}))

export const userRolesRelations = relations(userRoles, ({ one }) => ({
  user: one(users, { fields: [userRoles.userId], references: [users.id] }),
}))

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}))

export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert
export type UserRole = typeof userRoles.$inferSelect
export type StaffRole = (typeof staffRole.enumValues)[number]
export type AuditEntry = typeof auditLog.$inferSelect
export type ResidenceVerification = typeof residenceVerifications.$inferSelect
