import { z } from 'zod'
import { IDENTITY_DOCUMENTS } from '~/auth/identity-documents'
import { personSchema } from '~/auth/validation'

export const ROLES = ['helper', 'moderator', 'griffie', 'staff', 'admin'] as const

const reason = z
  .string({ required_error: 'errors.reason_required' })
  .trim()
  .min(3, 'errors.reason_required')
  .max(500, 'errors.reason_too_long')

export const roleChangeSchema = z
  .object({
    role: z.enum(ROLES, { errorMap: () => ({ message: 'errors.role_invalid' }) }),
    scope: z.string().trim().max(20).default(''),
    reason,
  })
  .refine((v) => v.role !== 'moderator' || /^WK\d{6}$/.test(v.scope), { message: 'errors.scope_required', path: ['scope'] })
  .transform((v) => ({ ...v, scope: v.role === 'moderator' ? v.scope : '' }))

/** A person verified at the desk; without an identity document (''), a second staff member confirms it. */
export const deskVerificationSchema = personSchema.extend({
  reason,
  identityDocument: z
    .union([z.enum(IDENTITY_DOCUMENTS), z.literal('')], { errorMap: () => ({ message: 'errors.document_invalid' }) })
    .default('')
    .transform((d) => (d === '' ? null : d)),
})

export const confirmVerificationSchema = z.object({ verificationId: z.coerce.number().int().positive() })
