import { z } from 'zod'
import { GEOMETRY_LIMITS, MUNICIPALITY_BOUNDS } from '~/modules/areas/bounds'
import { postcodeField } from '~/auth/validation'
import { NOTICE_KINDS, TOPICS } from './deadline'

/** Browser-safe: the forms of the alerts module. Messages are translation keys. */

export const ALERT_LIMITS = {
  radius: { min: 100, max: 5000 },
  /** Largest drawn area or notice polygon, in square kilometres (the core's geometry check). */
  maxAreaKm2: GEOMETRY_LIMITS.maxAreaKm2,
  maxVertices: GEOMETRY_LIMITS.maxVertices,
  geoJsonChars: 200_000,
  title: 200,
  description: 5000,
  location: 200,
  reaction: 5000,
  attachmentBytes: 5 * 1024 * 1024,
  placesPerPerson: 20,
  importRows: 1000,
  importBytes: 2 * 1024 * 1024,
  withdrawReason: { min: 5, max: 1000 },
  authorName: 200,
  authorAddress: 300,
  note: 2000,
  decisionText: 20000,
  notaThemes: 6,
}

/** The consent text shown at the checkbox; its version is stored with every place. */
export const CONSENT_VERSION = 'plekken-2026-1'

export const CHANNELS = ['immediate', 'daily', 'weekly', 'in_app'] as const
export const PLACE_MODES = ['address', 'area', 'point', 'drawn'] as const

const toArray = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v])
const optionalText = (max: number) => z.string().trim().max(max, 'errors.too_long').optional().default('')

const isoDate = z
  .string({ required_error: 'errors.date_invalid' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date_invalid')
  .refine((d) => !Number.isNaN(Date.parse(d)), 'errors.date_invalid')

const coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .max(20, 'alerts.error_point')
    .refine((v) => v === '' || Number.isFinite(Number(v)), 'alerts.error_point')
    .refine((v) => v === '' || (Number(v) >= min && Number(v) <= max), 'alerts.error_outside')

export const placeSchema = z
  .object({
    mode: z.enum(PLACE_MODES, { errorMap: () => ({ message: 'alerts.error_mode' }) }),
    postcode: z.string().trim().max(10, 'errors.postcode_invalid').optional().default(''),
    houseNumber: z.string().trim().max(6, 'errors.house_number_invalid').optional().default(''),
    addition: optionalText(10),
    areaCode: z.string().trim().max(20).optional().default(''),
    lat: coordinate(MUNICIPALITY_BOUNDS.minLat, MUNICIPALITY_BOUNDS.maxLat).optional().default(''),
    lon: coordinate(MUNICIPALITY_BOUNDS.minLon, MUNICIPALITY_BOUNDS.maxLon).optional().default(''),
    geojson: z.string().max(ALERT_LIMITS.geoJsonChars, 'alerts.error_geojson_too_long').optional().default(''),
    radius: z.string().trim().optional().default('500'),
    topics: z.preprocess(
      toArray,
      z.array(z.enum(TOPICS, { errorMap: () => ({ message: 'alerts.error_topics' }) })).min(1, 'alerts.error_topics'),
    ),
    channel: z.enum(CHANNELS, { errorMap: () => ({ message: 'alerts.error_channel' }) }),
    consent: z.literal('yes', { errorMap: () => ({ message: 'alerts.error_consent' }) }),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message })
    if (v.mode === 'address') {
      if (!postcodeField.safeParse(v.postcode).success) issue('postcode', 'errors.postcode_invalid')
      if (!/^[1-9]\d{0,4}$/.test(v.houseNumber)) issue('houseNumber', 'errors.house_number_invalid')
    }
    if (v.mode === 'area' && !/^(WK|BU)\d{6,8}$/.test(v.areaCode)) issue('areaCode', 'alerts.error_area_code')
    if (v.mode === 'point' && (v.lat === '' || v.lon === '')) issue('lat', 'alerts.error_point')
    if (v.mode === 'drawn' && !v.geojson.trim()) issue('geojson', 'alerts.error_geojson')
    if (v.mode === 'address' || v.mode === 'point') {
      const r = Number(v.radius)
      if (!/^\d{1,5}$/.test(v.radius) || r < ALERT_LIMITS.radius.min || r > ALERT_LIMITS.radius.max) issue('radius', 'alerts.error_radius')
    }
  })

export type PlaceInput = z.infer<typeof placeSchema>

export const LOCATION_MODES = ['address', 'point', 'geojson'] as const

export const noticeSchema = z
  .object({
    kind: z.enum(NOTICE_KINDS, { errorMap: () => ({ message: 'alerts.error_kind' }) }),
    title: z.string({ required_error: 'errors.required' }).trim().min(5, 'alerts.error_title').max(ALERT_LIMITS.title, 'errors.too_long'),
    description: z
      .string({ required_error: 'errors.required' })
      .trim()
      .min(10, 'alerts.error_description')
      .max(ALERT_LIMITS.description, 'errors.too_long'),
    locationLabel: optionalText(ALERT_LIMITS.location),
    locationMode: z.enum(LOCATION_MODES, { errorMap: () => ({ message: 'alerts.error_mode' }) }),
    postcode: z.string().trim().max(10, 'errors.postcode_invalid').optional().default(''),
    houseNumber: z.string().trim().max(6, 'errors.house_number_invalid').optional().default(''),
    addition: optionalText(10),
    lat: coordinate(MUNICIPALITY_BOUNDS.minLat, MUNICIPALITY_BOUNDS.maxLat).optional().default(''),
    lon: coordinate(MUNICIPALITY_BOUNDS.minLon, MUNICIPALITY_BOUNDS.maxLon).optional().default(''),
    geojson: z.string().max(ALERT_LIMITS.geoJsonChars, 'alerts.error_geojson_too_long').optional().default(''),
    startsOn: isoDate,
    reference: optionalText(60),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message })
    if (v.locationMode === 'address') {
      if (!postcodeField.safeParse(v.postcode).success) issue('postcode', 'errors.postcode_invalid')
      if (!/^[1-9]\d{0,4}$/.test(v.houseNumber)) issue('houseNumber', 'errors.house_number_invalid')
    }
    if (v.locationMode === 'point' && (v.lat === '' || v.lon === '')) issue('lat', 'alerts.error_point')
    if (v.locationMode === 'geojson' && !v.geojson.trim()) issue('geojson', 'alerts.error_geojson')
  })

export type NoticeInput = z.infer<typeof noticeSchema>

export const reactionSchema = z.object({
  body: z
    .string({ required_error: 'alerts.error_reaction' })
    .trim()
    .min(10, 'alerts.error_reaction')
    .max(ALERT_LIMITS.reaction, 'alerts.error_reaction_too_long'),
})

/** What a reaction on a notice is in law, from the notice's kind. */
export type FormalKind = 'comment' | 'zienswijze' | 'bezwaar'

/**
 * A zienswijze (Awb 3:15) or bezwaarschrift (Awb 6:5) must name who sends it, their address and the
 * grounds; the decision it is about is the notice itself. Each missing part is named at its field.
 */
export function formalReactionSchema(kind: Exclude<FormalKind, 'comment'>) {
  const grounds = kind === 'zienswijze' ? 'alerts.error_grounds_zienswijze' : 'alerts.error_grounds_bezwaar'
  return z.object({
    authorName: z
      .string({ required_error: 'alerts.error_author_name' })
      .trim()
      .min(2, 'alerts.error_author_name')
      .max(ALERT_LIMITS.authorName, 'errors.too_long'),
    authorAddress: z
      .string({ required_error: 'alerts.error_author_address' })
      .trim()
      .min(6, 'alerts.error_author_address')
      .max(ALERT_LIMITS.authorAddress, 'errors.too_long'),
    body: z.string({ required_error: grounds }).trim().min(10, grounds).max(ALERT_LIMITS.reaction, 'alerts.error_reaction_too_long'),
  })
}

export function reactionSchemaFor(kind: FormalKind) {
  return kind === 'comment' ? reactionSchema : formalReactionSchema(kind)
}

export const REACTION_STATUSES = ['received', 'in_progress', 'answered', 'inadmissible'] as const

/** Staff set the status of a reaction; niet-ontvankelijk needs a reason the resident reads. */
export const reactionStatusSchema = z
  .object({
    status: z.enum(REACTION_STATUSES, { errorMap: () => ({ message: 'alerts.error_reaction_status' }) }),
    reason: z.string().trim().max(ALERT_LIMITS.withdrawReason.max, 'errors.too_long').optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'inadmissible' && v.reason.length < ALERT_LIMITS.withdrawReason.min)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['reason'], message: 'alerts.error_inadmissible_reason' })
  })

export const reactionNoteSchema = z.object({
  note: z.string({ required_error: 'alerts.error_note' }).trim().min(2, 'alerts.error_note').max(ALERT_LIMITS.note, 'errors.too_long'),
})

export const reactionAssignSchema = z.object({
  assignee: z.string().trim().max(100).optional().default(''),
})

/**
 * The decision on a notice with its nota van beantwoording: up to ten themes, each with the receipt
 * numbers of the reactions on it (never names) and the answer.
 */
export const decisionSchema = z
  .object({
    text: z
      .string({ required_error: 'alerts.error_decision_text' })
      .trim()
      .min(10, 'alerts.error_decision_text')
      .max(ALERT_LIMITS.decisionText, 'errors.too_long'),
    ...(Object.fromEntries(
      Array.from({ length: ALERT_LIMITS.notaThemes }, (_, i) => [
        [`theme${i}`, z.string().trim().max(200, 'errors.too_long').optional().default('')],
        [`receipts${i}`, z.string().trim().max(2000, 'errors.too_long').optional().default('')],
        [`answer${i}`, z.string().trim().max(5000, 'errors.too_long').optional().default('')],
      ]).flat(),
    ) as Record<string, z.ZodDefault<z.ZodOptional<z.ZodString>>>),
  })
  .superRefine((v, ctx) => {
    const values = v as Record<string, string>
    for (let i = 0; i < ALERT_LIMITS.notaThemes; i++) {
      const [theme, receipts, answer] = [values[`theme${i}`], values[`receipts${i}`], values[`answer${i}`]]
      if (!theme && !receipts && !answer) continue
      if (!theme) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [`theme${i}`], message: 'alerts.error_nota_theme' })
      if (!answer) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [`answer${i}`], message: 'alerts.error_nota_answer' })
      if (receipts && !/^\s*STEM-\d{4}-\d{6}(\s*[,;\s]\s*STEM-\d{4}-\d{6})*\s*$/i.test(receipts))
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [`receipts${i}`], message: 'alerts.error_nota_receipts' })
    }
  })

/** The themes filled in on the decision form. */
export function notaThemesOf(values: Record<string, string>) {
  const themes: { theme: string; answer: string; receipts: string[] }[] = []
  for (let i = 0; i < ALERT_LIMITS.notaThemes; i++) {
    const theme = values[`theme${i}`] ?? ''
    if (!theme) continue
    const receipts = (values[`receipts${i}`] ?? '').toUpperCase().match(/STEM-\d{4}-\d{6}/g) ?? []
    themes.push({ theme, answer: values[`answer${i}`] ?? '', receipts: [...new Set(receipts)] })
  }
  return themes
}

/** Plans near an address or a point: no account needed. */
export const nearbySchema = z
  .object({
    postcode: z.string().trim().max(10, 'errors.postcode_invalid').optional().default(''),
    huisnummer: z.string().trim().max(6, 'errors.house_number_invalid').optional().default(''),
    lat: coordinate(53.05, 53.45).optional().default(''),
    lon: coordinate(6.35, 6.95).optional().default(''),
    afstand: z.enum(['250', '500', '1000', '2000'], { errorMap: () => ({ message: 'alerts.error_radius' }) }).default('500'),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message })
    if (v.lat || v.lon) {
      if (!v.lat || !v.lon) issue('lat', 'alerts.error_point')
      return
    }
    if (!postcodeField.safeParse(v.postcode).success) issue('postcode', 'errors.postcode_invalid')
    if (!/^[1-9]\d{0,4}$/.test(v.huisnummer)) issue('huisnummer', 'errors.house_number_invalid')
  })

/** Staff withdraw a notice: the reason is shown publicly on the notice. */
export const withdrawSchema = z.object({
  reason: z
    .string({ required_error: 'alerts.error_withdraw_reason' })
    .trim()
    .min(ALERT_LIMITS.withdrawReason.min, 'alerts.error_withdraw_reason')
    .max(ALERT_LIMITS.withdrawReason.max, 'alerts.error_withdraw_reason'),
})
