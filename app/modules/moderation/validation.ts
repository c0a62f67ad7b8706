import { z } from 'zod'

export const FLAG_REASONS = ['spam', 'offensive', 'personal_data', 'off_topic', 'other'] as const
export type FlagReasonName = (typeof FLAG_REASONS)[number]
export const MODERATION_LIMITS = { text: 500, reason: 500, objection: 2000, items: 100 }

const contentRef = {
  kind: z.string().trim().min(1, 'errors.not_found').max(60, 'errors.not_found'),
  id: z.string().trim().min(1, 'errors.not_found').max(100, 'errors.not_found'),
}

export const flagSchema = z
  .object({
    ...contentRef,
    reason: z.enum(FLAG_REASONS, { errorMap: () => ({ message: 'moderation.errors.reason_required' }) }),
    text: z.string().trim().max(MODERATION_LIMITS.text, 'moderation.errors.text_too_long').optional(),
    terug: z.string().max(300).optional(),
  })
  .refine((v) => v.reason !== 'other' || (v.text && v.text.length >= 3), { message: 'moderation.errors.text_required', path: ['text'] })

const decisionReason = z
  .string({ required_error: 'moderation.errors.decision_reason_required' })
  .trim()
  .min(3, 'moderation.errors.decision_reason_required')
  .max(MODERATION_LIMITS.reason, 'errors.reason_too_long')

const itemList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.string().regex(/^[a-z0-9_]{1,60}:.{1,100}$/, 'moderation.errors.choose_items'))
    .min(1, 'moderation.errors.choose_items')
    .max(MODERATION_LIMITS.items, 'moderation.errors.too_many_items'),
)

/** One submit for every checked item of the queue. */
export const bulkSchema = z
  .object({
    intent: z.enum(['hide', 'restore', 'dismiss'], { errorMap: () => ({ message: 'moderation.errors.choose_action' }) }),
    item: itemList,
    category: z.enum(FLAG_REASONS).optional(),
    reason: decisionReason,
  })
  .refine((v) => v.intent !== 'hide' || !!v.category, { message: 'moderation.errors.category_required', path: ['category'] })

export const blockSchema = z.object({
  intent: z.literal('block'),
  userId: z.string().trim().min(1, 'errors.not_found').max(100, 'errors.not_found'),
  reason: decisionReason,
})

export const unblockSchema = z.object({
  intent: z.literal('unblock'),
  userId: z.string().trim().min(1, 'errors.not_found').max(100, 'errors.not_found'),
  reason: decisionReason,
})

export const objectionSchema = z.object({
  ...contentRef,
  text: z
    .string({ required_error: 'moderation.errors.objection_required' })
    .trim()
    .min(10, 'moderation.errors.objection_required')
    .max(MODERATION_LIMITS.objection, 'moderation.errors.objection_too_long'),
})

export function parseItemRef(ref: string): { kind: string; id: string } {
  const at = ref.indexOf(':')
  return { kind: ref.slice(0, at), id: ref.slice(at + 1) }
}
