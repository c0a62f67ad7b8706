import { z } from 'zod'
import { insideMunicipality } from '~/modules/areas/bounds'
import type { MessageKey, Params } from '~/utils/i18n'
import { MASK_LIMITS, normaliseTerms } from './personal-data'

/** Browser-safe: the kinds, limits and zod schemas of consultations, their questions and the answers. */

export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'ranking', 'open', 'map_point'] as const
export type QuestionKindName = (typeof QUESTION_KINDS)[number]
export const STATUSES = ['draft', 'review', 'scheduled', 'open', 'closed', 'reported'] as const
export type Status = (typeof STATUSES)[number]
export const KINDS = ['consultation', 'policy_evaluation'] as const
export const OWNER_ROLES = ['griffie', 'wijkteam', 'staff'] as const
export const AREA_SCOPES = ['city', 'wijken', 'buurten', 'drawn'] as const

export const LIMITS = {
  title: 140,
  intro: 4000,
  prompt: 300,
  help: 500,
  option: 120,
  options: 12,
  questions: 40,
  goal: 200,
  goals: 10,
  areas: 40,
  openDefault: 2000,
  openMax: 5000,
  summary: 4000,
  decision: 2000,
  documentTitle: 140,
  documentBytes: 10 * 1024 * 1024,
  documents: 10,
  search: 100,
  /** GeoJSON text of a drawn area (2000 corners at most, as for alerts). */
  geometry: 100_000,
}

export interface QuestionConfigView {
  options?: string[]
  minChoices?: number
  maxChoices?: number
  lowLabel?: string
  highLabel?: string
  allowDontKnow?: boolean
  minLength?: number
  maxLength?: number
}

export interface QuestionView {
  id: number
  kind: QuestionKindName
  prompt: string
  help: string
  required: boolean
  config: QuestionConfigView
}

export type Point = { lat: number; lon: number; via: 'map' | 'address' }
export type Answer = number | number[] | string | 'dont_know' | Point

const trimmed = (max: number, tooLong: MessageKey = 'consultations.error.too_long') => z.string().trim().max(max, tooLong)
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)

const optionalDate = z.union([
  z.literal(''),
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/, 'consultations.error.datetime_invalid')
    .refine((d) => !Number.isNaN(Date.parse(d)), 'consultations.error.datetime_invalid'),
])

const asArray = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])

/** The consultation's own fields (owner's form). Areas come as repeated `areaCodes` from a list. */
export const detailsSchema = z
  .object({
    title: z
      .string({ required_error: 'consultations.error.title_required' })
      .trim()
      .min(5, 'consultations.error.title_required')
      .max(LIMITS.title, 'consultations.error.too_long'),
    intro: trimmed(LIMITS.intro).default(''),
    kind: z.enum(KINDS, { errorMap: () => ({ message: 'consultations.error.kind_required' }) }),
    goals: trimmed(LIMITS.goals * (LIMITS.goal + 2))
      .default('')
      .transform(lines)
      .refine((g) => g.length <= LIMITS.goals, 'consultations.error.too_many_goals')
      .refine((g) => g.every((l) => l.length <= LIMITS.goal), 'consultations.error.goal_too_long'),
    areaScope: z.enum(AREA_SCOPES, { errorMap: () => ({ message: 'consultations.error.scope_required' }) }),
    areaCodes: z.preprocess(
      asArray,
      z
        .array(z.string().regex(/^(WK|BU)\d{6,8}$/, 'consultations.error.area_invalid'))
        .max(LIMITS.areas, 'consultations.error.too_many_areas'),
    ),
    /** areaScope `drawn`: the polygon as GeoJSON text (from the map); checked on the server with PostGIS. */
    areaGeometry: z.string().max(LIMITS.geometry, 'alerts.error_too_many_points').default(''),
    eligibility: z.enum(['everyone', 'verified_area'], { errorMap: () => ({ message: 'consultations.error.eligibility_required' }) }),
    minimumAge: z.union([
      z.literal('').transform(() => null),
      z.coerce
        .number()
        .int('consultations.error.age_invalid')
        .min(12, 'consultations.error.age_invalid')
        .max(100, 'consultations.error.age_invalid'),
    ]),
    opensAt: optionalDate,
    closesAt: optionalDate,
    results: z.enum(['live', 'after_close'], { errorMap: () => ({ message: 'consultations.error.results_required' }) }),
  })
  .superRefine((v, ctx) => {
    if (v.areaScope === 'drawn' && !v.areaGeometry.trim())
      ctx.addIssue({ code: 'custom', path: ['areaGeometry'], message: 'consultations.error.area_draw_required' })
    if (v.areaScope !== 'city' && v.areaScope !== 'drawn' && v.areaCodes.length === 0)
      ctx.addIssue({ code: 'custom', path: ['areaCodes'], message: 'consultations.error.areas_required' })
    if (v.areaScope === 'wijken' && v.areaCodes.some((c) => !c.startsWith('WK')))
      ctx.addIssue({ code: 'custom', path: ['areaCodes'], message: 'consultations.error.area_invalid' })
    if (v.areaScope === 'buurten' && v.areaCodes.some((c) => !c.startsWith('BU')))
      ctx.addIssue({ code: 'custom', path: ['areaCodes'], message: 'consultations.error.area_invalid' })
    if (v.kind === 'policy_evaluation' && v.goals.length === 0)
      ctx.addIssue({ code: 'custom', path: ['goals'], message: 'consultations.error.goals_required' })
    if (v.opensAt && v.closesAt && Date.parse(v.closesAt) <= Date.parse(v.opensAt))
      ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'consultations.error.closes_before_opens' })
  })
export type DetailsInput = z.infer<typeof detailsSchema>

const smallInt = (min: number, max: number) =>
  z.union([
    z.literal('').transform(() => undefined),
    z.coerce
      .number()
      .int('consultations.error.number_invalid')
      .min(min, 'consultations.error.number_invalid')
      .max(max, 'consultations.error.number_invalid'),
  ])

/** The question builder: one question per form post. Options one per line. */
export const questionSchema = z
  .object({
    questionKind: z.enum(QUESTION_KINDS, { errorMap: () => ({ message: 'consultations.error.question_kind_required' }) }),
    prompt: z
      .string({ required_error: 'consultations.error.prompt_required' })
      .trim()
      .min(3, 'consultations.error.prompt_required')
      .max(LIMITS.prompt, 'consultations.error.too_long'),
    help: trimmed(LIMITS.help).default(''),
    required: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
    options: trimmed(LIMITS.options * (LIMITS.option + 2))
      .default('')
      .transform(lines),
    minChoices: smallInt(0, LIMITS.options).optional(),
    maxChoices: smallInt(1, LIMITS.options).optional(),
    lowLabel: trimmed(40).default(''),
    highLabel: trimmed(40).default(''),
    allowDontKnow: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
    maxLength: smallInt(10, LIMITS.openMax).optional(),
  })
  .superRefine((v, ctx) => {
    if (['single', 'multiple', 'ranking'].includes(v.questionKind)) {
      if (v.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'consultations.error.options_required' })
      if (v.options.length > LIMITS.options)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'consultations.error.too_many_options' })
      if (v.options.some((o) => o.length > LIMITS.option))
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'consultations.error.option_too_long' })
      if (new Set(v.options).size !== v.options.length)
        ctx.addIssue({ code: 'custom', path: ['options'], message: 'consultations.error.options_duplicate' })
    }
    if (v.questionKind === 'multiple') {
      const min = v.minChoices ?? 0
      const max = v.maxChoices ?? v.options.length
      if (min > max || max > Math.max(v.options.length, 1))
        ctx.addIssue({ code: 'custom', path: ['maxChoices'], message: 'consultations.error.min_max_invalid' })
    }
  })

export function toQuestionConfig(q: z.infer<typeof questionSchema>): { kind: QuestionKindName; config: QuestionConfigView } {
  switch (q.questionKind) {
    case 'single':
    case 'ranking':
      return { kind: q.questionKind, config: { options: q.options } }
    case 'multiple':
      return {
        kind: 'multiple',
        config: { options: q.options, minChoices: q.minChoices ?? 0, maxChoices: q.maxChoices ?? q.options.length },
      }
    case 'scale':
      return {
        kind: 'scale',
        config: { lowLabel: q.lowLabel || 'Helemaal niet', highLabel: q.highLabel || 'Helemaal wel', allowDontKnow: q.allowDontKnow },
      }
    case 'open':
      return { kind: 'open', config: { maxLength: q.maxLength ?? LIMITS.openDefault } }
    case 'map_point':
      return { kind: 'map_point', config: {} }
  }
}

/** The owner hides one open-text answer, with a reason that is shown in its place. */
export const hideAnswerSchema = z.object({
  answerId: z.string().regex(/^[\w-]{6,20}$/, 'errors.not_found'),
  reason: z
    .string({ required_error: 'consultations.error.hide_reason_required' })
    .trim()
    .min(5, 'consultations.error.hide_reason_required')
    .max(300, 'consultations.error.too_long'),
})

export const showAnswerSchema = z.object({ answerId: z.string().regex(/^[\w-]{6,20}$/, 'errors.not_found') })

/** Names the owner marks for masking: one per line. */
export const maskTermsSchema = z.object({
  terms: z
    .string()
    .default('')
    .transform((v) => v.split(/\r?\n/))
    .refine((lines) => lines.every((l) => l.trim().length <= MASK_LIMITS.termMax), 'consultations.error.term_too_long')
    .transform(normaliseTerms)
    .refine((terms) => terms.length <= MASK_LIMITS.terms, 'consultations.error.too_many_terms'),
})

export const reportBackSchema = z.object({
  summary: z
    .string({ required_error: 'consultations.error.summary_required' })
    .trim()
    .min(20, 'consultations.error.summary_required')
    .max(LIMITS.summary, 'consultations.error.too_long'),
  decision: z
    .string({ required_error: 'consultations.error.decision_required' })
    .trim()
    .min(5, 'consultations.error.decision_required')
    .max(LIMITS.decision, 'consultations.error.too_long'),
})

/** Field name of a question in the answer form. */
export const fieldOf = (q: { id: number }) => `q${q.id}`

const choiceIndex = (q: QuestionView) =>
  z.coerce
    .number({ invalid_type_error: 'consultations.error.choice_invalid' })
    .int('consultations.error.choice_invalid')
    .min(0, 'consultations.error.choice_invalid')
    .max((q.config.options?.length ?? 1) - 1, 'consultations.error.choice_invalid')

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.every((x) => x === ''))

/** An unanswered question is `undefined`, or the required-answer message; an answer goes through `schema`. */
function answeredWith(q: QuestionView, schema: z.ZodTypeAny) {
  return z.unknown().transform((v, ctx) => {
    if (empty(v)) {
      if (q.required) ctx.addIssue({ code: 'custom', message: 'consultations.error.answer_required' })
      return undefined
    }
    const parsed = schema.safeParse(v)
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]!.message })
      return z.NEVER
    }
    return parsed.data as Answer
  })
}

const singleAnswer = (q: QuestionView) =>
  z
    .union([
      z.string(),
      z
        .array(z.string())
        .length(1)
        .transform((a) => a[0]!),
    ])
    .pipe(choiceIndex(q))

function multipleAnswer(q: QuestionView) {
  const min = q.config.minChoices ?? 0
  const max = q.config.maxChoices ?? q.config.options?.length ?? 1
  return z
    .preprocess(asArray, z.array(choiceIndex(q)))
    .refine((a) => new Set(a).size === a.length, 'consultations.error.choice_invalid')
    .refine((a) => a.length >= min, 'consultations.error.too_few_choices')
    .refine((a) => a.length <= max, 'consultations.error.too_many_choices')
}

const scaleAnswer = (q: QuestionView) =>
  z.union([
    z.literal('dont_know').refine(() => !!q.config.allowDontKnow, 'consultations.error.scale_invalid'),
    z.coerce
      .number({ invalid_type_error: 'consultations.error.scale_invalid' })
      .int('consultations.error.scale_invalid')
      .min(1, 'consultations.error.scale_invalid')
      .max(5, 'consultations.error.scale_invalid'),
  ])

function rankingAnswer(q: QuestionView) {
  const n = q.config.options?.length ?? 0
  return z
    .preprocess(asArray, z.array(z.union([z.literal(''), choiceIndex(q)])))
    .refine((a) => a.length === n && a.every((x) => x !== ''), 'consultations.error.ranking_incomplete')
    .refine((a) => new Set(a).size === a.length, 'consultations.error.ranking_duplicate')
    .transform((a) => a as number[])
}

const openAnswer = (q: QuestionView) =>
  z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().max(q.config.maxLength ?? LIMITS.openDefault, 'consultations.error.open_too_long'))

/** A point on the map, or a postcode and house number (a PendingAddress, resolved on the server). */
function mapPointAnswer() {
  const point = z
    .object({ lat: z.coerce.number(), lon: z.coerce.number() })
    .refine((p) => insideMunicipality(p.lat, p.lon), 'consultations.error.point_outside')
    .transform((p) => ({ lat: p.lat, lon: p.lon, via: 'map' as const }))
  const address = z.object({
    postcode: z
      .string()
      .transform((s) => s.replace(/\s+/g, '').toUpperCase())
      .pipe(z.string().regex(/^\d{4}[A-Z]{2}$/, 'consultations.error.postcode_invalid')),
    houseNumber: z.coerce
      .number({ invalid_type_error: 'consultations.error.house_number_invalid' })
      .int('consultations.error.house_number_invalid')
      .min(1, 'consultations.error.house_number_invalid')
      .max(99999, 'consultations.error.house_number_invalid'),
    addition: z.string().max(10, 'consultations.error.too_long').default(''),
  })
  return z.unknown().transform((v, ctx) => {
    const r = (typeof v === 'object' && v !== null && 'lat' in v ? point : address).safeParse(v)
    if (r.success) return r.data
    ctx.addIssue({ code: 'custom', message: r.error.issues[0]!.message })
    return z.NEVER
  })
}

/**
 * The zod schema of one question's raw form input. `undefined` is the result for an unanswered optional
 * question; a required one says so. One part per question kind, all read through this one function so that
 * the browser and the server read every kind the same way.
 */
export function answerSchema(q: QuestionView): z.ZodType<Answer | undefined | PendingAddress, z.ZodTypeDef, unknown> {
  switch (q.kind) {
    case 'single':
      return answeredWith(q, singleAnswer(q))
    case 'multiple':
      return answeredWith(q, multipleAnswer(q))
    case 'scale':
      return answeredWith(q, scaleAnswer(q))
    case 'ranking':
      return answeredWith(q, rankingAnswer(q))
    case 'open':
      return answeredWith(q, openAnswer(q))
    case 'map_point':
      return answeredWith(q, mapPointAnswer())
  }
}

/** A map answer given as postcode and house number, resolved on the server through the address register. */
export interface PendingAddress {
  postcode: string
  houseNumber: number
  addition: string
}

export const isPendingAddress = (v: unknown): v is PendingAddress => typeof v === 'object' && v !== null && 'postcode' in v

/** The raw input of one question from the form: map questions have their own sub-fields. */
export function rawAnswer(q: QuestionView, form: Record<string, unknown>): unknown {
  const name = fieldOf(q)
  if (q.kind !== 'map_point') return form[name]
  const get = (k: string) => (typeof form[`${name}_${k}`] === 'string' ? (form[`${name}_${k}`] as string).trim() : '')
  if (get('lat') && get('lon')) return { lat: get('lat'), lon: get('lon') }
  if (get('postcode') || get('number')) return { postcode: get('postcode'), houseNumber: get('number'), addition: get('addition') }
  return undefined
}

export type AnswersResult =
  | { ok: true; answers: Record<string, Answer>; addresses: Record<string, PendingAddress> }
  | { ok: false; errors: Record<string, MessageKey>; params: Record<string, Params> }

/** Validates every question; each error sits at its own question, and nothing else is lost. */
export function validateAnswers(questions: QuestionView[], form: Record<string, unknown>): AnswersResult {
  const errors: Record<string, MessageKey> = {}
  const params: Record<string, Params> = {}
  const answers: Record<string, Answer> = {}
  const addresses: Record<string, PendingAddress> = {}
  for (const q of questions) {
    const parsed = answerSchema(q).safeParse(rawAnswer(q, form))
    if (!parsed.success) {
      errors[fieldOf(q)] = parsed.error.issues[0]!.message as MessageKey
      params[fieldOf(q)] = {
        min: q.config.minChoices ?? 0,
        max: q.kind === 'open' ? (q.config.maxLength ?? LIMITS.openDefault) : (q.config.maxChoices ?? 0),
      }
      continue
    }
    if (parsed.data === undefined) continue
    if (isPendingAddress(parsed.data)) addresses[String(q.id)] = parsed.data
    else answers[String(q.id)] = parsed.data
  }
  if (Object.keys(errors).length) return { ok: false, errors, params }
  return { ok: true, answers, addresses }
}

/** Everything typed in the answer form, repeated fields as arrays, to show it again after an error. */
export function formValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {}
  for (const key of new Set(formData.keys())) {
    if (!/^q\d+/.test(key)) continue
    const all = formData.getAll(key).filter((v): v is string => typeof v === 'string')
    values[key] = all.length === 1 && !key.endsWith('[]') ? all[0]! : all
  }
  return values
}

export function formObject(formData: FormData): Record<string, unknown> {
  const raw: Record<string, unknown> = {}
  for (const key of new Set(formData.keys())) {
    const all = formData.getAll(key)
    raw[key] = all.length > 1 ? all : all[0]
  }
  return raw
}

/** The answer as form values, to prefill the form with a stored response. */
export function answerToValues(q: QuestionView, a: Answer | undefined): Record<string, string | string[]> {
  const name = fieldOf(q)
  if (a === undefined) return {}
  if (q.kind === 'map_point' && typeof a === 'object' && !Array.isArray(a))
    return { [`${name}_lat`]: String(a.lat), [`${name}_lon`]: String(a.lon) }
  if (Array.isArray(a)) return { [name]: a.map(String) }
  return { [name]: String(a) }
}
