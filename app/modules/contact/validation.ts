import { z } from 'zod'

export const CONTACT_LIMITS = { name: 80, message: 2000, phone: 30, email: 254, fromPath: 300, note: 2000 }

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v ? v : undefined))

/** The personal-contact form: what it is about, and at least one way to reach the person. */
export const contactRequestSchema = z
  .object({
    name: z
      .string({ required_error: 'contact.errors.name_required' })
      .trim()
      .min(2, 'contact.errors.name_required')
      .max(CONTACT_LIMITS.name, 'errors.name_too_long'),
    message: z
      .string({ required_error: 'contact.errors.message_required' })
      .trim()
      .min(5, 'contact.errors.message_required')
      .max(CONTACT_LIMITS.message, 'contact.errors.message_too_long'),
    phone: optionalText(CONTACT_LIMITS.phone, 'contact.errors.phone_invalid').pipe(
      z
        .string()
        .regex(/^\+?[0-9 ()-]{6,30}$/, 'contact.errors.phone_invalid')
        .optional(),
    ),
    email: optionalText(CONTACT_LIMITS.email, 'errors.email_too_long').pipe(z.string().email('errors.email_invalid').optional()),
    visitDesk: z.any().transform((v: unknown) => v === 'on' || v === 'true' || v === true),
    van: z.string().max(CONTACT_LIMITS.fromPath).optional(),
  })
  .refine((v) => v.phone || v.email || v.visitDesk, { message: 'contact.errors.no_way', path: ['phone'] })

export const CONTACT_STATUSES = ['new', 'picked_up', 'answered', 'closed'] as const
export type ContactStatus = (typeof CONTACT_STATUSES)[number]

export const CONTACT_STEPS = ['pick_up', 'answer', 'close'] as const

export const contactStepSchema = z.object({
  id: z.coerce.number().int().positive(),
  step: z.enum(CONTACT_STEPS, { errorMap: () => ({ message: 'errors.required' }) }),
  note: z.string().trim().max(CONTACT_LIMITS.note, 'errors.too_long').optional(),
})
