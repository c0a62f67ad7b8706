import { relations, sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  bigserial,
  check,
  customType,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/pg-core'
import { pointColumn } from './geo'
import { users } from './users'

/*
 * Proposals (initiatieven): a resident proposes, verified residents support, and every proposal that
 * reaches its threshold within its window gets a public answer by a stated deadline.
 *
 *   draft → published → in_progress (threshold reached, answer deadline set) → answered
 *                     ↘ archived (window ended unmet)        published/draft → retired (author, with reason)
 */

export const proposalStatus = pgEnum('proposal_status', ['draft', 'published', 'in_progress', 'answered', 'archived', 'retired'])

export const proposalAnswerKind = pgEnum('proposal_answer_kind', [
  'adopted',
  'partly_adopted',
  'not_adopted',
  'already_planned',
  'forwarded_to_council',
])

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * Threshold and window per scope: `gemeente` (city-wide proposals), `wijk` (the default for every wijk)
 * or a wijk code that overrides the default. Staff change them at /beheer/initiatieven.
 */
export const proposalScopes = pgTable(
  'proposal_scopes',
  {
    scope: text('scope').primaryKey(),
    threshold: integer('threshold').notNull(),
    windowDays: integer('window_days').notNull(),
    minimumAge: integer('minimum_age').notNull().default(16),
    updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('proposal_scopes_threshold_positive', sql`${t.threshold} between 1 and 1000000`),
    check('proposal_scopes_window_positive', sql`${t.windowDays} between 1 and 730`),
    check('proposal_scopes_age_range', sql`${t.minimumAge} between 0 and 120`),
  ],
)

export const proposals = pgTable(
  'proposals',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: varchar('title', { length: 120 }).notNull(),
    summary: varchar('summary', { length: 500 }).notNull(),
    /** Markdown as typed; `bodyHtml` is its sanitised rendering, made when it is saved. */
    body: text('body').notNull(),
    bodyHtml: text('body_html').notNull(),
    theme: text('theme').notNull(),
    /** Null: city-wide. */
    wijkCode: text('wijk_code'),
    location: pointColumn('location'),
    /** How the location was given, e.g. "9711 AB 12" when found by postcode and house number. */
    locationLabel: text('location_label'),
    status: proposalStatus('status').notNull().default('draft'),
    /** Fixed when published, from the scope then in force. */
    threshold: integer('threshold'),
    minimumAge: integer('minimum_age'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }),
    /** Counted in the same transaction as each support, under a row lock on the proposal. */
    supportCount: integer('support_count').notNull().default(0),
    /**
     * The "hot" order: every support counts once, those of the last 30 days twice, of the last 7 days four
     * times. Kept with each support and withdrawal, and by the tick `proposals.hot` as supports age.
     */
    hotScore: integer('hot_score').notNull().default(0),
    thresholdReachedAt: timestamp('threshold_reached_at', { withTimezone: true }),
    answerDeadline: timestamp('answer_deadline', { withTimezone: true }),
    answerKind: proposalAnswerKind('answer_kind'),
    answerReasons: text('answer_reasons'),
    answerLink: text('answer_link'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: text('answered_by').references(() => users.id, { onDelete: 'set null' }),
    retiredReason: text('retired_reason'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    hasImage: boolean('has_image').notNull().default(false),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || setweight(to_tsvector('dutch', coalesce(summary, '')), 'B') || setweight(to_tsvector('dutch', coalesce(body, '')), 'C')`,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('proposals_status_published_idx').on(t.status, t.publishedAt),
    index('proposals_status_support_idx').on(t.status, t.supportCount),
    index('proposals_status_window_idx').on(t.status, t.windowEndsAt),
    // The list's orders across all public statuses: the page is read from the index, not sorted.
    index('proposals_newest_order_idx').on(t.publishedAt.desc().nullsLast(), t.id.desc()),
    index('proposals_supported_order_idx').on(t.supportCount.desc(), t.id.desc()),
    index('proposals_hot_order_idx').on(t.hotScore.desc(), t.id.desc()),
    index('proposals_closing_order_idx').on(sql`(${t.status} = 'published') desc`, t.windowEndsAt.asc().nullsLast(), t.id.desc()),
    index('proposals_wijk_idx').on(t.wijkCode),
    index('proposals_author_idx').on(t.authorId),
    index('proposals_search_gin').using('gin', t.search),
    index('proposals_location_gist').using('gist', t.location),
    check('proposals_support_count_nonnegative', sql`${t.supportCount} >= 0`),
    check('proposals_title_length', sql`char_length(${t.title}) between 1 and 120`),
    check('proposals_body_length', sql`char_length(${t.body}) <= 10000`),
  ],
)

/**
 * The resized image (WebP, at most 1600 px), kept in the database: it then shares the proposal's
 * transaction, backups and every app process (no shared disk needed, also on the embedded database).
 */
export const proposalImages = pgTable('proposal_images', {
  proposalId: bigint('proposal_id', { mode: 'number' })
    .primaryKey()
    .references(() => proposals.id, { onDelete: 'cascade' }),
  data: bytea('data').notNull(),
  contentType: text('content_type').notNull().default('image/webp'),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  alt: varchar('alt', { length: 200 }).notNull().default(''),
})

/**
 * Optional PDF documents (at most 3 of 5 MB, app/modules/proposals/validation.ts), checked by their
 * bytes and kept in the database like the image.
 */
export const proposalDocuments = pgTable(
  'proposal_documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    proposalId: bigint('proposal_id', { mode: 'number' })
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    title: varchar('title', { length: 120 }).notNull(),
    filename: varchar('filename', { length: 100 }).notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('proposal_documents_proposal_idx').on(t.proposalId), check('proposal_documents_size_positive', sql`${t.size} > 0`)],
)

/**
 * A valid file sent with a form that had another error: the image (already resized) or a document,
 * kept so the resident need not choose it again; the form echoes the token. Deleted when used, or by
 * the tick after a day.
 */
export const proposalPendingUploads = pgTable(
  'proposal_pending_uploads',
  {
    token: text('token').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['image', 'document'] }).notNull(),
    data: bytea('data').notNull(),
    /** Image only. */
    width: integer('width'),
    height: integer('height'),
    /** Document only. */
    filename: varchar('filename', { length: 100 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('proposal_pending_uploads_created_idx').on(t.createdAt),
    index('proposal_pending_uploads_user_idx').on(t.userId, t.createdAt),
    check('proposal_pending_uploads_kind', sql`${t.kind} in ('image', 'document')`),
  ],
)

/** One support per person per proposal; withdrawing deletes the row. */
export const proposalSupports = pgTable(
  'proposal_supports',
  {
    proposalId: bigint('proposal_id', { mode: 'number' })
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'proposal_supports_proposal_user_pk', columns: [t.proposalId, t.userId] }),
    index('proposal_supports_proposal_created_idx').on(t.proposalId, t.createdAt),
    index('proposal_supports_user_idx').on(t.userId),
    // For the tick that finds supports crossing the 7- and 30-day marks of the hot order.
    index('proposal_supports_created_idx').on(t.createdAt),
  ],
)

/** Two levels: a comment, or a reply to a top-level comment. */
export const proposalComments = pgTable(
  'proposal_comments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    proposalId: bigint('proposal_id', { mode: 'number' })
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    parentId: bigint('parent_id', { mode: 'number' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: varchar('body', { length: 2000 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [index('proposal_comments_proposal_idx').on(t.proposalId, t.createdAt), index('proposal_comments_parent_idx').on(t.parentId)],
)

/** "Nuttig": one per person per comment; the "best" sorting counts them. */
export const proposalCommentLikes = pgTable(
  'proposal_comment_likes',
  {
    commentId: bigint('comment_id', { mode: 'number' })
      .notNull()
      .references(() => proposalComments.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('proposal_comment_likes_unique').on(t.commentId, t.userId)],
)

export const proposalsRelations = relations(proposals, ({ one, many }) => ({
  author: one(users, { fields: [proposals.authorId], references: [users.id] }),
  supports: many(proposalSupports),
  comments: many(proposalComments),
  documents: many(proposalDocuments),
}))

export const proposalDocumentsRelations = relations(proposalDocuments, ({ one }) => ({
  proposal: one(proposals, { fields: [proposalDocuments.proposalId], references: [proposals.id] }),
}))

export type Proposal = typeof proposals.$inferSelect
export type ProposalStatus = (typeof proposalStatus.enumValues)[number]
export type ProposalAnswerKind = (typeof proposalAnswerKind.enumValues)[number]
export type ProposalScope = typeof proposalScopes.$inferSelect
export type ProposalComment = typeof proposalComments.$inferSelect
export type ProposalDocument = typeof proposalDocuments.$inferSelect
