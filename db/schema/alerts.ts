import { relations, sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  check,
  customType,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  boolean,
  jsonb,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { anyGeometryColumn } from './geo'
import { addresses } from './areas'
import { users } from './users'

/*
 * Geographic alerts: residents' places (private to their owner), the municipality's plan notices
 * (bekendmakingen), reactions with a dated receipt, and one delivery per resident per item.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })

export const alertPlaceKind = pgEnum('alert_place_kind', ['address', 'point', 'area', 'drawn'])
export const alertChannel = pgEnum('alert_channel', ['immediate', 'daily', 'weekly', 'in_app'])

/**
 * A place a resident wants to hear about. `geom` is what the resident chose (a point, or a polygon);
 * `matchGeom` is what matching intersects with: the point buffered by its radius (a little wider than
 * the radius, the exact distance is checked on geography afterwards), or the polygon itself. The GIST
 * index on `matchGeom` makes "which places does this item touch" an index lookup.
 */
export const alertPlaces = pgTable(
  'alert_places',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: alertPlaceKind('kind').notNull(),
    /** What the owner sees, e.g. "Martinikerkhof 3" or "Binnenstad-Noord". */
    label: text('label').notNull(),
    addressId: bigint('address_id', { mode: 'number' }).references(() => addresses.id, { onDelete: 'set null' }),
    areaCode: text('area_code'),
    geom: anyGeometryColumn('geom').notNull(),
    matchGeom: anyGeometryColumn('match_geom').notNull(),
    /** Metres, for address and point places only. */
    radiusM: integer('radius_m'),
    topics: text('topics').array().notNull(),
    channel: alertChannel('channel').notNull().default('immediate'),
    consentVersion: text('consent_version').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('alert_places_match_geom_gist').using('gist', t.matchGeom),
    index('alert_places_user_idx').on(t.userId),
    check(
      'alert_places_radius_check',
      sql`(${t.kind} in ('address', 'point') and ${t.radiusM} between 100 and 5000) or (${t.kind} in ('area', 'drawn') and ${t.radiusM} is null)`,
    ),
    check('alert_places_topics_check', sql`cardinality(${t.topics}) between 1 and 7`),
    check('alert_places_label_check', sql`char_length(${t.label}) <= 200`),
  ],
)

const rdGeometry = customType<{ data: string; driverData: string }>({ dataType: () => 'geometry(Geometry, 28992)' })

/**
 * What matching reads, and nothing more: one slim row per place, kept in step with `alert_places` by
 * statement triggers (see migration 0011). The geometry is in the Dutch national grid (RD New, EPSG:28992,
 * metres), so "within the radius" is a cheap planar `ST_DWithin` (the grid's scale error in Groningen is
 * about 0.02 %, 0.4 m on 2 km) instead of a distance on the spheroid; points stay points and the GIST
 * index is on their box expanded by the radius. Topics are a bitmask (`alert_topic_bit`). Rows of about
 * 100 bytes instead of the 1 kB of a place with its 33-vertex buffer: a match reads a few hundred pages.
 */
export const alertPlaceMatch = pgTable(
  'alert_place_match',
  {
    placeId: bigint('place_id', { mode: 'number' })
      .primaryKey()
      .references(() => alertPlaces.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull(),
    topics: integer('topics').notNull(),
    /** Metres; 0 for areas (the area itself must touch the item). */
    radiusM: integer('radius_m').notNull(),
    channel: alertChannel('channel').notNull(),
    label: text('label').notNull(),
    geom: rdGeometry('geom').notNull(),
  },
  (t) => [index('alert_place_match_reach_gist').using('gist', sql`ST_Expand(${t.geom}, ${t.radiusM}::float8)`)],
)

export const noticeKind = pgEnum('plan_notice_kind', [
  'permit_application',
  'draft_decision',
  'decision',
  'traffic_decision',
  'event_permit',
  'other',
])
export const noticeStatus = pgEnum('plan_notice_status', ['published', 'withdrawn'])

/** A plan notice (bekendmaking) with its location and the reaction deadline that follows from its kind. */
export const planNotices = pgTable(
  'plan_notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: noticeKind('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Where, in words (address or street). */
    locationLabel: text('location_label').notNull(),
    geom: anyGeometryColumn('geom').notNull(),
    topic: text('topic').notNull(),
    /** Case number of the municipality, optional; with it an import never adds a notice twice. */
    reference: text('reference'),
    /** The day the term starts from: received (application), made available (draft), published (decision). */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    publishedOn: date('published_on', { mode: 'string' }).notNull(),
    /** Last day to react, computed from the kind's legal term (see deadline.ts); null: no term. */
    reactionDeadline: date('reaction_deadline', { mode: 'string' }),
    status: noticeStatus('status').notNull().default('published'),
    /** Withdrawn by staff: when, why (shown publicly) and by whom. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnBy: text('withdrawn_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_notices_geom_gist').using('gist', t.geom),
    index('plan_notices_published_idx').on(t.publishedOn),
    uniqueIndex('plan_notices_reference_unique')
      .on(t.reference)
      .where(sql`${t.reference} is not null`),
    check('plan_notices_text_check', sql`char_length(${t.title}) <= 200 and char_length(${t.description}) <= 5000`),
    check(
      'plan_notices_withdrawn_check',
      sql`(${t.status} = 'withdrawn') = (${t.withdrawnAt} is not null and char_length(${t.withdrawnReason}) between 5 and 1000)`,
    ),
  ],
)

/** What a reaction is in law: a zienswijze on a draft (Awb 3:15), a bezwaar on a decision (6:5), or a comment. */
export const reactionKind = pgEnum('notice_reaction_kind', ['comment', 'zienswijze', 'bezwaar'])
/** Where the municipality is with a reaction; `inadmissible` (niet-ontvankelijk) always carries a reason. */
export const reactionStatus = pgEnum('notice_reaction_status', ['received', 'in_progress', 'answered', 'inadmissible'])

/** A resident's reaction (zienswijze, bezwaar or comment) with its dated receipt. */
export const noticeReactions = pgTable(
  'notice_reactions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    noticeId: bigint('notice_id', { mode: 'number' })
      .notNull()
      .references(() => planNotices.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    attachmentName: text('attachment_name'),
    attachmentType: text('attachment_type'),
    attachment: bytea('attachment'),
    /** Shown on the receipt, e.g. `STEM-2026-000012`. */
    receiptNumber: text('receipt_number').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    kind: reactionKind('kind').notNull().default('comment'),
    /** What the law asks of a zienswijze or bezwaar: the name and address of who sends it. */
    authorName: text('author_name'),
    authorAddress: text('author_address'),
    /** A bezwaar received after its term: accepted, and the municipality decides on admissibility. */
    late: boolean('late').notNull().default(false),
    status: reactionStatus('status').notNull().default('received'),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    /** The colleague handling it. */
    assignedTo: text('assigned_to').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('notice_reactions_receipt_unique').on(t.receiptNumber),
    index('notice_reactions_notice_idx').on(t.noticeId),
    index('notice_reactions_user_idx').on(t.userId),
    index('notice_reactions_status_idx').on(t.status, t.receivedAt),
    check('notice_reactions_body_check', sql`char_length(${t.body}) between 1 and 5000`),
    check('notice_reactions_status_reason_check', sql`${t.status} <> 'inadmissible' or char_length(${t.statusReason}) between 5 and 1000`),
  ],
)

/** Internal notes of staff on a reaction; never shown to the resident. */
export const noticeReactionNotes = pgTable(
  'notice_reaction_notes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reactionId: bigint('reaction_id', { mode: 'number' })
      .notNull()
      .references(() => noticeReactions.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notice_reaction_notes_reaction_idx').on(t.reactionId),
    check('notice_reaction_notes_body_check', sql`char_length(${t.body}) between 1 and 2000`),
  ],
)

/** One theme of the nota van beantwoording: the reactions on it, by receipt number only, and the answer. */
export interface NotaTheme {
  theme: string
  answer: string
  receipts: string[]
}

/**
 * The decision that follows a notice (the definitive decision after a draft, or the outcome of a bezwaar),
 * with its nota van beantwoording. Publishing it is the notice's report-back.
 */
export const noticeDecisions = pgTable(
  'notice_decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    noticeId: bigint('notice_id', { mode: 'number' })
      .notNull()
      .references(() => planNotices.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    documentName: text('document_name'),
    documentType: text('document_type'),
    document: bytea('document'),
    nota: jsonb('nota').$type<NotaTheme[]>().notNull().default([]),
    publishedBy: text('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notice_decisions_notice_unique').on(t.noticeId),
    check('notice_decisions_text_check', sql`char_length(${t.text}) between 10 and 20000`),
  ],
)

/**
 * The outbox of hand-overs to the municipality's case system: one row per reaction, written in the
 * reaction's transaction when a webhook is configured, delivered by a worker that claims rows with
 * FOR UPDATE SKIP LOCKED and a lease (as the mail outbox), retried with backoff. `eventId` is the
 * CloudEvents id: the same on every attempt, so the receiver can drop a repeat after a crash.
 */
export const caseHandoffs = pgTable(
  'case_handoffs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reactionId: bigint('reaction_id', { mode: 'number' })
      .notNull()
      .references(() => noticeReactions.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sendAfter: timestamp('send_after', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastStatus: integer('last_status'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('case_handoffs_reaction_unique').on(t.reactionId),
    uniqueIndex('case_handoffs_event_unique').on(t.eventId),
    index('case_handoffs_pending_idx')
      .on(t.sendAfter)
      .where(sql`${t.deliveredAt} is null`),
  ],
)

export const deliveryStatus = pgEnum('alert_delivery_status', ['pending', 'sent', 'skipped'])

/**
 * One alert per resident per item, whatever the number of matching places: the unique index is what
 * makes delivery exactly-once. `pending` rows are the outbox of the second stage (render and queue the
 * e-mail or notification; digests wait for their moment).
 */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemKind: text('item_kind').notNull(),
    itemId: text('item_id').notNull(),
    /**
     * No foreign key either: publications are an append-only outbox (never deleted), and a delivery is only
     * inserted by the statement that reads its publication, locked by the worker. A key would check the
     * same publication row once per delivery: about a fifth of the time of a 100,000-resident fan-out.
     */
    publicationId: bigint('publication_id', { mode: 'number' }).notNull(),
    /**
     * The place that matched. Deliberately no foreign key: a place goes when its owner withdraws consent,
     * and a key (with its "set null") would make every such delete search all deliveries and every fan-out
     * insert check every place; readers left-join and cope with a place that is gone.
     */
    placeId: bigint('place_id', { mode: 'number' }),
    /** Label of the place when matched, kept for the digest even if the place goes. */
    placeLabel: text('place_label').notNull(),
    distanceM: integer('distance_m').notNull(),
    channel: alertChannel('channel').notNull(),
    status: deliveryStatus('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('alert_deliveries_once_unique').on(t.userId, t.itemKind, t.itemId),
    index('alert_deliveries_pending_idx')
      .on(t.channel, t.id)
      .where(sql`${t.status} = 'pending'`),
  ],
)

export const alertPlacesRelations = relations(alertPlaces, ({ one }) => ({
  user: one(users, { fields: [alertPlaces.userId], references: [users.id] }),
}))

export type AlertPlace = typeof alertPlaces.$inferSelect
export type PlanNotice = typeof planNotices.$inferSelect
export type NoticeReaction = typeof noticeReactions.$inferSelect
export type NoticeDecision = typeof noticeDecisions.$inferSelect
export type ReactionStatus = (typeof reactionStatus.enumValues)[number]
export type ReactionKind = (typeof reactionKind.enumValues)[number]
export type AlertDelivery = typeof alertDeliveries.$inferSelect
