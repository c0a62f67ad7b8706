import { bigserial, boolean, index, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './users'

/** Personal contact ("noodknop"): a request for a person, from any page, logged in or not. */
export const contactStatus = pgEnum('contact_status', ['new', 'picked_up', 'answered', 'closed'])

export const contactRequests = pgTable(
  'contact_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The account, when the person was logged in (or a helper entered it for them). */
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    /** What it is about, in the person's words. */
    message: text('message').notNull(),
    /** The page the form was opened from (a local path). */
    fromPath: text('from_path'),
    phone: text('phone'),
    email: text('email'),
    /** The person prefers to come to a desk. */
    visitDesk: boolean('visit_desk').notNull().default(false),
    status: contactStatus('status').notNull().default('new'),
    /** The promised answer moment: two working days after the request. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
    pickedUpBy: text('picked_up_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Internal note of staff: what was done. */
    staffNote: text('staff_note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contact_requests_status_idx').on(t.status, t.createdAt), index('contact_requests_user_idx').on(t.userId)],
)

export type ContactRequest = typeof contactRequests.$inferSelect
export type ContactStatus = (typeof contactStatus.enumValues)[number]
