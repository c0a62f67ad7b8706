import { z } from 'zod'

/** Browser-safe: the kinds, limits and zod schemas of promises, their status changes and indicators. */

export const SOURCE_KINDS = ['coalition_agreement', 'council_motion', 'toezegging', 'programme_budget'] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]
/** The sources the griffie records; the others are the college's (staff). */
export const COUNCIL_SOURCES: SourceKind[] = ['council_motion', 'toezegging']

export const STATUSES = ['not_started', 'on_track', 'behind', 'done', 'changed', 'dropped'] as const
export type PromiseStatusName = (typeof STATUSES)[number]
/** A promise in one of these needs no more updates. */
export const FINISHED: PromiseStatusName[] = ['done', 'dropped']

export const RHYTHMS = [1, 3, 6, 12] as const

export const LIMITS = {
  title: 160,
  body: 4000,
  document: 200,
  chapter: 200,
  url: 500,
  theme: 60,
  holder: 120,
  areas: 30,
  explanation: 2000,
  name: 140,
  definition: 1000,
  unit: 30,
  source: 200,
  search: 100,
  /** An indicator's CSV: a few hundred rows per wijk and period at most. */
  csvBytes: 100 * 1024,
  csvRows: 2000,
}

const text = (max: number, required?: string) => {
  const s = z
    .string({ required_error: required ?? 'promises.error.required' })
    .trim()
    .max(max, 'promises.error.too_long')
  return required ? s.min(1, required) : s
}
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'promises.error.too_long')
    .default('')
    .transform((v) => v || null)
const asArray = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])
const optionalNumber = z
  .string()
  .trim()
  .default('')
  .transform((v) => v.replace(',', '.'))
  .refine((v) => v === '' || Number.isFinite(Number(v)), 'promises.error.number_invalid')
  .transform((v) => (v === '' ? null : Number(v)))
const optionalDay = z
  .string()
  .trim()
  .default('')
  .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), 'promises.error.date_invalid')
  .transform((v) => v || null)

export const promiseSchema = z.object({
  title: text(LIMITS.title, 'promises.error.title_required').pipe(z.string().min(5, 'promises.error.title_required')),
  body: text(LIMITS.body, 'promises.error.body_required'),
  sourceKind: z.enum(SOURCE_KINDS, { errorMap: () => ({ message: 'promises.error.source_kind_required' }) }),
  sourceDocument: text(LIMITS.document, 'promises.error.document_required'),
  sourceChapter: optionalText(LIMITS.chapter),
  sourcePage: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || (/^\d{1,4}$/.test(v) && Number(v) > 0), 'promises.error.page_invalid')
    .transform((v) => (v === '' ? null : Number(v))),
  sourceUrl: optionalText(LIMITS.url).refine((v) => v === null || /^https?:\/\/\S+$/.test(v), 'promises.error.url_invalid'),
  theme: text(LIMITS.theme, 'promises.error.theme_required'),
  portfolioHolder: text(LIMITS.holder, 'promises.error.holder_required'),
  areaCodes: z.preprocess(
    asArray,
    z.array(z.string().regex(/^WK\d{6}$/, 'promises.error.area_invalid')).max(LIMITS.areas, 'promises.error.area_invalid'),
  ),
  dueOn: optionalDay,
  updateEveryMonths: z.coerce
    .number({ invalid_type_error: 'promises.error.rhythm_invalid' })
    .refine((n) => (RHYTHMS as readonly number[]).includes(n), 'promises.error.rhythm_invalid'),
})
export type PromiseInput = z.infer<typeof promiseSchema>

/** A status change or an update: the explanation is public and always required. */
export const updateSchema = z.object({
  status: z.enum(STATUSES, { errorMap: () => ({ message: 'promises.error.status_required' }) }),
  explanation: text(LIMITS.explanation, 'promises.error.explanation_required').pipe(
    z.string().min(10, 'promises.error.explanation_required'),
  ),
})
export type UpdateInput = z.infer<typeof updateSchema>

export const indicatorSchema = z.object({
  name: text(LIMITS.name, 'promises.error.name_required'),
  definition: text(LIMITS.definition, 'promises.error.definition_required'),
  unit: text(LIMITS.unit, 'promises.error.unit_required'),
  source: text(LIMITS.source, 'promises.error.source_required'),
  period: z.enum(['year', 'quarter'], { errorMap: () => ({ message: 'promises.error.period_required' }) }),
  baselineValue: optionalNumber,
  baselinePeriod: optionalText(20),
  targetValue: optionalNumber,
  targetOn: optionalDay,
})
export type IndicatorInput = z.infer<typeof indicatorSchema>

export const linkSchema = z.object({
  item: z
    .string({ required_error: 'promises.error.item_required' })
    .regex(/^[a-z_]{1,40}:[\w-]{1,60}$/, 'promises.error.item_required')
    .transform((v) => {
      const [kind, id] = v.split(':') as [string, string]
      return { kind, id }
    }),
})

/** A period as written in a CSV: 2025, or a quarter as 2025-Q3, 2025-K3 or 2025 Q3. */
export function parsePeriod(raw: string, kind: 'year' | 'quarter'): { period: string; start: string } | null {
  const s = raw.trim().toUpperCase()
  if (kind === 'year') {
    const m = /^(\d{4})$/.exec(s)
    return m ? { period: m[1]!, start: `${m[1]}-01-01` } : null
  }
  const m = /^(\d{4})[\s-]?[QK]([1-4])$/.exec(s)
  if (!m) return null
  const month = String((Number(m[2]) - 1) * 3 + 1).padStart(2, '0')
  return { period: `${m[1]}-Q${m[2]}`, start: `${m[1]}-${month}-01` }
}

/** A number as written in Dutch or English: 12,5 or 12.5. */
export function parseValue(raw: string): number | null {
  const s = raw.trim().replace(/\s/g, '')
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return null
  return Number(s.replace(',', '.'))
}
