import { z } from 'zod'
import { MUNICIPALITY_BOUNDS } from '~/modules/areas/bounds'
import { httpUrl } from '~/utils/links'

/** Browser-safe: limits, choices and the zod schemas shared by the forms and the actions. */

// Limits and choices live in choices.ts (no zod), so pages that only show proposals need not load it.
export * from './choices'
import { ANSWER_KINDS, LIMITS, SORTS, STATUSES, THEMES } from './choices'

/** An optional coordinate from a hidden field: empty is none; a value outside the bounds is explained. */
const coordinate = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce
      .number({ invalid_type_error: 'proposals.errors.outside' })
      .min(min, 'proposals.errors.outside')
      .max(max, 'proposals.errors.outside')
      .optional(),
  )

const optionalText = (max: number) => z.string().trim().max(max, 'errors.too_long').optional().default('')

export const proposalSchema = z
  .object({
    title: z
      .string({ required_error: 'proposals.errors.title_required' })
      .trim()
      .min(5, 'proposals.errors.title_required')
      .max(LIMITS.title, 'proposals.errors.title_too_long'),
    summary: z
      .string({ required_error: 'proposals.errors.summary_required' })
      .trim()
      .min(10, 'proposals.errors.summary_required')
      .max(LIMITS.summary, 'errors.too_long'),
    body: z
      .string({ required_error: 'proposals.errors.body_required' })
      .trim()
      .min(20, 'proposals.errors.body_required')
      .max(LIMITS.body, 'errors.too_long'),
    theme: z.enum(THEMES, { errorMap: () => ({ message: 'proposals.errors.theme_required' }) }),
    wijkCode: z
      .string()
      .trim()
      .regex(/^(WK\d{6})?$/, 'proposals.errors.wijk_invalid')
      .optional()
      .default(''),
    // Inside the municipality (with Haren and Ten Boer), generously: a point elsewhere is a slip of the hand.
    lat: coordinate(MUNICIPALITY_BOUNDS.minLat, MUNICIPALITY_BOUNDS.maxLat),
    lon: coordinate(MUNICIPALITY_BOUNDS.minLon, MUNICIPALITY_BOUNDS.maxLon),
    postcode: z
      .string()
      .trim()
      .transform((v) => v.replace(/\s+/g, '').toUpperCase())
      .pipe(z.string().regex(/^(\d{4}[A-Z]{2})?$/, 'errors.postcode_invalid'))
      .optional()
      .default(''),
    houseNumber: z
      .string()
      .trim()
      .regex(/^(\d{1,5})?$/, 'errors.house_number_invalid')
      .optional()
      .default(''),
    imageAlt: optionalText(LIMITS.imageAlt),
  })
  .refine((v) => !v.postcode === !v.houseNumber, { message: 'proposals.errors.address_incomplete', path: ['houseNumber'] })

export type ProposalInput = z.infer<typeof proposalSchema>

/** The form's fields for files kept between tries and for the stored documents (form.server.ts). */
export const PENDING_IMAGE_FIELD = 'pendingImage'
export const PENDING_DOCUMENT_FIELD = 'pendingDocument'
/** Check boxes "Verwijderen": at a kept document (its token), at a stored one (its id). */
export const DROP_PENDING_FIELD = 'dropPendingDocument'
export const REMOVE_DOCUMENT_FIELD = 'removeDocument'
export const documentTitleField = (id: number) => `documentTitle-${id}`

/** A valid document of a form that could not be saved yet, kept on the server under its token. */
export interface KeptDocument {
  token: string
  filename: string
  size: number
}

/** The files chosen in a form field (an empty field sends one nameless, empty file). */
function chosenFiles(value: unknown): { size: number }[] {
  const all = Array.isArray(value) ? value : [value]
  return all.filter((v): v is File => typeof v === 'object' && v !== null && 'size' in v && 'name' in v && (v.size > 0 || v.name !== ''))
}

/**
 * The form as a whole: the text fields, and — so the browser can say so before sending megabytes — the
 * number and size of the newly chosen documents. The server checks them again by their bytes, and
 * counts them with the documents already there (form.server.ts).
 */
export const proposalFormSchema = proposalSchema.and(
  z.object({
    documents: z
      .unknown()
      .transform(chosenFiles)
      .refine((files) => files.length <= LIMITS.documents, 'proposals.errors.documents_too_many')
      .refine((files) => files.every((f) => f.size <= LIMITS.documentBytes), 'proposals.errors.document_too_large'),
  }),
)

export const documentTitleSchema = z.string().trim().max(LIMITS.documentTitle, 'proposals.errors.document_title_too_long')

export const supportSchema = z.object({ intent: z.enum(['support', 'withdraw']) })

export const retireSchema = z.object({
  reason: z
    .string({ required_error: 'proposals.errors.reason_required' })
    .trim()
    .min(5, 'proposals.errors.reason_required')
    .max(LIMITS.retireReason, 'errors.too_long'),
})

export const commentSchema = z.object({
  body: z
    .string({ required_error: 'proposals.errors.comment_required' })
    .trim()
    .min(2, 'proposals.errors.comment_required')
    .max(LIMITS.comment, 'errors.too_long'),
  parentId: z.union([z.coerce.number().int().positive(), z.literal('')]).optional(),
})

export const answerSchema = z.object({
  kind: z.enum(ANSWER_KINDS, { errorMap: () => ({ message: 'proposals.errors.answer_kind_required' }) }),
  reasons: z
    .string({ required_error: 'proposals.errors.reasons_required' })
    .trim()
    .min(20, 'proposals.errors.reasons_required')
    .max(LIMITS.reasons, 'errors.too_long'),
  link: z.union([httpUrl('proposals.errors.link_invalid').pipe(z.string().max(LIMITS.link, 'errors.too_long')), z.literal('')]).optional(),
})

export const scopeSchema = z.object({
  scope: z.string().regex(/^(gemeente|wijk|WK\d{6})$/, 'proposals.errors.scope_invalid'),
  threshold: z.coerce
    .number({ invalid_type_error: 'errors.number_invalid' })
    .int('errors.number_invalid')
    .min(1, 'errors.number_invalid')
    .max(1_000_000, 'errors.number_invalid'),
  windowDays: z.coerce
    .number({ invalid_type_error: 'errors.number_invalid' })
    .int('errors.number_invalid')
    .min(1, 'errors.number_invalid')
    .max(730, 'errors.number_invalid'),
  minimumAge: z.coerce
    .number({ invalid_type_error: 'errors.number_invalid' })
    .int('errors.number_invalid')
    .min(0, 'errors.number_invalid')
    .max(120, 'errors.number_invalid'),
})

export const listQuerySchema = z.object({
  wijk: z
    .string()
    .regex(/^WK\d{6}$|^gemeente$/)
    .optional()
    .catch(undefined),
  theme: z.enum(THEMES).optional().catch(undefined),
  status: z.enum(STATUSES).optional().catch(undefined),
  sort: z.enum(SORTS).optional().catch(undefined),
  q: z.string().trim().max(LIMITS.search).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
})
export type ListQuery = z.infer<typeof listQuerySchema>

export function parseListQuery(params: URLSearchParams): ListQuery {
  const raw: Record<string, string> = {}
  for (const key of ['wijk', 'theme', 'status', 'sort', 'q', 'page']) {
    const v = params.get(key)
    if (v) raw[key] = v
  }
  return listQuerySchema.parse(raw)
}
