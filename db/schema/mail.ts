import { sql } from 'drizzle-orm'
import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

/**
 * Transactional outbox for e-mail: a message is written in the same transaction as the change that
 * causes it, and a worker delivers it. Without SMTP the stored messages are the development mailbox.
 */
export const outboundEmails = pgTable(
  'outbound_emails',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    kind: text('kind').notNull(),
    /**
     * What the message is about, when it is about one item (`plan_notice:12`): withdrawing the item takes
     * back what has not gone out yet (cancelUnsentEmails). Digests about several items have none.
     */
    about: text('about'),
    // Extra headers such as List-Unsubscribe, as a JSON object.
    headers: text('headers').notNull().default('{}'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sendAfter: timestamp('send_after', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbound_emails_pending_idx')
      .on(t.sendAfter)
      .where(sql`${t.sentAt} is null`),
    index('outbound_emails_unsent_about_idx')
      .on(t.about)
      .where(sql`${t.sentAt} is null and ${t.about} is not null`),
  ],
)

export type OutboundEmail = typeof outboundEmails.$inferSelect
