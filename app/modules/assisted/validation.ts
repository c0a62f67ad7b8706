import { z } from 'zod'
import { emailField, legalNameField, LIMITS, newPasswordField, personAtAddressSchema } from '~/auth/validation'
import { IDENTITY_DOCUMENTS } from '~/auth/identity-documents'
import { CHANNELS } from '~/auth/acting'

export { CHANNEL_NAMES, CHANNELS, type Channel } from '~/auth/acting'

const channel = z.enum(CHANNELS, { errorMap: () => ({ message: 'assisted.errors.channel_required' }) })
const consent = z
  .any()
  .refine((v) => v === 'on' || v === 'true' || v === true, 'assisted.errors.consent_required')
  .transform((): boolean => true)

export const searchSchema = personAtAddressSchema

export const codeSearchSchema = z.object({
  claimCode: z
    .string({ required_error: 'errors.code_required' })
    .trim()
    .min(1, 'errors.code_required')
    .max(LIMITS.letterCode, 'errors.code_invalid'),
})

export const registerSchema = personAtAddressSchema.extend({
  legalName: legalNameField,
  identityDocument: z.enum(IDENTITY_DOCUMENTS, { errorMap: () => ({ message: 'assisted.errors.document_required' }) }),
  displayName: z
    .string({ required_error: 'errors.name_required' })
    .trim()
    .min(2, 'errors.name_required')
    .max(LIMITS.displayName, 'errors.name_too_long'),
  phone: z
    .string()
    .trim()
    .max(30, 'contact.errors.phone_invalid')
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      z
        .string()
        .regex(/^\+?[0-9 ()-]{6,30}$/, 'contact.errors.phone_invalid')
        .optional(),
    ),
  email: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(emailField.optional()),
  channel,
  consent,
})

export const startSchema = z.object({ residentId: z.string().min(1).max(100), channel, consent })

export const claimSchema = z.object({
  code: z
    .string({ required_error: 'errors.code_required' })
    .trim()
    .min(1, 'errors.code_required')
    .max(LIMITS.letterCode, 'errors.code_invalid'),
  email: emailField,
  password: newPasswordField,
})

export const auditFilterSchema = z.object({
  actor: z.string().trim().max(100).optional(),
  subject: z.string().trim().max(100).optional(),
  action: z.string().trim().max(60).optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .or(z.literal('')),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .or(z.literal('')),
  page: z.coerce.number().int().min(1).max(1000).default(1),
})
