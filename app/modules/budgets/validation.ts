import { z } from 'zod'
import { legalNameField, personAtAddressSchema } from '~/auth/validation'
import { noteContradicts } from './declaration'
import { PHASES, TALLY_METHODS } from './rules'

export const LIMITS = {
  title: 120,
  description: 4000,
  ideaBody: 2000,
  reason: 500,
  milestone: 1000,
  photoBytes: 5 * 1024 * 1024,
  declarationNote: 300,
}

const text = (max: number, min = 0, required = 'errors.required') =>
  z
    .string({ required_error: required })
    .trim()
    .max(max, 'errors.too_long')
    .refine((s) => s.length >= min, required)

const optionalInt = (max: number) =>
  z
    .union([
      z.literal(''),
      z.coerce.number().int('errors.number_invalid').min(0, 'errors.number_invalid').max(max, 'errors.number_invalid'),
    ])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v))

const optionalDate = z
  .union([
    z.literal(''),
    z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date_invalid'),
  ])
  .optional()
  .transform((v) => v || null)

const phaseDates = Object.fromEntries(
  PHASES.flatMap((p) => [
    [`${p}Start`, optionalDate],
    [`${p}End`, optionalDate],
  ]),
) as Record<string, typeof optionalDate>

export const budgetSchema = z
  .object({
    title: text(LIMITS.title, 3),
    description: text(LIMITS.description)
      .optional()
      .transform((v) => v ?? ''),
    areaCode: z
      .string()
      .trim()
      .regex(/^((WK|BU)\d{6,8})?$/, 'budgets.error_area')
      .optional()
      .transform((v) => v || null),
    amount: z.coerce
      .number({ invalid_type_error: 'errors.number_invalid' })
      .int('errors.number_invalid')
      .min(1, 'errors.number_invalid')
      .max(1_000_000_000, 'errors.number_invalid'),
    voteRule: z.enum(['knapsack', 'approval', 'cumulative'], { errorMap: () => ({ message: 'errors.required' }) }),
    maxProjects: optionalInt(500),
    minProjects: optionalInt(500),
    points: optionalInt(1000),
    tallyMethod: z.enum(TALLY_METHODS, { errorMap: () => ({ message: 'errors.required' }) }),
    minScore: optionalInt(10_000_000),
    minimumAge: optionalInt(100),
    ballotsChangeable: z
      .string()
      .optional()
      .transform((v) => v === 'yes'),
    declarationNote: text(LIMITS.declarationNote)
      .optional()
      .transform((v) => v || null),
    ...phaseDates,
  })
  .refine((v) => !v.declarationNote || !noteContradicts(v.declarationNote, v.tallyMethod, v.minScore), {
    message: 'budgets.error_note_contradicts',
    path: ['declarationNote'],
  })
  .refine((v) => v.voteRule !== 'approval' || v.maxProjects !== null, { message: 'budgets.error_max_required', path: ['maxProjects'] })
  .refine((v) => v.minProjects === null || v.maxProjects === null || v.minProjects <= v.maxProjects, {
    message: 'budgets.error_min_max',
    path: ['minProjects'],
  })
  .refine((v) => v.voteRule !== 'cumulative' || (v.points ?? 0) > 0, { message: 'budgets.error_points_required', path: ['points'] })
  .refine((v) => v.tallyMethod !== 'greedy-threshold' || v.minScore !== null, {
    message: 'budgets.error_threshold_required',
    path: ['minScore'],
  })

export type BudgetForm = z.infer<typeof budgetSchema>

/** The budget form's values as the input of createBudget/updateBudget (one mapping for both pages). */
export function budgetInputFromForm(d: BudgetForm) {
  return {
    title: d.title,
    description: d.description,
    areaCode: d.areaCode,
    amount: d.amount,
    voteRule: d.voteRule,
    maxProjects: d.maxProjects,
    minProjects: d.minProjects,
    points: d.points,
    tallyMethod: d.tallyMethod,
    minScore: d.minScore,
    minimumAge: d.minimumAge,
    ballotsChangeable: d.ballotsChangeable,
    declarationNote: d.declarationNote,
    phases: phasesFromForm(d),
  }
}

export function phasesFromForm(form: Record<string, unknown>) {
  return Object.fromEntries(
    PHASES.map((p) => [p, { startsOn: (form[`${p}Start`] as string | null) ?? null, endsOn: (form[`${p}End`] as string | null) ?? null }]),
  )
}

export const ideaSchema = z.object({
  title: text(LIMITS.title, 3),
  body: text(LIMITS.ideaBody, 10),
  estimatedCost: optionalInt(1_000_000_000),
  lat: z
    .union([z.literal(''), z.coerce.number().min(53.0, 'budgets.error_location').max(53.4, 'budgets.error_location')])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
  lon: z
    .union([z.literal(''), z.coerce.number().min(6.3, 'budgets.error_location').max(6.9, 'budgets.error_location')])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
})

export const reviewSchema = z
  .object({
    ideaId: z.coerce.number().int().positive(),
    decision: z.enum(['feasible', 'unfeasible', 'merge'], { errorMap: () => ({ message: 'budgets.error_decision' }) }),
    cost: optionalInt(1_000_000_000),
    reason: text(LIMITS.reason),
    into: optionalInt(1e12),
  })
  .refine((v) => v.decision !== 'feasible' || (v.cost ?? 0) > 0, { message: 'budgets.error_cost_required', path: ['cost'] })
  .refine((v) => v.decision !== 'unfeasible' || v.reason.length >= 5, { message: 'budgets.error_reason_required', path: ['reason'] })
  .refine((v) => v.decision !== 'merge' || v.into !== null, { message: 'budgets.error_merge_target', path: ['into'] })

export const milestoneSchema = z.object({
  projectId: z.coerce.number({ invalid_type_error: 'budgets.error_not_selected' }).int().positive('budgets.error_not_selected'),
  on: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date_invalid'),
  progress: z.coerce
    .number({ invalid_type_error: 'budgets.error_progress' })
    .int('budgets.error_progress')
    .min(0, 'budgets.error_progress')
    .max(100, 'budgets.error_progress'),
  text: text(LIMITS.milestone, 5),
  photoAlt: text(200).optional(),
})

/** A paper ballot: who the person is (name as on the identity document, full birth date), where they live, and why. */
export const paperSchema = personAtAddressSchema.extend({ legalName: legalNameField, reason: text(LIMITS.reason, 3) })

export const receiptSchema = z.object({ receipt: text(20, 6) })
