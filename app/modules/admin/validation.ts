import { z } from 'zod'
import { addressSchema } from '~/auth/validation'

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

export const deskVerificationSchema = addressSchema.extend({ reason })
