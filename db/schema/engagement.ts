import { relations } from 'drizzle-orm'
import { sql } from 'drizzle-orm'
import { bigserial, check, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { anyGeometryColumn } from './geo'
import { users } from './users'

/*
 * Engagement, shared by every module: in-app notifications, following an item, and the publication
 * outbox through which a module says "this item with a location is now public" (the alerts module
 * reads it and matches residents' places).
 */

export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What the notice is about, e.g. `proposal_answered`, `milestone`. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    href: text('href').notNull(),
    /** The same event never notifies the same person twice. */
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** The e-mail subject when the event is worth an e-mail; null: in-app only. */
    emailSubject: text('email_subject'),
    /** When it went by e-mail, alone or in a daily digest; null with a subject: still waiting. */
    emailedAt: timestamp('emailed_at', { withTimezone: true }),
    /** Title, body and subject as message keys with values, rendered in the reader's language; null: the Dutch text above only. */
    message: jsonb('message'),
  },
  (t) => [
    uniqueIndex('notifications_user_dedupe_unique').on(t.userId, t.dedupeKey),
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    index('notifications_email_waiting_idx')
      .on(t.userId, t.createdAt)
      .where(sql`${t.emailSubject} is not null and ${t.emailedAt} is null`),
  ],
)

/** How a person wants notifications by e-mail. No row: immediately, as when they signed up. */
export const NOTIFICATION_EMAIL = ['immediately', 'daily', 'off'] as const
export type NotificationEmail = (typeof NOTIFICATION_EMAIL)[number]

export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').$type<NotificationEmail>().notNull().default('immediately'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('notification_settings_email_check', sql`${t.email} in ('immediately', 'daily', 'off')`)],
)

/** A person follows an item of a module (`itemKind` as in participation_items.kind). */
export const follows = pgTable(
  'follows',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemKind: text('item_kind').notNull(),
    itemId: text('item_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'follows_pk', columns: [t.userId, t.itemKind, t.itemId] }),
    index('follows_item_idx').on(t.itemKind, t.itemId),
  ],
)

/**
 * The publication outbox: a module inserts a row in the same transaction that makes an item public.
 * `event` distinguishes e.g. `published` from `answered`; each (kind, item, event) is recorded once.
 */
export const publications = pgTable(
  'publications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemKind: text('item_kind').notNull(),
    itemId: text('item_id').notNull(),
    event: text('event').notNull().default('published'),
    title: text('title').notNull(),
    href: text('href').notNull(),
    /** Alert topic: building, traffic, green, events, consultations, budgets, proposals. */
    topic: text('topic').notNull(),
    /** Where it applies; null with empty areaCodes means the whole municipality. */
    geometry: anyGeometryColumn('geometry'),
    areaCodes: text('area_codes').array().notNull().default([]),
    /** Reaction or voting deadline, when there is one. */
    deadline: timestamp('deadline', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by the consumer (alerts) once every matching resident has been queued. */
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('publications_item_event_unique').on(t.itemKind, t.itemId, t.event),
    index('publications_unprocessed_idx').on(t.processedAt, t.id),
  ],
)

/**
 * Content a moderator has hidden (a proposal, comment, idea, reaction…), keyed by the module's content
 * kind and id. Modules show the public reason in place of hidden content; the moderation module writes it.
 */
export const hiddenContent = pgTable(
  'hidden_content',
  {
    contentKind: text('content_kind').notNull(),
    contentId: text('content_id').notNull(),
    /** Shown publicly: "Verborgen door de moderator: <reason>". */
    reason: text('reason').notNull(),
    hiddenBy: text('hidden_by').references(() => users.id, { onDelete: 'set null' }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }).notNull().defaultNow(),
    /** Hidden because its author was blocked: lifting that block shows it again (by reference, never by the reason's wording). */
    blockOf: text('block_of').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    primaryKey({ name: 'hidden_content_pk', columns: [t.contentKind, t.contentId] }),
    index('hidden_content_block_of_idx')
      .on(t.blockOf)
      .where(sql`${t.blockOf} is not null`),
  ],
)

export const notificationsRelations = relations(notifications, ({ one }) => ({
  user: one(users, { fields: [notifications.userId], references: [users.id] }),
}))

export type Notification = typeof notifications.$inferSelect
export type Follow = typeof follows.$inferSelect
export type Publication = typeof publications.$inferSelect
export type HiddenContent = typeof hiddenContent.$inferSelect
