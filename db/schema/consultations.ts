import { relations, sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { multiPolygonColumn } from './geo'
import { participationItems } from './participation'
import { users } from './users'

/*
 * Consultations and policy evaluations: a questionnaire with an area, eligibility and a lifecycle driven
 * by its dates. Registered in the participation core (declaration, report-back) through
 * participation_item_id. One response per person, enforced by a unique index, never shown with a name.
 */

export const consultationKind = pgEnum('consultation_kind', ['consultation', 'policy_evaluation'])
export const consultationStatus = pgEnum('consultation_status', ['draft', 'review', 'scheduled', 'open', 'closed', 'reported'])
export const consultationOwnerRole = pgEnum('consultation_owner_role', ['griffie', 'wijkteam', 'staff'])
export const consultationAreaScope = pgEnum('consultation_area_scope', ['city', 'wijken', 'buurten', 'drawn'])
export const consultationEligibility = pgEnum('consultation_eligibility', ['everyone', 'verified_area'])
export const consultationResults = pgEnum('consultation_results', ['live', 'after_close'])
export const questionKind = pgEnum('consultation_question_kind', ['single', 'multiple', 'scale', 'ranking', 'open', 'map_point'])

export const consultations = pgTable(
  'consultations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    title: text('title').notNull(),
    intro: text('intro').notNull().default(''),
    kind: consultationKind('kind').notNull().default('consultation'),
    /** For policy evaluations: the goals the policy set itself, each rated by residents. */
    goals: text('goals').array().notNull().default([]),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    ownerRole: consultationOwnerRole('owner_role').notNull(),
    areaScope: consultationAreaScope('area_scope').notNull().default('city'),
    /** Wijk or buurt codes (by areaScope); empty for the whole city. */
    areaCodes: text('area_codes').array().notNull().default([]),
    /** The wijken the area lies in: what a wijkteam moderator's permission is checked against. */
    wijkCodes: text('wijk_codes').array().notNull().default([]),
    /** areaScope `drawn`: the polygon the owner drew (checked like a drawn alert area), SRID 4326. */
    areaGeom: multiPolygonColumn('area_geom'),
    /** Names the owner marks: masked in open-text answers before they are shown publicly. */
    maskTerms: text('mask_terms').array().notNull().default([]),
    eligibility: consultationEligibility('eligibility').notNull().default('everyone'),
    minimumAge: integer('minimum_age'),
    status: consultationStatus('status').notNull().default('draft'),
    opensAt: timestamp('opens_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    results: consultationResults('results').notNull().default('after_close'),
    participationItemId: bigint('participation_item_id', { mode: 'number' }).references(() => participationItems.id, {
      onDelete: 'set null',
    }),
    /** Seeds and imports use it to stay idempotent. */
    seedKey: text('seed_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consultations_status_idx').on(t.status, t.closesAt),
    uniqueIndex('consultations_seed_key_unique').on(t.seedKey),
    index('consultations_search_idx').using('gin', sql`to_tsvector('dutch', ${t.title} || ' ' || ${t.intro})`),
  ],
)

export interface QuestionConfig {
  /** Choices of single, multiple and ranking questions. */
  options?: string[]
  minChoices?: number
  maxChoices?: number
  /** Scale 1–5: words at both ends. */
  lowLabel?: string
  highLabel?: string
  /** Scale: also offer "weet niet" (policy evaluations). */
  allowDontKnow?: boolean
  /** Open text: limits in characters. */
  minLength?: number
  maxLength?: number
}

export const consultationQuestions = pgTable(
  'consultation_questions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consultationId: bigint('consultation_id', { mode: 'number' })
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: questionKind('kind').notNull(),
    prompt: text('prompt').notNull(),
    help: text('help').notNull().default(''),
    required: boolean('required').notNull().default(false),
    config: jsonb('config').$type<QuestionConfig>().notNull().default({}),
  },
  (t) => [index('consultation_questions_consultation_idx').on(t.consultationId, t.position)],
)

/** One answer value per question id: string, string[], number, 'dont_know', or a point. */
export type AnswerValue = string | number | number[] | 'dont_know' | { lat: number; lon: number; via: 'map' | 'address' }

export const consultationResponses = pgTable(
  'consultation_responses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consultationId: bigint('consultation_id', { mode: 'number' })
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Record<string, AnswerValue>>().notNull(),
    /** Where the person lived when answering, for turnout per wijk; no address is kept. */
    wijkCode: text('wijk_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('consultation_responses_one_per_person').on(t.consultationId, t.userId)],
)

/**
 * One row per open-text answer, so a public answer has an id of its own (random: it reveals neither the
 * order of arrival nor which answers came from the same person) that can be flagged and hidden. The text
 * itself stays in the response; a changed text gets a new id and a fresh check. The owner may hide one
 * with a public reason; moderators hide through hidden_content (kind `consultation_answer`).
 */
export const consultationOpenAnswers = pgTable(
  'consultation_open_answers',
  {
    id: text('id').primaryKey(),
    consultationId: bigint('consultation_id', { mode: 'number' })
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    responseId: bigint('response_id', { mode: 'number' })
      .notNull()
      .references(() => consultationResponses.id, { onDelete: 'cascade' }),
    questionId: bigint('question_id', { mode: 'number' })
      .notNull()
      .references(() => consultationQuestions.id, { onDelete: 'cascade' }),
    textHash: text('text_hash').notNull(),
    hiddenReason: text('hidden_reason'),
    hiddenBy: text('hidden_by').references(() => users.id, { onDelete: 'set null' }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('consultation_open_answers_one_per_question').on(t.responseId, t.questionId),
    index('consultation_open_answers_consultation_idx').on(t.consultationId),
  ],
)

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
})

/** PDF documents, stored in the database: one backup, one transaction, the same on PGlite and PostgreSQL. */
export const consultationDocuments = pgTable(
  'consultation_documents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    consultationId: bigint('consultation_id', { mode: 'number' })
      .notNull()
      .references(() => consultations.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    filename: text('filename').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultation_documents_consultation_idx').on(t.consultationId)],
)

export const consultationsRelations = relations(consultations, ({ many, one }) => ({
  questions: many(consultationQuestions),
  responses: many(consultationResponses),
  documents: many(consultationDocuments),
  owner: one(users, { fields: [consultations.ownerId], references: [users.id] }),
}))

export const consultationQuestionsRelations = relations(consultationQuestions, ({ one }) => ({
  consultation: one(consultations, { fields: [consultationQuestions.consultationId], references: [consultations.id] }),
}))

export type Consultation = typeof consultations.$inferSelect
export type ConsultationQuestion = typeof consultationQuestions.$inferSelect
export type ConsultationResponse = typeof consultationResponses.$inferSelect
export type ConsultationStatus = (typeof consultationStatus.enumValues)[number]
export type QuestionKind = (typeof questionKind.enumValues)[number]
