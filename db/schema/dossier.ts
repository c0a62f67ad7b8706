import { sql } from 'drizzle-orm'
import { bigserial, check, customType, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from './users'

/*
 * The resident's rights (app/modules/dossier): when they were last active (for retention), an erasure
 * waiting out its grace period, and the data exports prepared in the background.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
})

/** Last log-in, and when the retention clock warned that the account will be anonymised. */
export const accountActivity = pgTable('account_activity', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }).notNull().defaultNow(),
  warnedAt: timestamp('warned_at', { withTimezone: true }),
})

/**
 * An account to be erased (anonymised) on `dueAt`, unless cancelled before with the link in the e-mail
 * (only a hash of its token is kept). `cause`: the person asked, or the retention clock after a warning.
 */
export const accountErasures = pgTable(
  'account_erasures',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    cause: text('cause', { enum: ['request', 'inactive'] }).notNull(),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    cancelTokenHash: text('cancel_token_hash').notNull(),
  },
  (t) => [
    index('account_erasures_due_idx').on(t.dueAt),
    uniqueIndex('account_erasures_token_unique').on(t.cancelTokenHash),
    check('account_erasures_cause_check', sql`${t.cause} in ('request', 'inactive')`),
  ],
)

/**
 * "Take my data": a ZIP prepared by a worker (claimed with a lease, like the mail outbox), downloadable
 * with the link in the e-mail until `expiresAt`. Only a hash of the link's token is kept.
 */
export const dataExports = pgTable(
  'data_exports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['pending', 'ready'] })
      .notNull()
      .default('pending'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    readyAt: timestamp('ready_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    tokenHash: text('token_hash'),
    archive: bytea('archive'),
  },
  (t) => [
    index('data_exports_user_idx').on(t.userId, t.requestedAt),
    index('data_exports_pending_idx')
      .on(t.requestedAt)
      .where(sql`${t.status} = 'pending'`),
    uniqueIndex('data_exports_token_unique')
      .on(t.tokenHash)
      .where(sql`${t.tokenHash} is not null`),
    check('data_exports_status_check', sql`${t.status} in ('pending', 'ready')`),
  ],
)

export type AccountErasure = typeof accountErasures.$inferSelect
export type DataExport = typeof dataExports.$inferSelect
