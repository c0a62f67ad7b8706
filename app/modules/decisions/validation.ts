import { z } from 'zod'

/** Browser-safe: the vocabulary and forms of the besluitenregister. Messages are translation keys. */

export const DECISION_LIMITS = {
  title: 300,
  summary: 2000,
  fullText: 100_000,
  subject: 200,
  note: 1000,
  importRows: 1000,
  importBytes: 4 * 1024 * 1024,
  geoJsonChars: 200_000,
  links: 20,
  pageSize: 20,
}

export const BODIES = ['raad', 'college', 'burgemeester'] as const
export type DecisionBodyName = (typeof BODIES)[number]
export const KINDS = ['decision', 'motion', 'amendment', 'mandate', 'secrecy_prolongation'] as const
export type DecisionKindName = (typeof KINDS)[number]
/** Kinds staff may choose; a prolongation is only made through the prolong form. */
export const CHOOSABLE_KINDS = ['decision', 'motion', 'amendment', 'mandate'] as const

/** Themes, each with the alert topic residents choose on /mijn/plekken (alerts decision 0106). */
export const THEME_TOPICS = {
  verkeer: 'traffic',
  wonen: 'building',
  ruimte: 'building',
  groen: 'green',
  evenementen: 'events',
  cultuur: 'events',
  financien: 'budgets',
  zorg: 'consultations',
  onderwijs: 'consultations',
  economie: 'consultations',
  veiligheid: 'consultations',
  bestuur: 'consultations',
} as const
export type Theme = keyof typeof THEME_TOPICS
export const THEMES = Object.keys(THEME_TOPICS) as Theme[]

/**
 * The legal grounds for secrecy, a fixed list: the exceptions of the Woo (art. 5.1 and 5.2) and the
 * articles of the Gemeentewet by which the raad, the college, the burgemeester or a committee impose it.
 * The label (decisions.ground.<code>) names the article.
 */
export const SECRECY_GROUNDS = [
  'woo_5_1_1_c',
  'woo_5_1_1_d',
  'woo_5_1_2_b',
  'woo_5_1_2_c',
  'woo_5_1_2_d',
  'woo_5_1_2_e',
  'woo_5_1_2_f',
  'woo_5_1_2_h',
  'woo_5_1_2_i',
  'woo_5_2',
  'gemw_25',
  'gemw_55',
  'gemw_67',
  'gemw_86',
] as const
export type SecrecyGround = (typeof SECRECY_GROUNDS)[number]
export const UNTIL_KINDS = ['ends', 'review'] as const

function realDay(d: string): boolean {
  const t = Date.parse(`${d}T12:00:00Z`)
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d
}

const isoDate = z
  .string({ required_error: 'errors.date_invalid' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date_invalid')
  // A real day: 2026-02-30 parses in JavaScript (as 2 March) but not in PostgreSQL.
  .refine((d) => realDay(d), 'errors.date_invalid')
const optionalText = (max: number) => z.string().trim().max(max, 'errors.too_long').optional().default('')
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .union([z.literal(''), z.enum(values)], { errorMap: () => ({ message }) })
    .optional()
    .default('')

/** `consultation:12, proposal:3` — Stem items by kind and id, as in participation_items. */
export function parseLinks(text: string): { kind: string; itemId: string }[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter(Boolean)
  const links: { kind: string; itemId: string }[] = []
  for (const part of parts) {
    const m = /^([a-z][a-z_]{1,39}):([A-Za-z0-9-]{1,40})$/.exec(part)
    if (!m) return null
    if (!links.some((l) => l.kind === m[1] && l.itemId === m[2])) links.push({ kind: m[1]!, itemId: m[2]! })
  }
  return links.length > DECISION_LIMITS.links ? null : links
}

const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (/^-?\d{1,3}(\.\d{1,10})?$/.test(v) && Number(v) >= min && Number(v) <= max), 'decisions.error_point')

export const decisionSchema = z
  .object({
    body: z.enum(BODIES, { errorMap: () => ({ message: 'decisions.error_body' }) }),
    kind: z.enum(CHOOSABLE_KINDS, { errorMap: () => ({ message: 'decisions.error_kind' }) }),
    decidedOn: isoDate,
    title: z
      .string({ required_error: 'decisions.error_title' })
      .trim()
      .min(3, 'decisions.error_title')
      .max(DECISION_LIMITS.title, 'errors.too_long'),
    summary: z
      .string({ required_error: 'decisions.error_summary' })
      .trim()
      .min(10, 'decisions.error_summary')
      .max(DECISION_LIMITS.summary, 'errors.too_long'),
    fullText: optionalText(DECISION_LIMITS.fullText),
    documentUrl: z
      .string()
      .trim()
      .max(500, 'errors.too_long')
      .refine((v) => v === '' || /^https?:\/\/[^\s]+$/.test(v), 'decisions.error_url')
      .optional()
      .default(''),
    theme: optionalEnum(THEMES as unknown as [Theme, ...Theme[]], 'decisions.error_theme'),
    areaCode: z
      .string()
      .trim()
      .refine((v) => v === '' || /^(WK|BU)\d{6,8}$/.test(v), 'decisions.error_area')
      .optional()
      .default(''),
    locationLabel: optionalText(200),
    lat: coordinate(53.05, 53.45).optional().default(''),
    lon: coordinate(6.35, 6.95).optional().default(''),
    geojson: z.string().max(DECISION_LIMITS.geoJsonChars, 'errors.too_long').optional().default(''),
    links: z
      .string()
      .max(1000, 'errors.too_long')
      .refine((v) => parseLinks(v) !== null, 'decisions.error_links')
      .optional()
      .default(''),
    reportBackId: z
      .string()
      .trim()
      .refine((v) => v === '' || /^[1-9]\d{0,12}$/.test(v), 'decisions.error_report_back')
      .optional()
      .default(''),
    reference: optionalText(120),
    secret: z.enum(['', 'yes']).optional().default(''),
    generalSubject: optionalText(DECISION_LIMITS.subject),
    ground: optionalEnum(SECRECY_GROUNDS, 'decisions.error_ground'),
    secretUntil: z.string().trim().optional().default(''),
    secretUntilTime: z
      .string()
      .trim()
      .refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(v), 'decisions.error_time')
      .optional()
      .default(''),
    secretUntilKind: z
      .enum(UNTIL_KINDS, { errorMap: () => ({ message: 'decisions.error_until_kind' }) })
      .optional()
      .default('ends'),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message })
    if ((v.lat === '') !== (v.lon === '')) issue('lat', 'decisions.error_point')
    if (v.secret === 'yes') {
      if (v.generalSubject.length < 5) issue('generalSubject', 'decisions.error_subject')
      if (!v.ground) issue('ground', 'decisions.error_ground')
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.secretUntil) || !realDay(v.secretUntil)) issue('secretUntil', 'errors.date_invalid')
    }
  })

export type DecisionInput = z.infer<typeof decisionSchema>

/** A new decision prolonging the secrecy of another: its own date, body, ground and new end date, shown publicly. */
export const prolongSchema = z.object({
  body: z.enum(BODIES, { errorMap: () => ({ message: 'decisions.error_body' }) }),
  decidedOn: isoDate,
  ground: z.enum(SECRECY_GROUNDS, { errorMap: () => ({ message: 'decisions.error_ground' }) }),
  secretUntil: isoDate,
  secretUntilKind: z.enum(UNTIL_KINDS, { errorMap: () => ({ message: 'decisions.error_until_kind' }) }),
  note: z
    .string({ required_error: 'decisions.error_note' })
    .trim()
    .min(10, 'decisions.error_note')
    .max(DECISION_LIMITS.note, 'errors.too_long'),
})

export type ProlongInput = z.infer<typeof prolongSchema>

/** The search form (GET): every field optional; anything unknown is ignored rather than refused. */
export function searchFilters(params: URLSearchParams) {
  const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && realDay(v) ? v : '')
  const body = params.get('orgaan') ?? params.get('body') ?? ''
  const theme = params.get('thema') ?? params.get('theme') ?? ''
  const wijk = params.get('wijk') ?? ''
  const page = Number(params.get('pagina') ?? params.get('page') ?? 1)
  return {
    q: (params.get('q') ?? '').trim().slice(0, 200),
    body: (BODIES as readonly string[]).includes(body) ? (body as DecisionBodyName) : ('' as const),
    theme: (THEMES as string[]).includes(theme) ? (theme as Theme) : ('' as const),
    wijk: /^WK\d{6,8}$/.test(wijk) ? wijk : '',
    from: day(params.get('van') ?? params.get('from')),
    to: day(params.get('tot') ?? params.get('to')),
    page: Number.isInteger(page) && page >= 1 && page <= 1000 ? page : 1,
  }
}

export type SearchFilters = ReturnType<typeof searchFilters>
