import { bigserial, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from './users'

/*
 * Moderation: residents flag content of any module (kind + id, as in hidden_content), wijkteam
 * moderators and staff act on it. Every action is a row in moderation_actions (and in the audit log).
 */

export const flagReason = pgEnum('flag_reason', ['spam', 'offensive', 'personal_data', 'off_topic', 'other'])

export const contentFlags = pgTable(
  'content_flags',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contentKind: text('content_kind').notNull(),
    contentId: text('content_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: flagReason('reason').notNull(),
    /** Required for `other`. */
    text: text('text'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when a moderator hid the content or dismissed the flag: the flag leaves the queue. */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    // One flag per person per piece of content, however often they press the button.
    uniqueIndex('content_flags_unique').on(t.contentKind, t.contentId, t.userId),
    index('content_flags_open_idx').on(t.resolvedAt, t.contentKind, t.contentId),
  ],
)

export const moderationActionKind = pgEnum('moderation_action_kind', ['hide', 'restore', 'dismiss', 'block', 'unblock', 'objection'])

export const moderationActions = pgTable(
  'moderation_actions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    action: moderationActionKind('action').notNull(),
    contentKind: text('content_kind'),
    contentId: text('content_id'),
    /** The author of the content, or the blocked person. */
    targetUserId: text('target_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** Category for the public summary (a flag reason); free text in `reason`. */
    category: flagReason('category'),
    reason: text('reason').notNull(),
    wijkCode: text('wijk_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('moderation_actions_content_idx').on(t.contentKind, t.contentId), index('moderation_actions_created_idx').on(t.createdAt)],
)

/** An author objects to a moderator's decision, once per piece of content. */
export const moderationObjections = pgTable(
  'moderation_objections',
  {
    contentKind: text('content_kind').notNull(),
    contentId: text('content_id').notNull(),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    handledAt: timestamp('handled_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ name: 'moderation_objections_pk', columns: [t.contentKind, t.contentId, t.authorId] })],
)

export type ContentFlag = typeof contentFlags.$inferSelect
export type FlagReason = (typeof flagReason.enumValues)[number]
export type ModerationAction = typeof moderationActions.$inferSelect
