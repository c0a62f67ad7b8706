import { relations, sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  check,
  customType,
  date,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { anyGeometryColumn } from './geo'
import { reportBacks } from './participation'
import { users } from './users'

/*
 * The besluitenregister (decision 0112): every decision of the raad, the college and the burgemeester,
 * searchable when public; listed with its legal ground and end date when secret. The content of a secret
 * decision lives in `decision_secrets`, never in `decisions`, so the search index (a generated column of
 * `decisions`) cannot hold it before the clock releases it.
 */

export const decisionBody = pgEnum('decision_body', ['raad', 'college', 'burgemeester'])
/** `mandate`: taken by an official in the name of the college or burgemeester (mandaatbesluit). */
export const decisionKind = pgEnum('decision_kind', ['decision', 'motion', 'amendment', 'mandate', 'secrecy_prolongation'])
export const decisionStatus = pgEnum('decision_status', ['public', 'secret'])
export const decisionEventKind = pgEnum('decision_event_kind', ['recorded', 'imported', 'secrecy_imposed', 'secrecy_prolonged', 'released'])

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/**
 * A decision. While `status = 'secret'` the row holds only what the law lets the public see: the date, the
 * body, the subject in general terms (`title`), the ground and the end (or review) date — the rest waits in
 * `decision_secrets`. `search` is computed from the public columns only.
 */
export const decisions = pgTable(
  'decisions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The municipality's or Open Raadsinformatie's identifier; with it an import never adds a decision twice. */
    reference: text('reference'),
    body: decisionBody('body').notNull(),
    kind: decisionKind('kind').notNull().default('decision'),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    status: decisionStatus('status').notNull().default('public'),
    /** Public title; for a secret decision the subject in general terms. */
    title: text('title').notNull(),
    /** Plain-Dutch summary (null while secret). */
    summary: text('summary'),
    fullText: text('full_text'),
    documentUrl: text('document_url'),
    theme: text('theme'),
    /** A wijk or buurt code; null with no geometry: the whole municipality. */
    areaCode: text('area_code'),
    locationLabel: text('location_label'),
    geom: anyGeometryColumn('geom'),
    /** The report-back (terugkoppeling) of a participation item this decision answers. */
    answersReportBackId: bigint('answers_report_back_id', { mode: 'number' }).references(() => reportBacks.id, {
      onDelete: 'set null',
    }),
    /** Secret decisions: the legal ground (validation.ts SECRECY_GROUNDS) and until when. */
    secretGround: text('secret_ground'),
    secretUntil: timestamp('secret_until', { withTimezone: true }),
    /** `ends`: the secrecy ends then; `review`: it is reviewed then (and released unless prolonged). */
    secretUntilKind: text('secret_until_kind'),
    /** The general subject shown while it was secret, kept after release for the history. */
    generalSubject: text('general_subject'),
    /** A secrecy_prolongation decision names the decision it prolongs. */
    prolongsDecisionId: bigint('prolongs_decision_id', { mode: 'number' }),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    search: tsvector('search').generatedAlwaysAs(
      sql`setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || setweight(to_tsvector('dutch', coalesce(summary, '')), 'B') || setweight(to_tsvector('dutch', coalesce(full_text, '')), 'C')`,
    ),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('decisions_reference_unique')
      .on(t.reference)
      .where(sql`${t.reference} is not null`),
    index('decisions_search_gin').using('gin', t.search),
    index('decisions_decided_idx').on(t.decidedOn, t.id),
    index('decisions_secret_until_idx')
      .on(t.secretUntil)
      .where(sql`${t.status} = 'secret'`),
    index('decisions_geom_gist').using('gist', t.geom),
    check('decisions_title_check', sql`char_length(${t.title}) between 3 and 300`),
    check(
      'decisions_secret_check',
      // A released decision keeps its ground and date (the history shows them); a secret one holds no content.
      sql`${t.status} = 'public' or (${t.secretGround} is not null and ${t.secretUntil} is not null and ${t.summary} is null and ${t.fullText} is null and ${t.documentUrl} is null and ${t.geom} is null)`,
    ),
    check('decisions_until_kind_check', sql`${t.secretUntilKind} is null or ${t.secretUntilKind} in ('ends', 'review')`),
  ],
)

/**
 * The content of a secret decision until its release: read only by staff pages and by the release tick,
 * which moves it into `decisions` and deletes the row in one transaction.
 */
export const decisionSecrets = pgTable('decision_secrets', {
  decisionId: bigint('decision_id', { mode: 'number' })
    .primaryKey()
    .references(() => decisions.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  summary: text('summary'),
  fullText: text('full_text'),
  documentUrl: text('document_url'),
  theme: text('theme'),
  areaCode: text('area_code'),
  locationLabel: text('location_label'),
  geom: anyGeometryColumn('geom'),
  /** Stem items that fed it, linked at release: [{ kind, itemId }]. */
  links: jsonb('links').$type<{ kind: string; itemId: string }[]>().notNull().default([]),
})

/**
 * The Stem items that fed a decision, by kind and id as in `participation_items` (consultation, proposal,
 * budget, plan_notice, promise, …): a new kind of item needs no change here.
 */
export const decisionLinks = pgTable(
  'decision_links',
  {
    decisionId: bigint('decision_id', { mode: 'number' })
      .notNull()
      .references(() => decisions.id, { onDelete: 'cascade' }),
    itemKind: text('item_kind').notNull(),
    itemId: text('item_id').notNull(),
  },
  (t) => [
    primaryKey({ name: 'decision_links_pk', columns: [t.decisionId, t.itemKind, t.itemId] }),
    index('decision_links_item_idx').on(t.itemKind, t.itemId),
  ],
)

/** The public history of a decision: recorded, secrecy imposed, prolonged (by which decision), released. */
export const decisionEvents = pgTable(
  'decision_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    decisionId: bigint('decision_id', { mode: 'number' })
      .notNull()
      .references(() => decisions.id, { onDelete: 'cascade' }),
    kind: decisionEventKind('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    ground: text('ground'),
    until: timestamp('until', { withTimezone: true }),
    relatedDecisionId: bigint('related_decision_id', { mode: 'number' }).references(() => decisions.id, { onDelete: 'set null' }),
    /** Public text; never the secret content. */
    note: text('note'),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('decision_events_decision_idx').on(t.decisionId, t.at)],
)

export const decisionsRelations = relations(decisions, ({ many, one }) => ({
  links: many(decisionLinks),
  events: many(decisionEvents),
  secret: one(decisionSecrets, { fields: [decisions.id], references: [decisionSecrets.decisionId] }),
}))

export const decisionLinksRelations = relations(decisionLinks, ({ one }) => ({
  decision: one(decisions, { fields: [decisionLinks.decisionId], references: [decisions.id] }),
}))

export const decisionEventsRelations = relations(decisionEvents, ({ one }) => ({
  decision: one(decisions, { fields: [decisionEvents.decisionId], references: [decisions.id] }),
}))

export type DecisionRow = typeof decisions.$inferSelect
export type DecisionSecret = typeof decisionSecrets.$inferSelect
export type DecisionEvent = typeof decisionEvents.$inferSelect
