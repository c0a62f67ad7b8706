import { z } from 'zod'

// Messages are translation keys (app/locales): the same schema checks in the browser and on the server.
export const LIMITS = {
  email: 254,
  password: { min: 10, max: 200 },
  displayName: 80,
  houseNumberAddition: 10,
  letterCode: 20,
}

const trimmed = (max: number, tooLong: string) => z.string({ required_error: 'errors.required' }).trim().max(max, tooLong)

export const emailField = trimmed(LIMITS.email, 'errors.email_too_long')
  .min(1, 'errors.email_required')
  .email('errors.email_invalid')
  .transform((e) => e.toLowerCase())

export const passwordField = z
  .string({ required_error: 'errors.password_required' })
  .min(1, 'errors.password_required')
  .max(LIMITS.password.max, 'errors.password_too_long')

/** New passwords: long enough, not one repeated character, not a well-known one. */
export const newPasswordField = passwordField
  .refine((p) => p.length >= LIMITS.password.min, 'errors.password_too_short')
  .refine((p) => new Set(p).size >= 4, 'errors.password_weak')
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), 'errors.password_weak')

// The most common passwords of Dutch leaks that satisfy the length rule; a full list is a later step.
const COMMON_PASSWORDS = new Set([
  'wachtwoord',
  'wachtwoord1',
  'wachtwoord123',
  'welkom123',
  'welkom1234',
  '1234567890',
  'qwertyuiop',
  'password123',
  'groningen1',
  'groningen123',
  'wachtwoord!',
  'abcdefghij',
  '0123456789',
])

export const signupSchema = z.object({
  displayName: trimmed(LIMITS.displayName, 'errors.name_too_long').min(2, 'errors.name_required'),
  email: emailField,
  password: newPasswordField,
  redirectTo: z.string().optional(),
})

export const loginSchema = z.object({
  email: emailField,
  password: passwordField,
  redirectTo: z.string().optional(),
})

export const forgotPasswordSchema = z.object({ email: emailField })

export const resetPasswordSchema = z.object({ password: newPasswordField })

export const changeEmailSchema = z.object({ email: emailField, password: passwordField })

const currentYear = () => new Date().getFullYear()

export const postcodeField = z
  .string({ required_error: 'errors.postcode_invalid' })
  .trim()
  .max(10, 'errors.postcode_invalid')
  .transform((p) => p.toUpperCase().replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[1-9][0-9]{3}[A-Z]{2}$/, 'errors.postcode_invalid'))

export const houseNumberField = z.coerce
  .number({ invalid_type_error: 'errors.house_number_invalid' })
  .int('errors.house_number_invalid')
  .min(1, 'errors.house_number_invalid')
  .max(99999, 'errors.house_number_invalid')

export const birthYearField = z.coerce
  .number({ invalid_type_error: 'errors.birth_year_invalid' })
  .int('errors.birth_year_invalid')
  .refine((y) => y >= currentYear() - 120 && y <= currentYear(), 'errors.birth_year_invalid')

export const addressSchema = z.object({
  postcode: postcodeField,
  houseNumber: houseNumberField,
  addition: trimmed(LIMITS.houseNumberAddition, 'errors.addition_too_long').default(''),
  birthYear: birthYearField,
})

export const letterCodeSchema = z.object({
  code: trimmed(LIMITS.letterCode, 'errors.code_invalid').min(1, 'errors.code_required'),
})
